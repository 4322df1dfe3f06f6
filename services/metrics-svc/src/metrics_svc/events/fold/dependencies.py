"""The dependency every read takes: fold what is pending first, so the answer counts every
event acknowledged before the read began."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Annotated

import structlog
from fastapi import Depends, Request
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.config import Settings
from metrics_svc.events.exceptions import NumbersCatchingUp
from metrics_svc.events.fold.loop import FOLDED, fold_pending
from metrics_svc.events.fold.repository import FoldRepository
from metrics_svc.scopes import READ, WRITE
from servicekit.db import Database

log = structlog.get_logger("metrics_svc.fold")

# Opens the transaction a read folds in; committed when the block ends (a dependency, so the
# test suite can run it inside its own rolled-back transaction).
FoldTransaction = Callable[[], AbstractAsyncContextManager[AsyncSession]]


def get_fold_transaction(request: Request) -> FoldTransaction:
    database: Database = request.state.database

    @asynccontextmanager
    async def transaction() -> AsyncIterator[AsyncSession]:
        async with database.sessionmaker() as session, session.begin():
            yield session

    return transaction


# How long a read waits for a fold in progress before answering 503.
READ_LOCK_TIMEOUT_MS = 10_000


async def fold_before_read(
    request: Request, transaction: Annotated[FoldTransaction, Depends(get_fold_transaction)]
) -> None:
    """Dependency of every read: fold the events received before the read began, in a short
    transaction committed before the read goes on (the read's own queries then see them).

    Cheap when nothing is pending (one ``EXISTS`` on an empty table). With a backlog it waits
    for a fold in progress, then folds the rest; it never holds the lock during the read
    itself, and never folds what arrives while it works. A fold that cannot finish (the lock
    held too long, the database away) is a 503: the numbers cannot be exact right now."""
    settings: Settings = request.state.settings
    try:
        async with transaction() as session:
            repo = FoldRepository(session)
            folded = await fold_pending(
                repo, settings.fold_chunk, wait=True, timeout_ms=READ_LOCK_TIMEOUT_MS
            )
    except DBAPIError as exc:
        log.exception("fold before a read failed")
        raise NumbersCatchingUp() from exc
    if folded:
        FOLDED.labels(by="read").inc(folded)


# The dependency lists of the routes whose answers count events: the scope, then the fold, so
# the answer counts every event acknowledged before the call. Their routes declare the fold's
# 503 (``NumbersCatchingUp``) among their problems.
READ_FOLDED = [*READ, Depends(fold_before_read)]
# Creating or changing a target answers with its actual, so those fold first too.
WRITE_FOLDED = [*WRITE, Depends(fold_before_read)]
