"""A real HTTP server on 127.0.0.1 standing in for campaign-svc's network peers: metrics-svc
(goal progress) and content-svc (tracking codes). Each test programs the answers it needs, per
path; every request is recorded. Like the real services, it refuses (403) a call whose
``X-Scopes`` lacks the scope of its route (``metrics:read``, ``content:read``). The end-to-end
suite talks to the real services instead."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# The scope each peer route asks for, by path prefix.
ROUTE_SCOPES = {"/v1/metrics/": "metrics:read", "/v1/tracking-codes/": "content:read"}


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    delay_s: float = 0.0


@dataclass(frozen=True)
class Seen:
    path: str
    query: dict[str, str]
    headers: dict[str, str]


@dataclass
class PeerServer:
    """Answers per path (``answer``); anything else is a 404 problem."""

    answers: dict[str, Answer] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    url: str = ""

    def answer(self, path: str, status: int, body: Any, *, delay_s: float = 0.0) -> None:
        self.answers[path] = Answer(status, body, delay_s)

    def reset(self) -> None:
        self.answers.clear()
        self.seen.clear()

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]


def _handler(peer: PeerServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            peer.seen.append(
                Seen(parts.path, query, {k.lower(): v for k, v in self.headers.items()})
            )
            answer = peer.answers.get(
                parts.path, Answer(404, {"status": 404, "title": "Not Found", "detail": "none"})
            )
            held = self.headers.get("x-scopes", "").split()
            for prefix, scope in ROUTE_SCOPES.items():
                if parts.path.startswith(prefix) and scope not in held:
                    detail = f"Missing scope {scope}."
                    answer = Answer(403, {"status": 403, "title": "Forbidden", "detail": detail})
            time.sleep(answer.delay_s)
            body = json.dumps(answer.body).encode()
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the caller gave up waiting (a timeout test)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


class RunningPeer:
    """The server in a thread, for a test session."""

    def __init__(self) -> None:
        self.peer = PeerServer()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.peer))
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        self.peer.url = f"http://{host!s}:{port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class DeadPort:
    """A port on 127.0.0.1 where nothing listens (bound, never listening: connections are
    refused, and no other process can take it meanwhile)."""

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def close(self) -> None:
        self._socket.close()
