import uuid
from collections.abc import AsyncIterator

from sqlalchemy import Select, or_

from campaign_svc.leads.models import Lead
from campaign_svc.unique import insert_unless_taken
from servicekit.models import utcnow
from servicekit.repository import WorkspaceRepository


class LeadRepository(WorkspaceRepository[Lead]):
    model = Lead
    pages_planned_with_values = True  # a page of one campaign's leads

    def list_leads(
        self, campaign_id: uuid.UUID | None, source_channel_id: str | None
    ) -> Select[Lead]:
        return self.select(campaign_id=campaign_id, source_channel_id=source_channel_id)

    async def insert_unless_known(self, values: dict[str, object]) -> uuid.UUID | None:
        """Insert the lead; ``None`` when any of its contacts is already a lead of the campaign
        (the partial unique indexes decide, so two concurrent captures make one row)."""
        now = utcnow()
        return await insert_unless_taken(self, Lead, {"consent_at": now, **values}, at=now)

    async def find_known(
        self, campaign_id: uuid.UUID, phone: str | None, email: str | None, wechat_id: str | None
    ) -> Lead | None:
        matches = [
            column == value
            for column, value in (
                (Lead.phone, phone),
                (Lead.email, email),
                (Lead.wechat_id, wechat_id),
            )
            if value is not None
        ]
        stmt = (
            self.select()
            .where(Lead.campaign_id == campaign_id, or_(*matches))
            .order_by(Lead.created_at)
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def stream_leads(self, campaign_id: uuid.UUID | None) -> AsyncIterator[Lead]:
        """Every lead (of a campaign) in creation order, read from a server-side cursor a
        thousand at a time."""
        stmt = self.list_leads(campaign_id, None).order_by(Lead.created_at, Lead.id)
        async for lead in await self.session.stream_scalars(stmt.execution_options(yield_per=1000)):
            yield lead
