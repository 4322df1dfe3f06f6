from sqlalchemy import Select

from metrics_svc.targets.models import Target
from servicekit.repository import WorkspaceRepository


class TargetRepository(WorkspaceRepository[Target]):
    model = Target

    def list_targets(self, metric: str | None) -> Select[Target]:
        return self.select(metric=metric)
