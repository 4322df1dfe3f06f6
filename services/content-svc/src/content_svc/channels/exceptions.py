import uuid

from servicekit.errors import Conflict, NotFound, Unprocessable


class ChannelNotFound(NotFound):
    """No channel with this id in the caller's workspace."""

    def __init__(self, channel_id: uuid.UUID) -> None:
        super().__init__(f"No channel {channel_id} in this workspace.")


class ChannelHandleTaken(Conflict):
    """The workspace already has a channel with this handle on this platform."""

    def __init__(self, platform: str, handle: str) -> None:
        super().__init__(
            f"A {platform} channel with handle {handle!r} already exists in this workspace; "
            "use it or choose another handle."
        )


class WebhookSecretRequired(Unprocessable):
    """A channel's first webhook publisher needs `publisher.secret` (at least 16 characters)."""

    def __init__(self) -> None:
        super().__init__(
            "publisher.secret is required when a channel first gets a webhook publisher "
            "(at least 16 characters); the receiver uses it to verify X-MediaOps-Signature."
        )


class WebhookAddressRefused(Unprocessable):
    """`publisher.url` is not a public address (loopback, private, link-local, a metadata
    service …)."""

    def __init__(self, url: str, problem: str) -> None:
        msg = (
            f"{problem}: a webhook must reach a public address "
            "(CONTENT_WEBHOOK_ALLOW_PRIVATE=true allows others, for local development)"
        )
        super().__init__(
            f"publisher.url {url!r} is refused: {msg}.",
            errors=[{"loc": ["body", "publisher", "url"], "msg": msg, "type": "webhook_address"}],
        )


class ChannelHasPublications(Conflict):
    """The channel has publications, whose history it keeps: it cannot be deleted."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"This channel has {count} publication(s) and keeps their history; "
            "it cannot be deleted."
        )


class ChannelHasInboxThreads(Conflict):
    """The channel has inbox threads (comments and messages, with their replies), whose history
    it keeps: it cannot be deleted."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"This channel has {count} inbox thread(s) and keeps their history; "
            "it cannot be deleted."
        )
