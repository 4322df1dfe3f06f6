"""A small real HTTP server on 127.0.0.1 standing in as the network peer (content-svc,
metrics-svc) for the routes community-svc calls: the calls go over a real socket with
community's own client; end-to-end tests use the real services. Like the real services, it
refuses (403) a call whose ``X-Scopes`` lacks the scope of its route (``metrics:read``,
``content:read``)."""

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# The scope each peer route asks for, by path prefix.
ROUTE_SCOPES = {"/v1/metrics/": "metrics:read", "/v1/tracking-codes/": "content:read"}


@dataclass
class Answer:
    status: int
    body: Any
    delay_s: float = 0.0


@dataclass
class Seen:
    path: str
    query: dict[str, str]
    headers: dict[str, str]


@dataclass
class Peer:
    """What the stand-in answers (by path) and every request it saw."""

    url: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)

    def answer(self, path: str, status: int, body: Any, delay_s: float = 0.0) -> None:
        self.answers[path] = Answer(status, body, delay_s)


def serve(peer: Peer) -> Iterator[Peer]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            headers = {k.lower(): v for k, v in self.headers.items()}
            peer.seen.append(Seen(parts.path, query, headers))
            found = peer.answers.get(parts.path)
            answer = found or Answer(404, {"title": "Not Found", "detail": "no such route"})
            for prefix, scope in ROUTE_SCOPES.items():
                if (
                    parts.path.startswith(prefix)
                    and scope not in headers.get("x-scopes", "").split()
                ):
                    answer = Answer(403, {"title": "Forbidden", "detail": f"Missing {scope}."})
            time.sleep(answer.delay_s)
            data = json.dumps(answer.body).encode()
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the caller gave up waiting (a slowness test)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    peer.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield peer
    finally:
        server.shutdown()
        server.server_close()
