import uuid
from collections.abc import Sequence

from sqlalchemy import Select, func, select, update

from community_svc.sop.models import SopRun, SopTemplate, SopTemplateVersion
from servicekit.repository import WorkspaceRepository

LIVE_RUN_STATUSES = ("active", "paused")


class SopTemplateRepository(WorkspaceRepository[SopTemplate]):
    model = SopTemplate

    def list_templates(self) -> Select[SopTemplate]:
        return self.select()

    async def lock(self, template_id: uuid.UUID) -> SopTemplate | None:
        stmt = (
            self.select()
            .where(SopTemplate.id == template_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

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
        self, *, group_id: uuid.UUID | None, template_id: uuid.UUID | None, status: str | None
    ) -> Select[SopRun]:
        stmt = self.select()
        if group_id is not None:
            stmt = stmt.where(SopRun.group_id == group_id)
        if template_id is not None:
            stmt = stmt.where(SopRun.template_id == template_id)
        if status is not None:
            stmt = stmt.where(SopRun.status == status)
        return stmt

    async def lock(self, run_id: uuid.UUID) -> SopRun | None:
        stmt = (
            self.select()
            .where(SopRun.id == run_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

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
                SopRun.status == "active",
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

    async def cancel_live_runs(self, group_id: uuid.UUID) -> int:
        stmt = (
            update(SopRun)
            .where(
                SopRun.workspace_id == self.workspace_id,
                SopRun.group_id == group_id,
                SopRun.status.in_(LIVE_RUN_STATUSES),
            )
            .values(status="cancelled")
            .execution_options(synchronize_session=False)
        )
        return int((await self.session.execute(stmt)).rowcount)  # type: ignore[attr-defined]
