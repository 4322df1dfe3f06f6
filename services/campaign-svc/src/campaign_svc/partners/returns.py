"""What partners' posts brought, read from metrics-svc: its attribution report of publications
(``GET /v1/attribution?publication_id=…&publication_id=…&from=&to=``), which credits each
publication with the leads, joins, coupon claims, redemptions and purchases made with its
tracking code, whatever campaign or group they were made in.

The numbers are a view, never stored: a read asks metrics-svc through a
``servicekit.peers.Peer`` with campaign-svc's own rights (``metrics:read``, the caller's
workspace): what a collaboration's post brought is part of the collaboration its caller reads.
At most ``MAX_PER_CALL`` publications go in one call (each is a query parameter); more are
asked in several calls at once, together within ``metrics_timeout_s``. An answer is kept
``returns_cache_s`` per set of publications and window; when metrics-svc is down, slow or
refuses, the outcome is ``Unavailable`` with the reason, kept ``returns_unavailable_cache_s``
only, so a recovered metrics-svc shows again soon.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from servicekit.context import RequestContext
from servicekit.peers import Answered, Outcome, Peer, PeerCache, Unavailable

# What metrics-svc's attribution route asks for: the one scope the call carries.
METRICS_READ = "metrics:read"
# metrics-svc takes at most this many publications in one report.
MAX_PER_CALL = 100

_Key = tuple[str, tuple[str, ...], datetime, datetime]


@dataclass(frozen=True, slots=True)
class Brought:
    """What one publication (or several, added up) brought; ``gmv`` in minor units (fen)."""

    leads: int = 0
    joins: int = 0
    claims: int = 0
    redemptions: int = 0
    gmv: int = 0

    def __add__(self, other: Brought) -> Brought:
        return Brought(
            self.leads + other.leads,
            self.joins + other.joins,
            self.claims + other.claims,
            self.redemptions + other.redemptions,
            self.gmv + other.gmv,
        )


class _Row(BaseModel):
    """The part of a report's publication row a return shows."""

    publication_id: str
    leads: int
    joins: int
    claims: int
    redemptions: int
    # Yuan, as metrics-svc sums purchases (and takes refunds off).
    gmv: float


class _Report(BaseModel):
    publications: list[_Row]


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _read_report(body: Any) -> dict[str, Brought]:
    """metrics-svc's report as what each publication brought; raises ``ValueError`` on
    another shape."""
    report = _Report.model_validate(body)
    return {
        row.publication_id: Brought(
            leads=row.leads,
            joins=row.joins,
            claims=row.claims,
            redemptions=row.redemptions,
            # Sums of amounts sent in fen / 100: within a rounding error of whole fen.
            gmv=round(row.gmv * 100),
        )
        for row in report.publications
    }


class PublicationReturns:
    """metrics-svc's numbers of publications, for the app's whole life (one pooled client,
    one cache)."""

    def __init__(self, metrics: Peer, *, cache_s: float, unavailable_cache_s: float) -> None:
        self._metrics = metrics
        self._cache: PeerCache[_Key, dict[str, Brought]] = PeerCache(
            answer_ttl_s=cache_s, failure_ttl_s=unavailable_cache_s
        )

    async def of(
        self,
        ctx: RequestContext,
        publication_ids: Collection[uuid.UUID],
        start: datetime,
        end: datetime,
    ) -> Outcome[dict[uuid.UUID, Brought]]:
        """What each publication brought in [start, end) (a publication with nothing is all
        zeros), or ``Unavailable`` when metrics-svc could not answer for any of them."""
        ids = sorted({str(p) for p in publication_ids})
        chunks = [tuple(ids[i : i + MAX_PER_CALL]) for i in range(0, len(ids), MAX_PER_CALL)]
        outcomes = await asyncio.gather(*(self._kept(ctx, c, start, end) for c in chunks))
        found: dict[str, Brought] = {}
        for outcome in outcomes:
            if isinstance(outcome, Unavailable):
                return outcome
            found.update(outcome.value)
        return Answered({uuid.UUID(p): found.get(p, Brought()) for p in ids})

    async def _kept(
        self, ctx: RequestContext, chunk: tuple[str, ...], start: datetime, end: datetime
    ) -> Outcome[dict[str, Brought]]:
        return await self._cache.get_or_ask(
            (ctx.workspace_id, chunk, start, end), lambda: self._ask(ctx, chunk, start, end)
        )

    async def _ask(
        self, ctx: RequestContext, chunk: tuple[str, ...], start: datetime, end: datetime
    ) -> Outcome[dict[str, Brought]]:
        return await self._metrics.get(
            "/v1/attribution",
            ctx,
            scopes=[METRICS_READ],
            params={
                "publication_id": list(chunk),
                "from": _rfc3339(start),
                "to": _rfc3339(end),
                "tz": "UTC",
            },
            expected="an attribution report",
            read=_read_report,
        )
