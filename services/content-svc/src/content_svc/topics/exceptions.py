import uuid

from servicekit.errors import Conflict, IllegalTransition, NotFound


class TopicNotFound(NotFound):
    def __init__(self, topic_id: uuid.UUID) -> None:
        super().__init__(f"No topic {topic_id} in this workspace.")


class IllegalTopicTransition(IllegalTransition):
    thing = "topic"


class TopicNotAccepted(Conflict):
    def __init__(self, status: str) -> None:
        super().__init__(
            f"Posts start only from accepted topics; this topic is {status}. "
            'Accept it first (POST /v1/topics/{id}/transitions {"to": "accepted"}).',
            current_status=status,
        )
