"""The pass-through's HTTP/1.1 client for the hop from the gateway to a service.

The dashboard's sections (``dashboard``) go through it too. Why our own and not aiohttp's
``ClientSession`` (which the gateway keeps for its other calls: health probes, the merged
OpenAPI document, the identity provider's keys): the proxied request is the hottest path of the
system, and on it aiohttp's client cost 215-292 µs of CPU per request against 55-91 µs for this
pool, which writes the request in one ``transport.write`` and parses the answer with
``httptools`` (the parser uvicorn already uses), measured side by side against the same
stand-in upstream (``bench/hop_client.py``; bench/RESULTS.md, "The gateway's hop to a
service"). The hop is narrow: HTTP/1.1 to the services' own uvicorn over a keep-alive pool, with
no redirects, cookies, proxies, compression or authentication to handle, so what aiohttp does
beyond that is all cost here.

What it keeps of the pooled session it replaces:

- A pool of keep-alive connections per service (most recently used first), at most ``limit``
  open in all; a request waits for a free one beyond that. An idle connection older than
  ``keepalive_s`` is closed rather than used: the services keep theirs open longer, so the
  gateway never sends on a connection a service is closing (``config``).
- An answer with a 5xx status never returns its connection to the pool: uvicorn closes a
  connection after a 500 raised by the application without saying so in the answer.
- Nothing is ever sent twice here: every resend is the proxy's decision (``proxy._may_retry``),
  which is told whether a request that dropped went out on a reused connection.
- Timeouts: ``connect_timeout_s`` for the TCP (and TLS) handshake, ``read_timeout_s`` for each
  wait for the answer's next bytes once the request is sent (not a total).
- Bodies stream both ways with back-pressure: a request body is written as the client sends it
  (``Content-Length`` as the client declared it, else chunked), and an answer's bytes are
  handed on as they arrive, reading paused while more than ``_HIGH_WATER`` bytes wait.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import httptools

# An answer's bytes waiting for the client beyond this pause reading from the service.
_HIGH_WATER = 256 * 1024
# Status codes whose answers never carry a body (RFC 9110 §6.4.1).
_NO_BODY = frozenset({204, 304})


class HopError(Exception):
    """The request could not be carried to the service or its answer back."""


class ConnectFailed(HopError):
    """No connection could be made (refused, unresolvable): nothing was sent."""

    def __init__(self, os_error: OSError) -> None:
        super().__init__(str(os_error))
        self.os_error = os_error


class ConnectTimedOut(HopError):
    """The service did not accept a connection within the connect timeout: nothing was sent."""


class Dropped(HopError):
    """The connection went away (a hang-up or a reset) before the answer began.

    ``reused``: the connection had carried a request before, so this may be the keep-alive race
    (the service closed it as the request went out); on a fresh one it is the service failing.
    """

    def __init__(self, detail: str, *, reused: bool) -> None:
        super().__init__(detail)
        self.reused = reused


class ReadTimedOut(HopError, TimeoutError):
    """The service sent nothing more within the read timeout."""


class Unreadable(HopError):
    """The service's answer was not HTTP/1.1 the parser could read."""


class Truncated(HopError):
    """The connection went away in the middle of the answer's body."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a service listens, from its base URL."""

    host: str
    port: int
    host_header: str
    # A base URL's own path (``http://host/content``), put before every request's path.
    path_prefix: str
    tls: ssl.SSLContext | None

    @classmethod
    def from_url(cls, base_url: str) -> Origin:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        if parts.username is not None:
            # The services trust the gateway's internal token, never credentials in a URL.
            raise ValueError(f"a service URL carries no user or password: {base_url!r}")
        secure = parts.scheme == "https"
        default_port = 443 if secure else 80
        return cls(
            host=parts.hostname,
            port=parts.port or default_port,
            host_header=parts.netloc.rsplit("@", 1)[-1],
            path_prefix=parts.path.rstrip("/"),
            tls=ssl.create_default_context() if secure else None,
        )


class _Connection(asyncio.Protocol):
    """One connection to a service and the answer it is reading (httptools' callbacks)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, origin: Origin) -> None:
        self.loop = loop
        self.origin = origin
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.requests = 0  # requests sent on it; a second one means it was reused
        self.idle_since = 0.0
        self.closed = False
        self.waiter: asyncio.Future[None] | None = None
        self.can_write: asyncio.Future[None] | None = None
        self._start_answer(head_only=False)

    def _start_answer(self, *, head_only: bool) -> None:
        self.head_only = head_only
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.headers_done = False
        self.keep_alive = False
        self.chunks: list[bytes] = []
        self.buffered = 0
        self.reading_paused = False
        self.complete = False
        self.until_eof = False
        self.sent_whole = True  # False while a streamed body is still being written
        self.error: HopError | None = None

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports have asyncio.Transport's methods without subclassing it.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        if self.complete or self.error is not None:
            # Bytes after a complete answer (or when none was asked for): the connection can
            # no longer be trusted to frame the next one.
            self.error = self.error or Unreadable("the service sent bytes after its answer")
            self._close()
            return
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self.error = Unreadable("the service switched protocols")
        except httptools.HttpParserError as exc:
            self.error = self.error or Unreadable(
                f"the service's answer could not be parsed: {exc}"
            )
        if self.error is not None:
            self._close()
        self.wake()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if not self.complete and self.error is None:
            if self.headers_done and self.until_eof and exc is None:
                self.complete = True  # an answer framed by the end of the connection
            elif self.headers_done:
                self.error = Truncated("the service closed the connection mid-answer")
            else:
                self.error = Dropped(
                    f"{type(exc).__name__}: {exc}" if exc else "the connection was closed",
                    reused=self.requests > 1,
                )
        self.wake()
        if self.can_write is not None and not self.can_write.done():
            self.can_write.set_result(None)

    def pause_writing(self) -> None:
        if self.can_write is None or self.can_write.done():
            self.can_write = self.loop.create_future()

    def resume_writing(self) -> None:
        if self.can_write is not None and not self.can_write.done():
            self.can_write.set_result(None)

    # httptools callbacks

    def on_message_begin(self) -> None:
        if self.complete:
            # A second answer behind the first, in the same bytes: the first stands, but the
            # connection can no longer be trusted to frame the next one.
            self.error = Unreadable("the service sent bytes after its answer")

    # Once a stray answer began (``on_message_begin``), nothing more of it is taken.

    def on_header(self, name: bytes, value: bytes) -> None:
        if self.error is not None:
            return
        self.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        if self.error is not None:
            return
        status = self.parser.get_status_code()
        if status < 200:
            # An interim answer (103 Early Hints): the final one follows on the same stream.
            self.headers = []
            return
        self.status = status
        self.headers_done = True
        self.keep_alive = self.parser.should_keep_alive()
        if self.head_only or status in _NO_BODY:
            return
        framed = any(n in (b"content-length", b"transfer-encoding") for n, _ in self.headers)
        self.until_eof = not framed

    def on_body(self, body: bytes) -> None:
        if self.error is not None:
            return
        self.chunks.append(body)
        self.buffered += len(body)
        if self.buffered > _HIGH_WATER and not self.reading_paused and self.transport:
            self.reading_paused = True
            self.transport.pause_reading()

    def on_message_complete(self) -> None:
        if self.headers_done and self.error is None:
            self.complete = True

    # used by the pool and the answer

    def wake(self) -> None:
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _close(self) -> None:
        self.closed = True  # closing already: never handed out again
        if self.transport is not None:
            self.transport.close()

    def abort(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()

    async def wait(self, timeout_s: float | None) -> None:
        """Until the parser has something new (or the connection is gone), at most
        ``timeout_s`` (None: no limit)."""
        waiter = self.waiter = self.loop.create_future()
        if timeout_s is None:
            try:
                await waiter
            finally:
                self.waiter = None
            return
        timer = self.loop.call_later(timeout_s, _time_out, waiter, timeout_s)
        try:
            await waiter
        finally:
            timer.cancel()
            self.waiter = None

    def take(self) -> bytes:
        """The answer's bytes received and not yet taken."""
        chunks = self.chunks
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        self.chunks = []
        self.buffered = 0
        if self.reading_paused and self.transport is not None:
            self.reading_paused = False
            self.transport.resume_reading()
        return data

    async def drain(self) -> None:
        if self.can_write is not None and not self.can_write.done():
            await self.can_write

    def reusable(self) -> bool:
        return (
            self.complete
            and self.keep_alive
            and self.error is None
            and not self.closed
            and self.sent_whole
            and not self.head_only
            and self.status < 500
        )


def _time_out(waiter: asyncio.Future[None], timeout_s: float) -> None:
    if not waiter.done():
        waiter.set_exception(ReadTimedOut(f"nothing within {timeout_s:g} s"))


class Answer:
    """A service's answer: its status and headers (names lower-case), then its body by
    ``chunks()``. Give the connection back with ``release()`` once the body has been read to
    its end, or ``close()`` it."""

    __slots__ = ("_conn", "_done", "_pool", "_read_timeout_s", "headers", "status")

    def __init__(self, pool: HopPool, conn: _Connection, read_timeout_s: float) -> None:
        self._pool = pool
        self._conn = conn
        self._read_timeout_s = read_timeout_s
        self._done = False
        self.status = conn.status
        self.headers = conn.headers

    async def chunks(self) -> AsyncIterator[tuple[bytes, bool]]:
        """The body's bytes as they arrive, each with whether the answer is complete with them.
        Raises ``ReadTimedOut`` or ``Truncated``."""
        conn = self._conn
        if conn.head_only or conn.status in _NO_BODY:
            yield b"", True
            return
        while True:
            if conn.error is not None and not conn.complete:
                raise conn.error
            if conn.chunks or conn.complete:
                data = conn.take()
                yield data, conn.complete
                if conn.complete and not conn.chunks:
                    return
                continue
            await conn.wait(self._read_timeout_s)

    def release(self) -> None:
        """Back to the pool when it can carry another request, else closed."""
        if not self._done:
            self._done = True
            self._pool.give_back(self._conn)

    def close(self) -> None:
        """Closed, whatever state the answer is in (it was not read to its end)."""
        if not self._done:
            self._done = True
            self._conn.abort()
            self._pool.give_back(self._conn)


class HopPool:
    """Keep-alive connections to the services, at most ``limit`` open in all."""

    def __init__(self, *, limit: int, keepalive_s: float) -> None:
        self.limit = limit
        self.keepalive_s = keepalive_s
        self._idle: dict[Origin, deque[_Connection]] = {}
        self._open = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._closed = False

    @property
    def open_connections(self) -> int:
        return self._open

    async def request(
        self,
        origin: Origin,
        method: str,
        target: str,
        headers: list[tuple[str, str]],
        body: bytes | AsyncIterator[bytes] | None,
        *,
        connect_timeout_s: float,
        read_timeout_s: float,
    ) -> Answer:
        """Send one request and wait for its answer's head.

        ``target`` is the path and query exactly as they go on the request line, after the
        origin's own base path; ``headers`` go as given, after ``Host``. A ``bytes`` body is
        sent with the request in one write (``headers`` should hold its ``Content-Length``);
        an iterator is written as it yields, with the ``Content-Length`` in ``headers`` if
        there is one, else chunked. An error the iterator raises is raised here after the
        connection is closed, so the service never sees a complete request.
        """
        conn = await self._acquire(origin, connect_timeout_s)
        try:
            return await self._exchange(conn, origin, method, target, headers, body, read_timeout_s)
        except BaseException:
            conn.abort()
            self.give_back(conn)
            raise

    async def _exchange(
        self,
        conn: _Connection,
        origin: Origin,
        method: str,
        target: str,
        headers: list[tuple[str, str]],
        body: bytes | AsyncIterator[bytes] | None,
        read_timeout_s: float,
    ) -> Answer:
        transport = conn.transport
        assert transport is not None
        conn.requests += 1
        conn._start_answer(head_only=method == "HEAD")
        lines = [
            f"{method} {origin.path_prefix}{target} HTTP/1.1\r\n",
            f"host: {origin.host_header}\r\n",
        ]
        declared = False
        for name, value in headers:
            lines.append(f"{name}: {value}\r\n")
            if not declared and name.lower() == "content-length":
                declared = True
        if not declared:
            if isinstance(body, bytes):
                if body:
                    lines.append(f"content-length: {len(body)}\r\n")
            elif body is not None:
                lines.append("transfer-encoding: chunked\r\n")
        lines.append("\r\n")
        text = "".join(lines)
        # Each line ends in the one CR LF put there: a CR, LF or NUL inside a name or value
        # would let it end the head early or start a header of its own. The gateway's values
        # come from the client's head (which the server parsed) and from checked claims, so
        # this is a bug caught, not an input refused (aiohttp raised the same way).
        if text.count("\n") != len(lines) or text.count("\r") != len(lines) or "\0" in text:
            raise ValueError("a header name or value holds CR, LF or NUL")
        head = text.encode("latin-1")
        if isinstance(body, bytes) or body is None:
            transport.write(head + body if body else head)
            while not conn.headers_done:
                if conn.error is not None:
                    raise conn.error
                await conn.wait(read_timeout_s)
            return Answer(self, conn, read_timeout_s)
        transport.write(head)
        # The body is written by a task of its own while the answer is awaited: a service may
        # answer (a 413, say) before it has read the whole body, or stop reading it.
        writer = asyncio.ensure_future(self._stream(conn, body, chunked=not declared))
        writer.add_done_callback(lambda _: conn.wake())
        try:
            while not conn.headers_done:
                if conn.error is not None:
                    raise conn.error
                if writer.done():
                    writer.result()  # the body's own error (too large, the client gone)
                    await conn.wait(read_timeout_s)
                else:
                    await conn.wait(None)  # the read timeout starts once the body is sent
        finally:
            if not writer.done():
                writer.cancel()  # answered before the whole body was sent: never reused
            elif not writer.cancelled():
                writer.exception()  # retrieved: an answer may have come first
        return Answer(self, conn, read_timeout_s)

    async def _stream(
        self, conn: _Connection, body: AsyncIterator[bytes], *, chunked: bool
    ) -> None:
        """Write the body as it comes, waiting while the socket's buffer is full."""
        transport = conn.transport
        assert transport is not None
        conn.sent_whole = False
        async for chunk in body:
            if chunk:
                transport.write(b"%x\r\n%b\r\n" % (len(chunk), chunk) if chunked else chunk)
                await conn.drain()
        if chunked:
            transport.write(b"0\r\n\r\n")
        conn.sent_whole = True

    async def _acquire(self, origin: Origin, connect_timeout_s: float) -> _Connection:
        if self._closed:
            raise RuntimeError("the hop pool is closed")
        while True:
            idle = self._idle.get(origin)
            if idle:
                now = time.monotonic()
                while idle:
                    conn = idle.pop()  # the most recently used: the least likely to be stale
                    if not conn.closed and now - conn.idle_since < self.keepalive_s:
                        self._expire(idle, now)
                        return conn
                    self._retire(conn)
            if self._open >= self.limit:
                self._make_room()
            if self._open < self.limit:
                self._open += 1
                try:
                    return await self._connect(origin, connect_timeout_s)
                except BaseException:
                    self._open -= 1
                    self._wake_one()
                    raise
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            except BaseException:
                if waiter.done() and not waiter.cancelled():
                    self._wake_one()  # pass on the wake-up this request will not use
                else:
                    self._waiters.remove(waiter)
                raise

    async def _connect(self, origin: Origin, connect_timeout_s: float) -> _Connection:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(connect_timeout_s):
                _, conn = await loop.create_connection(
                    lambda: _Connection(loop, origin),
                    origin.host,
                    origin.port,
                    ssl=origin.tls,
                    server_hostname=origin.host if origin.tls else None,
                )
        except TimeoutError:
            raise ConnectTimedOut(
                f"no connection to {origin.host}:{origin.port} within {connect_timeout_s:g} s"
            ) from None
        except OSError as exc:
            raise ConnectFailed(exc) from exc
        return conn

    def give_back(self, conn: _Connection) -> None:
        """A connection whose request is over: pooled when it can carry another, else closed."""
        if conn.reusable() and not self._closed:
            conn.idle_since = time.monotonic()
            self._idle.setdefault(conn.origin, deque()).append(conn)
        else:
            self._retire(conn)
        self._wake_one()

    def _retire(self, conn: _Connection) -> None:
        if not conn.closed:
            conn.abort()
        self._open -= 1

    def _expire(self, idle: deque[_Connection], now: float) -> None:
        """Close the oldest idle connections that outlived the keep-alive."""
        while idle and (idle[0].closed or now - idle[0].idle_since >= self.keepalive_s):
            self._retire(idle.popleft())

    def _make_room(self) -> None:
        """At the limit, close the oldest idle connection to another service, if any: idle
        connections to one service must not keep a request to another waiting."""
        for idle in self._idle.values():
            if idle:
                self._retire(idle.popleft())
                return

    def _wake_one(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    def close(self) -> None:
        """Close every idle connection and fail the requests waiting for one; connections in
        use close as their answers end."""
        self._closed = True
        for idle in self._idle.values():
            while idle:
                self._retire(idle.pop())
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_exception(RuntimeError("the hop pool is closed"))
        self._waiters.clear()
