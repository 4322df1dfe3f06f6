"""A real webhook receiver for tests: Starlette under uvicorn on a free 127.0.0.1 port, in a
thread of its own, recording every delivery.

It stands in for a platform bridge: it answers a delivery ``{external_id, url}``, keyed by the
``X-MediaOps-Delivery`` header the webhook publisher sends. A service's tests and the
end-to-end suite share it::

    @pytest.fixture
    def receiver() -> Iterator[Receiver]:
        with running_receiver() as rcv:
            yield rcv
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from servicekit.testing.servers import serving

DELIVERY_HEADER = "x-mediaops-delivery"


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    delivery_id: str


@dataclass
class Receiver:
    """Records every delivery; answers from ``script`` (status codes in order), then
    ``default_status``. ``"not-json"`` answers 200 with text; ``delay_s`` delays every answer;
    ``respond``, when set, makes every answer instead. A 2xx answer is
    ``{"external_id": "ext-<first 8 of the delivery id>", "url": published_url(delivery id)}``."""

    url: str = ""
    deliveries: list[Received] = field(default_factory=list)
    script: list[int | str] = field(default_factory=list)
    default_status: int | str = 200
    delay_s: float = 0.0
    respond: Callable[[Request], Awaitable[Response]] | None = None

    async def handle(self, request: Request) -> Response:
        body = await request.body()
        delivery_id = request.headers.get(DELIVERY_HEADER, "")
        self.deliveries.append(Received(dict(request.headers), body, delivery_id))
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        if self.respond is not None:
            return await self.respond(request)
        answer = self.script.pop(0) if self.script else self.default_status
        if answer == "not-json":
            return PlainTextResponse("<html>ok</html>")
        assert isinstance(answer, int)
        if answer >= 300:
            return PlainTextResponse("receiver exploded", status_code=answer)
        return JSONResponse(
            {"external_id": f"ext-{delivery_id[:8]}", "url": published_url(delivery_id)},
            status_code=answer,
        )

    def ids(self) -> list[str]:
        return [d.delivery_id for d in self.deliveries]


def published_url(delivery_id: str) -> str:
    """Where the receiver says the piece of ``delivery_id`` was published."""
    return f"https://rcv.example/p/{delivery_id}"


@contextmanager
def running_receiver(path: str = "/hook") -> Iterator[Receiver]:
    """A ``Receiver`` listening at ``receiver.url`` (``path`` on a free port) until the block
    ends."""
    rcv = Receiver()
    with serving(Starlette(routes=[Route(path, rcv.handle, methods=["POST"])])) as served:
        rcv.url = f"{served.url}{path}"
        yield rcv
