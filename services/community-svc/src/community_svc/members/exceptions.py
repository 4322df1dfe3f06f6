import uuid

from servicekit.errors import Conflict, NotFound, ServiceError, Unprocessable


class MemberNotFound(NotFound):
    """No membership with this id in the caller's workspace."""

    def __init__(self, member_id: uuid.UUID) -> None:
        super().__init__(f"No member {member_id} in this workspace.")


class GroupFull(Conflict):
    """The group has no free place: its member count has reached its capacity."""

    def __init__(self, group_id: uuid.UUID, capacity: int) -> None:
        super().__init__(
            f"Group {group_id} is full ({capacity} of {capacity} places taken); raise its "
            "capacity or wait until someone leaves.",
            capacity=capacity,
        )


class AlreadyMember(Conflict):
    """The person (`external_id`) is already a current member of this group."""

    def __init__(self, external_id: str) -> None:
        super().__init__(
            f"{external_id!r} is already a current member of this group; "
            "they must leave before they can re-join."
        )


class AlreadyLeft(Conflict):
    """This membership has already ended; to come back the person joins again."""

    def __init__(self, member_id: uuid.UUID) -> None:
        super().__init__(
            f"Member {member_id} has already left; to come back, join the group again "
            "(a new membership is recorded and the old one kept)."
        )


class ImportUnreadable(Unprocessable):
    """The import as a whole cannot be read (as opposed to single bad rows): not CSV or JSON,
    not UTF-8, an unknown column, no rows, or more than 20,000; nothing is stored."""


class ImportNotCsv(ServiceError, status=415, slug="unsupported-media-type"):
    def __init__(self, media_type: str) -> None:
        super().__init__(
            f"a member import job reads CSV; send the file with Content-Type: text/csv (got "
            f"{media_type or 'none'!r}). JSON rows go to POST …/members/import."
        )


class NotACurrentMember(Unprocessable):
    """The `external_id` is not a current member of this group."""

    def __init__(self, external_id: str) -> None:
        super().__init__(
            f"{external_id!r} is not a current member of this group; record messages of "
            "members only (join them first).",
            errors=[
                {
                    "loc": ["body", "external_id"],
                    "msg": f"{external_id!r} is not a current member of this group",
                    "type": "not_a_member",
                }
            ],
        )
