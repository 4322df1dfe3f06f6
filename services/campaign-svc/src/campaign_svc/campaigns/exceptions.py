import uuid
from datetime import datetime

from servicekit.errors import Conflict, IllegalTransition, NotFound


class CampaignNotFound(NotFound):
    """No campaign with the given `campaign_id` in the caller's workspace."""

    def __init__(self, campaign_id: uuid.UUID) -> None:
        super().__init__(f"No campaign {campaign_id} in this workspace.")


class IllegalCampaignTransition(IllegalTransition):
    """The campaign's status (as read, with the clock applied) does not allow that move;
    `current_status` and `allowed` say where it is and where it may go."""

    thing = "campaign"


class CampaignNotRunning(Conflict):
    """The campaign is not running now (draft, scheduled, paused or ended: `campaign_status`
    says which); its coupons are claimed and redeemed, and its referral codes accepted, only
    while it runs."""

    def __init__(self, name: str, status: str, starts_at: datetime, ends_at: datetime) -> None:
        super().__init__(
            f"Campaign {name!r} is {status} (window {starts_at.isoformat()} to "
            f"{ends_at.isoformat()}); coupons are issued and redeemed only while it is running.",
            campaign_status=status,
        )


class CampaignWindowClosed(Conflict):
    """The campaign's window has ended, so it cannot be scheduled or resumed; extend `ends_at`
    first."""

    def __init__(self, ends_at: datetime) -> None:
        super().__init__(
            f"The campaign's window ended at {ends_at.isoformat()}; extend ends_at first "
            "to schedule or resume it."
        )
