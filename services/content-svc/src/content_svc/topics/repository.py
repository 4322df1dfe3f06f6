import uuid
from datetime import date

from sqlalchemy import Select, select

from content_svc.topics.models import Topic
from servicekit.repository import WorkspaceRepository


class TopicRepository(WorkspaceRepository[Topic]):
    model = Topic

    def list_topics(
        self,
        *,
        status: str | None = None,
        owner_id: str | None = None,
        tag: str | None = None,
        due_from: date | None = None,
        due_to: date | None = None,
    ) -> Select[Topic]:
        stmt = self.select()
        if status is not None:
            stmt = stmt.where(Topic.status == status)
        if owner_id is not None:
            stmt = stmt.where(Topic.owner_id == owner_id)
        if tag is not None:
            stmt = stmt.where(Topic.tags.contains([tag]))
        if due_from is not None:
            stmt = stmt.where(Topic.due_date >= due_from)
        if due_to is not None:
            stmt = stmt.where(Topic.due_date <= due_to)
        return stmt

    async def lock(self, topic_id: uuid.UUID) -> Topic | None:
        """Re-read the topic under a row lock, refreshing the copy this session already holds.

        Without ``populate_existing`` the identity map would hand back the attributes read
        before the lock was granted, and a concurrent change would go unseen.
        """
        stmt = (
            select(Topic)
            .where(Topic.workspace_id == self.workspace_id, Topic.id == topic_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()
