import uuid
from collections.abc import Sequence

from sqlalchemy import Select, func, select

from community_svc.sop.models import SopRun, SopTemplate, SopTemplateVersion
from community_svc.sop.vocabulary import LIVE_RUN_STATUSES, RunStatus
from servicekit.repository import WorkspaceRepository


class SopTemplateRepository(WorkspaceRepository[SopTemplate]):
    model = SopTemplate

    def list_templates(self) -> Select[SopTemplate]:
        return self.select()

    async def get_version(self, template_id: uuid.UUID, number: int) -> SopTemplateVersion | None:
        stmt = select(SopTemplateVersion).where(
            SopTemplateVersion.workspace_id == self.workspace_id,
            SopTemplateVersion.template_id == template_id,
            SopTemplateVersion.number == number,
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_versions(self, template_id: uuid.UUID) -> Sequence[SopTemplateVersion]:
        stmt = (
            select(SopTemplateVersion)
            .where(
                SopTemplateVersion.workspace_id == self.workspace_id,
                SopTemplateVersion.template_id == template_id,
            )
            .order_by(SopTemplateVersion.number)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def add_version(self, version: SopTemplateVersion) -> SopTemplateVersion:
        version.workspace_id = self.workspace_id
        self.session.add(version)
        await self.session.flush()
        return version


class SopRunRepository(WorkspaceRepository[SopRun]):
    model = SopRun

    def list_runs(
        self,
        *,
        group_id: uuid.UUID | None,
        template_id: uuid.UUID | None,
        status: RunStatus | None,
    ) -> Select[SopRun]:
        return self.select(group_id=group_id, template_id=template_id, status=status)

    async def count_live(self, group_id: uuid.UUID) -> int:
        stmt = select(func.count()).where(
            SopRun.workspace_id == self.workspace_id,
            SopRun.group_id == group_id,
            SopRun.status.in_(LIVE_RUN_STATUSES),
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def active_runs_with_steps(
        self, group_id: uuid.UUID
    ) -> Sequence[tuple[SopRun, SopTemplateVersion]]:
        """The group's active runs, each with the template version it runs (its steps)."""
        stmt = (
            select(SopRun, SopTemplateVersion)
            .join(SopTemplateVersion, SopTemplateVersion.id == SopRun.template_version_id)
            .where(
                SopRun.workspace_id == self.workspace_id,
                SopRun.group_id == group_id,
                SopRun.status == RunStatus.ACTIVE,
            )
            .order_by(SopRun.created_at, SopRun.id)
            # A shared lock: a concurrent stop or pause (FOR UPDATE on the run) either finishes
            # first, and the re-checked status leaves its run out, or waits until this join has
            # committed, and then cancels the tasks the join created. Without it a join could add
            # pending tasks to a run stopped a moment earlier.
            .with_for_update(read=True, of=SopRun)
            .execution_options(populate_existing=True)
        )
        return [(run, version) for run, version in (await self.session.execute(stmt)).all()]

    async def cancel_live_runs(self, group_id: uuid.UUID) -> None:
        stmt = self.update_where(
            SopRun.group_id == group_id, SopRun.status.in_(LIVE_RUN_STATUSES)
        ).values(status=RunStatus.CANCELLED)
        await self.session.execute(stmt)
