import uuid
from datetime import date

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    Double,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from metrics_svc.base import Base
from metrics_svc.vocabulary import BenchmarkPlatform
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in


class Benchmark(WorkspaceModel, Base):
    """An account of another brand the team measures itself against (对标账号)."""

    __tablename__ = "benchmark"
    __table_args__ = (
        CheckConstraint(sql_in("platform", BenchmarkPlatform), name="platform_known"),
        # One entry per account: a second one would split its snapshots in two.
        UniqueConstraint("workspace_id", "platform", "handle"),
    )

    platform: Mapped[str] = mapped_column(String(32))
    handle: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class BenchmarkSnapshot(WorkspaceModel, Base):
    """A benchmark's public numbers for one day, as an operator read them (null: not known)."""

    __tablename__ = "benchmark_snapshot"
    __table_args__ = (
        # One snapshot per account and day: entering a day again replaces it.
        UniqueConstraint("benchmark_id", "snapshot_date"),
        CheckConstraint(
            "(followers IS NULL OR followers >= 0) AND (posts IS NULL OR posts >= 0) "
            "AND (avg_reads IS NULL OR avg_reads >= 0) AND (likes IS NULL OR likes >= 0)",
            name="not_negative",
        ),
    )

    benchmark_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("benchmark.id", ondelete="CASCADE")
    )
    snapshot_date: Mapped[date] = mapped_column(Date)
    followers: Mapped[int | None] = mapped_column(BigInteger, default=None)
    posts: Mapped[int | None] = mapped_column(BigInteger, default=None)
    avg_reads: Mapped[float | None] = mapped_column(Double, default=None)
    likes: Mapped[int | None] = mapped_column(BigInteger, default=None)
