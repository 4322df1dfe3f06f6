"""Tracking codes resolved through content-svc (``GET /v1/tracking-codes/{code}``), with the
caller's context headers, a short timeout and a small in-process cache.

A code never changes the publication it stands for, so an answer is kept a few minutes; an
unknown code is not kept (a publication created a moment later may carry it). When content-svc
cannot answer (down, slow, or refusing the caller), the write still goes on and its source keeps
only the code: a person's lead or purchase is never lost to another service's outage.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import httpx
import structlog
from cachetools import TTLCache
from pydantic import ValidationError

from campaign_svc.sources.exceptions import UnknownTrackingCode
from campaign_svc.sources.schemas import SourceIn, SourceRead
from servicekit.context import RequestContext
from servicekit.http import context_headers, service_client

log = structlog.get_logger("campaign_svc.sources")

CACHE_TTL_S = 300.0
CACHE_SIZE = 10_000


class _Unknown(Enum):
    CODE = "unknown"


UNKNOWN = _Unknown.CODE


class TrackingCodes:
    """content-svc's tracking codes, for the app's whole life (one pooled client, one cache)."""

    def __init__(self, content_url: str, *, timeout_s: float, internal_token: str) -> None:
        self._client = service_client(content_url, timeout_s=timeout_s)
        self._internal_token = internal_token
        self._cache: TTLCache[tuple[str, str], SourceRead] = TTLCache(CACHE_SIZE, CACHE_TTL_S)

    async def lookup(self, ctx: RequestContext, code: str) -> SourceRead | _Unknown | None:
        """The publication ids ``code`` stands for; ``UNKNOWN`` when content-svc has no such
        code in the caller's workspace; None when content-svc could not say."""
        key = (ctx.workspace_id, code)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        try:
            answer = await self._client.get(
                f"/v1/tracking-codes/{code}",
                headers=context_headers(ctx, self._internal_token),
            )
        except httpx.HTTPError as exc:
            log.warning("tracking code lookup failed", code=code, error=repr(exc))
            return None
        if answer.status_code in (404, 422):
            return UNKNOWN
        if answer.status_code != 200:
            log.warning("tracking code lookup refused", code=code, status=answer.status_code)
            return None
        try:
            found = _resolved(code, answer.json())
        except (ValueError, ValidationError) as exc:
            log.warning("tracking code lookup answered nonsense", code=code, error=repr(exc))
            return None
        self._cache[key] = found
        return found

    async def aclose(self) -> None:
        await self._client.aclose()


def _resolved(code: str, body: Any) -> SourceRead:
    if not isinstance(body, dict):
        raise ValueError("not a JSON object")
    return SourceRead.model_validate(
        {
            "tracking_code": code,
            "publication_id": body.get("publication_id"),
            "channel_id": body.get("channel_id"),
            "post_id": body.get("post_id"),
        }
    )


async def resolve_source(
    codes: TrackingCodes, ctx: RequestContext, source: SourceIn | None
) -> SourceRead | None:
    """The source to store and send with the write's event: explicit ids as given, a code
    with the ids it stands for (only the code when content-svc could not say); an unknown code
    is a 422 naming it, before anything is written."""
    if source is None:
        return None
    if source.tracking_code is None:
        return SourceRead(
            publication_id=source.publication_id,
            channel_id=source.channel_id,
            post_id=source.post_id,
        )
    found = await codes.lookup(ctx, source.tracking_code)
    if found is UNKNOWN:
        raise UnknownTrackingCode(source.tracking_code)
    if found is None:
        return SourceRead(tracking_code=source.tracking_code)
    return found
