import uuid
from datetime import datetime

from servicekit.errors import Conflict, IllegalTransition, NotFound


class CampaignNotFound(NotFound):
    def __init__(self, campaign_id: uuid.UUID) -> None:
        super().__init__(f"No campaign {campaign_id} in this workspace.")


class IllegalCampaignTransition(IllegalTransition):
    thing = "campaign"


class CampaignNotRunning(Conflict):
    def __init__(self, name: str, status: str, starts_at: datetime, ends_at: datetime) -> None:
        super().__init__(
            f"Campaign {name!r} is {status} (window {starts_at.isoformat()} to "
            f"{ends_at.isoformat()}); coupons are issued and redeemed only while it is running.",
            campaign_status=status,
        )


class CampaignWindowClosed(Conflict):
    def __init__(self, ends_at: datetime) -> None:
        super().__init__(
            f"The campaign's window ended at {ends_at.isoformat()}; extend ends_at first "
            "to schedule or resume it."
        )
