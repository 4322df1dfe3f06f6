"""The tenancy probe of the service contract: another workspace's ids are a 404 on every route,
and the request changes nothing.

The routes come from the app's OpenAPI document, so a route added tomorrow is probed without
anyone listing it; the service only says how to make one resource per path parameter
(``ServiceContract.workspace_ids``).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import AsyncSession

PROBLEM_JSON = "application/problem+json"

# The methods an OpenAPI path item may hold operations under (it also holds "parameters" etc.).
_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Route:
    """One operation of the app: ``PATCH /v1/groups/{group_id}`` and its path parameters."""

    method: str
    path: str
    parameters: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class Probe:
    """One request made by the intruding workspace, with its ids already filled in."""

    method: str
    path: str
    json: Any = None
    params: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        query = f" ?{dict(self.params)}" if self.params else ""
        body = f" {self.json!r}" if self.json is not None else ""
        return f"{self.method} {self.path}{query}{body}"


def app_routes(app: FastAPI) -> list[Route]:
    """Every operation the app documents, with the names of its path parameters."""
    routes = []
    for path, item in app.openapi()["paths"].items():
        for method, operation in item.items():
            if method not in _OPERATIONS:
                continue
            parameters = tuple(
                p["name"] for p in operation.get("parameters", []) if p["in"] == "path"
            )
            routes.append(Route(method.upper(), path, parameters))
    return routes


def id_probes(
    route: Route,
    theirs: Mapping[str, str],
    own: Mapping[str, str],
    shared: Mapping[str, str],
    body: Any,
) -> list[Probe]:
    """The probes of one route taking ids: all of them the other workspace's, and, where it
    takes two or more, each mix of theirs and the caller's own (a child looked up by its id
    alone under the caller's own parent is a hole as well)."""
    owned = [p for p in route.parameters if p not in shared]
    probes = []
    for choice in itertools.product((theirs, own), repeat=len(owned)):
        if all(source is own for source in choice):
            continue  # the caller's own ids: that is not a probe
        values = dict(shared) | {p: source[p] for p, source in zip(owned, choice, strict=True)}
        probes.append(Probe(route.method, route.path.format(**values), body))
    return probes


async def database_rows(session: AsyncSession, metadata: MetaData) -> dict[str, list[str]]:
    """Every row of every table the service declares, as text in a stable order: two of these
    are equal exactly when a request changed nothing."""
    rows = {}
    for table in metadata.sorted_tables:
        result = await session.execute(select(table))
        rows[table.name] = sorted(repr(tuple(row)) for row in result)
    return rows


def changed_tables(before: Mapping[str, list[str]], after: Mapping[str, list[str]]) -> list[str]:
    return [name for name in before if before[name] != after.get(name)]


def leaked_ids(response: httpx.Response, theirs: Mapping[str, str]) -> list[str]:
    """Which of the other workspace's ids a response spells out."""
    return [value for value in theirs.values() if value in response.text]


def problems_of(
    probe: Probe,
    response: httpx.Response,
    expected: int,
    changed: list[str],
    view_changed: bool,
) -> list[str]:
    """What is wrong with one probe's outcome, in words a failing test can print."""
    found = []
    if response.status_code != expected:
        found.append(f"{probe}: {response.status_code}, expected {expected}: {response.text}")
    elif response.headers.get("content-type") != PROBLEM_JSON:
        found.append(f"{probe}: content-type {response.headers.get('content-type')}")
    if changed:
        found.append(f"{probe}: changed {', '.join(changed)}")
    if view_changed:
        found.append(f"{probe}: changed what the owning workspace reads")
    return found
