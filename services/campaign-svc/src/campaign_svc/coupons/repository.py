"""Every query of coupon batches, coupons and redemptions (workspace-filtered).

The counters and statuses here move in conditional SQL statements that bypass the ORM; an answer
that shows them re-reads the row (``reload``)."""

import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Row, Select, bindparam, func, inspect, select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached

from campaign_svc.campaigns.models import Campaign
from campaign_svc.coupons.models import Coupon, CouponBatch, Redemption
from campaign_svc.coupons.vocabulary import CouponStatus, RedemptionStatus
from campaign_svc.models import OutboxEvent
from servicekit.db import DriverStatement, plan_with_values
from servicekit.models import WorkspaceModel
from servicekit.outbox import insert_event_sql, outbox_params
from servicekit.repository import WorkspaceRepository


def redemption_totals() -> Select[int, int, int, int]:
    """Redeemed, rolled back, discount total and GMV over applied redemptions; add a WHERE."""
    applied = Redemption.status == RedemptionStatus.APPLIED
    rolled_back = Redemption.status == RedemptionStatus.ROLLED_BACK
    return select(
        func.count().filter(applied).label("redeemed"),
        func.count().filter(rolled_back).label("rolled_back"),
        func.coalesce(func.sum(Redemption.discount_amount).filter(applied), 0).label(
            "discount_total"
        ),
        func.coalesce(func.sum(Redemption.final_amount).filter(applied), 0).label("gmv"),
    )


@dataclass(frozen=True, slots=True)
class ClaimOutcome:
    within_customer_limit: bool
    within_stock: bool
    # The claimed code as the claim left it (in the session), None when the claim was refused.
    coupon: Coupon | None


@dataclass(frozen=True, slots=True)
class ClaimTarget:
    """A batch with its campaign read under FOR SHARE (None when the batch has none)."""

    batch: CouponBatch
    campaign: Campaign | None


@dataclass(frozen=True, slots=True)
class RedeemTarget:
    """A coupon with its batch, and the batch's campaign read under FOR SHARE."""

    coupon: Coupon
    batch: CouponBatch
    campaign: Campaign | None


# The campaign of the batch in the same statement as the batch (and the coupon), read FOR SHARE
# so a pause or an end waits until the claim or redeem commits, as a separate read did: one
# round trip instead of two or three on the money paths (bench/RESULTS.md, "claim and redeem:
# fewer statements"). LATERAL, because a locking clause may not reach the nullable side of an
# outer join, and a batch may have no campaign.
#
# Sent by asyncpg itself (servicekit.db.DriverStatement), the rows made into the models'
# objects as if the session had loaded them (``_loaded``): through the session's ORM execution
# the read cost more CPU than the driver's statement and the objects together
# (bench/RESULTS.md, 2026-12-05 evening). The column lists come from the models, so they
# cannot drift from them.
def _columns(model: type[Any], alias: str) -> str:
    return ", ".join(f"{alias}.{c.name} AS {alias}_{c.name}" for c in model.__table__.columns)


_CAMPAIGN_SHARED = """
LEFT OUTER JOIN LATERAL (
    SELECT * FROM campaign
    WHERE campaign.workspace_id = b.workspace_id AND campaign.id = b.campaign_id
    FOR SHARE
) AS c ON true"""
_BATCH_FOR_CLAIM = DriverStatement(
    f"SELECT {_columns(CouponBatch, 'b')}, {_columns(Campaign, 'c')} "
    f"FROM coupon_batch AS b {_CAMPAIGN_SHARED} "
    "WHERE b.workspace_id = :workspace_id AND b.id = :id"
)
_COUPON_FOR_REDEEM = DriverStatement(
    f"SELECT {_columns(Coupon, 'k')}, {_columns(CouponBatch, 'b')}, {_columns(Campaign, 'c')} "
    "FROM coupon AS k "
    "JOIN coupon_batch AS b ON b.workspace_id = k.workspace_id AND b.id = k.batch_id "
    f"{_CAMPAIGN_SHARED} "
    "WHERE k.workspace_id = :workspace_id AND k.code = :code"
)


_Model = TypeVar("_Model", bound=WorkspaceModel)


def _loaded(session: AsyncSession, model: type[_Model], row: Any, alias: str = "") -> _Model:
    """The row's columns (named ``<alias>_<column>`` when ``alias`` is given) as a persistent
    object of the session, as if a query had loaded it: the answer and the caller read it
    without asking the database again, and nothing of it is flushed unless changed. An object
    the session already holds for that row is answered as it is, as a query (without
    ``populate_existing``) would answer it."""
    prefix = f"{alias}_" if alias else ""
    mapper = inspect(model)
    key = mapper.identity_key_from_primary_key([row[prefix + c.name] for c in mapper.primary_key])
    held = session.sync_session.identity_map.get(key)
    if held is not None:
        return cast(_Model, held)
    obj = model(**{a.key: row[prefix + a.columns[0].name] for a in mapper.column_attrs})
    make_transient_to_detached(obj)
    session.add(obj)
    return obj


# Stock, per-customer limit and the code's owner change in ONE statement. The per-customer
# upsert only counts up while under the limit; the stock update only runs if the customer was
# under their limit and only counts up while under the stock (concurrent claims queue on the
# batch row and re-check the condition against the committed count); a code is taken only if
# both passed. A failed check leaves the others' effects in the transaction, which the caller
# then rolls back by raising. The same statement returns the claimed code's row and records
# the claim's event in the outbox (one row per code taken, so none for a refusal): a claim is
# one round trip, and the batch row's lock, which every claim of the batch queues on, is held
# from this statement to the commit with nothing in between but the Idempotency-Key's answer.
#
# The statuses are written into the text (from the enum, once, at import) rather than bound as
# parameters: the pick of an available code must match the partial index
# ix_coupon_batch_id_id_available, which PostgreSQL can prove only for a constant, not for a
# parameter of a prepared statement's generic plan. The code insert below does the same.
#
# The pick takes the available code with the lowest id (ORDER BY id, the order of the index
# ix_coupon_batch_id_id_available). Without an order, the generic plan PostgreSQL may switch to
# after a few runs of the prepared statement judged a sequential scan cheaper once the table
# had statistics: it expects a batch's codes to be spread through the table (rows / distinct
# batches) and LIMIT 1 to stop at the first, while a new batch's codes lie at its end behind
# every older batch's. In `make bench`, after autovacuum's first ANALYZE, such a pick read
# ~150,000 rows (19 ms against 0.06 ms), PostgreSQL's CPU per claim through the gateway rose
# from 1.7 to 4.7-4.9 ms and claims fell by half (the raw statement's tenfold). With the
# order, a plan that scans must also sort, and the index already in that order is cheaper.
# It must be the only index on the batch's available codes: beside the old one on batch_id
# alone, a table without statistics had PostgreSQL read and sort the batch's every code for
# each claim (18 ms; migration c3d7 replaced it). tests/coupons/test_claim_plan.py holds all
# of it under generic and custom plans, before and after ANALYZE.
#
# Sent by asyncpg itself (servicekit.db.DriverStatement): every claim sends it, and through
# SQLAlchemy's session it cost ~0.3 ms of CPU more (bench/RESULTS.md, "claim and redeem:
# fewer statements").
_CLAIM = DriverStatement(
    f"""
WITH per_customer AS (
    INSERT INTO coupon_customer_claim (batch_id, customer_id, workspace_id, claimed_count)
    VALUES (:batch_id, :customer_id, :workspace_id, 1)
    ON CONFLICT (batch_id, customer_id) DO UPDATE
        SET claimed_count = coupon_customer_claim.claimed_count + 1
        WHERE coupon_customer_claim.claimed_count < :per_customer_limit
    RETURNING claimed_count
), stock AS (
    UPDATE coupon_batch SET claimed_count = claimed_count + 1, updated_at = now()
    WHERE id = :batch_id AND workspace_id = :workspace_id
      AND claimed_count < total_quantity
      AND EXISTS (SELECT 1 FROM per_customer)
    RETURNING claimed_count
), picked AS (
    SELECT id FROM coupon
    WHERE batch_id = :batch_id AND status = '{CouponStatus.AVAILABLE}'
      AND EXISTS (SELECT 1 FROM stock)
    ORDER BY id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE coupon SET
        status = '{CouponStatus.CLAIMED}',
        customer_id = :customer_id,
        claimed_at = now(),
        updated_at = now(),
        valid_from = CASE WHEN CAST(:valid_days AS integer) IS NULL
                          THEN CAST(:valid_from AS timestamptz) ELSE now() END,
        valid_until = CASE WHEN CAST(:valid_days AS integer) IS NULL
                           THEN CAST(:valid_until AS timestamptz)
                           ELSE now() + make_interval(days => CAST(:valid_days AS integer)) END,
        source = :source
    WHERE id = (SELECT id FROM picked) AND status = '{CouponStatus.AVAILABLE}'
    RETURNING *
), event AS (
    {
        insert_event_sql(
            OutboxEvent,
            "claimed",
            "CAST(:payload AS jsonb) || jsonb_build_object('coupon_id', claimed.id::text)",
        )
    }
)
SELECT EXISTS (SELECT 1 FROM per_customer) AS within_customer_limit,
       EXISTS (SELECT 1 FROM stock) AS within_stock,
       claimed.*
FROM (SELECT 1) AS one LEFT JOIN claimed ON true
""",
    json_params=("source", "payload"),
)

# A code as an export reads it: code, status, customer_id, claimed_at, valid_until, and the
# created_at and id that order it.
CodeRow = tuple[str, str, str | None, datetime | None, datetime | None, datetime, uuid.UUID]
# Rows a streamed export fetches from its server-side cursor at a time.
EXPORT_FETCH = 2000

_INSERT_CODES_SQL = text(
    f"""
INSERT INTO coupon (id, workspace_id, batch_id, code, status, created_at, updated_at)
SELECT gen_random_uuid(), :workspace_id, :batch_id, code, '{CouponStatus.AVAILABLE}', now(), now()
FROM unnest(CAST(:codes AS text[])) AS code
ON CONFLICT (workspace_id, code) DO NOTHING
"""
)


def claim_params(
    workspace_id: str,
    batch: CouponBatch,
    customer_id: str,
    source: dict[str, Any] | None,
    event_type: str,
    payload: dict[str, Any],
) -> dict[str, Any]:
    """The parameters of the claim statement (``_CLAIM``) by name."""
    return {
        **outbox_params(workspace_id, event_type),
        "payload": payload,
        "batch_id": batch.id,
        "workspace_id": workspace_id,
        "customer_id": customer_id,
        "per_customer_limit": batch.per_customer_limit,
        "valid_days": batch.valid_days,
        "valid_from": batch.valid_from,
        "valid_until": batch.valid_until,
        "source": source,
    }


class CouponBatchRepository(WorkspaceRepository[CouponBatch]):
    model = CouponBatch

    def list_batches(self, campaign_id: uuid.UUID | None) -> Select[CouponBatch]:
        return self.select(campaign_id=campaign_id)

    async def for_claim(self, batch_id: uuid.UUID) -> ClaimTarget | None:
        """The batch and its campaign (FOR SHARE), in one statement (``_BATCH_FOR_CLAIM``)."""
        params = {"workspace_id": self.workspace_id, "id": batch_id}
        row = await _BATCH_FOR_CLAIM.fetchrow(self.session, params)
        if row is None:
            return None
        return ClaimTarget(
            _loaded(self.session, CouponBatch, row, "b"),
            _loaded(self.session, Campaign, row, "c") if row["c_id"] is not None else None,
        )

    async def insert_codes(self, batch_id: uuid.UUID, codes: list[str]) -> int:
        """Insert ``codes`` in one multi-row statement; returns how many were new."""
        # On the session's connection (the same transaction): its result is a CursorResult,
        # typed with the rowcount that says how many codes did not collide.
        connection = await self.session.connection()
        result = await connection.execute(
            _INSERT_CODES_SQL,
            {"workspace_id": self.workspace_id, "batch_id": batch_id, "codes": codes},
        )
        return result.rowcount

    async def add_generated(self, batch_id: uuid.UUID, count: int) -> None:
        """Count ``count`` more codes of the batch as made (one statement, in the chunk's
        transaction)."""
        await self.session.execute(
            self.update_where(CouponBatch.id == batch_id).values(
                generated_count=CouponBatch.generated_count + count, updated_at=func.now()
            )
        )

    async def claim(
        self,
        batch: CouponBatch,
        customer_id: str,
        source: dict[str, Any] | None,
        event_type: str,
        payload: dict[str, Any],
    ) -> ClaimOutcome:
        """Claim a code of ``batch`` for ``customer_id`` and record ``event_type`` with
        ``payload`` (and the code's ``coupon_id``) in the outbox, in one statement."""
        row = await _CLAIM.fetchrow(
            self.session,
            claim_params(self.workspace_id, batch, customer_id, source, event_type, payload),
        )
        coupon = None
        if row["id"] is not None:
            coupon = _loaded(self.session, Coupon, row)
        return ClaimOutcome(row["within_customer_limit"], row["within_stock"], coupon)

    async def batch_stats(self, batch_id: uuid.UUID) -> dict[str, Any]:
        """Codes issued and voided, redemptions; planned with the batch's id, as one batch may
        hold most of the codes (``servicekit.db.plan_with_values``)."""
        await plan_with_values(self.session)
        coupons = (
            await self.session.execute(
                select(
                    func.count().label("issued"),
                    func.count().filter(Coupon.status == CouponStatus.VOIDED).label("voided"),
                ).where(Coupon.workspace_id == self.workspace_id, Coupon.batch_id == batch_id)
            )
        ).one()
        redemptions = (
            await self.session.execute(
                redemption_totals().where(
                    Redemption.workspace_id == self.workspace_id, Redemption.batch_id == batch_id
                )
            )
        ).one()
        return {**coupons._asdict(), **redemptions._asdict()}


# The redeem path's statements, built once: a statement built per request is built and keyed
# again every time (the profile of a redeem; servicekit.repository.page_statement).
_BY_CODE = select(Coupon).where(
    Coupon.workspace_id == bindparam("workspace_id"), Coupon.code == bindparam("code")
)
_REDEMPTION_COLUMNS = [c.name for c in Redemption.__table__.columns]

# A redeem in one statement: the claimed code of its owner, within its validity, becomes
# redeemed (the row lock makes one of N racers win), its redemption is inserted and both events
# (coupon redeemed, order purchased) go to the outbox, or nothing happens at all. The values come
# from a Redemption built in Python (its id and created_at set there, as the ORM would). Sent by
# asyncpg itself, as the claim's statement is.
_REDEEM = DriverStatement(
    f"""
WITH redeemed AS (
    UPDATE coupon SET status = '{CouponStatus.REDEEMED}', redeemed_at = now(), updated_at = now()
    WHERE workspace_id = :workspace_id AND id = :coupon_id
      AND status = '{CouponStatus.CLAIMED}' AND customer_id = :customer_id
      AND valid_from <= now() AND valid_until > now()
    RETURNING id
), redemption AS (
    INSERT INTO {Redemption.__tablename__} ({", ".join(_REDEMPTION_COLUMNS)})
    SELECT {", ".join("redeemed.id" if c == "coupon_id" else f":{c}" for c in _REDEMPTION_COLUMNS)}
    FROM redeemed
    RETURNING *
), redeemed_event AS (
    {
        insert_event_sql(
            OutboxEvent,
            "redemption",
            "CAST(:redeemed_payload AS jsonb)",
            type_param="redeemed_event_type",
        )
    }
), purchased_event AS (
    {
        insert_event_sql(
            OutboxEvent,
            "redemption",
            "CAST(:purchased_payload AS jsonb)",
            type_param="purchased_event_type",
        )
    }
)
SELECT * FROM redemption
""",
    json_params=("source", "redeemed_payload", "purchased_payload"),
)


class CouponRepository(WorkspaceRepository[Coupon]):
    model = Coupon

    async def for_redeem(self, code: str) -> RedeemTarget | None:
        """The coupon, its batch and the batch's campaign (FOR SHARE), in one statement."""
        params = {"workspace_id": self.workspace_id, "code": code}
        row = await _COUPON_FOR_REDEEM.fetchrow(self.session, params)
        if row is None:
            return None
        return RedeemTarget(
            _loaded(self.session, Coupon, row, "k"),
            _loaded(self.session, CouponBatch, row, "b"),
            _loaded(self.session, Campaign, row, "c") if row["c_id"] is not None else None,
        )

    async def get_by_code(self, code: str) -> Coupon | None:
        params = {"workspace_id": self.workspace_id, "code": code}
        return (await self.session.scalars(_BY_CODE, params)).one_or_none()

    def list_coupons(
        self,
        batch_id: uuid.UUID | None,
        status: CouponStatus | None,
        customer_id: str | None,
    ) -> Select[Coupon]:
        return self.select(batch_id=batch_id, status=status, customer_id=customer_id)

    def _export(self, batch_id: uuid.UUID) -> Select[*CodeRow]:
        # In (created_at, id) order, which ix_coupon_batch_id_created_at_id serves.
        return (
            select(
                Coupon.code,
                Coupon.status,
                Coupon.customer_id,
                Coupon.claimed_at,
                Coupon.valid_until,
                Coupon.created_at,
                Coupon.id,
            )
            .where(Coupon.workspace_id == self.workspace_id, Coupon.batch_id == batch_id)
            .order_by(Coupon.created_at, Coupon.id)
        )

    async def stream_codes(self, batch_id: uuid.UUID) -> AsyncIterator[Row[*CodeRow]]:
        """Every code of the batch, read from a server-side cursor a few thousand rows at a
        time (a million codes never sit in memory)."""
        result = await self.session.stream(
            self._export(batch_id).execution_options(yield_per=EXPORT_FETCH)
        )
        async for row in result:
            yield row

    async def codes_after(
        self, batch_id: uuid.UUID, after: tuple[datetime, uuid.UUID] | None, limit: int
    ) -> Sequence[Row[*CodeRow]]:
        """The next ``limit`` codes of the batch after ``after`` (a row's created_at and id),
        in export order: one chunk of an export job."""
        stmt = self._export(batch_id).limit(limit)
        if after is not None:
            stmt = stmt.where(tuple_(Coupon.created_at, Coupon.id) > tuple_(*after))
        return (await self.session.execute(stmt)).all()

    async def redeem(
        self, redemption: Redemption, events: Mapping[str, tuple[str, dict[str, Any]]]
    ) -> Redemption | None:
        """claimed → redeemed, ``redemption`` inserted and ``events`` recorded, in one statement
        (``_REDEEM``); ``events`` names the ``redeemed`` and ``purchased`` events' type and
        payload. The redemption as stored, or None when the code was not the owner's claimed,
        valid code at that moment (then nothing was written)."""
        values = {c.name: getattr(redemption, c.key) for c in Redemption.__table__.columns}
        params = {
            **values,
            "workspace_id": self.workspace_id,
            "outbox_workspace_id": self.workspace_id,
            "redeemed_event_type": events["redeemed"][0],
            "redeemed_payload": events["redeemed"][1],
            "purchased_event_type": events["purchased"][0],
            "purchased_payload": events["purchased"][1],
        }
        row = await _REDEEM.fetchrow(self.session, params)
        if row is None:
            return None
        return _loaded(self.session, Redemption, row)

    async def mark_unredeemed(self, coupon_id: uuid.UUID) -> bool:
        return await self.update_if(
            coupon_id,
            Coupon.status == CouponStatus.REDEEMED,
            status=CouponStatus.CLAIMED,
            redeemed_at=None,
            updated_at=func.now(),
        )

    async def mark_voided(self, coupon_id: uuid.UUID) -> bool:
        return await self.update_if(
            coupon_id,
            Coupon.status.in_((CouponStatus.AVAILABLE, CouponStatus.CLAIMED)),
            status=CouponStatus.VOIDED,
            voided_at=func.now(),
            updated_at=func.now(),
        )


class RedemptionRepository(WorkspaceRepository[Redemption]):
    model = Redemption

    async def get_of_coupon(
        self, redemption_id: uuid.UUID, coupon_id: uuid.UUID
    ) -> Redemption | None:
        stmt = self.select().where(
            Redemption.id == redemption_id, Redemption.coupon_id == coupon_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    def list_of_coupon(self, coupon_id: uuid.UUID) -> Select[Redemption]:
        return self.select().where(Redemption.coupon_id == coupon_id)

    async def mark_rolled_back(self, redemption_id: uuid.UUID) -> bool:
        """applied → rolled_back in one statement: a second rollback finds nothing to change."""
        return await self.update_if(
            redemption_id,
            Redemption.status == RedemptionStatus.APPLIED,
            status=RedemptionStatus.ROLLED_BACK,
            rolled_back_at=func.now(),
            updated_at=func.now(),
        )
