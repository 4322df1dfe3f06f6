import uuid

from servicekit.errors import Conflict, IllegalTransition, NotFound


class TopicNotFound(NotFound):
    """No topic with this id in the caller's workspace."""

    def __init__(self, topic_id: uuid.UUID) -> None:
        super().__init__(f"No topic {topic_id} in this workspace.")


class IllegalTopicTransition(IllegalTransition):
    """The topic's status does not allow that move (proposed → accepted | rejected, accepted →
    done); the problem names `current_status` and the `allowed` targets."""

    thing = "topic"


class TopicNotAccepted(Conflict):
    """Posts start only from accepted topics; the problem names the topic's `current_status`."""

    def __init__(self, status: str) -> None:
        super().__init__(
            f"Posts start only from accepted topics; this topic is {status}. "
            'Accept it first (POST /v1/topics/{id}/transitions {"to": "accepted"}).',
            current_status=status,
        )
