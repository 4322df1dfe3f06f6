import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    Uuid,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from community_svc.base import Base
from community_svc.groups.vocabulary import GoalHorizon, GroupKind, GroupPlatform, GroupStage
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in


class Group(WorkspaceModel, Base):
    """A user group (社群) on one platform, run from planning to dissolving."""

    # `group` is an SQL reserved word; a prefixed name keeps hand-written SQL and psql simple.
    __tablename__ = "community_group"
    __table_args__ = (
        CheckConstraint(sql_in("platform", GroupPlatform), name="platform_known"),
        CheckConstraint(sql_in("kind", GroupKind), name="kind_known"),
        CheckConstraint(sql_in("stage", GroupStage), name="stage_known"),
        # The last guard of "a full group refuses joins": the counter can never pass capacity.
        CheckConstraint("member_count >= 0 AND member_count <= capacity", name="within_capacity"),
    )

    name: Mapped[str] = mapped_column(String(200))
    platform: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    positioning: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(Text, default="")
    rules: Mapped[str] = mapped_column(Text, default="")
    entry_threshold: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(Integer)
    # Current members, kept by one atomic UPDATE per join/leave/import (never counted in Python).
    member_count: Mapped[int] = mapped_column(Integer, default=0)
    timezone: Mapped[str] = mapped_column(String(64))
    leader_id: Mapped[str | None] = mapped_column(String(128), default=None)
    assistant_ids: Mapped[list[str]] = mapped_column(ARRAY(String(128)), default=list)
    stage: Mapped[str] = mapped_column(String(20), default=GroupStage.PLANNING, index=True)
    dissolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class GroupGoal(WorkspaceModel, Base):
    """A short- or long-term target of a group: metric + target value + due date."""

    __tablename__ = "group_goal"
    __table_args__ = (CheckConstraint(sql_in("horizon", GoalHorizon), name="horizon_known"),)

    group_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("community_group.id", ondelete="CASCADE"), index=True
    )
    horizon: Mapped[str] = mapped_column(String(20))
    metric: Mapped[str] = mapped_column(String(100))
    target: Mapped[Decimal] = mapped_column(Numeric(18, 4))
    due_date: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    # When an operator marked the goal reached (null: not marked); set once.
    reached_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    reached_by: Mapped[str | None] = mapped_column(String(128), default=None)
