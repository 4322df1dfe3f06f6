import uuid

from servicekit.errors import Conflict, NotFound


class ChannelNotFound(NotFound):
    def __init__(self, channel_id: uuid.UUID) -> None:
        super().__init__(f"No channel {channel_id} in this workspace.")


class ChannelHandleTaken(Conflict):
    def __init__(self, platform: str, handle: str) -> None:
        super().__init__(
            f"A {platform} channel with handle {handle!r} already exists in this workspace; "
            "use it or choose another handle."
        )
