"""The words of a membership, declared once: the API schemas, the CHECK constraint and the
queries take them from here."""

from enum import StrEnum


class MemberRole(StrEnum):
    MEMBER = "member"
    SEED = "seed"
    KOL = "kol"
    ASSISTANT = "assistant"
    LEADER = "leader"


class MembershipStatus(StrEnum):
    """Which memberships a list shows: current ones, past ones (left), or every stay."""

    CURRENT = "current"
    LEFT = "left"
    ALL = "all"


class MemberJobKind(StrEnum):
    """The jobs of members (``servicekit.jobs``): a job's ``kind`` on the wire."""

    # A CSV file of members imported into a group, a chunk of rows at a time.
    IMPORT_MEMBERS = "import_members"
