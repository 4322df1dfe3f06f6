"""The WeChat Official Account API, called as one account at a time, with its access token.

Every call but the token's own carries ``?access_token=``. A token lives ``expires_in``
seconds (7,200) and fetching a new one makes the old one stop working five minutes later, so
the token is **shared**: kept in memory and in the account's row (``TokenStore``), fetched by
whichever process first finds it missing or near its end (a fifth of its life, at most five
minutes, before), and reused by every other process. A call answered 40001, 40014 or 42001
(the token is no good after all: expired early, or replaced by another system) is retried
**once** with a token fetched for the purpose, unless another process has stored a newer one
meanwhile.

Why not an SDK: wechatpy, the one mature Python SDK, is synchronous (requests), last released
in 2021 and drags in its own HTTP and XML stacks; the calls MediaOps makes are four JSON POSTs
and one GET, made here with the service's own httpx client and SSRF guard
(``publishing/egress.py``).

Secrets never reach logs or error texts: the AppSecret and the token travel in query strings
(the platform's protocol), so httpx's request log lines are redacted (``_RedactSecrets``) and
error texts are built from codes and messages, never from URLs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

import httpx

from content_svc.wechat.errors import TOKEN_INVALID, Explained, explain
from servicekit.models import utcnow

TOKEN_PATH = "/cgi-bin/token"
# The most of a token's life held back: it is renewed this long (or a fifth of its life, if
# shorter) before it ends.
REFRESH_MARGIN_S = 300.0
_SNIPPET = 200


@dataclass(frozen=True, slots=True)
class ApiAccount:
    """What a call needs to act as one account: who, with which secret, where."""

    channel_id: uuid.UUID
    app_id: str
    app_secret: str = field(repr=False)
    api_base_url: str

    @property
    def cache_key(self) -> tuple[uuid.UUID, str, str]:
        return (self.channel_id, self.app_id, self.api_base_url)


@dataclass(frozen=True, slots=True)
class CachedToken:
    value: str = field(repr=False)
    usable_until: datetime


class TokenStore(Protocol):
    """Where an account's token is shared between processes (the ``wechat_account`` row)."""

    async def load(self, account: ApiAccount) -> CachedToken | None: ...

    async def save(self, account: ApiAccount, token: CachedToken) -> None: ...


class MemoryTokenStore:
    """A store for one process alone (tests that need no database)."""

    def __init__(self) -> None:
        self.tokens: dict[tuple[uuid.UUID, str, str], CachedToken] = {}

    async def load(self, account: ApiAccount) -> CachedToken | None:
        return self.tokens.get(account.cache_key)

    async def save(self, account: ApiAccount, token: CachedToken) -> None:
        self.tokens[account.cache_key] = token


class WeChatError(Exception):
    """A call did not succeed; ``str(exc)`` is a sentence for ``last_error`` or a reply's
    outcome, ``final`` whether retrying could help."""

    final: bool = False


class WeChatApiError(WeChatError):
    """The platform answered with a non-zero ``errcode``."""

    def __init__(self, api: str, errcode: int, errmsg: str) -> None:
        self.api = api
        self.errcode = errcode
        self.errmsg = errmsg
        self.explained: Explained = explain(api, errcode, errmsg)
        self.final = self.explained.final
        super().__init__(self.explained.text)


class WeChatUnreachable(WeChatError):
    """No usable answer: the connection failed, timed out, or the answer was not the platform's
    JSON. Worth another try later."""


class _RedactSecrets(logging.Filter):
    """Blanks ``secret=`` and ``access_token=`` in the URLs httpx logs each request with."""

    _PATTERN = re.compile(r"((?:secret|access_token)=)[^&\s\"']+")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(
                self._PATTERN.sub(r"\1***", str(a)) if "=" in str(a) else a for a in args
            )
        return True


_httpx_log = logging.getLogger("httpx")
if not any(isinstance(f, _RedactSecrets) for f in _httpx_log.filters):
    _httpx_log.addFilter(_RedactSecrets())


def _usable_until(now: datetime, expires_in: float) -> datetime:
    margin = min(REFRESH_MARGIN_S, expires_in / 5)
    return now + timedelta(seconds=expires_in - margin)


class WeChatApi:
    """The API of every account, through one HTTP client; one per process."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        store: TokenStore,
        *,
        timeout_s: float = 10.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._http = http
        self._store = store
        self._timeout_s = timeout_s
        self._clock = clock
        self._memory: dict[tuple[uuid.UUID, str, str], CachedToken] = {}
        self._locks: dict[tuple[uuid.UUID, str, str], asyncio.Lock] = {}

    # --- tokens ---------------------------------------------------------------------------------

    def _usable(self, token: CachedToken | None, stale: str | None) -> bool:
        return token is not None and token.value != stale and token.usable_until > self._clock()

    async def access_token(self, account: ApiAccount, *, stale: str | None = None) -> str:
        """A token of ``account`` usable now; with ``stale``, one other than that (the platform
        just refused it)."""
        key = account.cache_key
        held = self._memory.get(key)
        if self._usable(held, stale):
            assert held is not None
            return held.value
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:  # one fetch per account per process, however many calls wait
            held = self._memory.get(key)
            if self._usable(held, stale):
                assert held is not None
                return held.value
            shared = await self._store.load(account)
            if self._usable(shared, stale):
                assert shared is not None
                self._memory[key] = shared
                return shared.value
            fresh = await self._fetch_token(account)
            await self._store.save(account, fresh)
            self._memory[key] = fresh
            return fresh.value

    async def _fetch_token(self, account: ApiAccount) -> CachedToken:
        params = {
            "grant_type": "client_credential",
            "appid": account.app_id,
            "secret": account.app_secret,
        }
        answer = await self._send("token", "GET", account.api_base_url + TOKEN_PATH, params=params)
        token, expires_in = answer.get("access_token"), answer.get("expires_in")
        if not isinstance(token, str) or not token or not isinstance(expires_in, int | float):
            raise WeChatUnreachable("WeChat token answered without access_token and expires_in")
        if expires_in <= 0:
            raise WeChatUnreachable(f"WeChat token answered expires_in {expires_in}")
        return CachedToken(token, _usable_until(self._clock(), float(expires_in)))

    # --- calls ----------------------------------------------------------------------------------

    async def call(self, account: ApiAccount, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """POST ``body`` to ``/cgi-bin/<api>`` as ``account``; the answer when ``errcode`` is 0
        (or absent). Raises ``WeChatApiError`` or ``WeChatUnreachable``."""
        url = f"{account.api_base_url}/cgi-bin/{api}"
        # The platform wants UTF-8 JSON with Chinese as it is: some of its APIs store \\u escapes
        # literally.
        content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        token = await self.access_token(account)
        try:
            return await self._send(
                api, "POST", url, params={"access_token": token}, content=content
            )
        except WeChatApiError as exc:
            if exc.errcode not in TOKEN_INVALID:
                raise
        token = await self.access_token(account, stale=token)
        return await self._send(api, "POST", url, params={"access_token": token}, content=content)

    async def _send(
        self,
        api: str,
        method: str,
        url: str,
        *,
        params: Mapping[str, str],
        content: bytes | None = None,
    ) -> dict[str, Any]:
        headers = {"Content-Type": "application/json; charset=utf-8"} if content else None
        try:
            # httpx bounds each phase; this bounds the whole call.
            async with asyncio.timeout(self._timeout_s):
                response = await self._http.request(
                    method, url, params=params, content=content, headers=headers
                )
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise WeChatUnreachable(
                f"WeChat {api} did not answer within {self._timeout_s:g} s"
            ) from exc
        except httpx.HTTPError as exc:
            # The exception's text is left out: it may hold the URL, and the URL a secret.
            raise WeChatUnreachable(f"WeChat {api} unreachable ({type(exc).__name__})") from exc
        if response.status_code != 200:
            raise WeChatUnreachable(f"WeChat {api} answered HTTP {response.status_code}")
        try:
            answer = json.loads(response.content)
        except ValueError as exc:
            raise WeChatUnreachable(f"WeChat {api} answered something other than JSON") from exc
        if not isinstance(answer, dict):
            raise WeChatUnreachable(f"WeChat {api} answered JSON that is not an object")
        errcode = answer.get("errcode", 0)
        if not isinstance(errcode, int) or isinstance(errcode, bool):
            raise WeChatUnreachable(f"WeChat {api} answered an errcode that is not a number")
        if errcode != 0:
            errmsg = answer.get("errmsg")
            raise WeChatApiError(api, errcode, str(errmsg)[:_SNIPPET] if errmsg else "")
        return answer
