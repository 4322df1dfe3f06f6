"""Where a member came from: a publication's public tracking code (on a post's link, QR code or
poster), resolved to its publication, channel and post through content-svc, or those ids given
outright.

The look-up goes through a ``servicekit.peers.Peer`` (one pooled client for the app's life),
with community-svc's own rights: the caller's workspace and ``content:read``, not the caller's
scopes. A resolved code is cached per workspace for ``tracking_code_cache_s`` (a code never
changes its publication). An unknown code is the caller's mistake (422, nothing stored); a
content-svc that is down, slow or failing is not, so the write goes on with the code alone.
"""

import uuid
from collections.abc import Iterable
from functools import partial
from typing import Any

from community_svc.sources.exceptions import UnknownTrackingCode
from community_svc.sources.schemas import Source, SourceIn
from servicekit.context import RequestContext
from servicekit.peers import Answered, Peer, PeerCache, Unavailable

# What content-svc's resolve route asks for: the one scope the look-up carries. A tracking code
# is public (it is printed on posters), so a caller holding community scopes alone gets its
# join attributed too.
CONTENT_READ = "content:read"


class TrackingCodes:
    """content-svc's tracking codes, for the app's whole life (its peer client, one cache)."""

    def __init__(self, content: Peer, *, cache_s: float) -> None:
        self._content = content
        # Only resolved codes are kept; a failure is asked again at the next join.
        self._cache: PeerCache[tuple[str, str], Source] = PeerCache(
            answer_ttl_s=cache_s, failure_ttl_s=0
        )

    async def source(self, given: SourceIn | None, ctx: RequestContext) -> Source | None:
        """The source to store for ``given``: its ids as sent, or its code resolved (the code
        alone when content-svc cannot tell); raises ``UnknownTrackingCode``."""
        if given is None:
            return None
        if given.tracking_code is None:
            return Source(
                publication_id=given.publication_id,
                channel_id=given.channel_id,
                post_id=given.post_id,
            )
        return await self.resolve(given.tracking_code, ctx)

    async def resolve_many(
        self, codes: Iterable[str], ctx: RequestContext
    ) -> dict[str, Source | None]:
        """Each code's source, None for an unknown one (an import's rows). Once content-svc
        fails to answer, the remaining codes are kept alone without asking again, so an
        import never waits for a dead content-svc once per code."""
        found: dict[str, Source | None] = {}
        reachable = True
        for code in codes:
            if not reachable:
                kept = self._cache.get((ctx.workspace_id, code))
                found[code] = (
                    kept.value if isinstance(kept, Answered) else Source(tracking_code=code)
                )
                continue
            try:
                found[code] = source = await self.resolve(code, ctx)
            except UnknownTrackingCode:
                found[code] = None
                continue
            reachable = source.publication_id is not None
        return found

    async def resolve(self, code: str, ctx: RequestContext) -> Source:
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
            if outcome.status == 404:
                raise UnknownTrackingCode(code)
            return Source(tracking_code=code)
        return outcome.value


def _resolved(code: str, body: Any) -> Source:
    """content-svc's answer for ``code``; raises ``ValueError``, ``LookupError`` or
    ``TypeError`` on another shape."""
    if not isinstance(body, dict):
        raise TypeError("not a JSON object")
    return Source(
        tracking_code=code,
        publication_id=uuid.UUID(str(body["publication_id"])),
        channel_id=uuid.UUID(str(body["channel_id"])),
        post_id=uuid.UUID(str(body["post_id"])),
        platform=str(body["platform"]) if body.get("platform") else None,
    )
