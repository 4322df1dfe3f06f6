from campaign_svc.referrals.vocabulary import ReferralRefusal
from servicekit.errors import Conflict, NotFound, Unprocessable


class ReferralCodeNotFound(NotFound):
    def __init__(self, code: str) -> None:
        super().__init__(f"No referral code {code!r} in this workspace.")


class SelfReferral(Unprocessable):
    def __init__(self) -> None:
        super().__init__(
            "A participant cannot accept their own referral code.", reason=ReferralRefusal.SELF
        )


class AlreadyReferred(Conflict):
    def __init__(self, invitee_id: str, referrer_id: str) -> None:
        super().__init__(
            f"{invitee_id!r} already joined this campaign through {referrer_id!r}; an invitee "
            "has one referrer.",
            reason=ReferralRefusal.ALREADY_REFERRED,
        )


class AlreadyParticipant(Conflict):
    def __init__(self, invitee_id: str) -> None:
        super().__init__(
            f"{invitee_id!r} already takes part in this campaign with a referral code of their "
            "own and cannot be invited.",
            reason=ReferralRefusal.ALREADY_PARTICIPANT,
        )


class CodeAllocationFailed(Conflict):
    def __init__(self) -> None:
        super().__init__("Could not allocate a unique referral code; try again.")
