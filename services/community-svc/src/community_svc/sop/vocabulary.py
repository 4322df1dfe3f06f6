"""The words of SOP steps and runs, declared once: the API schemas, the CHECK constraint, the
queries and the tasks a step becomes take them from here."""

from enum import StrEnum

from community_svc.members.vocabulary import MemberRole


class StepAnchor(StrEnum):
    """The day a step's `offset_days` count from."""

    GROUP_CREATED = "group_created"
    MEMBER_JOINED = "member_joined"
    CAMPAIGN_START = "campaign_start"
    CUSTOM = "custom"


class StepAction(StrEnum):
    MESSAGE = "message"
    CONTENT = "content"
    LIVE = "live"
    ACTIVITY = "activity"
    COUPON = "coupon"
    SURVEY = "survey"
    DATA_REVIEW = "data_review"


class OwnerRole(StrEnum):
    """Who does a step: the group's leader or assistants, or its current members with the
    role."""

    # Each word is a MemberRole: the group's current members holding it take the step (for
    # leader and assistant, only when the group names none).
    LEADER = MemberRole.LEADER
    ASSISTANT = MemberRole.ASSISTANT
    SEED = MemberRole.SEED
    KOL = MemberRole.KOL


class RunStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    STOPPED = "stopped"
    CANCELLED = "cancelled"


# Runs that still date member-anchored steps (active) or may again (paused).
LIVE_RUN_STATUSES = (RunStatus.ACTIVE, RunStatus.PAUSED)


class RunAction(StrEnum):
    """What an operator can do to a run (``POST /v1/sop-runs/{id}/<action>``)."""

    PAUSE = "pause"
    RESUME = "resume"
    STOP = "stop"
