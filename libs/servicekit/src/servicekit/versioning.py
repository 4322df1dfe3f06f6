"""Optimistic concurrency over HTTP: ``ETag: "<version>"`` out, ``If-Match`` in (412 when stale)."""

from __future__ import annotations

from servicekit.errors import PreconditionFailed


def etag(version: int) -> str:
    return f'"{version}"'


def check_if_match(if_match: str | None, version: int) -> None:
    """Raise 412 unless ``If-Match`` is absent, ``*``, or lists the current version's ETag."""
    if if_match is None or if_match.strip() == "*":
        return
    tags = {t.strip().removeprefix("W/").strip('"') for t in if_match.split(",")}
    if str(version) not in tags:
        raise PreconditionFailed(
            f"The resource changed since you read it: it is now at version {version} "
            f"(If-Match was {if_match}). Read it again and re-apply your change.",
            current_version=version,
        )
