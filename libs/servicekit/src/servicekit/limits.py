"""Request body size limit.

Starlette's own ``RequestBodyLimitMiddleware`` answers plain text, and the contract is
problem+json for every error, so this small ASGI middleware refuses a declared
``Content-Length`` over the limit at once and stops a chunked body as soon as it passes the
limit, before any of it is parsed or stored.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicekit.problems import problem_response

_FRAMED_BY_HEADERS = frozenset({"1.0", "1.1"})


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _reject(self) -> Any:
        return problem_response(
            413,
            "Content Too Large",
            f"The request body is larger than the {self.max_bytes:,}-byte limit; "
            "send less data per request.",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared: int | None = None
        chunked = False
        for key, value in scope.get("headers", ()):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await self._reject()(scope, receive, send)
                    return
            elif key == b"transfer-encoding":
                chunked = True
        if not chunked and scope.get("http_version") in _FRAMED_BY_HEADERS:
            # HTTP/1.x frames a request's body by these headers alone: without either there is
            # no body, and with a Content-Length within the limit the server reads exactly that
            # many bytes. Nothing to count, so the app is called as it is (most requests: every
            # GET), without a receive and a send wrapper on its path.
            await self.app(scope, receive, send)
            return
        seen = 0
        exceeded = False
        started = False

        async def limited_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    exceeded = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                return  # whatever the app made of the aborted body, the answer is 413
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            pass
        if exceeded and not started:
            await self._reject()(scope, receive, send)
