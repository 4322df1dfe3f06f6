import uuid
from collections.abc import Sequence

from servicekit.errors import Conflict, IllegalTransition, NotFound, Unprocessable


class ThreadNotFound(NotFound):
    """No inbox thread with this id in the caller's workspace."""

    def __init__(self, thread_id: uuid.UUID) -> None:
        super().__init__(f"No inbox thread {thread_id} in this workspace.")


class CannedReplyNotFound(NotFound):
    """No canned reply with this id in the caller's workspace."""

    def __init__(self, canned_reply_id: uuid.UUID) -> None:
        super().__init__(f"No canned reply {canned_reply_id} in this workspace.")


class CannedReplyVersionNotFound(NotFound):
    """The canned reply has no such version (versions count 1, 2, 3 … up to its current one)."""

    def __init__(self, canned_reply_id: uuid.UUID, version: int, latest: int) -> None:
        super().__init__(
            f"Canned reply {canned_reply_id} has no version {version}; its versions are 1 to "
            f"{latest}.",
            latest_version=latest,
        )


class InboxChannelNotFound(NotFound):
    """`channel_id` names no channel of the caller's workspace."""

    def __init__(self, channel_id: uuid.UUID) -> None:
        super().__init__(f"No channel {channel_id} in this workspace.")


class InboxPublicationNotFound(NotFound):
    """`publication_id` or `tracking_code` names no publication of the caller's workspace."""

    def __init__(self, what: str) -> None:
        super().__init__(f"No publication with {what} in this workspace.")


class PublicationOnAnotherChannel(Unprocessable):
    """The publication the message names went out on another channel than the message's."""

    def __init__(self, publication_id: uuid.UUID, channel_id: uuid.UUID) -> None:
        super().__init__(
            f"Publication {publication_id} went out on channel {channel_id}, not on the "
            "message's channel; name a publication of this channel, or none.",
            errors=[
                {
                    "loc": ["body", "publication_id"],
                    "msg": "the publication is on another channel",
                    "type": "publication_channel",
                }
            ],
        )


class PublicationAndCodeDisagree(Unprocessable):
    """`publication_id` and `tracking_code` name two different publications."""

    def __init__(self) -> None:
        super().__init__(
            "publication_id and tracking_code name different publications; send one of them.",
            errors=[
                {
                    "loc": ["body", "tracking_code"],
                    "msg": "names another publication than publication_id",
                    "type": "publication_mismatch",
                }
            ],
        )


class MessageTooLong(Unprocessable):
    """The text is over the inbox's limit (counted in characters)."""

    def __init__(self, field: str, length: int, limit: int) -> None:
        super().__init__(
            f"{field} is {length} characters; at most {limit} are taken. Shorten it.",
            errors=[
                {"loc": ["body", field], "msg": f"at most {limit} characters", "type": "too_long"}
            ],
        )


class ReceivedInTheFuture(Unprocessable):
    """`received_at` is more than five minutes ahead of the server's clock."""

    def __init__(self, received_at: str, latest: str) -> None:
        super().__init__(
            f"received_at is in the future (got {received_at}; the latest accepted is {latest}); "
            "send the time the platform received the message, or omit it for now.",
            errors=[
                {"loc": ["body", "received_at"], "msg": "in the future", "type": "future_time"}
            ],
        )


class IllegalThreadTransition(IllegalTransition):
    """The thread's status does not allow that move (open → closed; answered → open | closed;
    closed → open; answered comes only from a reply); the problem names `current_status` and
    the `allowed` targets."""

    thing = "thread"


class ThreadClosed(Conflict):
    """The thread is closed: reopen it before replying."""

    def __init__(self) -> None:
        super().__init__(
            "This thread is closed; reopen it first "
            '(POST /v1/inbox/threads/{id}/transitions {"to": "open"}), then reply.',
            current_status="closed",
        )


class NoReplySender(Conflict):
    """The channel's publisher kind has no reply sender, so nothing could send the reply."""

    def __init__(self, publisher_kind: str, kinds: Sequence[str]) -> None:
        super().__init__(
            f"This thread's channel publishes by {publisher_kind}, which has no reply sender; "
            f"replies can go through: {', '.join(kinds)}. Change the channel's publisher.",
            publisher_kind=publisher_kind,
        )


class CannedReplyNameTaken(Conflict):
    """The workspace already has a canned reply with this name."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"A canned reply named {name!r} already exists in this workspace; edit it (a new "
            "version) or choose another name."
        )


class UnknownCannedReplyVersion(Unprocessable):
    """`canned_reply_version` names a version the canned reply does not have."""

    def __init__(self, version: int, latest: int) -> None:
        super().__init__(
            f"canned_reply_version {version} does not exist; this canned reply has versions 1 "
            f"to {latest} (omit the version for the current one).",
            errors=[
                {
                    "loc": ["body", "canned_reply_version"],
                    "msg": f"versions are 1 to {latest}",
                    "type": "unknown_version",
                }
            ],
        )
