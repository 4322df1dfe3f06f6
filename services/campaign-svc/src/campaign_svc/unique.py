"""Inserts that a unique index may refuse: the race-safe "create it unless it exists".

Two concurrent requests may both find no row and both insert; the unique index lets one row in
and ``ON CONFLICT DO NOTHING`` turns the other insert into nothing, so the loser learns it lost
from the missing id instead of from an error that would abort its transaction.
"""

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import InstrumentedAttribute

from servicekit.models import WorkspaceModel, utcnow
from servicekit.repository import WorkspaceRepository


async def insert_unless_taken(
    repo: WorkspaceRepository[Any],
    model: type[WorkspaceModel],
    values: Mapping[str, Any],
    *,
    target: Sequence[InstrumentedAttribute[Any]] | None = None,
    at: datetime | None = None,
) -> uuid.UUID | None:
    """Insert a row of ``model`` in ``repo``'s workspace, stamped with a new id and the time
    (``at``, or now); its id, or None when a unique index (``target``'s, or any) already holds
    such a row."""
    now = at or utcnow()
    stmt = (
        insert(model)
        .values(
            id=uuid.uuid4(),
            workspace_id=repo.workspace_id,
            created_at=now,
            updated_at=now,
            **values,
        )
        .on_conflict_do_nothing(index_elements=target)
        .returning(model.id)
    )
    inserted: uuid.UUID | None = (await repo.session.execute(stmt)).scalar_one_or_none()
    return inserted
