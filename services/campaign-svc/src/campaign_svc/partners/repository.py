import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, func, or_, select

from campaign_svc.partners.models import Collaboration, Partner
from campaign_svc.partners.vocabulary import CollaborationStatus, PartnerPlatform
from servicekit.repository import WorkspaceRepository

# The collaborations whose cost and return a ranking counts: their post went out.
COUNTED = (CollaborationStatus.PUBLISHED, CollaborationStatus.PAID)


class PartnerRepository(WorkspaceRepository[Partner]):
    model = Partner

    def list_partners(
        self,
        *,
        platform: PartnerPlatform | None = None,
        tag: str | None = None,
        q: str | None = None,
        min_followers: int | None = None,
        max_price: int | None = None,
    ) -> Select[Partner]:
        stmt = self.select(platform=platform)
        if tag is not None:
            stmt = stmt.where(Partner.tone_tags.contains([tag]))  # @> uses the GIN index
        if q is not None:
            stmt = stmt.where(
                or_(
                    Partner.handle.icontains(q, autoescape=True),
                    Partner.display_name.icontains(q, autoescape=True),
                )
            )
        if min_followers is not None:
            stmt = stmt.where(Partner.follower_count >= min_followers)
        if max_price is not None:
            stmt = stmt.where(Partner.price_per_post <= max_price)
        return stmt

    async def find_by_handle(self, platform: str, handle: str) -> Partner | None:
        stmt = self.select(platform=platform, handle=handle)
        return (await self.session.scalars(stmt)).one_or_none()


class CollaborationRepository(WorkspaceRepository[Collaboration]):
    model = Collaboration

    def list_collaborations(
        self,
        *,
        partner_id: uuid.UUID | None = None,
        campaign_id: uuid.UUID | None = None,
        status: CollaborationStatus | None = None,
        publication_id: uuid.UUID | None = None,
        due_from: date | None = None,
        due_to: date | None = None,
    ) -> Select[Collaboration]:
        stmt = self.select(
            partner_id=partner_id,
            campaign_id=campaign_id,
            status=status,
            publication_id=publication_id,
        )
        if due_from is not None:
            stmt = stmt.where(Collaboration.due_date >= due_from)
        if due_to is not None:
            stmt = stmt.where(Collaboration.due_date <= due_to)
        return stmt

    async def count_of_partner(self, partner_id: uuid.UUID) -> int:
        stmt = select(func.count()).where(
            Collaboration.workspace_id == self.workspace_id,
            Collaboration.partner_id == partner_id,
        )
        return int(await self.session.scalar(stmt) or 0)

    async def carrying(
        self, publication_id: uuid.UUID, other_than: uuid.UUID | None = None
    ) -> Collaboration | None:
        """The collaboration (not cancelled) a publication carries, other than ``other_than``."""
        stmt = self.select(
            Collaboration.publication_id == publication_id,
            Collaboration.status != CollaborationStatus.CANCELLED,
        )
        if other_than is not None:
            stmt = stmt.where(Collaboration.id != other_than)
        return (await self.session.scalars(stmt.limit(1))).one_or_none()

    async def counted_in_window(
        self, *, first_day: date, last_day: date, currency: str, platform: PartnerPlatform | None
    ) -> Sequence[tuple[Collaboration, Partner]]:
        """The collaborations a ranking counts: published or paid, due from ``first_day`` to
        ``last_day``, in ``currency``, with their partners (of ``platform``)."""
        stmt = (
            select(Collaboration, Partner)
            .join(Partner, Partner.id == Collaboration.partner_id)
            .where(
                Collaboration.workspace_id == self.workspace_id,
                Partner.workspace_id == self.workspace_id,
                Collaboration.status.in_(COUNTED),
                Collaboration.currency == currency,
                Collaboration.due_date >= first_day,
                Collaboration.due_date <= last_day,
            )
            .order_by(Collaboration.created_at, Collaboration.id)
        )
        if platform is not None:
            stmt = stmt.where(Partner.platform == platform)
        rows = (await self.session.execute(stmt)).all()
        return [(collaboration, partner) for collaboration, partner in rows]
