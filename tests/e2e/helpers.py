"""What the end-to-end tests say again and again: an answer that must have a given status, and
a number that must arrive within a while (the relays deliver a service's events to metrics-svc
within a poll or two)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

T = TypeVar("T")

# How long the relays may take to bring an event to metrics-svc's numbers.
RELAY_WAIT_S = 30.0


def ok(response: httpx.Response, status: int = 200) -> Any:
    """The JSON body of ``response``, which must have ``status``."""
    assert response.status_code == status, response.text
    return response.json()


def eventually(read: Callable[[], T], expected: T, timeout_s: float = RELAY_WAIT_S) -> float:
    """Poll ``read`` until it returns ``expected``; how many seconds it took."""
    start = time.monotonic()
    got = read()
    while got != expected:
        assert time.monotonic() - start < timeout_s, (
            f"not within {timeout_s:g} s: {got!r}, expected {expected!r}"
        )
        time.sleep(0.3)
        got = read()
    return time.monotonic() - start
