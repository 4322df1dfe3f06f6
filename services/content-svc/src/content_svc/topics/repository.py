from datetime import date

from sqlalchemy import Select

from content_svc.topics.models import Topic, TopicStatus
from servicekit.repository import WorkspaceRepository


class TopicRepository(WorkspaceRepository[Topic]):
    model = Topic

    def list_topics(
        self,
        *,
        status: TopicStatus | None = None,
        owner_id: str | None = None,
        tag: str | None = None,
        due_from: date | None = None,
        due_to: date | None = None,
    ) -> Select[Topic]:
        stmt = self.select(status=status, owner_id=owner_id)
        if tag is not None:
            stmt = stmt.where(Topic.tags.contains([tag]))
        if due_from is not None:
            stmt = stmt.where(Topic.due_date >= due_from)
        if due_to is not None:
            stmt = stmt.where(Topic.due_date <= due_to)
        return stmt
