"""The pass-through's own HTTP/1.1 client (``gateway.hop``) against raw servers on real
127.0.0.1 sockets: the pool's limit and keep-alive, how answers are framed, back-pressure, and
what a service's broken answer becomes. The proxy's use of it (retries, the breaker, 502/504
answers, streaming both ways) is tested through the gateway in test_proxy and test_retry."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from gateway.hop import (
    Answer,
    ConnectFailed,
    ConnectTimedOut,
    Dropped,
    HopPool,
    Origin,
    ReadTimedOut,
    Truncated,
    Unreadable,
)

OK = b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok"


@dataclass
class RawServer:
    """A raw server: ``answer(reader, writer, head)`` answers each request; it counts the
    connections it accepted, how many were open at once, and the request heads."""

    answer: Callable[[asyncio.StreamReader, asyncio.StreamWriter, bytes], Awaitable[bool]]
    port: int = 0
    connections: int = 0
    open_now: int = 0
    most_open: int = 0
    closed_by_client: int = 0
    heads: list[bytes] = field(default_factory=list)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.open_now += 1
        self.most_open = max(self.most_open, self.open_now)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    self.closed_by_client += 1
                    return
                self.heads.append(head)
                if not await self.answer(reader, writer, head):
                    return
        finally:
            self.open_now -= 1
            writer.close()


@asynccontextmanager
async def raw_server(
    answer: Callable[[asyncio.StreamReader, asyncio.StreamWriter, bytes], Awaitable[bool]],
    tls: ssl.SSLContext | None = None,
) -> AsyncIterator[RawServer]:
    state = RawServer(answer)
    server = await asyncio.start_server(state.handle, "127.0.0.1", 0, ssl=tls)
    state.port = server.sockets[0].getsockname()[1]
    async with server:
        yield state


async def answer_ok(_: asyncio.StreamReader, writer: asyncio.StreamWriter, __: bytes) -> bool:
    writer.write(OK)
    await writer.drain()
    return True


def answer_ok_after(
    release: asyncio.Event,
) -> Callable[[asyncio.StreamReader, asyncio.StreamWriter, bytes], Awaitable[bool]]:
    """An answer held until ``release`` is set."""

    async def held(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, head: bytes) -> bool:
        await release.wait()
        return await answer_ok(reader, writer, head)

    return held


def origin(server: RawServer, path: str = "") -> Origin:
    return Origin.from_url(f"http://127.0.0.1:{server.port}{path}")


TIMEOUTS = {"connect_timeout_s": 2.0, "read_timeout_s": 5.0}


async def get(pool: HopPool, to: Origin, target: str = "/v1/x", **kwargs: float) -> Answer:
    return await pool.request(to, "GET", target, [("accept", "*/*")], None, **TIMEOUTS | kwargs)


async def until(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    """Wait until ``condition()`` holds (the other side of a socket acts when it gets to it)."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "the condition never held"
        await asyncio.sleep(0.01)


async def body_of(answer: Answer) -> bytes:
    parts = [chunk async for chunk, _ in answer.chunks()]
    answer.release()
    return b"".join(parts)


async def test_a_connection_is_reused_and_the_request_line_keeps_the_base_path() -> None:
    async with raw_server(answer_ok) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        to = origin(server, "/content")
        for _ in range(3):
            answer = await get(pool, to, "/v1/posts?a=%2F")
            assert (answer.status, await body_of(answer)) == (200, b"ok")
        pool.close()
    assert server.connections == 1
    assert [h.split(b"\r\n", 1)[0] for h in server.heads] == [
        b"GET /content/v1/posts?a=%2F HTTP/1.1"
    ] * 3
    assert b"\r\nhost: 127.0.0.1:%d\r\n" % server.port in server.heads[0]


async def test_no_more_than_the_limit_are_open_and_the_other_requests_wait() -> None:
    release = asyncio.Event()
    held = answer_ok_after(release)

    async with raw_server(held) as server:
        pool = HopPool(limit=2, keepalive_s=15)
        requests = [asyncio.create_task(_get_body(pool, origin(server))) for _ in range(6)]
        await until(lambda: len(server.heads) == 2)
        await asyncio.sleep(0.1)  # time for a third connection, were one to be opened
        assert (server.connections, pool.open_connections) == (2, 2)
        release.set()
        assert await asyncio.gather(*requests) == [b"ok"] * 6
        pool.close()
    assert server.most_open == 2


async def _get_body(pool: HopPool, to: Origin) -> bytes:
    return await body_of(await get(pool, to))


async def test_an_idle_connection_past_the_keepalive_is_closed_not_reused() -> None:
    async with raw_server(answer_ok) as server:
        pool = HopPool(limit=4, keepalive_s=0.1)
        assert await _get_body(pool, origin(server)) == b"ok"
        await asyncio.sleep(0.2)
        assert await _get_body(pool, origin(server)) == b"ok"
        await until(lambda: server.closed_by_client == 1)
        assert server.connections == 2
        assert pool.open_connections == 1
        pool.close()


async def test_idle_connections_to_one_service_make_room_for_another_at_the_limit() -> None:
    async with raw_server(answer_ok) as first, raw_server(answer_ok) as second:
        pool = HopPool(limit=1, keepalive_s=15)
        assert await _get_body(pool, origin(first)) == b"ok"
        answer = await asyncio.wait_for(get(pool, origin(second)), timeout=2)
        assert await body_of(answer) == b"ok"
        await until(lambda: first.closed_by_client == 1)
        assert pool.open_connections == 1
        pool.close()


@pytest.mark.parametrize(
    ("answer", "body", "reused"),
    [
        (b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nuntil the end", b"until the end", 0),
        (
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
            b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
            b"hello world",
            1,
        ),
        (b"HTTP/1.1 103 Early Hints\r\nlink: </a.css>\r\n\r\n" + OK, b"ok", 1),
        (b"HTTP/1.1 204 No Content\r\n\r\n", b"", 1),
        (b"HTTP/1.1 304 Not Modified\r\ncontent-length: 40\r\n\r\n", b"", 1),
        (b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok", b"ok", 0),
        (b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 4\r\n\r\nbusy", b"busy", 0),
    ],
    ids=[
        "until-close",
        "chunked",
        "interim",
        "no-content",
        "not-modified",
        "connection-close",
        "5xx",
    ],
)
async def test_each_framing_is_read_whole_and_pooled_only_when_reusable(
    answer: bytes, body: bytes, reused: int
) -> None:
    async def once(_: asyncio.StreamReader, writer: asyncio.StreamWriter, __: bytes) -> bool:
        writer.write(answer)
        await writer.drain()
        return b"until the end" not in answer  # that answer ends with the connection

    async with raw_server(once) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        assert await body_of(await get(pool, origin(server))) == body
        assert await body_of(await get(pool, origin(server))) == body
        pool.close()
    assert server.connections == 2 - reused


async def test_a_head_answer_ends_at_its_headers() -> None:
    async def head(_: asyncio.StreamReader, writer: asyncio.StreamWriter, __: bytes) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n")
        await writer.drain()
        return True

    async with raw_server(head) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        answer = await pool.request(
            origin(server), "HEAD", "/v1/x", [], None, connect_timeout_s=2, read_timeout_s=1
        )
        assert (answer.status, await body_of(answer)) == (200, b"")
        assert pool.open_connections == 0  # never pooled: its parser still waits for a body
        pool.close()


async def test_reading_pauses_while_an_answer_waits_for_the_client() -> None:
    size = 64 * 1024 * 1024
    sent = 0

    async def huge(_: asyncio.StreamReader, writer: asyncio.StreamWriter, __: bytes) -> bool:
        nonlocal sent
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n" % size)
        chunk = b"x" * 65536
        while sent < size:
            writer.write(chunk)
            await writer.drain()
            sent += len(chunk)
        return True

    async with raw_server(huge) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        answer = await get(pool, origin(server))
        # Nobody reads the body: the socket buffers fill, then the server cannot send more.
        settled = -1
        while sent != settled:
            settled = sent
            await asyncio.sleep(0.3)
        assert sent < size // 4
        received = 0
        async for chunk, _ in answer.chunks():
            received += len(chunk)
        answer.release()
        assert (received, sent) == (size, size)
        pool.close()


async def test_a_request_body_is_sent_chunked_unless_its_length_is_declared() -> None:
    bodies: list[bytes] = []

    async def read_body(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter, head: bytes
    ) -> bool:
        if b"transfer-encoding: chunked" in head:
            body = b""
            while (size := int((await reader.readline()).strip(), 16)) > 0:
                body += (await reader.readexactly(size + 2))[:-2]
            await reader.readline()
        else:
            length = int(head.split(b"content-length: ")[1].split(b"\r\n")[0])
            body = await reader.readexactly(length)
        bodies.append(body)
        return await answer_ok(reader, writer, head)

    async def parts() -> AsyncIterator[bytes]:
        yield b"hello "
        yield b""
        yield b"world"

    async with raw_server(read_body) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        for headers in ([], [("content-length", "11")]):
            answer = await pool.request(
                origin(server), "POST", "/v1/x", headers, parts(), **TIMEOUTS
            )
            assert await body_of(answer) == b"ok"
        answer = await pool.request(origin(server), "POST", "/v1/x", [], b"whole body", **TIMEOUTS)
        assert await body_of(answer) == b"ok"
        pool.close()
    assert bodies == [b"hello world", b"hello world", b"whole body"]
    assert server.connections == 1


async def test_an_error_of_the_body_closes_the_connection_before_it_is_complete() -> None:
    received = b""

    async def keep(reader: asyncio.StreamReader, _: asyncio.StreamWriter, __: bytes) -> bool:
        nonlocal received
        received = await reader.read()  # until the client closes
        return False

    class Refused(Exception):
        pass

    async def parts() -> AsyncIterator[bytes]:
        yield b"first part"
        raise Refused

    async with raw_server(keep) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        with pytest.raises(Refused):
            await pool.request(origin(server), "POST", "/v1/x", [], parts(), **TIMEOUTS)
        assert pool.open_connections == 0
        await until(lambda: server.open_now == 0)
        pool.close()
    # The first part went out, chunked; the chunk that would have ended the body never did.
    assert received == b"a\r\nfirst part\r\n"


@pytest.mark.parametrize("stuck", ["waiting-for-the-client", "service-not-reading"])
async def test_an_answer_before_the_whole_body_is_relayed_at_once(stuck: str) -> None:
    async def early(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, _: bytes) -> bool:
        writer.write(b"HTTP/1.1 413 Content Too Large\r\ncontent-length: 3\r\n\r\nbig")
        await writer.drain()
        await asyncio.sleep(30)  # neither reads the body nor closes
        return False

    never = asyncio.Event()

    async def parts() -> AsyncIterator[bytes]:
        # 16 MiB fills the socket's buffers: the writer then waits for a service not reading.
        yield b"x" * (16 * 1024 * 1024 if stuck == "service-not-reading" else 10)
        await never.wait()
        yield b"never sent"

    async with raw_server(early) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        answer = await asyncio.wait_for(
            pool.request(origin(server), "POST", "/v1/x", [], parts(), **TIMEOUTS), timeout=3
        )
        assert (answer.status, await body_of(answer)) == (413, b"big")
        assert pool.open_connections == 0  # the request was cut short: never reused
        pool.close()


async def test_a_header_holding_a_line_break_is_never_sent() -> None:
    async with raw_server(answer_ok) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        for header in [("x-actor-id", "alice\r\nx-scopes: admin"), ("x-a\nb", "1"), ("x", "\0")]:
            with pytest.raises(ValueError, match="CR, LF or NUL"):
                await pool.request(origin(server), "GET", "/v1/x", [header], None, **TIMEOUTS)
        assert pool.open_connections == 0
        pool.close()
    assert server.heads == []


async def test_closing_the_pool_fails_the_requests_waiting_for_a_connection() -> None:
    release = asyncio.Event()
    held = answer_ok_after(release)

    async with raw_server(held) as server:
        pool = HopPool(limit=1, keepalive_s=15)
        first = asyncio.create_task(_get_body(pool, origin(server)))
        waiting = asyncio.create_task(_get_body(pool, origin(server)))
        await until(lambda: len(server.heads) == 1)
        pool.close()
        with pytest.raises(RuntimeError, match="closed"):
            await waiting
        release.set()
        assert await first == b"ok"  # a request in flight finishes
        assert pool.open_connections == 0
        with pytest.raises(RuntimeError, match="closed"):
            await get(pool, origin(server))


def test_an_origin_is_read_from_a_service_url() -> None:
    plain = Origin.from_url("http://content-svc:8101")
    assert (plain.host, plain.port, plain.host_header, plain.path_prefix) == (
        "content-svc",
        8101,
        "content-svc:8101",
        "",
    )
    assert plain.tls is None
    ipv6 = Origin.from_url("https://[::1]/base/")
    assert (ipv6.host, ipv6.port, ipv6.host_header, ipv6.path_prefix) == (
        "::1",
        443,
        "[::1]",
        "/base",
    )
    assert ipv6.tls is not None
    with pytest.raises(ValueError, match="no user or password"):
        Origin.from_url("http://user:secret@content-svc:8101")
    with pytest.raises(ValueError, match="not an http"):
        Origin.from_url("ftp://content-svc")


async def _broken(sent: bytes, *, close: bool) -> type[Exception]:
    async def broken(_: asyncio.StreamReader, writer: asyncio.StreamWriter, __: bytes) -> bool:
        writer.write(sent)
        await writer.drain()
        return not close

    async with raw_server(broken) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        try:
            answer = await get(pool, origin(server), read_timeout_s=0.3)
            async for _ in answer.chunks():
                pass
        except Exception as exc:
            return type(exc)
        finally:
            pool.close()
    raise AssertionError("no error")


@pytest.mark.parametrize(
    ("answer", "close", "error"),
    [
        (b"SPDY/3 200 OK\r\n\r\n", False, Unreadable),
        (b"HTTP/1.1 200 OK\r\ncontent-length: nine\r\n\r\n", False, Unreadable),
        (b"", True, Dropped),
        (b"HTTP/1.1 200 OK\r\n", False, ReadTimedOut),
        (b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nhalf", True, Truncated),
        (b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nhalf", False, ReadTimedOut),
    ],
    ids=["not-http", "bad-length", "hang-up", "slow-head", "cut-body", "slow-body"],
)
async def test_a_broken_answer_is_a_named_error(
    answer: bytes, close: bool, error: type[Exception]
) -> None:
    assert await _broken(answer, close=close) is error


@pytest.mark.parametrize("later", [False, True], ids=["same-bytes", "while-idle"])
async def test_bytes_after_an_answer_make_its_connection_unusable(later: bool) -> None:
    stray = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nno"
    stray_sent = asyncio.Event()

    async def extra(_: asyncio.StreamReader, writer: asyncio.StreamWriter, __: bytes) -> bool:
        writer.write(OK if later else OK + stray)
        await writer.drain()
        if later:
            await asyncio.sleep(0.05)
            writer.write(stray)  # as if it were the answer to a request not yet sent
        stray_sent.set()
        return True

    async with raw_server(extra) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        assert await _get_body(pool, origin(server)) == b"ok"
        await stray_sent.wait()
        await until(lambda: server.closed_by_client == 1)  # the gateway hung up on it
        assert await _get_body(pool, origin(server)) == b"ok"
        pool.close()
    assert server.connections == 2


async def test_a_drop_says_whether_the_connection_was_reused() -> None:
    served = 0

    async def once(_: asyncio.StreamReader, writer: asyncio.StreamWriter, __: bytes) -> bool:
        nonlocal served
        served += 1
        if served == 2:
            return False  # hang up on the reused connection's request
        return await answer_ok(_, writer, __)

    async with raw_server(once) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        assert await _get_body(pool, origin(server)) == b"ok"
        with pytest.raises(Dropped) as reused:
            await get(pool, origin(server))
        assert reused.value.reused
        pool.close()


async def test_connection_failures_are_told_apart() -> None:
    pool = HopPool(limit=4, keepalive_s=15)
    listening = await asyncio.start_server(_ignore, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    listening.close()
    await listening.wait_closed()
    with pytest.raises(ConnectFailed) as refused:
        await get(pool, Origin.from_url(f"http://127.0.0.1:{port}"))
    assert isinstance(refused.value.os_error, ConnectionRefusedError)
    # A listener whose queue of unaccepted connections is full: the handshake never completes.
    with socket.socket() as full, socket.socket() as queued:
        full.bind(("127.0.0.1", 0))
        full.listen(0)
        queued.connect(full.getsockname())
        with pytest.raises(ConnectTimedOut):
            await get(
                pool,
                Origin.from_url(f"http://127.0.0.1:{full.getsockname()[1]}"),
                connect_timeout_s=0.3,
            )
    assert pool.open_connections == 0
    pool.close()


def _self_signed(directory: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A server context with a certificate for 127.0.0.1 and a client context trusting it."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_file, key_file)
    return server, ssl.create_default_context(cafile=str(cert_file))


async def test_an_https_service_is_reached_over_tls(tmp_path: Path) -> None:
    server_tls, client_tls = _self_signed(tmp_path)
    async with raw_server(answer_ok, tls=server_tls) as server:
        pool = HopPool(limit=4, keepalive_s=15)
        default = Origin.from_url(f"https://127.0.0.1:{server.port}")
        assert default.tls is not None
        # The system's trust store does not know this certificate: the handshake fails.
        with pytest.raises(ConnectFailed):
            await get(pool, default)
        trusting = Origin(default.host, default.port, default.host_header, "", client_tls)
        assert await _get_body(pool, trusting) == b"ok"
        assert await _get_body(pool, trusting) == b"ok"
        pool.close()
    assert server.connections == 1  # after the refused handshake, one connection reused


async def _ignore(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.close()
