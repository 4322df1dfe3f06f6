"""Where a webhook may point: public addresses only, checked when a channel is saved and again
at delivery (server-side request forgery).

A channel's URL is chosen by a workspace user, and the worker runs inside the deployment: a URL
naming ``127.0.0.1:8102``, ``10.0.0.1`` or the cloud metadata service would make the worker call
internal systems on that user's behalf. So:

- **On save** (``url_problem``): a host that is an IP address in any spelling a resolver accepts
  (``2130706433``, ``0x7f000001``, ``127.1``) or a well-known internal name (``localhost``, the
  metadata services) is refused unless it is public. Other names are not resolved then: what a
  name resolves to can change after it is saved.
- **At delivery** (``PublicOnlyBackend``): the host is resolved once, every address it resolves
  to must be public, and the connection goes to that checked address, so a name that resolves
  to a public address for the check and to 127.0.0.1 for the connection (DNS rebinding) cannot
  get through. The Host header and TLS SNI still carry the name (httpcore sets them from the
  URL, not from the socket).

``CONTENT_WEBHOOK_ALLOW_PRIVATE=true`` lifts both checks for local development and the tests
whose receiver listens on 127.0.0.1. Written on the standard library's ``ipaddress`` because no
maintained library guards an httpx connection this way.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata services by name (their addresses are link-local or private and refused as such).
METADATA_HOSTS = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "metadata.azure.com",
        "instance-data",
        "instance-data.ec2.internal",
    }
)


class EgressRefused(httpcore.ConnectError):
    """A webhook address that is not public; httpx reports it as a ``ConnectError``."""


def literal_address(host: str) -> IPAddress | None:
    """``host`` as an IP address if it is one in any spelling a socket accepts, else None.

    ``inet_aton`` reads the old IPv4 forms exactly as resolvers and sockets do (``2130706433``,
    ``0x7f000001``, ``127.1`` are all 127.0.0.1)."""
    text = host.strip("[]")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if text and all(c in "0123456789abcdefxABCDEFX." for c in text):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(text))
        except OSError:
            return None
    return None


def address_problem(address: IPAddress) -> str | None:
    """Why ``address`` is no place for a webhook, or None if it is public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for kind, flag in (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("private", address.is_private),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
    ):
        if flag:
            return f"{address} is a {kind} address"
    if not address.is_global:
        return f"{address} is not a public address"
    return None


def host_problem(host: str) -> str | None:
    """Why the host of a webhook URL may not be saved, or None (names are checked at delivery)."""
    name = host.strip().rstrip(".").lower()
    if name in METADATA_HOSTS:
        return f"{name} is a cloud metadata service"
    if name == "localhost" or name.endswith(".localhost"):
        return f"{name} is the loopback host"
    address = literal_address(name)
    return address_problem(address) if address is not None else None


async def resolve_public(host: str, port: int) -> str:
    """The one address to connect to for ``host``: resolved once, every address checked."""
    problem = host_problem(host)
    if problem is not None:
        raise EgressRefused(f"webhook host refused: {problem}")
    address = literal_address(host)
    if address is not None:
        return str(address)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise httpcore.ConnectError(f"webhook host {host} does not resolve") from exc
    addresses = _addresses(info[4][0] for info in infos)
    if not addresses:
        raise httpcore.ConnectError(f"webhook host {host} does not resolve")
    for resolved in addresses:
        problem = address_problem(resolved)
        if problem is not None:
            raise EgressRefused(f"webhook host refused: {host} resolves to {problem}")
    return str(addresses[0])


def _addresses(raw: Iterable[str | int]) -> list[IPAddress]:
    # Scoped IPv6 addresses come back as "fe80::1%eth0"; the scope is not part of the address.
    return [ipaddress.ip_address(str(a).split("%", 1)[0]) for a in raw]


class PublicOnlyBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to checked public addresses."""

    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        address = await resolve_public(host, port)
        return await self._inner.connect_tcp(address, port, timeout, local_address, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def webhook_client(timeout_s: float, *, allow_private: bool) -> httpx.AsyncClient:
    """The HTTP client the publisher delivers with: no redirects (a public receiver could
    redirect to an internal one), no proxies from the environment (the proxy would connect
    instead, unchecked), and, unless ``allow_private``, only public addresses."""
    transport = httpx.AsyncHTTPTransport()
    if not allow_private:
        # httpx has no parameter for httpcore's network backend: the pool is built here with
        # the same TLS context httpx would use.
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=PublicOnlyBackend()
        )
    return httpx.AsyncClient(
        timeout=timeout_s, follow_redirects=False, trust_env=False, transport=transport
    )
