"""A local WeChat Official Account platform, for the tests and local development: the API
(``/cgi-bin/token``, ``draft/add``, ``freepublish/submit``, ``freepublish/get``,
``message/custom/send``) over real HTTP on 127.0.0.1, and the pushes the platform makes to a
server URL, signed (and encrypted, in safe mode) as the platform signs them.

It speaks the documented protocol and nothing more: tokens live ``token_ttl_s`` seconds and a
newer one leaves the old one valid ``grace_s`` more (the platform keeps five minutes); an
unknown or replaced token is 40001, an expired one 42001; a wrong AppSecret 40125; a cover that
is not one of the account's materials 40007; an unknown draft 40007; a message to someone who
is not a follower 40003. Every answer is HTTP 200 with ``errcode``/``errmsg``, as the platform
answers. A test makes it answer any documented code with ``fail_next``, ends every token early
with ``expire_tokens``, and reads what it was sent in ``calls``::

    with running_wechat() as wechat:
        account = wechat.add_account()
        ...  # point a channel's wechat.api_base_url at wechat.url

Not for production: it keeps everything in memory and checks nothing but what is above.
"""

from __future__ import annotations

import itertools
import json
import secrets
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from content_svc.wechat.crypto import MessageCrypto
from content_svc.wechat.signature import sign
from content_svc.wechat.xmlcodec import build_xml
from servicekit.testing.servers import serving

ORIGINAL_ID = "gh_3f1c9a7e2b84"
_MESSAGES = {
    40001: "invalid credential, access_token is invalid or not latest",
    40003: "invalid openid",
    40007: "invalid media_id",
    40013: "invalid appid",
    40125: "invalid appsecret",
    40164: "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist",
    41001: "access_token missing",
    42001: "access_token expired",
    44002: "empty post data",
    45009: "reach max api daily quota limit",
    45015: "response out of time limit or subscription is canceled",
    47001: "data format error",
    48001: "api unauthorized",
    53503: "该草稿未通过发布检查",
}


@dataclass
class Account:
    """An Official Account of the local platform."""

    app_id: str
    app_secret: str
    callback_token: str
    encoding_aes_key: str
    thumb_media_ids: set[str]
    followers: set[str]
    original_id: str = ORIGINAL_ID

    @property
    def thumb_media_id(self) -> str:
        return next(iter(self.thumb_media_ids))


@dataclass
class Call:
    """A call the platform received: the API (``draft/add``), its query and its JSON body."""

    api: str
    query: dict[str, str]
    body: Any
    errcode: int = 0


@dataclass
class _Token:
    app_id: str
    expires_at: float


@dataclass
class _Job:
    app_id: str
    media_id: str
    polls_left: int
    final_status: int
    article_id: str


@dataclass
class LocalWeChat:
    """The platform's state; ``app`` serves it."""

    token_ttl_s: int = 7200
    grace_s: float = 300.0
    # How many freepublish/get answers say "publishing" (1) before the job ends, and how.
    publish_polls: int = 1
    publish_status: int = 0
    url: str = ""
    accounts: dict[str, Account] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    drafts: dict[str, tuple[str, list[dict[str, Any]]]] = field(default_factory=dict)
    jobs: dict[str, _Job] = field(default_factory=dict)
    sent: list[dict[str, Any]] = field(default_factory=list)
    _tokens: dict[str, _Token] = field(default_factory=dict)
    _failures: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(2247483600))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- what a test sets up --------------------------------------------------------------------

    def add_account(
        self,
        *,
        app_id: str | None = None,
        followers: tuple[str, ...] = ("oFollower0000000000000000001",),
    ) -> Account:
        account = Account(
            app_id=app_id or "wx" + secrets.token_hex(8),
            app_secret=secrets.token_hex(16),
            callback_token="tok" + secrets.token_hex(6),
            encoding_aes_key=secrets.token_urlsafe(40).replace("-", "a").replace("_", "b")[:43],
            thumb_media_ids={"thumb-" + secrets.token_hex(8)},
            followers=set(followers),
        )
        self.accounts[account.app_id] = account
        return account

    def fail_next(self, api: str, errcode: int, errmsg: str | None = None, times: int = 1) -> None:
        """The next ``times`` calls of ``api`` (``token``, ``draft/add`` …) answer ``errcode``."""
        queue = self._failures.setdefault(api, [])
        queue.extend([(errcode, errmsg or _MESSAGES.get(errcode, "error"))] * times)

    def expire_tokens(self) -> None:
        """Every token issued so far is expired from now on (42001)."""
        for token in self._tokens.values():
            token.expires_at = 0.0

    def calls_to(self, api: str) -> list[Call]:
        return [c for c in self.calls if c.api == api]

    # --- the API ----------------------------------------------------------------------------------

    def _error(self, call: Call, errcode: int, errmsg: str | None = None) -> JSONResponse:
        call.errcode = errcode
        return JSONResponse({"errcode": errcode, "errmsg": errmsg or _MESSAGES.get(errcode, "")})

    def _scripted(self, api: str) -> tuple[int, str] | None:
        queue = self._failures.get(api)
        return queue.pop(0) if queue else None

    async def token(self, request: Request) -> JSONResponse:
        query = dict(request.query_params)
        call = Call("token", {k: v for k, v in query.items() if k != "secret"}, None)
        self.calls.append(call)
        if (scripted := self._scripted("token")) is not None:
            return self._error(call, *scripted)
        if query.get("grant_type") != "client_credential":
            return self._error(call, 40002, "invalid grant_type")
        account = self.accounts.get(query.get("appid", ""))
        if account is None:
            return self._error(call, 40013)
        if query.get("secret") != account.app_secret:
            return self._error(call, 40125)
        now = time.monotonic()
        with self._lock:
            for token in self._tokens.values():  # the older ones live out their grace
                if token.app_id == account.app_id:
                    token.expires_at = min(token.expires_at, now + self.grace_s)
            value = secrets.token_urlsafe(48)
            self._tokens[value] = _Token(account.app_id, now + self.token_ttl_s)
        return JSONResponse({"access_token": value, "expires_in": self.token_ttl_s})

    async def _authorised(self, request: Request, api: str) -> tuple[Call, Account | JSONResponse]:
        try:
            body = json.loads(await request.body())
        except ValueError:
            body = None
        call = Call(api, dict(request.query_params), body)
        self.calls.append(call)
        value = request.query_params.get("access_token")
        if not value:
            return call, self._error(call, 41001)
        token = self._tokens.get(value)
        if token is None:
            return call, self._error(call, 40001)
        if token.expires_at <= time.monotonic():
            return call, self._error(call, 42001)
        if (scripted := self._scripted(api)) is not None:
            return call, self._error(call, *scripted)
        if not isinstance(body, dict):
            return call, self._error(call, 47001)
        return call, self.accounts[token.app_id]

    async def draft_add(self, request: Request) -> JSONResponse:
        call, account = await self._authorised(request, "draft/add")
        if isinstance(account, JSONResponse):
            return account
        articles = call.body.get("articles")
        if not isinstance(articles, list) or not articles:
            return self._error(call, 47001)
        for article in articles:
            if not isinstance(article, dict) or not all(
                isinstance(article.get(k), str) and article[k]
                for k in ("title", "content", "thumb_media_id")
            ):
                return self._error(call, 47001)
            if article["thumb_media_id"] not in account.thumb_media_ids:
                return self._error(call, 40007)
        media_id = "draft-" + secrets.token_hex(10)
        self.drafts[media_id] = (account.app_id, articles)
        return JSONResponse({"media_id": media_id})

    async def freepublish_submit(self, request: Request) -> JSONResponse:
        call, account = await self._authorised(request, "freepublish/submit")
        if isinstance(account, JSONResponse):
            return account
        media_id = call.body.get("media_id")
        draft = self.drafts.get(media_id) if isinstance(media_id, str) else None
        if draft is None or draft[0] != account.app_id:
            return self._error(call, 40007)
        publish_id = str(next(self._ids))
        self.jobs[publish_id] = _Job(
            account.app_id,
            media_id,
            self.publish_polls,
            self.publish_status,
            "art-" + secrets.token_hex(8),
        )
        return JSONResponse({"errcode": 0, "errmsg": "ok", "publish_id": publish_id})

    async def freepublish_get(self, request: Request) -> JSONResponse:
        call, account = await self._authorised(request, "freepublish/get")
        if isinstance(account, JSONResponse):
            return account
        job = self.jobs.get(str(call.body.get("publish_id")))
        if job is None or job.app_id != account.app_id:
            return self._error(call, 40007, "invalid publish_id")
        if job.polls_left > 0:
            job.polls_left -= 1
            return JSONResponse({"publish_id": call.body["publish_id"], "publish_status": 1})
        if job.final_status != 0:
            return JSONResponse(
                {"publish_id": call.body["publish_id"], "publish_status": job.final_status,
                 "fail_idx": [1]}
            )  # fmt: skip
        return JSONResponse(
            {
                "publish_id": call.body["publish_id"],
                "publish_status": 0,
                "article_id": job.article_id,
                "article_detail": {
                    "count": 1,
                    "item": [{"idx": 1, "article_url": article_url(job.article_id)}],
                },
                "fail_idx": [],
            }
        )

    async def custom_send(self, request: Request) -> JSONResponse:
        call, account = await self._authorised(request, "message/custom/send")
        if isinstance(account, JSONResponse):
            return account
        body = call.body
        if body.get("touser") not in account.followers:
            return self._error(call, 40003)
        if body.get("msgtype") != "text" or not isinstance(body.get("text"), dict):
            return self._error(call, 47001)
        self.sent.append(body)
        return JSONResponse({"errcode": 0, "errmsg": "ok"})

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/cgi-bin/token", self.token, methods=["GET"]),
                Route("/cgi-bin/draft/add", self.draft_add, methods=["POST"]),
                Route("/cgi-bin/freepublish/submit", self.freepublish_submit, methods=["POST"]),
                Route("/cgi-bin/freepublish/get", self.freepublish_get, methods=["POST"]),
                Route("/cgi-bin/message/custom/send", self.custom_send, methods=["POST"]),
            ]
        )


def article_url(article_id: str) -> str:
    """Where the local platform says an article was published."""
    return f"https://mp.weixin.qq.com/s/{article_id}"


@contextmanager
def running_wechat(**settings: Any) -> Iterator[LocalWeChat]:
    """A ``LocalWeChat`` listening at its ``url`` on 127.0.0.1 until the block ends."""
    wechat = LocalWeChat(**settings)
    with serving(wechat.app()) as served:
        wechat.url = served.url
        yield wechat


# --- pushes, as the platform makes them ---------------------------------------------------------


def text_message(
    openid: str, content: str, *, msg_id: str | None = None, at: int | None = None
) -> dict[str, Any]:
    return {
        "ToUserName": ORIGINAL_ID,
        "FromUserName": openid,
        "CreateTime": at if at is not None else int(time.time()),
        "MsgType": "text",
        "Content": content,
        "MsgId": msg_id or str(secrets.randbelow(10**17) + 10**16),
    }


def follow_event(
    openid: str, *, subscribe: bool = True, scene: str | None = None
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "ToUserName": ORIGINAL_ID,
        "FromUserName": openid,
        "CreateTime": int(time.time()),
        "MsgType": "event",
        "Event": "subscribe" if subscribe else "unsubscribe",
    }
    if scene is not None:
        fields["EventKey"] = f"qrscene_{scene}"
    return fields


def echo_query(token: str, echostr: str = "7389154278263521869") -> dict[str, str]:
    """The query of the platform's check of a server URL."""
    timestamp, nonce = str(int(time.time())), str(secrets.randbelow(10**9))
    return {
        "signature": sign(token, timestamp, nonce),
        "timestamp": timestamp,
        "nonce": nonce,
        "echostr": echostr,
    }


def push(
    account: Account, fields: Mapping[str, Any], *, safe_mode: bool = False
) -> tuple[dict[str, str], bytes]:
    """The query and body of a push of ``fields`` to ``account``'s server URL, signed with its
    callback token, and in safe mode encrypted with its EncodingAESKey."""
    timestamp, nonce = str(int(time.time())), str(secrets.randbelow(10**9))
    query = {
        "signature": sign(account.callback_token, timestamp, nonce),
        "timestamp": timestamp,
        "nonce": nonce,
        "openid": str(fields.get("FromUserName", "")),
    }
    plain = build_xml(fields)
    if not safe_mode:
        return query, plain
    encrypted = MessageCrypto(account.encoding_aes_key, account.app_id).encrypt(plain)
    query["encrypt_type"] = "aes"
    query["msg_signature"] = sign(account.callback_token, timestamp, nonce, encrypted)
    return query, build_xml({"ToUserName": account.original_id, "Encrypt": encrypted})
