"""An external identity provider's signing keys, read from its JWKS URL.

The keys are fetched with aiohttp (never blocking the event loop) when the gateway starts, kept
in memory, fetched again in the background once they are older than the cache lifetime, and
fetched at once when a token names a key id (``kid``) the gateway does not know, which is how a
key rotation at the issuer is picked up. Every fetch, whatever asked for it, is at least
``min_refetch_s`` after the previous attempt: a caller sending tokens with made-up key ids gets
401s, and the issuer sees at most one request from this gateway per interval. Concurrent
requests for a fetch share one.

A fetch that fails (issuer down, an error status, a document that holds no usable key) is
logged and counted, and the keys already held stay in use. Only asymmetric signing keys whose
algorithm is on the allow-list are kept (an ``oct`` key, an encryption key or an algorithm not
allowed is left out), so a token can never be checked against a shared secret from the JWKS.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterable
from typing import Any

import aiohttp
import jwt
import structlog
from prometheus_client import Counter

log = structlog.get_logger("gateway.jwks")

# The algorithms a JWKS key may be used with: RSA and elliptic-curve signatures only.
ASYMMETRIC_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}
)
# A JWKS document is a few kilobytes; anything much larger is not one.
MAX_JWKS_BYTES = 256 * 1024

FETCHES = Counter(
    "gateway_jwks_fetch_total",
    "Fetches of the identity provider's JWKS, by outcome (ok, failed, skipped: rate-limited).",
    ["outcome"],
)


class JwksUnavailable(Exception):
    """The JWKS could not be fetched or held no usable key; the message says why."""


class JwksKeys:
    """The identity provider's current signing keys by ``kid``."""

    def __init__(
        self,
        url: str,
        *,
        algorithms: Iterable[str],
        cache_ttl_s: float,
        min_refetch_s: float,
        timeout_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.algorithms = frozenset(algorithms) & ASYMMETRIC_ALGORITHMS
        self._cache_ttl_s = cache_ttl_s
        self._min_refetch_s = min_refetch_s
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._clock = clock
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._lock = asyncio.Lock()
        self._session: aiohttp.ClientSession | None = None
        self._background: asyncio.Task[bool] | None = None
        # Called when a fetch drops a key id held before (the verifier forgets tokens it passed).
        self.on_keys_removed: Callable[[], None] | None = None

    @property
    def key_ids(self) -> frozenset[str]:
        return frozenset(self._keys)

    def get(self, kid: str) -> jwt.PyJWK | None:
        return self._keys.get(kid)

    async def start(self) -> None:
        """Open the session and fetch the keys once; a failure is logged, not raised, so the
        gateway starts (its HS256 tokens, health and metrics work) while the issuer is down."""
        self._session = aiohttp.ClientSession(timeout=self._timeout, raise_for_status=False)
        await self.refresh()

    async def close(self) -> None:
        if self._background is not None:
            self._background.cancel()
        if self._session is not None:
            await self._session.close()

    def refresh_if_stale(self) -> None:
        """Start a background fetch when the keys are older than the cache lifetime. Cheap: one
        clock reading on the hot path; the request goes on with the keys held."""
        fetched_at = self._fetched_at
        if fetched_at is not None and self._clock() - fetched_at < self._cache_ttl_s:
            return
        if self._background is None or self._background.done():
            if self._may_fetch():
                self._background = asyncio.create_task(self.refresh())

    async def refresh(self) -> bool:
        """Fetch the keys now unless the last attempt was less than ``min_refetch_s`` ago (or
        a fetch is under way: its result is awaited instead). True when new keys were taken."""
        async with self._lock:
            if not self._may_fetch():
                FETCHES.labels("skipped").inc()
                return False
            self._attempted_at = self._clock()
            try:
                keys = await self._fetch()
            except JwksUnavailable as exc:
                FETCHES.labels("failed").inc()
                log.warning(
                    "jwks fetch failed; keeping the keys held", url=self.url, error=str(exc)
                )
                return False
            FETCHES.labels("ok").inc()
            removed = set(self._keys) - set(keys)
            added = set(keys) - set(self._keys)
            self._keys = keys
            self._fetched_at = self._attempted_at
            if added or removed:
                log.info("jwks keys", url=self.url, added=sorted(added), removed=sorted(removed))
            if removed and self.on_keys_removed is not None:
                self.on_keys_removed()
            return True

    def _may_fetch(self) -> bool:
        attempted = self._attempted_at
        return attempted is None or self._clock() - attempted >= self._min_refetch_s

    async def _fetch(self) -> dict[str, jwt.PyJWK]:
        assert self._session is not None, "start() first"
        try:
            async with self._session.get(
                self.url, headers={"Accept": "application/json"}, allow_redirects=False
            ) as response:
                if response.status != 200:
                    raise JwksUnavailable(f"the JWKS URL answered {response.status}")
                body = bytearray()
                async for chunk in response.content.iter_chunked(64 * 1024):
                    body += chunk
                    if len(body) > MAX_JWKS_BYTES:
                        raise JwksUnavailable(f"the JWKS is larger than {MAX_JWKS_BYTES} bytes")
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise JwksUnavailable(f"{type(exc).__name__}: {exc}") from exc
        try:
            document = json.loads(body)
        except ValueError as exc:
            raise JwksUnavailable("the JWKS is not JSON") from exc
        return self._usable(document)

    def _usable(self, document: Any) -> dict[str, jwt.PyJWK]:
        if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
            raise JwksUnavailable('the JWKS is not a JSON object with a "keys" list')
        keys: dict[str, jwt.PyJWK] = {}
        skipped: list[str] = []
        for data in document["keys"]:
            if not isinstance(data, dict):
                continue
            kid = data.get("kid")
            if not isinstance(kid, str) or not kid:
                skipped.append("(no kid)")
                continue
            if data.get("use", "sig") != "sig" or data.get("kty") not in ("RSA", "EC"):
                skipped.append(kid)
                continue
            try:
                key = jwt.PyJWK(data)
            except jwt.PyJWTError:
                skipped.append(kid)
                continue
            if key.algorithm_name not in self.algorithms:
                skipped.append(kid)
                continue
            keys[kid] = key
        if skipped:
            log.info("jwks keys left out", url=self.url, kids=skipped[:10])
        if not keys:
            raise JwksUnavailable(
                f"the JWKS holds no usable signing key (RSA or EC, algorithm in "
                f"{sorted(self.algorithms)}, with a kid)"
            )
        return keys
