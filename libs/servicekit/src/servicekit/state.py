"""The lifespan state of a service's app, typed: what every request finds on its state."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, TypedDict

from starlette.types import Scope

if TYPE_CHECKING:
    # Only for the annotations (the modules that fill the state import this one).
    from servicekit.db import Database
    from servicekit.idempotency import IdempotencyKeyMixin
    from servicekit.outbox import OutboxEventMixin
    from servicekit.settings import ServiceSettings


class ServiceState(TypedDict):
    """What the lifespan puts on ``request.state`` (no module globals)."""

    database: Database
    settings: ServiceSettings
    migration_heads: frozenset[str]
    # The service's idempotency_key table, where the door keeps POST answers (None: none).
    idempotency_model: type[IdempotencyKeyMixin] | None
    # The service's outbox table, where its units of work record domain events (None: none).
    outbox_model: type[OutboxEventMixin] | None


# A service's own entries of the lifespan state: given the kit's state, the same entries and
# the service's, as a TypedDict of the service that extends ServiceState
# (``class MetricsState(ServiceState): ingest_activity: IngestActivity``), so everything a
# request finds on ``request.state`` is declared with its type.
#
# Entries that must be closed (a peer's pooled client, ``servicekit.peers.Peer``) come from an
# async context manager instead: the extension returns one (an ``@asynccontextmanager``
# function that opens them, yields the state and closes them), which the app enters at
# startup and exits at shutdown, before its background tasks stop and its database closes.
StateExtension = Callable[[ServiceState], ServiceState | AbstractAsyncContextManager[ServiceState]]


def service_state(scope: Scope) -> ServiceState:
    """The request's lifespan state, as Starlette copies it into each request's scope."""
    state: ServiceState = scope["state"]
    return state
