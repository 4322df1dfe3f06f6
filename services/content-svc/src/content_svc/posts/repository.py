import uuid

from sqlalchemy import Select, func, or_, select

from content_svc.posts.models import Post, PostComment, PostRevision
from servicekit.repository import WorkspaceRepository


class PostRepository(WorkspaceRepository[Post]):
    model = Post

    def list_posts(
        self,
        *,
        status: str | None = None,
        tag: str | None = None,
        author_id: str | None = None,
        topic_id: uuid.UUID | None = None,
        q: str | None = None,
    ) -> Select[Post]:
        stmt = self.select()
        if status is not None:
            stmt = stmt.where(Post.status == status)
        if tag is not None:
            stmt = stmt.where(Post.tags.contains([tag]))
        if author_id is not None:
            stmt = stmt.where(Post.author_id == author_id)
        if topic_id is not None:
            stmt = stmt.where(Post.topic_id == topic_id)
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

    async def lock(self, post_id: uuid.UUID) -> Post | None:
        """Re-read the post under a row lock, refreshing the copy this session already holds.

        Every write to a post takes this lock first, so concurrent writers run one after the
        other and each sees the version the previous one committed (a stale If-Match is then a
        412, and revision numbers are assigned one at a time). ``populate_existing`` matters:
        without it the identity map would return the attributes read before the lock.
        """
        stmt = (
            select(Post)
            .where(Post.workspace_id == self.workspace_id, Post.id == post_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()


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
