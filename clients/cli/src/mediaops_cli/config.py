"""Where ``mediaops login`` keeps the gateway's URL and the credential, and how the environment
overrides them.

One JSON file, ``$XDG_CONFIG_HOME/mediaops/config.json`` (``~/.config/mediaops/config.json``
by default), readable by its owner only (0600, in a 0700 folder): it holds a secret.
``MEDIAOPS_URL`` and ``MEDIAOPS_TOKEN`` (a JWT or an API key) take precedence over the file, so a
script or CI job needs no login.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

ENV_URL = "MEDIAOPS_URL"
ENV_TOKEN = "MEDIAOPS_TOKEN"
API_KEY_PREFIX = "mo_"
Kind = Literal["token", "api_key"]


@dataclass(frozen=True, slots=True)
class Credentials:
    url: str
    secret: str
    kind: Kind

    @property
    def source(self) -> str:
        return "environment" if os.environ.get(ENV_TOKEN) else str(config_path())


class NotLoggedIn(Exception):
    """Neither a config file nor ``MEDIAOPS_URL`` and ``MEDIAOPS_TOKEN``."""


def kind_of(secret: str) -> Kind:
    return "api_key" if secret.startswith(API_KEY_PREFIX) else "token"


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME", "")
    # The XDG spec ignores a relative value.
    root = Path(base) if os.path.isabs(base) else Path.home() / ".config"
    return root / "mediaops" / "config.json"


def save(credentials: Credentials) -> Path:
    """Write the file with owner-only permissions from its first byte (no window in which
    another user could read the secret), replacing any earlier one whole."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(asdict(credentials), file, indent=2)
        file.write("\n")
    os.chmod(tmp, 0o600)  # an older file of the same name kept its mode through O_TRUNC
    os.replace(tmp, path)
    return path


def remove() -> bool:
    path = config_path()
    if path.exists():
        path.unlink()
        return True
    return False


def load() -> Credentials:
    """The file's credentials with the environment's on top; ``NotLoggedIn`` when neither
    names both a URL and a secret."""
    stored: dict[str, str] = {}
    path = config_path()
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
    url = os.environ.get(ENV_URL) or stored.get("url")
    secret = os.environ.get(ENV_TOKEN) or stored.get("secret")
    if not url or not secret:
        raise NotLoggedIn(
            "not logged in: run `mediaops login --url http://127.0.0.1:8100 --token …` (or "
            f"--api-key mo_…), or set {ENV_URL} and {ENV_TOKEN}"
        )
    kind: Kind = kind_of(secret) if os.environ.get(ENV_TOKEN) else _stored_kind(stored, secret)
    return Credentials(url=url.rstrip("/"), secret=secret, kind=kind)


def _stored_kind(stored: dict[str, str], secret: str) -> Kind:
    match stored.get("kind"):
        case "token":
            return "token"
        case "api_key":
            return "api_key"
    return kind_of(secret)
