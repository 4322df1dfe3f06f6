import uuid
from collections.abc import Sequence

from servicekit.errors import Conflict, NotFound


class TopicNotFound(NotFound):
    def __init__(self, topic_id: uuid.UUID) -> None:
        super().__init__(f"No topic {topic_id} in this workspace.")


class IllegalTopicTransition(Conflict):
    def __init__(self, current: str, target: str, allowed: Sequence[str]) -> None:
        options = ", ".join(allowed) if allowed else "none (it is final)"
        super().__init__(
            f"This topic is {current} and cannot move to {target}; "
            f"allowed from {current}: {options}.",
            current_status=current,
            allowed=list(allowed),
        )


class TopicNotAccepted(Conflict):
    def __init__(self, status: str) -> None:
        super().__init__(
            f"Posts start only from accepted topics; this topic is {status}. "
            'Accept it first (POST /v1/topics/{id}/transitions {"to": "accepted"}).',
            current_status=status,
        )
