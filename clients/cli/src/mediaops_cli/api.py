"""The CLI's one connection to the gateway: the generated SDK's client for the typed calls, its
httpx client for what the SDK does not cover (CSV bodies, jobs, streamed downloads), and every
non-2xx answer turned into ``ApiError`` with the problem's title, detail and field errors."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http import HTTPStatus
from typing import Any

import httpx
from mediaops_client import AuthenticatedClient
from mediaops_client.types import Response

from mediaops_cli import __version__
from mediaops_cli.config import Credentials

TIMEOUT = httpx.Timeout(60.0, connect=10.0)


class CliError(Exception):
    """Something the command cannot do; its lines are shown and the exit code is 1."""

    def lines(self) -> list[str]:
        return [str(self)]


class ApiError(CliError):
    """A non-2xx answer, as the problem+json it carries says (RFC 9457)."""

    def __init__(self, status: int, title: str, detail: str, errors: list[dict[str, Any]]):
        super().__init__(f"{status} {title}: {detail}" if detail else f"{status} {title}")
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors

    @classmethod
    def of(cls, status: int, content: bytes) -> ApiError:
        try:
            problem = json.loads(content)
        except ValueError:
            problem = None
        if not isinstance(problem, dict):
            text = content.decode("utf-8", "replace").strip()[:300]
            return cls(status, _reason(status), text, [])
        errors = problem.get("errors")
        return cls(
            status,
            str(problem.get("title") or _reason(status)),
            str(problem.get("detail") or ""),
            [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else [],
        )

    def lines(self) -> list[str]:
        found = [str(self)]
        for error in self.errors:
            if str(error.get("msg", "")) in self.detail:
                continue  # the detail says it already
            loc = ".".join(str(part) for part in error.get("loc", []))
            found.append(f"  {loc}: {error.get('msg', '')}" if loc else f"  {error.get('msg')}")
        return found


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def idempotency_key(method: str, path: str, body: bytes) -> str:
    """A key derived from what is sent: the same command run again (after a timeout, a Ctrl-C,
    a lost connection) sends the same key, and the API answers with the first result (the same
    resource or job) instead of doing the work twice. The API keeps keys 24 h per workspace."""
    digest = hashlib.sha256(b"\n".join((method.encode(), path.encode(), body))).hexdigest()
    return f"mediaops-cli-{digest[:48]}"


def json_key(method: str, path: str, body: Mapping[str, Any]) -> str:
    encoded = json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
    return idempotency_key(method, path, encoded)


class Api:
    def __init__(self, credentials: Credentials, *, timeout: httpx.Timeout = TIMEOUT) -> None:
        self.credentials = credentials
        # API keys and JWTs both go as a bearer token: the gateway tells them apart.
        self.client = AuthenticatedClient(
            base_url=credentials.url,
            token=credentials.secret,
            timeout=timeout,
            headers={"User-Agent": f"mediaops-cli/{__version__}"},
        )

    @property
    def http(self) -> httpx.Client:
        return self.client.get_httpx_client()

    def close(self) -> None:
        self.http.close()

    def answer(self, response: Response[Any]) -> Any:
        """The JSON body of an SDK call's answer, or ``ApiError``."""
        return self._json(int(response.status_code), response.content)

    def checked(self, response: httpx.Response) -> httpx.Response:
        if response.status_code >= 400:
            raise ApiError.of(response.status_code, response.read())
        return response

    def get(self, path: str, **params: Any) -> Any:
        response = self.http.get(path, params={k: v for k, v in params.items() if v is not None})
        return self._json(response.status_code, response.content)

    def post(
        self,
        path: str,
        *,
        content: bytes,
        content_type: str,
        key: str,
    ) -> httpx.Response:
        """A POST the SDK has no function for, with its Idempotency-Key; errors raise."""
        response = self.http.post(
            path,
            content=content,
            headers={"Content-Type": content_type, "Idempotency-Key": key},
        )
        return self.checked(response)

    @contextmanager
    def stream(self, path: str) -> Iterator[httpx.Response]:
        with self.http.stream("GET", path) as response:
            yield self.checked(response)

    @staticmethod
    def _json(status: int, content: bytes) -> Any:
        if status >= 400:
            raise ApiError.of(status, content)
        return json.loads(content) if content else None
