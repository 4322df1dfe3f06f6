from sqlalchemy import Select

from metrics_svc.targets.models import Target
from servicekit.repository import WorkspaceRepository


class TargetRepository(WorkspaceRepository[Target]):
    model = Target

    def list_targets(self, metric: str | None) -> Select[Target]:
        stmt = self.select()
        if metric is not None:
            stmt = stmt.where(Target.metric == metric)
        return stmt
