"""What every MediaOps error answer is, checked in one place for the tests of the services, the
gateway and the stack: an RFC 9457 problem+json naming its status and the request it answers."""

from __future__ import annotations

from typing import Any

import httpx

from servicekit.problems import PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """Check that ``response`` is a problem+json answer with ``status``: its type, title and
    detail set and its ``request_id`` the one in ``X-Request-Id``. Returns the problem."""
    # Messages of their own: pytest rewrites the asserts of test modules only.
    assert response.status_code == status, f"{response.status_code}, not {status}: {response.text}"
    content_type = response.headers.get("content-type")
    assert content_type == PROBLEM_CONTENT_TYPE, f"content-type {content_type}: {response.text}"
    body: dict[str, Any] = response.json()
    assert body.get("status") == status, body
    assert str(body.get("type")).startswith(PROBLEM_TYPE_BASE), body
    assert body.get("title"), body
    assert body.get("detail"), body
    assert body.get("request_id") == response.headers.get("x-request-id"), (body, response.headers)
    return body
