"""Tracking codes resolved through content-svc (``GET /v1/tracking-codes/{code}``; the other
way, a publication's code, by ``GET /v1/publications/{id}``), through a
``servicekit.peers.Peer``: asked with campaign-svc's own rights (``content:read``, the caller's
workspace), within ``content_timeout_s``, with a small in-process cache. A tracking code is
public (it is printed on posters), so a caller holding campaign scopes alone gets its code
resolved too.

A code never changes the publication it stands for, so an answer is kept
``tracking_code_cache_s``; an
unknown code is not kept (a publication created a moment later may carry it). When content-svc
cannot answer (down, slow, or refusing the caller), the write still goes on and its source keeps
only the code: a person's lead or purchase is never lost to another service's outage.
"""

from __future__ import annotations

import uuid
from enum import Enum
from functools import partial
from typing import Any

from campaign_svc.sources.exceptions import PublicationNotFound, UnknownTrackingCode
from campaign_svc.sources.schemas import SourceIn, SourceRead
from servicekit.context import RequestContext
from servicekit.peers import Peer, PeerCache, Unavailable

# What content-svc's resolve route asks for: the one scope the look-up carries.
CONTENT_READ = "content:read"


class _Unknown(Enum):
    CODE = "unknown"


UNKNOWN = _Unknown.CODE


class TrackingCodes:
    """content-svc's tracking codes, for the app's whole life (its peer client, one cache)."""

    def __init__(self, content: Peer, *, cache_s: float) -> None:
        self._content = content
        # Only found codes are kept; a failure is asked again at the next write.
        self._cache: PeerCache[tuple[str, str], SourceRead] = PeerCache(
            answer_ttl_s=cache_s, failure_ttl_s=0
        )
        # Publications by id, the same way: a publication never changes its code.
        self._publications: PeerCache[tuple[str, uuid.UUID], SourceRead] = PeerCache(
            answer_ttl_s=cache_s, failure_ttl_s=0
        )

    async def lookup(self, ctx: RequestContext, code: str) -> SourceRead | _Unknown | None:
        """The publication ids ``code`` stands for; ``UNKNOWN`` when content-svc has no such
        code in the caller's workspace; None when content-svc could not say."""
        outcome = await self._cache.get_or_ask(
            (ctx.workspace_id, code),
            lambda: self._content.get(
                f"/v1/tracking-codes/{code}",
                ctx,
                scopes=[CONTENT_READ],
                expected="a tracking code's publication",
                read=partial(_resolved, code),
            ),
        )
        if isinstance(outcome, Unavailable):
            return UNKNOWN if outcome.status in (404, 422) else None
        return outcome.value

    async def of_publication(
        self, ctx: RequestContext, publication_id: uuid.UUID
    ) -> SourceRead | _Unknown | None:
        """The ids and tracking code of a publication of the caller's workspace; ``UNKNOWN``
        when content-svc has no such publication there; None when content-svc could not say."""
        outcome = await self._publications.get_or_ask(
            (ctx.workspace_id, publication_id),
            lambda: self._content.get(
                f"/v1/publications/{publication_id}",
                ctx,
                scopes=[CONTENT_READ],
                expected="a publication",
                read=_publication,
            ),
        )
        if isinstance(outcome, Unavailable):
            return UNKNOWN if outcome.status == 404 else None
        return outcome.value


def _publication(body: Any) -> SourceRead:
    if not isinstance(body, dict) or not isinstance(body.get("tracking_code"), str):
        raise ValueError("not a publication with a tracking code")
    return SourceRead.model_validate(
        {
            "tracking_code": body["tracking_code"],
            "publication_id": body.get("id"),
            "channel_id": body.get("channel_id"),
            "post_id": body.get("post_id"),
        }
    )


def _resolved(code: str, body: Any) -> SourceRead:
    if not isinstance(body, dict):
        raise ValueError("not a JSON object")
    return SourceRead.model_validate(
        {
            "tracking_code": code,
            "publication_id": body.get("publication_id"),
            "channel_id": body.get("channel_id"),
            "post_id": body.get("post_id"),
            "platform": body.get("platform"),
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


async def tracking_code_of(
    codes: TrackingCodes, ctx: RequestContext, publication_id: uuid.UUID
) -> str | None:
    """The tracking code of a publication the caller names (a partner's post): 404 when
    content-svc has no such publication in the workspace, before anything is written; None when
    content-svc could not say (the write goes on; a later read asks again)."""
    found = await codes.of_publication(ctx, publication_id)
    if found is UNKNOWN:
        raise PublicationNotFound(publication_id)
    return None if found is None else found.tracking_code
