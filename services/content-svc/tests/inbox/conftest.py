"""A real webhook receiver (servicekit.testing.webhooks) for the inbox's replies, and the
app allowed to reach it on 127.0.0.1."""

from collections.abc import Iterator

import pytest

from servicekit.testing.webhooks import Receiver, running_receiver

from ..publications.conftest import make_post

__all__ = ["make_post"]


@pytest.fixture(autouse=True)
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    """Where webhook channels' replies go (autouse, so the app made after it reads the
    setting that lets a webhook point at 127.0.0.1)."""
    with running_receiver() as rcv:
        monkeypatch.setenv("CONTENT_WEBHOOK_ALLOW_PRIVATE", "true")
        monkeypatch.setenv("CONTENT_WEBHOOK_TIMEOUT_S", "2")
        yield rcv
