import uuid

from sqlalchemy import Select, func, or_, select

from content_svc.posts.models import Post, PostComment, PostRevision, PostStatus
from servicekit.repository import WorkspaceRepository


class PostRepository(WorkspaceRepository[Post]):
    model = Post

    def list_posts(
        self,
        *,
        status: PostStatus | None = None,
        tag: str | None = None,
        author_id: str | None = None,
        topic_id: uuid.UUID | None = None,
        q: str | None = None,
    ) -> Select[Post]:
        stmt = self.select(status=status, author_id=author_id, topic_id=topic_id)
        if tag is not None:
            stmt = stmt.where(Post.tags.contains([tag]))
        if q is not None:
            # Substring match with ILIKE: no word segmentation, so Chinese (which has no spaces
            # between words) matches as written, unlike to_tsvector's default parsers.
            # autoescape makes % and _ in the query literal characters, not wildcards.
            stmt = stmt.where(
                or_(
                    Post.title.icontains(q, autoescape=True),
                    Post.body.icontains(q, autoescape=True),
                )
            )
        return stmt


class RevisionRepository(WorkspaceRepository[PostRevision]):
    model = PostRevision

    def list_revisions(self, post_id: uuid.UUID) -> Select[PostRevision]:
        return self.select().where(PostRevision.post_id == post_id)

    async def get_revision(self, post_id: uuid.UUID, number: int) -> PostRevision | None:
        stmt = self.select().where(PostRevision.post_id == post_id, PostRevision.number == number)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def latest_number(self, post_id: uuid.UUID) -> int:
        """The highest revision number of the post (0 before its first revision)."""
        stmt = select(func.coalesce(func.max(PostRevision.number), 0)).where(
            PostRevision.workspace_id == self.workspace_id, PostRevision.post_id == post_id
        )
        return int((await self.session.execute(stmt)).scalar_one())


class CommentRepository(WorkspaceRepository[PostComment]):
    model = PostComment

    def list_comments(self, post_id: uuid.UUID) -> Select[PostComment]:
        return self.select().where(PostComment.post_id == post_id)
