from campaign_svc.referrals.vocabulary import ReferralRefusal
from servicekit.errors import Conflict, NotFound, Unprocessable


class ReferralCodeNotFound(NotFound):
    """No referral code `code` in the caller's workspace."""

    def __init__(self, code: str) -> None:
        super().__init__(f"No referral code {code!r} in this workspace.")


class SelfReferral(Unprocessable):
    """The invitee is the code's own participant (`reason: self`)."""

    def __init__(self) -> None:
        super().__init__(
            "A participant cannot accept their own referral code.", reason=ReferralRefusal.SELF
        )


class AlreadyReferred(Conflict):
    """The invitee already joined the campaign through another referrer; an invitee has one
    referrer (`reason: already_referred`)."""

    def __init__(self, invitee_id: str, referrer_id: str) -> None:
        super().__init__(
            f"{invitee_id!r} already joined this campaign through {referrer_id!r}; an invitee "
            "has one referrer.",
            reason=ReferralRefusal.ALREADY_REFERRED,
        )


class AlreadyParticipant(Conflict):
    """The invitee is a seed of the campaign, sharing a referral code of their own, and
    cannot be invited (`reason: already_participant`)."""

    def __init__(self, invitee_id: str) -> None:
        super().__init__(
            f"{invitee_id!r} already takes part in this campaign with a referral code of their "
            "own and cannot be invited.",
            reason=ReferralRefusal.ALREADY_PARTICIPANT,
        )


class CodeAllocationFailed(Conflict):
    """No unique referral code could be drawn; try again."""

    def __init__(self) -> None:
        super().__init__("Could not allocate a unique referral code; try again.")
