"""What a service tells the test plugin about itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI

from servicekit.settings import ServiceSettings

if TYPE_CHECKING:
    # Types only: ``servicekit.testing`` (the headers, the date edges) imports without the
    # database side; the plugin that uses these needs servicekit[db] anyway.
    from sqlalchemy import MetaData
    from sqlalchemy.ext.asyncio import AsyncSession

    from servicekit.outbox import OutboxEventMixin

Overrides = dict[Callable[..., Any], Callable[..., Any]]


def _no_app(_: Any) -> FastAPI:
    raise TypeError("this ServiceUnderTest names no create_app: the plugin's app fixtures need one")


@dataclass(frozen=True)
class ServiceUnderTest:
    name: str
    alembic_ini: Path
    # The app and its settings, for the fixtures that serve it (``app``, ``client_for`` …). An
    # app that only needs its migrated database from the plugin (the gateway, whose app is no
    # FastAPI service) leaves them out.
    create_app: Callable[[Any], FastAPI] = _no_app
    settings_cls: type[ServiceSettings] = ServiceSettings
    scopes: tuple[str, ...] = ()
    # For the shared contract tests (servicekit.testing.contract): the service's models and its
    # outbox table.
    metadata: MetaData | None = None
    outbox_model: type[OutboxEventMixin] | None = None
    # Dependencies besides the request session that open database transactions of their own,
    # made to join the test's rolled-back transaction too: given the test's session, the
    # overrides to install (``{dependency: replacement}``).
    joined_overrides: (
        Callable[[AsyncSession], dict[Callable[..., Any], Callable[..., Any]]] | None
    ) = None

    def settings(self, database_url: str) -> ServiceSettings:
        # No outbox relay in the app under test: it would deliver (or note failed attempts on)
        # the committed events race tests read and clean up. The relay's own tests start it.
        return self.settings_cls(database_url=database_url, log_json=False, relay_enabled=False)

    def app(self, database_url: str) -> FastAPI:
        """A fresh app of the service on ``database_url``, as the tests configure it."""
        return self.create_app(self.settings(database_url))
