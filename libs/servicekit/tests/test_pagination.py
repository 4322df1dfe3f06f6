"""Cursor pagination: the opaque cursor, ``?limit=`` bounds, and keyset pages over a real table."""

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest
from fixture_service.app import Thing, ThingRepository
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.errors import Unprocessable
from servicekit.pagination import (
    CURSOR_EXAMPLE,
    DEFAULT_LIMIT,
    MAX_LIMIT,
    Cursor,
    Page,
    PageParams,
    get_page_params,
)
from servicekit.testing.headers import WORKSPACE_A, WORKSPACE_B


def b64(doc: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(doc).encode()).decode().rstrip("=")


def test_cursor_round_trips_microseconds_and_id() -> None:
    cursor = Cursor(datetime(2026, 11, 22, 8, 30, 1, 123456, tzinfo=UTC), uuid.uuid4())
    encoded = cursor.encode()
    assert Cursor.decode(encoded) == cursor
    assert "=" not in encoded
    assert set(encoded) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_the_documented_cursor_is_one_this_module_issues() -> None:
    decoded = Cursor.decode(CURSOR_EXAMPLE)
    assert decoded.encode() == CURSOR_EXAMPLE
    schema = Page[int].model_json_schema()["properties"]["next_cursor"]
    assert schema["examples"] == [CURSOR_EXAMPLE]


def test_cursor_keeps_the_instant_of_a_non_utc_offset() -> None:
    shanghai = datetime(2026, 11, 22, 16, 0, tzinfo=timezone(timedelta(hours=8)))
    decoded = Cursor.decode(Cursor(shanghai, uuid.uuid4()).encode())
    assert decoded.created_at == datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        "not-a-cursor",
        "",
        "!!!!",
        "游标",
        b64([1, 2]),
        b64("just a string"),
        b64(None),
        b64({"c": "2026-11-22T08:00:00+00:00"}),
        b64({"i": str(uuid.UUID(int=1))}),
        b64({"c": 5, "i": str(uuid.UUID(int=1))}),
        b64({"c": "2026-11-22T08:00:00+00:00", "i": 5}),
        b64({"c": "2026-11-22T08:00:00+00:00", "i": "not-a-uuid"}),
        b64({"c": "yesterday", "i": str(uuid.UUID(int=1))}),
        # A time without an offset is ambiguous; a cursor this API issued always has one.
        b64({"c": "2026-11-22T08:00:00", "i": str(uuid.UUID(int=1))}),
    ],
)
def test_garbage_cursor_is_unprocessable(value: str) -> None:
    with pytest.raises(Unprocessable, match="cursor"):
        Cursor.decode(value)


def test_page_params_default_to_50_and_no_cursor() -> None:
    assert get_page_params() == PageParams(limit=DEFAULT_LIMIT, cursor=None)
    assert DEFAULT_LIMIT == 50
    assert MAX_LIMIT == 200


def test_page_params_decode_the_cursor() -> None:
    cursor = Cursor(datetime(2026, 1, 1, tzinfo=UTC), uuid.uuid4())
    assert get_page_params(limit=3, cursor=cursor.encode()) == PageParams(3, cursor)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"limit": 1}, 200),
        ({"limit": 200}, 200),
        ({"limit": 0}, 422),
        ({"limit": -1}, 422),
        ({"limit": 201}, 422),
        ({"limit": "ten"}, 422),
        ({"cursor": "x" * 513}, 422),
        ({"cursor": "not-a-cursor"}, 422),
    ],
)
async def test_limit_and_cursor_bounds_over_http(
    client: httpx.AsyncClient, params: dict[str, str | int], status: int
) -> None:
    r = await client.get("/v1/things", params=params)
    assert r.status_code == status, r.text
    if status == 422:
        assert r.headers["content-type"] == "application/problem+json"


async def test_a_cursor_far_outside_the_calendar_is_422_not_500(client: httpx.AsyncClient) -> None:
    cursor = b64({"c": "0001-01-01T00:00:00+05:00", "i": str(uuid.UUID(int=1))})
    r = await client.get("/v1/things", params={"cursor": cursor})
    assert r.status_code == 422, r.text


async def seed(
    db_session: AsyncSession, workspace_id: str, names: list[str], created_at: list[datetime]
) -> list[Thing]:
    rows = [
        Thing(id=uuid.uuid4(), workspace_id=workspace_id, name=n, created_at=c)
        for n, c in zip(names, created_at, strict=True)
    ]
    db_session.add_all(rows)
    await db_session.flush()
    return rows


async def all_pages(repo: ThingRepository, limit: int) -> list[list[Thing]]:
    pages: list[list[Thing]] = []
    cursor: Cursor | None = None
    while True:
        rows, next_cursor = await repo.paginate(repo.select(), PageParams(limit, cursor))
        pages.append(list(rows))
        if next_cursor is None:
            return pages
        assert len(pages) < 50, "pagination does not terminate"
        cursor = Cursor.decode(next_cursor)


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 7, 8])
async def test_pages_cover_every_row_once_in_order_and_only_the_workspace(
    db_session: AsyncSession, limit: int
) -> None:
    t0 = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    # Four rows share one timestamp: the id breaks the tie, so none is skipped or repeated.
    times = [t0, t0 + timedelta(seconds=1), *[t0 + timedelta(seconds=2)] * 4, t0]
    mine = await seed(db_session, WORKSPACE_A, [f"a{i}" for i in range(7)], times)
    # Another workspace's rows sit between and around ours in time.
    await seed(db_session, WORKSPACE_B, [f"b{i}" for i in range(7)], times)

    pages = await all_pages(ThingRepository(db_session, WORKSPACE_A), limit)

    seen = [row.id for page in pages for row in page]
    expected = [r.id for r in sorted(mine, key=lambda r: (r.created_at, r.id))]
    assert seen == expected
    assert all(len(page) == limit for page in pages[:-1])
    assert 1 <= len(pages[-1]) <= limit  # an exact multiple has no empty last page
    assert len(pages) == -(-len(mine) // limit)


async def test_an_empty_workspace_is_one_empty_page(db_session: AsyncSession) -> None:
    await seed(db_session, WORKSPACE_B, ["b"], [datetime.now(UTC)])
    repo = ThingRepository(db_session, WORKSPACE_A)
    assert await repo.paginate(repo.select(), PageParams(10, None)) == ([], None)


async def test_pages_over_http_follow_next_cursor(client: httpx.AsyncClient) -> None:
    created = [
        (await client.post("/v1/things", json={"name": f"物品 {i}"})).json()["id"] for i in range(5)
    ]
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, str | int] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get("/v1/things", params=params)).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == created
