import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, Select, String, any_, bindparam, func, select, text

from community_svc.members.models import Member
from community_svc.members.vocabulary import MemberRole, MembershipStatus
from servicekit.db import driver_connection
from servicekit.repository import WorkspaceRepository

_IMPORT_TABLE = "member_import"
_COPY_COLUMNS = (
    "id",
    "workspace_id",
    "group_id",
    "external_id",
    "display_name",
    "role",
    "tags",
    "tier",
    "source_channel",
    "source_campaign_id",
    "source_referral_code",
    "source_tracking_code",
    "source_publication_id",
    "source_channel_id",
    "source_post_id",
    "source_platform",
    "invited_by",
    "joined_at",
    "left_at",
    "created_at",
    "updated_at",
)


class MemberRepository(WorkspaceRepository[Member]):
    model = Member
    pages_planned_with_values = True  # a page of one group's members

    def list_members(
        self,
        group_id: uuid.UUID,
        *,
        status: MembershipStatus = MembershipStatus.CURRENT,
        role: MemberRole | None = None,
        tag: str | None = None,
        tier: str | None = None,
        source_channel: str | None = None,
        source_campaign_id: str | None = None,
        source_referral_code: str | None = None,
        source_publication_id: uuid.UUID | None = None,
        source_tracking_code: str | None = None,
        external_id: str | None = None,
        joined_from: datetime | None = None,
        joined_to: datetime | None = None,
    ) -> Select[Member]:
        stmt = self.select(
            Member.group_id == group_id,
            role=role,
            tier=tier,
            source_channel=source_channel,
            source_campaign_id=source_campaign_id,
            source_referral_code=source_referral_code,
            source_publication_id=source_publication_id,
            source_tracking_code=source_tracking_code,
            external_id=external_id,
        )
        if status == MembershipStatus.CURRENT:
            stmt = stmt.where(Member.left_at.is_(None))
        elif status == MembershipStatus.LEFT:
            stmt = stmt.where(Member.left_at.is_not(None))
        if tag is not None:
            stmt = stmt.where(Member.tags.contains([tag]))  # @> uses the GIN index
        if joined_from is not None:
            stmt = stmt.where(Member.joined_at >= joined_from)
        if joined_to is not None:
            stmt = stmt.where(Member.joined_at < joined_to)
        return stmt

    async def current_membership(self, group_id: uuid.UUID, external_id: str) -> Member | None:
        stmt = self.select().where(
            Member.group_id == group_id,
            Member.external_id == external_id,
            Member.left_at.is_(None),
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def mark_active(self, member_id: uuid.UUID, at: datetime) -> datetime:
        """Move the membership's last activity to ``at`` unless it is already later (one
        statement: concurrent reports of older messages never move it back); the result."""
        stmt = (
            self.update_where(Member.id == member_id)
            .values(last_active_at=func.greatest(Member.last_active_at, at))
            .returning(Member.last_active_at)
        )
        latest: datetime | None = (await self.session.execute(stmt)).scalar_one()
        assert latest is not None  # GREATEST ignores the NULL of a first message
        return latest

    async def current_external_ids(
        self, group_id: uuid.UUID, external_ids: Sequence[str]
    ) -> set[str]:
        """Which of ``external_ids`` are current members of the group (one query)."""
        stmt = select(Member.external_id).where(
            Member.workspace_id == self.workspace_id,
            Member.group_id == group_id,
            Member.left_at.is_(None),
            # One array parameter, not 10,000 bound values in an IN list.
            Member.external_id == any_(bindparam("ids", list(external_ids), type_=ARRAY(String))),
        )
        return set((await self.session.execute(stmt)).scalars().all())

    async def current_by_role(self, group_id: uuid.UUID, role: MemberRole) -> list[str]:
        """External ids of the group's current members holding ``role``, earliest joiner first."""
        stmt = (
            select(Member.external_id)
            .where(
                Member.workspace_id == self.workspace_id,
                Member.group_id == group_id,
                Member.left_at.is_(None),
                Member.role == role,
            )
            .order_by(Member.joined_at, Member.id)
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def insert_many(self, rows: list[dict[str, Any]]) -> list[tuple[uuid.UUID, str]]:
        """Store many members fast: COPY them into a temporary table, then one
        ``INSERT … SELECT … ON CONFLICT DO NOTHING`` (COPY alone cannot skip someone who is
        already a current member). ``(id, external_id)`` of the rows stored."""
        driver = await driver_connection(self.session)
        # Per transaction; truncated first in case one transaction imports twice.
        await driver.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {_IMPORT_TABLE} "
            "(LIKE member INCLUDING DEFAULTS) ON COMMIT DROP"
        )
        await driver.execute(f"TRUNCATE {_IMPORT_TABLE}")
        records = [
            tuple(self.workspace_id if c == "workspace_id" else row[c] for c in _COPY_COLUMNS)
            for row in rows
        ]
        await driver.copy_records_to_table(_IMPORT_TABLE, records=records, columns=_COPY_COLUMNS)
        columns = ", ".join(_COPY_COLUMNS)
        stmt = text(
            f"INSERT INTO member ({columns}) SELECT {columns} FROM {_IMPORT_TABLE} "
            "ON CONFLICT (group_id, external_id) WHERE left_at IS NULL DO NOTHING "
            "RETURNING id, external_id"
        )
        result = await self.session.execute(stmt)
        return [(r[0], r[1]) for r in result.all()]
