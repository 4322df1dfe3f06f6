import uuid
from datetime import date

from servicekit.errors import Conflict, IllegalTransition, NotFound, Unprocessable


class PartnerNotFound(NotFound):
    """No partner with the given `partner_id` in the caller's workspace."""

    def __init__(self, partner_id: uuid.UUID) -> None:
        super().__init__(f"No partner {partner_id} in this workspace.")


class CollaborationNotFound(NotFound):
    """No collaboration with the given `collaboration_id` in the caller's workspace."""

    def __init__(self, collaboration_id: uuid.UUID) -> None:
        super().__init__(f"No collaboration {collaboration_id} in this workspace.")


class PartnerHandleTaken(Conflict):
    """The workspace already has a partner with this handle on this platform (`partner_id`
    names it): one account is one partner; change that one instead."""

    def __init__(self, platform: str, handle: str, partner_id: uuid.UUID) -> None:
        super().__init__(
            f"The partner {handle!r} on {platform} already exists ({partner_id}); change that "
            "one instead of adding it twice.",
            partner_id=str(partner_id),
        )


class PartnerHasCollaborations(Conflict):
    """The partner has collaborations, whose history and return need it: it cannot be
    deleted (cancel the open collaborations instead)."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"This partner has {count} collaboration(s), whose history and return need it; it "
            "cannot be deleted.",
            collaborations=count,
        )


class IllegalCollaborationTransition(IllegalTransition):
    """The collaboration's status does not allow that move; `current_status` and `allowed`
    say where it is and where it may go."""

    thing = "collaboration"


class CollaborationFinal(Conflict):
    """The collaboration is paid or cancelled: it is final and cannot be changed."""

    def __init__(self, status: str) -> None:
        super().__init__(
            f"This collaboration is {status}: it is final and cannot be changed.",
            current_status=status,
        )


class PublicationRequired(Conflict):
    """A published (or paid) collaboration needs the publication that carries it: link it
    (PATCH `publication_id`) before moving to published, and it cannot be unlinked after."""

    def __init__(self, status: str, target: str) -> None:
        super().__init__(
            f"A {target} collaboration needs the publication that carries it (it is {status}): "
            "link it with PATCH publication_id first; once published it stays linked.",
            current_status=status,
        )


class PublicationTaken(Conflict):
    """Another collaboration (not cancelled; `collaboration_id` names it) is already carried
    by this publication: one publication's numbers are one collaboration's."""

    def __init__(self, publication_id: uuid.UUID, collaboration_id: uuid.UUID) -> None:
        super().__init__(
            f"Publication {publication_id} already carries collaboration {collaboration_id}; "
            "one publication's numbers count for one collaboration (cancel that one, or link "
            "another publication).",
            collaboration_id=str(collaboration_id),
        )


class AgreedPriceMissing(Unprocessable):
    """No `agreed_price` was given and the partner has no `price_per_post` to default to."""

    def __init__(self) -> None:
        super().__init__(
            "Give agreed_price (in minor units): the partner has no price_per_post to take it "
            "from.",
            errors=[
                {
                    "loc": ["body", "agreed_price"],
                    "msg": "required: the partner has no price_per_post",
                    "type": "missing",
                }
            ],
        )


class WindowInvalid(Unprocessable):
    """The window's `from` is after its `to`, or it spans more than 366 days (metrics-svc's
    longest attribution window)."""

    def __init__(self, start: date, end: date, why: str) -> None:
        super().__init__(
            f"The window from {start.isoformat()} to {end.isoformat()} {why}.",
            errors=[
                {"loc": ["query", name], "msg": why, "type": "window"} for name in ("from", "to")
            ],
        )
