import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from sqlalchemy import Boolean, Select, and_, literal_column, or_
from sqlalchemy.dialects.postgresql import insert

from metrics_svc.benchmarks.models import Benchmark, BenchmarkSnapshot
from metrics_svc.benchmarks.schemas import SnapshotIn
from servicekit.models import utcnow
from servicekit.pagination import Cursor, PageParams
from servicekit.repository import WorkspaceRepository

# Rows per INSERT: 10 parameters a row stays under PostgreSQL's 32,767 bind parameters.
UPSERT_CHUNK = 1000
_VALUES = ("followers", "posts", "avg_reads", "likes")


class BenchmarkRepository(WorkspaceRepository[Benchmark]):
    model = Benchmark

    def list_benchmarks(self, platform: str | None) -> Select[Benchmark]:
        return self.select(platform=platform)

    async def find(self, platform: str, handle: str) -> Benchmark | None:
        stmt = self.select(platform=platform, handle=handle)
        return (await self.session.scalars(stmt)).one_or_none()


class SnapshotRepository(WorkspaceRepository[BenchmarkSnapshot]):
    model = BenchmarkSnapshot

    async def upsert(
        self, benchmark_id: uuid.UUID, snapshots: Sequence[SnapshotIn]
    ) -> tuple[int, int]:
        """Store each day's numbers, replacing a day entered before, in one statement per
        chunk (concurrent entries of one day queue on its key; the last one stays). Answers
        (days created, days replaced)."""
        created = updated = 0
        now = utcnow()
        for start in range(0, len(snapshots), UPSERT_CHUNK):
            rows = [
                {
                    "id": uuid.uuid4(),
                    "workspace_id": self.workspace_id,
                    "benchmark_id": benchmark_id,
                    "snapshot_date": s.snapshot_date,
                    **{name: getattr(s, name) for name in _VALUES},
                    "created_at": now,
                    "updated_at": now,
                }
                for s in snapshots[start : start + UPSERT_CHUNK]
            ]
            stmt = insert(BenchmarkSnapshot).values(rows)
            stmt = stmt.on_conflict_do_update(
                index_elements=["benchmark_id", "snapshot_date"],
                set_={
                    **{name: stmt.excluded[name] for name in _VALUES},
                    "updated_at": stmt.excluded.updated_at,
                },
            )
            # xmax is 0 on a row this statement inserted, the updating transaction's id on one
            # it replaced: PostgreSQL's way to tell the two apart in one upsert.
            inserted = literal_column("xmax = 0", Boolean)
            flags = (await self.session.execute(stmt.returning(inserted))).scalars().all()
            created += sum(1 for f in flags if f)
            updated += sum(1 for f in flags if not f)
        return created, updated

    async def get_day(self, benchmark_id: uuid.UUID, day: date) -> BenchmarkSnapshot | None:
        stmt = self.select(benchmark_id=benchmark_id, snapshot_date=day)
        return (await self.session.scalars(stmt)).one_or_none()

    async def between(
        self, benchmark_id: uuid.UUID, first: date, end: date
    ) -> Sequence[BenchmarkSnapshot]:
        """The benchmark's snapshots from ``first`` to ``end`` (exclusive), by day."""
        stmt = self.select(
            BenchmarkSnapshot.snapshot_date >= first,
            BenchmarkSnapshot.snapshot_date < end,
            benchmark_id=benchmark_id,
        ).order_by(BenchmarkSnapshot.snapshot_date)
        return (await self.session.scalars(stmt)).all()

    async def page_by_day(
        self, benchmark_id: uuid.UUID, first: date | None, end: date | None, page: PageParams
    ) -> tuple[Sequence[BenchmarkSnapshot], str | None]:
        """One page of the benchmark's snapshots by day. Keyset on the day (unique per
        benchmark), carried in servicekit's opaque cursor as the day's midnight UTC so the
        cursor stays the one shape clients know."""
        stmt = self.select(benchmark_id=benchmark_id)
        if first is not None:
            stmt = stmt.where(BenchmarkSnapshot.snapshot_date >= first)
        if end is not None:
            stmt = stmt.where(BenchmarkSnapshot.snapshot_date < end)
        if page.cursor is not None:
            after = page.cursor.created_at.astimezone(UTC).date()
            stmt = stmt.where(
                or_(
                    BenchmarkSnapshot.snapshot_date > after,
                    and_(
                        BenchmarkSnapshot.snapshot_date == after,
                        BenchmarkSnapshot.id > page.cursor.id,
                    ),
                )
            )
        stmt = stmt.order_by(BenchmarkSnapshot.snapshot_date, BenchmarkSnapshot.id)
        rows = (await self.session.scalars(stmt.limit(page.limit + 1))).all()
        if len(rows) <= page.limit:
            return rows, None
        last = rows[page.limit - 1]
        at = datetime.combine(last.snapshot_date, time(), UTC)
        return rows[: page.limit], Cursor(at, last.id).encode()
