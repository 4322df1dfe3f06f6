from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Double, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from metrics_svc.base import Base
from servicekit.models import WorkspaceModel


class Target(WorkspaceModel, Base):
    """A goal: reach ``target_value`` of ``metric`` (with ``filters``) within the period."""

    __tablename__ = "target"
    __table_args__ = (CheckConstraint("period_end > period_start", name="period_ordered"),)

    name: Mapped[str | None] = mapped_column(String(200), default=None)
    metric: Mapped[str] = mapped_column(String(64))
    # {"channel_id": …, "post_id": …, "publication_id": …, "campaign_id": …, "group_id": …},
    # only those set.
    filters: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    period_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    period_end: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    target_value: Mapped[float] = mapped_column(Double)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
