"""What a service tells the test plugin about itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from servicekit.settings import ServiceSettings


@dataclass(frozen=True)
class ServiceUnderTest:
    name: str
    alembic_ini: Path
    create_app: Callable[[Any], FastAPI]
    settings_cls: type[ServiceSettings]
    scopes: tuple[str, ...] = ()

    def settings(self, database_url: str) -> ServiceSettings:
        return self.settings_cls(database_url=database_url, log_json=False)
