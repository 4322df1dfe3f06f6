import uuid
from collections.abc import Sequence

from servicekit.errors import Conflict, NotFound, Unprocessable


class PublicationNotFound(NotFound):
    """No publication with this id in the caller's workspace."""

    def __init__(self, publication_id: uuid.UUID) -> None:
        super().__init__(f"No publication {publication_id} in this workspace.")


class PublishedPostNotFound(NotFound):
    """`post_id` names no post of the caller's workspace."""

    def __init__(self, post_id: uuid.UUID) -> None:
        super().__init__(f"No post {post_id} in this workspace.")


class PublishedChannelNotFound(NotFound):
    """`channel_id` names no channel of the caller's workspace."""

    def __init__(self, channel_id: uuid.UUID) -> None:
        super().__init__(f"No channel {channel_id} in this workspace.")


class PostNotApproved(Conflict):
    """Only approved posts can be published; the problem names the post's `post_status`."""

    def __init__(self, post_id: uuid.UUID, status: str) -> None:
        super().__init__(
            f"Post {post_id} is {status}; only approved posts can be published. "
            "Send it through review and approve it first.",
            post_status=status,
        )


class IllegalPublicationTransition(Conflict):
    """The publication's status does not allow this action; the problem names
    `current_status` and the statuses it is `allowed_from`."""

    def __init__(self, action: str, current: str, allowed_from: Sequence[str]) -> None:
        super().__init__(
            f"Cannot {action} a publication that is {current}; "
            f"{action} is allowed only from: {', '.join(allowed_from)}.",
            current_status=current,
            allowed_from=list(allowed_from),
        )


class NotAManualChannel(Conflict):
    """The channel publishes by webhook, and the worker records the outcome: mark-published
    is for channels with a manual publisher."""

    def __init__(self, kind: str) -> None:
        super().__init__(
            f"This publication's channel publishes by {kind}; the worker records its outcome. "
            "mark-published is only for channels with a manual publisher."
        )


class BreaksChannelLimits(Unprocessable):
    """The piece breaks the channel's limits (title, body, summary length; media, tags);
    `violations` names each rule."""

    def __init__(self, violations: Sequence[str]) -> None:
        super().__init__(
            "; ".join(violations) + ". Shorten the piece, use title_override/body_override, "
            "or change the channel's limits.",
            violations=list(violations),
        )


class ScheduledTooEarly(Unprocessable):
    """`scheduled_at` is in the past (more than five minutes ago)."""

    def __init__(self, scheduled_at: str, earliest: str) -> None:
        super().__init__(
            f"scheduled_at is in the past (got {scheduled_at}; the earliest accepted is "
            f"{earliest}); omit it to publish now."
        )


class ScheduledTooLate(Unprocessable):
    """`scheduled_at` is more than two years ahead."""

    def __init__(self, scheduled_at: str, max_days: int, latest: str) -> None:
        super().__init__(
            f"scheduled_at is too far ahead (got {scheduled_at}); schedule at most {max_days} "
            f"days ahead, that is no later than {latest}."
        )


class NoBestSlot(Unprocessable):
    """`schedule: next_best_slot`, but the channel has no best slot: metrics-svc has learned
    none and the channel has no prime-time slots."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"schedule next_best_slot needs a slot, and this channel has none: {reason}, and "
            "the channel has no prime_time_slots. Give the channel prime_time_slots, or give "
            "scheduled_at instead.",
            errors=[
                {
                    "loc": ["body", "schedule"],
                    "msg": "the channel has no best slot",
                    "type": "no_best_slot",
                }
            ],
        )
