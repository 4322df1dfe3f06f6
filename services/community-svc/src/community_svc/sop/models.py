import uuid
from datetime import date
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from community_svc.base import Base
from community_svc.sop.vocabulary import RunStatus
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in


class SopTemplate(WorkspaceModel, Base):
    """A named standard operating procedure; its steps live in immutable versions."""

    __tablename__ = "sop_template"

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # The number of the newest version (also the template's ETag); bumped under the
    # template's row lock on each edit.
    current_version: Mapped[int] = mapped_column(Integer, default=1)


class SopTemplateVersion(WorkspaceModel, Base):
    """The steps of a template as they stood at one version; never updated after insert."""

    __tablename__ = "sop_template_version"
    __table_args__ = (UniqueConstraint("template_id", "number"),)

    template_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("sop_template.id", ondelete="CASCADE")
    )
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # [{"title", "anchor", "offset_days", "time_of_day", "action", "script", "owner_role",
    #   "contingency_plan"}] as validated by schemas.SopStep
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)


class SopRun(WorkspaceModel, Base):
    """One template version applied to one group from an anchor date."""

    __tablename__ = "sop_run"
    __table_args__ = (CheckConstraint(sql_in("status", RunStatus), name="status_known"),)

    template_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("sop_template.id", ondelete="RESTRICT"), index=True
    )
    template_version_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("sop_template_version.id", ondelete="RESTRICT")
    )
    template_version: Mapped[int] = mapped_column(Integer)
    group_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("community_group.id", ondelete="CASCADE"), index=True
    )
    anchor_date: Mapped[date] = mapped_column(Date)
    campaign_start_date: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default=RunStatus.ACTIVE, index=True)
    started_by: Mapped[str | None] = mapped_column(String(128), default=None)
