"""A cap on the size of a request's head (request line and headers): beyond it, 431.

uvicorn's default protocol (httptools) has no limit of its own: a client could send a 32 MB
header and the server would hold all of it before the application could say no. This is that
protocol with a byte count while a head is being read, for every MediaOps server (gateway and
services alike):

    uvicorn --http servicekit.headercap:HeaderCappedHttpToolsProtocol ...

The limit is ``MEDIAOPS_MAX_HEADER_BYTES`` (default 32 KiB). At most the limit plus one socket
read is ever held. A refused request gets a ``431`` problem+json and the connection ends, as the
rest of that head cannot be skipped reliably; the next connection is served as usual.

Hand-written because uvicorn offers no such setting for httptools (h11's
``h11_max_incomplete_event_size`` answers 400, not 431, and h11 is the slower parser); the
subclass only adds counting around uvicorn's own callbacks.
"""

from __future__ import annotations

import json
import os
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from servicekit.problems import PROBLEM_CONTENT_TYPE, problem_body

MAX_HEADER_BYTES_VARIABLE = "MEDIAOPS_MAX_HEADER_BYTES"
DEFAULT_MAX_HEADER_BYTES = 32 * 1024
# After the 431, what the client still sends is read and dropped for up to this long before
# the connection closes: closing with unread bytes makes the kernel answer with a reset, which
# can destroy the 431 before the client reads it.
LINGER_S = 2.0


def max_header_bytes() -> int:
    """The configured cap on a request head, in bytes."""
    raw = os.environ.get(MAX_HEADER_BYTES_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_MAX_HEADER_BYTES
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1024:
        raise ValueError(f"{MAX_HEADER_BYTES_VARIABLE} must be a whole number of bytes ≥ 1024")
    return value


def _refusal(limit: int) -> bytes:
    body = json.dumps(
        problem_body(
            431,
            "Request Header Fields Too Large",
            f"The request line and headers are larger than the {limit:,}-byte limit; "
            "send fewer or smaller headers.",
        )
    ).encode()
    head = (
        "HTTP/1.1 431 Request Header Fields Too Large\r\n"
        f"content-type: {PROBLEM_CONTENT_TYPE}\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("latin-1") + body


# Read once, when uvicorn imports this protocol at start-up: a bad value stops the server
# before it listens, rather than failing every connection it accepts.
LIMIT = max_header_bytes()


class HeaderCappedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, answering 431 to a request head over the limit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit = LIMIT
        self._in_head = True  # between one message's end and the next one's headers
        self._head_bytes = 0
        self._refusing = False
        self._refused = False

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # lingering after the 431: drop, never parse or keep
        if self._in_head:
            self._head_bytes += len(data)
        super().data_received(data)
        # Checked after parsing, so a read that held a complete head and the start of a body
        # is judged by the head alone (in ``on_headers_complete``).
        if self._refusing or (self._in_head and self._head_bytes > self._limit):
            self._refuse()

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._head_bytes = 0
        head = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if head > self._limit:
            # The application is never called; the rest of this message is ignored.
            self._refusing = True
            return
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._refusing:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if self._refusing:
            return
        super().on_message_complete()
        self._in_head = True

    def _refuse(self) -> None:
        self._refused = True
        if self.transport.is_closing():
            return
        self._unset_keepalive_if_required()
        self.transport.write(_refusal(self._limit))
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_S, self.transport.close)
