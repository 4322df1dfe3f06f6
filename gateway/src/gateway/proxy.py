"""The pass-through for ``/v1/<resource>``: authenticate, authorise, stream there and back.

This is the hottest code in the system, so it is a bare ASGI callable (no FastAPI dependency
resolution, no Request object) that walks the header list once, forwards through the gateway's
own pool of keep-alive connections (``hop``, which says why it is not aiohttp's) and never holds
a whole body: the request body is fed to the upstream
as the client sends it, and the answer is relayed chunk by chunk as it arrives.

Failures the gateway itself decides are problem+json: 404 unknown resource, 401 bad token or
API key, 403 missing scope, 413 body over the limit, 502 upstream unreachable, 503 circuit open
(or API keys cannot be checked), 504 upstream too slow. A public path (a platform's callback,
``routes.PUBLIC``) is admitted without a credential by ``admit_public``.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import structlog
from starlette.types import Receive, Scope, Send

from gateway.auth import Principal
from gateway.credentials import API_KEY_HEADER, InvalidToken, KeysUnavailable, authenticate, refusal
from gateway.hop import (
    Answer,
    ConnectFailed,
    ConnectTimedOut,
    Dropped,
    HopError,
    ReadTimedOut,
)
from gateway.ratelimit import Refusal, Verdict
from gateway.routes import READ_METHODS, Route, has_scope, resolve
from gateway.state import GatewayState, gateway_state
from gateway.upstreams import Upstream, connect_failure_reason
from servicekit.context import (
    HEADER_ACTOR,
    HEADER_INTERNAL_TOKEN,
    HEADER_REQUEST_ID,
    HEADER_SCOPES,
    HEADER_WORKSPACE,
    INTERNAL_HEADERS,
    current_request_id,
)
from servicekit.problems import problem_response
from servicekit.tracing import end_client_span, start_client_span

log = structlog.get_logger("gateway.proxy")

# RFC 9110 §7.6.1: meaningful for one connection only, never relayed.
HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"transfer-encoding",
        b"te",
        b"trailer",
        b"upgrade",
        b"proxy-authorization",
        b"proxy-authenticate",
    }
)
# Internal headers are the gateway's to set: a client that sends them is ignored, not trusted.
# Authorization and X-Api-Key have been consumed here (a service never sees a credential); Host
# and Expect (100-continue was answered by our server) describe the client's hop; the hop writes
# the upstream's own Host.
NOT_FROM_CLIENT = (
    HOP_BY_HOP
    | {h.encode() for h in INTERNAL_HEADERS}
    | {
        HEADER_REQUEST_ID.encode(),
        b"authorization",
        API_KEY_HEADER,
        b"host",
        b"expect",
        b"x-forwarded-for",
    }
)
# Our server writes its own Date and Server; the request id is echoed by RequestIdMiddleware.
NOT_FROM_UPSTREAM = HOP_BY_HOP | {b"date", b"server", HEADER_REQUEST_ID.encode()}


class _BodyTooLarge(Exception):
    pass


class _ClientGone(Exception):
    pass


class RequestBody:
    """The client's body as an async iterator for the hop, counted against the limit.

    With ``keep`` (a write the proxy may retry, see ``_may_retry``) each chunk taken from the
    client is kept until the upstream has answered, so it can be sent again; the body limit
    bounds what is kept. Other bodies stream through without being held.
    """

    __slots__ = (
        "client_gone",
        "complete",
        "keep",
        "limit",
        "receive",
        "received",
        "sent",
        "too_large",
    )

    def __init__(self, receive: Receive, limit: int) -> None:
        self.receive = receive
        self.limit = limit
        self.too_large = False
        self.client_gone = False
        self.complete = False
        self.keep = False
        self.received = 0
        self.sent: list[bytes] = []

    async def _take(self) -> bytes:
        """The client's next body message, counted against the limit."""
        message = await self.receive()
        if message["type"] == "http.disconnect":
            self.client_gone = True
            raise _ClientGone
        chunk: bytes = message.get("body", b"")
        self.received += len(chunk)
        if self.received > self.limit:
            # Raising aborts the upstream request mid-body (the hop closes that connection),
            # so the service never sees a complete oversized request.
            self.too_large = True
            raise _BodyTooLarge
        self.complete = not message.get("more_body", False)
        return chunk

    async def whole(self) -> bytes | None:
        """The body as bytes when the client's first message holds all of it within the limit
        (a JSON body of a write, nearly always): the hop then sends it with the request's head
        in one write, instead of pulling an async iterator for every POST. None when more
        is to come: ``chunks()`` then starts with what was read here."""
        chunk = await self._take()
        if self.complete:
            return chunk
        self.sent.append(chunk)  # chunks() yields it first, whether or not it keeps the rest
        return None

    async def chunks(self) -> AsyncIterator[bytes]:
        for kept in self.sent:  # what an earlier attempt already took from the client
            yield kept
        while not self.complete:
            chunk = await self._take()
            if chunk:
                if self.keep:
                    self.sent.append(chunk)
                yield chunk


@dataclass(slots=True)
class Admitted:
    """A request that passed every check, with what to send the upstream.

    The upstream's circuit breaker has let it through, so whoever forwards it reports the
    outcome (``record_success``/``record_failure``/``release``).
    """

    route: Route
    upstream: Upstream
    # The path and query exactly as the client sent them, for the request line (after the
    # upstream's own base path).
    target: str
    headers: list[tuple[str, str]]
    body: RequestBody | None
    # The rate limiter's word: headers for the answer, and whether the guard watches its status.
    verdict: Verdict


class ProxyEndpoint:
    """ASGI endpoint mounted at ``/v1/{path:path}``."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = gateway_state(scope)
        admitted = await admit(scope, receive, send, state)
        if admitted is not None:
            send = admitted.verdict.relay(send, state["rate_limiter"])
            await _forward(scope, receive, send, state, admitted)


async def admit(scope: Scope, receive: Receive, send: Send, state: GatewayState) -> Admitted | None:
    """Route, authenticate, authorise and check limits; answer the problem and return None when
    the request goes no further. Independent of the HTTP client that forwards it."""
    settings = state["settings"]
    path: str = scope["path"]
    method: str = scope["method"]

    route = resolve(path)
    if route is None:
        await _problem(scope, receive, send, 404, f"No resource is served at {path}.")
        return None
    if "/." in path and _has_dot_segment(path):
        await _problem(scope, receive, send, 400, "Paths may not contain `.` or `..` segments.")
        return None
    if route.public:
        return await admit_public(scope, receive, send, state, route)

    authorization: str | None = None
    api_key: str | None = None
    content_length: int | None = None
    chunked = False
    forwarded_for: str | None = None
    connection_listed: frozenset[bytes] = frozenset()
    headers: list[tuple[str, str]] = []
    for name, value in scope["headers"]:
        if name in NOT_FROM_CLIENT:
            if name == b"authorization":
                authorization = value.decode("latin-1")
            elif name == API_KEY_HEADER:
                api_key = value.decode("latin-1")
            elif name == b"transfer-encoding":
                chunked = True
            elif name == b"x-forwarded-for":
                forwarded_for = value.decode("latin-1")
            elif name == b"connection":
                connection_listed = _connection_tokens(value)
            continue
        if name == b"content-length":
            try:
                content_length = int(value)
            except ValueError:
                await _problem(scope, receive, send, 400, "Content-Length is not a number.")
                return None
        headers.append((name.decode("latin-1"), value.decode("latin-1")))
    if connection_listed:
        # Headers named in Connection are hop-by-hop too (RFC 9110 §7.6.1).
        headers = [h for h in headers if h[0].encode("latin-1") not in connection_listed]

    try:
        principal = await authenticate(state, authorization, api_key)
    except (InvalidToken, KeysUnavailable) as exc:
        await refusal(exc, authorization or api_key)(scope, receive, send)
        return None
    needed = route.required_scope(method, path)
    if not has_scope(principal.scopes, needed):
        await _problem(
            scope,
            receive,
            send,
            403,
            f"{method} {path} needs the `{needed}` scope; ask for a token that has it.",
        )
        return None
    if content_length is not None and content_length > settings.max_body_bytes:
        await _too_large(scope, receive, send, settings.max_body_bytes)
        return None
    verdict = await state["rate_limiter"].check(principal, method, path)
    if isinstance(verdict, Refusal):
        await verdict(scope, receive, send)
        return None

    upstream = state["upstreams"][route.upstream]
    if not await _circuit_closed(scope, receive, send, upstream):
        return None
    headers += injected_headers(principal, settings.internal_token.get_secret_value())
    return _admitted(
        scope,
        receive,
        state,
        route,
        upstream,
        headers,
        forwarded_for,
        verdict,
        body_expected=chunked or (content_length is not None and content_length > 0),
    )


async def _circuit_closed(scope: Scope, receive: Receive, send: Send, upstream: Upstream) -> bool:
    """Whether the upstream's circuit lets the request through; the 503 is answered if not."""
    if upstream.breaker.allow():
        return True
    retry_after = max(1, math.ceil(upstream.breaker.retry_after_s()))
    await _problem(
        scope,
        receive,
        send,
        503,
        f"{upstream.service_name} is unavailable: it has been failing, so the gateway "
        f"stopped calling it for a moment; try again in {retry_after} s.",
        headers={"Retry-After": str(retry_after)},
    )
    return False


def _admitted(
    scope: Scope,
    receive: Receive,
    state: GatewayState,
    route: Route,
    upstream: Upstream,
    headers: list[tuple[str, str]],
    forwarded_for: str | None,
    verdict: Verdict,
    *,
    body_expected: bool,
) -> Admitted:
    client = scope.get("client")
    if client:
        forwarded_for = f"{forwarded_for}, {client[0]}" if forwarded_for else client[0]
    if forwarded_for:
        headers.append(("x-forwarded-for", forwarded_for))
    limit = state["settings"].max_body_bytes
    body = RequestBody(receive, limit) if body_expected else None
    path: str = scope["path"]
    raw_path: bytes = scope.get("raw_path") or quote(path).encode()
    query: bytes = scope["query_string"]
    target = raw_path.decode("latin-1")
    if query:
        target += "?" + query.decode("latin-1")
    return Admitted(route, upstream, target, headers, body, verdict)


# What a public path's caller (a platform) may send the service: its body's description and who
# it says it is. Everything else (credentials, client-chosen internal headers, Idempotency-Key,
# cookies) is dropped rather than filtered, so nothing a stranger sends acts on a workspace.
PUBLIC_FORWARDED = frozenset({b"content-type", b"content-length", b"user-agent", b"accept"})


async def admit_public(
    scope: Scope, receive: Receive, send: Send, state: GatewayState, route: Route
) -> Admitted | None:
    """Admit a call to a public path (``routes.PUBLIC``): no credential is asked for or
    forwarded, no workspace either; it is counted against the path's own ``callback`` budget
    and reaches the service with only the internal token and the request id beside the
    headers in ``PUBLIC_FORWARDED``. The service checks the platform's signature."""
    settings = state["settings"]
    content_length: int | None = None
    chunked = False
    forwarded_for: str | None = None
    headers: list[tuple[str, str]] = []
    for name, value in scope["headers"]:
        if name == b"transfer-encoding":
            chunked = True
        elif name == b"x-forwarded-for":
            forwarded_for = value.decode("latin-1")
        elif name in PUBLIC_FORWARDED:
            if name == b"content-length":
                try:
                    content_length = int(value)
                except ValueError:
                    await _problem(scope, receive, send, 400, "Content-Length is not a number.")
                    return None
            headers.append((name.decode("latin-1"), value.decode("latin-1")))
    if content_length is not None and content_length > settings.max_body_bytes:
        await _too_large(scope, receive, send, settings.max_body_bytes)
        return None
    verdict = await state["rate_limiter"].check_public(scope["path"])
    if isinstance(verdict, Refusal):
        await verdict(scope, receive, send)
        return None
    upstream = state["upstreams"][route.upstream]
    if not await _circuit_closed(scope, receive, send, upstream):
        return None
    headers += [
        (HEADER_INTERNAL_TOKEN, settings.internal_token.get_secret_value()),
        (HEADER_REQUEST_ID, current_request_id() or ""),
    ]
    return _admitted(
        scope,
        receive,
        state,
        route,
        upstream,
        headers,
        forwarded_for,
        verdict,
        body_expected=chunked or (content_length is not None and content_length > 0),
    )


async def _forward(
    scope: Scope, receive: Receive, send: Send, state: GatewayState, admitted: Admitted
) -> None:
    method: str = scope["method"]
    upstream, body = admitted.upstream, admitted.body

    if body is not None:
        body.keep = _has_idempotency_key(admitted)
    answer: Answer | None = None
    judged = False  # whether the breaker has been told how this request went
    span = start_client_span(
        f"{method} {upstream.name}",
        admitted.headers,
        {"http.request.method": method, "server.address": upstream.name},
    )
    try:
        whole = await body.whole() if body is not None else None
        for attempt in range(2):
            try:
                # The path and query reach the service byte for byte as the client sent them.
                answer = await state["hop"].request(
                    upstream.origin,
                    method,
                    admitted.target,
                    admitted.headers,
                    whole if whole is not None or body is None else body.chunks(),
                    connect_timeout_s=upstream.connect_timeout_s,
                    read_timeout_s=upstream.read_timeout_s,
                )
                break
            except (ConnectFailed, Dropped) as exc:
                if attempt == 0 and _may_retry(method, admitted, exc):
                    log.info(
                        "retrying upstream request",
                        upstream=upstream.name,
                        method=method,
                        reused_connection=isinstance(exc, Dropped) and exc.reused,
                        error=_describe(exc),
                    )
                    continue
                raise
    except (HopError, _BodyTooLarge, _ClientGone) as exc:
        end_client_span(span, error=exc)
        span = None
        if body is not None and body.too_large:
            await _too_large(scope, receive, send, body.limit)
        elif body is not None and body.client_gone:
            pass  # nobody is left to answer
        elif isinstance(exc, HopError):
            if not (isinstance(exc, Dropped) and exc.reused):
                # A dropped reused connection is the keep-alive race of one request, not a
                # sign the upstream is unwell: it is answered 502 but left unjudged.
                upstream.breaker.record_failure()
                judged = True
            await _upstream_failed(scope, receive, send, upstream, exc)
        return
    finally:
        if answer is None and not judged:
            upstream.breaker.release()
        if answer is None:
            end_client_span(span)  # cancelled: the client went away

    assert answer is not None
    end_client_span(span, status=answer.status)
    upstream.breaker.record_success()
    relayed = False
    try:
        if body is not None and body.too_large:
            # The upstream answered before reading all of an oversized body.
            await _too_large(scope, receive, send, body.limit)
            return
        await send(
            {
                "type": "http.response.start",
                "status": answer.status,
                "headers": [h for h in answer.headers if h[0] not in NOT_FROM_UPSTREAM],
            }
        )
        if method != "HEAD":
            try:
                # A small answer is usually complete in its first bytes: saying so then spares
                # the server a separate empty final write.
                async for chunk, finished in answer.chunks():
                    await send(
                        {"type": "http.response.body", "body": chunk, "more_body": not finished}
                    )
                    if finished:
                        relayed = True
                        return
            except HopError as exc:
                # The status line is gone already; all that is left is to cut the connection
                # so the client sees a truncated answer rather than a complete-looking one.
                log.warning(
                    "upstream failed mid-response",
                    upstream=upstream.name,
                    resource=admitted.route.resource,
                    error=_describe(exc),
                )
                return
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        relayed = True
    finally:
        if relayed:
            answer.release()  # back to the pool, unless it answered 5xx (``hop``)
        else:
            answer.close()  # an answer not read to its end leaves the connection unusable


def _may_retry(method: str, admitted: Admitted, exc: ConnectFailed | Dropped) -> bool:
    """Whether a request that failed before any answer may be sent once more, at most once.

    - No connection was made (refused, unresolvable; not a connect timeout, which would double
      the caller's wait): nothing was sent, so any method may go again.
    - A read without a body, after a hang-up or reset: repeating a read changes nothing.
    - A write, only when the hang-up or reset hit a *reused* pooled connection and the request
      carries an ``Idempotency-Key`` with its whole body already in hand (a body still
      streaming from the client cannot be sent again). The reuse makes it the
      keep-alive race (the service closed the idle connection as the request went out, so
      it never read it); the key makes even the unlikely other case harmless: a service that
      did read and commit the first copy replays that answer for the second, or refuses it
      with 409 while the first is still running — it never performs the write twice.
      Without a key a write is not retried, since nothing could prove the service did not
      read it.
    """
    if isinstance(exc, ConnectFailed):
        return True
    body = admitted.body
    if method in READ_METHODS and body is None:
        return True
    if body is not None:
        return exc.reused and body.keep and body.complete
    return exc.reused and _has_idempotency_key(admitted)


def _has_idempotency_key(admitted: Admitted) -> bool:
    return any(name == "idempotency-key" for name, _ in admitted.headers)


def injected_headers(principal: Principal, internal_token: str) -> list[tuple[str, str]]:
    return [
        (HEADER_WORKSPACE, principal.workspace_id),
        (HEADER_ACTOR, principal.subject),
        (HEADER_SCOPES, principal.scopes_header),
        (HEADER_INTERNAL_TOKEN, internal_token),
        (HEADER_REQUEST_ID, current_request_id() or ""),
    ]


def _connection_tokens(value: bytes) -> frozenset[bytes]:
    return frozenset(t.strip().lower() for t in value.split(b",") if t.strip())


def _has_dot_segment(path: str) -> bool:
    return any(segment in (".", "..") for segment in path.split("/"))


async def _upstream_failed(
    scope: Scope, receive: Receive, send: Send, upstream: Upstream, exc: HopError
) -> None:
    name = upstream.service_name
    status = 502
    if isinstance(exc, ConnectTimedOut):
        detail = (
            f"{name} is unavailable: it did not accept a connection within "
            f"{upstream.connect_timeout_s:g} s; try again shortly."
        )
    elif isinstance(exc, ConnectFailed):
        detail = f"{name} is unavailable ({connect_failure_reason(exc)}); try again shortly."
    elif isinstance(exc, ReadTimedOut):
        status = 504
        detail = (
            f"{name} did not answer within {upstream.read_timeout_s:g} s; the request may "
            "still complete there, so check before repeating a write."
        )
    elif isinstance(exc, Dropped):
        detail = f"{name} closed the connection without answering; try again shortly."
    else:
        detail = f"{name} sent an answer the gateway could not read."
    log.warning(
        "upstream failure",
        upstream=upstream.name,
        url=upstream.base_url,
        status=status,
        error=_describe(exc),
    )
    await _problem(scope, receive, send, status, detail)


def _describe(exc: HopError) -> str:
    if isinstance(exc, ConnectFailed):
        return f"{type(exc).__name__}: {connect_failure_reason(exc)}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    await _problem(
        scope,
        receive,
        send,
        413,
        f"The request body is larger than the {limit:,}-byte limit; send less data per request.",
    )


_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    413: "Content Too Large",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


async def _problem(
    scope: Scope,
    receive: Receive,
    send: Send,
    status: int,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> None:
    response = problem_response(status, _TITLES[status], detail, headers=headers, **extra)
    await response(scope, receive, send)
