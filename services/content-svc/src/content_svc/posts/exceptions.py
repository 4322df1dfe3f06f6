import uuid

from content_svc.posts.models import PostStatus
from servicekit.errors import Conflict, IllegalTransition, NotFound, Unprocessable


class PostNotFound(NotFound):
    """No post with this id in the caller's workspace."""

    def __init__(self, post_id: uuid.UUID) -> None:
        super().__init__(f"No post {post_id} in this workspace.")


class RevisionNotFound(NotFound):
    """The post has no revision with this number."""

    def __init__(self, post_id: uuid.UUID, number: int) -> None:
        super().__init__(f"Post {post_id} has no revision {number}.")


class IllegalPostTransition(IllegalTransition):
    """The review workflow does not allow that move from the post's status; the problem names
    `current_status` and the `allowed` targets."""

    thing = "post"


class ArchivedPostIsReadOnly(Conflict):
    """The post is archived and can no longer be edited."""

    def __init__(self) -> None:
        super().__init__(
            "This post is archived and can no longer be edited; create a new post instead.",
            current_status=PostStatus.ARCHIVED,
        )


class PostStillReferenced(Conflict):
    """The post is still used by a publication; cancel or remove those first, or archive it."""

    def __init__(self, post_id: uuid.UUID) -> None:
        super().__init__(
            f"Post {post_id} is still used elsewhere (for example by a publication); "
            "remove or cancel those first, or archive the post instead."
        )


class UnknownTopic(Unprocessable):
    """`topic_id` names no topic of the caller's workspace."""

    def __init__(self, topic_id: uuid.UUID) -> None:
        super().__init__(
            f"topic_id {topic_id} is not a topic of this workspace; "
            "pass the id of one of your topics, or omit topic_id.",
            errors=[{"loc": ["body", "topic_id"], "msg": "unknown topic", "type": "unknown_topic"}],
        )


class UnknownRevision(Unprocessable):
    """`revision_number` is beyond the post's latest revision."""

    def __init__(self, number: int, latest: int) -> None:
        super().__init__(
            f"revision_number {number} does not exist on this post (its revisions are "
            f"1 to {latest}); omit it to comment on the latest revision.",
            errors=[
                {
                    "loc": ["body", "revision_number"],
                    "msg": "unknown revision",
                    "type": "unknown_revision",
                }
            ],
        )
