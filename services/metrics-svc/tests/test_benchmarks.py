"""Benchmark accounts (对标): entering their public numbers by day (one, a batch, a CSV file),
and the comparison with one of the workspace's own channels over the same days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.benchmarks.csvfile import MAX_CSV_BYTES
from metrics_svc.benchmarks.models import Benchmark, BenchmarkSnapshot
from metrics_svc.benchmarks.schemas import MAX_SNAPSHOTS

from .fixture import ev

RIVAL = {"platform": "wechat_oa", "handle": "rival_mom_daily", "name": "竞品 · 母婴日报"}
PROBLEM = "application/problem+json"


async def _benchmark(client: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    r = await client.post("/v1/benchmarks", json=RIVAL | changes)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def _rows(db_session: AsyncSession) -> tuple[int, int]:
    benchmarks = await db_session.scalar(select(func.count()).select_from(Benchmark))
    snapshots = await db_session.scalar(select(func.count()).select_from(BenchmarkSnapshot))
    return int(benchmarks or 0), int(snapshots or 0)


async def _days(client: httpx.AsyncClient, benchmark_id: str) -> list[dict[str, Any]]:
    r = await client.get(f"/v1/benchmarks/{benchmark_id}/snapshots")
    assert r.status_code == 200, r.text
    return [
        {k: v for k, v in s.items() if k not in ("created_at", "updated_at", "benchmark_id")}
        for s in r.json()["items"]
    ]


def _errors(r: httpx.Response) -> list[tuple[list[Any], str]]:
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == PROBLEM
    return [(e["loc"], e["msg"]) for e in r.json()["errors"]]


# --- the accounts --------------------------------------------------------------------------


async def test_a_benchmark_is_created_read_listed_changed_and_deleted(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    created = await client.post("/v1/benchmarks", json=RIVAL | {"handle": "  rival_mom_daily "})
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["handle"], body["notes"], body["version"]) == ("rival_mom_daily", "", 1)
    assert created.headers["location"] == f"/v1/benchmarks/{body['id']}"
    assert created.headers["etag"] == '"1"'
    other = await _benchmark(client, platform="weibo", handle="rival_weibo")

    listed = await client.get("/v1/benchmarks", params={"platform": "wechat_oa"})
    assert [b["id"] for b in listed.json()["items"]] == [body["id"]]

    stale = await client.patch(
        f"/v1/benchmarks/{body['id']}", json={"notes": "x"}, headers={"If-Match": '"7"'}
    )
    assert stale.status_code == 412
    changed = await client.patch(
        f"/v1/benchmarks/{body['id']}", json={"notes": "每日两更"}, headers={"If-Match": '"1"'}
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["notes"], changed.headers["etag"]) == ("每日两更", '"2"')
    # Onto another benchmark's account: a 409 naming it, nothing changed.
    clash = await client.patch(
        f"/v1/benchmarks/{body['id']}", json={"platform": "weibo", "handle": "rival_weibo"}
    )
    assert clash.status_code == 409
    assert clash.json()["existing_id"] == other["id"]
    assert (await client.get(f"/v1/benchmarks/{body['id']}")).json()["platform"] == "wechat_oa"

    await client.put(f"/v1/benchmarks/{body['id']}/snapshots/2026-11-16", json={"followers": 5})
    deleted = await client.delete(f"/v1/benchmarks/{body['id']}")
    assert deleted.status_code == 204
    assert (await client.get(f"/v1/benchmarks/{body['id']}")).status_code == 404
    assert await _rows(db_session) == (1, 0)  # its snapshot went with it


async def test_the_same_account_twice_is_a_409_naming_the_first(client: httpx.AsyncClient) -> None:
    first = await _benchmark(client)
    again = await client.post("/v1/benchmarks", json=RIVAL | {"name": "另一个名字"})
    assert again.status_code == 409
    assert again.headers["content-type"] == PROBLEM
    assert again.json()["existing_id"] == first["id"]
    assert first["id"] in again.json()["detail"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("platform", "myspace"), ("handle", ""), ("handle", "x" * 101), ("name", "   ")],
)
async def test_a_benchmark_with_a_bad_field_is_a_422_naming_it(
    client: httpx.AsyncClient, db_session: AsyncSession, field: str, value: str
) -> None:
    r = await client.post("/v1/benchmarks", json=RIVAL | {field: value})
    assert [loc for loc, _ in _errors(r)] == [["body", field]]
    assert await _rows(db_session) == (0, 0)


async def test_nul_in_a_benchmarks_text_is_a_422_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    body = b'{"platform": "weibo", "handle": "a\\u0000b", "name": "n"}'
    r = await client.post(
        "/v1/benchmarks", content=body, headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 422
    assert "handle" in r.text
    assert await _rows(db_session) == (0, 0)


# --- snapshots ------------------------------------------------------------------------------


async def test_a_day_entered_again_replaces_its_numbers_whole(client: httpx.AsyncClient) -> None:
    bid = (await _benchmark(client))["id"]
    first = await client.put(
        f"/v1/benchmarks/{bid}/snapshots/2026-11-16",
        json={"followers": 182000, "posts": 2, "avg_reads": 8650.5, "likes": 412},
    )
    assert first.status_code == 200, first.text
    assert first.json()["avg_reads"] == 8650.5
    again = await client.put(
        f"/v1/benchmarks/{bid}/snapshots/2026-11-16", json={"followers": 182100}
    )
    assert again.status_code == 200, again.text
    assert await _days(client, bid) == [
        {
            "snapshot_date": "2026-11-16",
            "followers": 182100,
            "posts": None,
            "avg_reads": None,
            "likes": None,
        }
    ]


async def test_a_batch_is_idempotent_per_day(client: httpx.AsyncClient) -> None:
    bid = (await _benchmark(client))["id"]
    batch = [
        {"snapshot_date": f"2026-11-{day}", "followers": 1000 + day, "likes": day}
        for day in (18, 16, 17)
    ]
    r = await client.post(f"/v1/benchmarks/{bid}/snapshots", json=batch)
    assert r.json() == {"received": 3, "created": 3, "updated": 0}
    again = await client.post(f"/v1/benchmarks/{bid}/snapshots", json=batch[:2])
    assert again.json() == {"received": 2, "created": 0, "updated": 2}
    days = await _days(client, bid)
    assert [(d["snapshot_date"], d["followers"]) for d in days] == [
        ("2026-11-16", 1016),
        ("2026-11-17", 1017),
        ("2026-11-18", 1018),
    ]


async def test_snapshots_page_by_day_and_narrow_to_a_range(client: httpx.AsyncClient) -> None:
    bid = (await _benchmark(client))["id"]
    batch = [{"snapshot_date": f"2026-10-{d:02d}", "posts": d} for d in range(20, 0, -1)]
    await client.post(f"/v1/benchmarks/{bid}/snapshots", json=batch)
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 6, "from": "2026-10-03", "to": "2026-10-18"}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get(f"/v1/benchmarks/{bid}/snapshots", params=params)).json()
        seen += [s["snapshot_date"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"2026-10-{d:02d}" for d in range(3, 18)]


async def test_a_batch_with_a_day_twice_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    bid = (await _benchmark(client))["id"]
    batch = [
        {"snapshot_date": "2026-11-16", "followers": 1},
        {"snapshot_date": "2026-11-17", "followers": 2},
        {"snapshot_date": "2026-11-16", "followers": 3},
    ]
    r = await client.post(f"/v1/benchmarks/{bid}/snapshots", json=batch)
    assert _errors(r) == [(["body", 2, "snapshot_date"], "repeats item 0")]
    assert await _rows(db_session) == (1, 0)


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"snapshot_date": "2026-11-16", "followers": -1}, "followers"),
        ({"snapshot_date": "2026-11-16", "likes": -5}, "likes"),
        ({"snapshot_date": "2026-11-16", "avg_reads": -0.5}, "avg_reads"),
        ({"snapshot_date": "2026-11-16", "followers": 10**13}, "followers"),
        ({"snapshot_date": "2026-11-16", "posts": 1.5}, "posts"),
        ({"snapshot_date": "2026-11-16", "posts": "3"}, "posts"),
        ({"snapshot_date": "0001-01-01"}, "snapshot_date"),
        ({"snapshot_date": "9999-12-31"}, "snapshot_date"),
        ({"snapshot_date": "2199-12-31"}, "snapshot_date"),  # in range, but in the future
        ({"snapshot_date": "16/11/2026"}, "snapshot_date"),
        ({"snapshot_date": "2026-11-16", "shares": 3}, "shares"),
    ],
)
async def test_a_bad_snapshot_is_a_422_naming_it_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, item: dict[str, Any], field: str
) -> None:
    bid = (await _benchmark(client))["id"]
    good = {"snapshot_date": "2026-11-15", "followers": 1}
    r = await client.post(f"/v1/benchmarks/{bid}/snapshots", json=[good, item])
    assert [loc for loc, _ in _errors(r)] == [["body", 1, field]]
    assert await _rows(db_session) == (1, 0)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2026-02-30", "tomorrow"])
async def test_a_bad_day_in_the_path_is_a_422(client: httpx.AsyncClient, day: str) -> None:
    bid = (await _benchmark(client))["id"]
    r = await client.put(f"/v1/benchmarks/{bid}/snapshots/{day}", json={"followers": 1})
    assert [loc for loc, _ in _errors(r)] == [["path", "snapshot_date"]]


async def test_a_future_day_is_refused_and_today_is_taken(client: httpx.AsyncClient) -> None:
    bid = (await _benchmark(client))["id"]
    today = datetime.now(UTC).date()
    ok = await client.put(f"/v1/benchmarks/{bid}/snapshots/{today}", json={"followers": 1})
    assert ok.status_code == 200, ok.text
    later = today + timedelta(days=2)
    r = await client.put(f"/v1/benchmarks/{bid}/snapshots/{later}", json={"followers": 1})
    [(_, msg)] = _errors(r)
    assert "is in the future" in msg


async def test_too_many_snapshots_in_a_batch_is_a_422(client: httpx.AsyncClient) -> None:
    bid = (await _benchmark(client))["id"]
    batch = [{"snapshot_date": "2026-11-16"}] * (MAX_SNAPSHOTS + 1)
    r = await client.post(f"/v1/benchmarks/{bid}/snapshots", json=batch)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body"]


async def test_deleting_a_day_removes_it_and_a_missing_day_is_a_404(
    client: httpx.AsyncClient,
) -> None:
    bid = (await _benchmark(client))["id"]
    await client.put(f"/v1/benchmarks/{bid}/snapshots/2026-11-16", json={"posts": 1})
    assert (await client.delete(f"/v1/benchmarks/{bid}/snapshots/2026-11-16")).status_code == 204
    missing = await client.delete(f"/v1/benchmarks/{bid}/snapshots/2026-11-16")
    assert missing.status_code == 404
    assert "2026-11-16" in missing.json()["detail"]
    assert await _days(client, bid) == []


# --- CSV ------------------------------------------------------------------------------------


async def _csv(client: httpx.AsyncClient, bid: str, text: str | bytes) -> httpx.Response:
    content = text.encode() if isinstance(text, str) else text
    return await client.post(
        f"/v1/benchmarks/{bid}/snapshots/import",
        content=content,
        headers={"Content-Type": "text/csv; charset=utf-8"},
    )


async def test_a_csv_file_stores_every_row_empty_cells_as_null(client: httpx.AsyncClient) -> None:
    bid = (await _benchmark(client))["id"]
    await client.put(f"/v1/benchmarks/{bid}/snapshots/2026-11-17", json={"followers": 1})
    text = (
        "\ufefflikes, snapshot_date ,followers,posts,avg_reads\r\n"
        "412,2026-11-16,182000,2,8650.5\r\n"
        "198,2026-11-17,182350,1,\r\n"
        ",2026-11-18,,,1e3\r\n"
    )
    r = await _csv(client, bid, text)
    assert r.status_code == 200, r.text
    assert r.json() == {"received": 3, "created": 2, "updated": 1}
    assert await _days(client, bid) == [
        {"snapshot_date": "2026-11-16", "followers": 182000, "posts": 2, "avg_reads": 8650.5,
         "likes": 412},
        {"snapshot_date": "2026-11-17", "followers": 182350, "posts": 1, "avg_reads": None,
         "likes": 198},
        {"snapshot_date": "2026-11-18", "followers": None, "posts": None, "avg_reads": 1000.0,
         "likes": None},
    ]  # fmt: skip


async def test_a_csv_with_bad_rows_names_each_by_line_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    bid = (await _benchmark(client))["id"]
    text = (
        "snapshot_date,followers,posts,avg_reads,likes\n"
        "2026-11-16,182000,2,8650.5,412\n"
        "2026-11-17,-3,1,,198\n"
        "0001-01-01,1,1,1,1\n"
        "2026-11-19,1.2万,1,abc,1\n"
        "2026-13-01,x,,,\n"
        "2026-11-16,5,,,\n"
        "2026-11-20,1,1,1,1,extra\n"
    )
    r = await _csv(client, bid, text)
    errors = _errors(r)
    assert [loc for loc, _ in errors] == [
        ["body", 3, "followers"],
        ["body", 4, "snapshot_date"],
        ["body", 5, "followers"],
        ["body", 5, "avg_reads"],
        ["body", 6, "followers"],  # every bad cell of a row, the date too
        ["body", 6, "snapshot_date"],
        ["body", 7, "snapshot_date"],
        ["body", 8, "snapshot_date"],
    ]
    assert errors[6][1] == "2026-11-16 is on line 2 already"
    assert r.json()["detail"].startswith("8 error(s) in the CSV, so nothing was stored: line 3")
    assert r.json()["detail"].endswith("(and 3 more). Fix them and send the whole file again.")
    assert await _rows(db_session) == (1, 0)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "no header row"),
        ("snapshot_date,followers\n", "no rows"),
        ("followers,likes\n1,2\n", "no snapshot_date column"),
        ("snapshot_date,fans\n2026-11-16,1\n", "unknown column(s) 'fans'"),
        ("snapshot_date,likes,likes\n2026-11-16,1,2\n", "named twice"),
        (b"snapshot_date,likes\n2026-11-16,\x001\n", "NUL"),
        (b"snapshot_date,likes\n2026-11-16,\xff\n", "not UTF-8"),
    ],
)
async def test_a_csv_that_cannot_be_read_is_a_422_saying_why(
    client: httpx.AsyncClient, db_session: AsyncSession, text: str | bytes, words: str
) -> None:
    bid = (await _benchmark(client))["id"]
    r = await _csv(client, bid, text)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == PROBLEM
    assert words in r.json()["detail"]
    assert await _rows(db_session) == (1, 0)


async def test_a_huge_csv_is_a_413_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    bid = (await _benchmark(client))["id"]
    header = "snapshot_date,followers\n"
    start = datetime(2000, 1, 1)
    rows = [f"{(start + timedelta(days=i)).date()},{i}\n" for i in range(MAX_SNAPSHOTS + 1)]
    too_many = await _csv(client, bid, header + "".join(rows))
    assert too_many.status_code == 413, too_many.text
    assert f"more than {MAX_SNAPSHOTS:,} rows" in too_many.json()["detail"]
    padded = header + "2026-11-16," + "0" * MAX_CSV_BYTES + "1\n"
    too_big = await _csv(client, bid, padded)
    assert too_big.status_code == 413
    assert too_big.headers["content-type"] == PROBLEM
    assert await _rows(db_session) == (1, 0)


async def test_a_csv_sent_as_json_is_a_415(client: httpx.AsyncClient) -> None:
    bid = (await _benchmark(client))["id"]
    r = await client.post(f"/v1/benchmarks/{bid}/snapshots/import", json=[{"a": 1}])
    assert r.status_code == 415
    assert "text/csv" in r.json()["detail"]


async def test_an_idempotency_key_replays_a_csv_import(client: httpx.AsyncClient) -> None:
    bid = (await _benchmark(client))["id"]
    headers = {"Content-Type": "text/csv", "Idempotency-Key": "csv-1"}
    body = b"snapshot_date,likes\n2026-11-16,3\n"
    path = f"/v1/benchmarks/{bid}/snapshots/import"
    first = await client.post(path, content=body, headers=headers)
    again = await client.post(path, content=body, headers=headers)
    assert first.json() == again.json() == {"received": 1, "created": 1, "updated": 0}
    assert again.headers["idempotent-replayed"] == "true"


# --- the comparison -------------------------------------------------------------------------


def _local(day: int, hour: int, minute: int = 0) -> datetime:
    """November ``day``, 2026, at ``hour`` in Shanghai (UTC+8), as UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def _channel_events() -> list[dict[str, Any]]:
    e: list[dict[str, Any]] = []
    own: dict[str, Any] = {"channel_id": "ch-brand"}
    # Before the window: 3 followers.
    e += [ev("follow", _local(10, 12), f"f{i}", **own) for i in range(3)]
    # The 16th: +2 -1 followers, one post, 4 views (one at 23:30, still the 16th), 2 likes.
    e += [ev("follow", _local(16, 9), f"n{i}", **own) for i in range(2)]
    e += [ev("unfollow", _local(16, 10), "f0", **own)]
    e += [ev("publish", _local(16, 8), **own)]
    e += [ev("view", _local(16, 12), f"v{i}", **own) for i in range(3)]
    e += [ev("view", _local(16, 23, 30), "v9", **own)]
    e += [ev("like", _local(16, 13), f"v{i}", **own) for i in range(2)]
    # The 17th: nothing. The 18th: two posts, 10 views, 5 followers.
    e += [ev("publish", _local(18, h), **own) for h in (8, 20)]
    e += [ev("view", _local(18, 21), f"w{i}", **own) for i in range(10)]
    e += [ev("follow", _local(18, 22), f"m{i}", **own) for i in range(5)]
    # The 19th in Shanghai (23:30 UTC on the 18th), and another channel: not counted.
    e += [ev("view", _local(19, 7, 30), "late", **own)]
    e += [ev("view", _local(16, 12), "x", channel_id="ch-other") for _ in range(50)]
    e += [ev("follow", _local(16, 12), "y", channel_id="ch-other")]
    return e


NULLS = dict.fromkeys(("followers", "follower_growth", "posts", "avg_reads", "likes"))


async def test_a_benchmark_and_a_channel_come_back_side_by_side_over_the_same_days(
    client: httpx.AsyncClient,
) -> None:
    bid = (await _benchmark(client))["id"]
    snapshots = [
        {"snapshot_date": "2026-11-15", "followers": 1000},
        {"snapshot_date": "2026-11-16", "followers": 1100, "posts": 2, "avg_reads": 500,
         "likes": 40},
        {"snapshot_date": "2026-11-18", "followers": 1300, "likes": 10},
        {"snapshot_date": "2026-11-19", "followers": 9999},  # after the window
    ]  # fmt: skip
    assert (await client.post(f"/v1/benchmarks/{bid}/snapshots", json=snapshots)).is_success
    ingested = await client.post("/v1/events", json=_channel_events())
    assert ingested.json()["rejected"] == []

    r = await client.get(
        f"/v1/benchmarks/{bid}/comparison",
        params={
            "channel_id": "ch-brand",
            "from": "2026-11-16",
            "to": "2026-11-19",
            "tz": "Asia/Shanghai",
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["benchmark_id"], body["channel_id"], body["tz"]) == (
        bid,
        "ch-brand",
        "Asia/Shanghai",
    )
    assert (body["from"], body["to"]) == ("2026-11-16", "2026-11-19")
    assert [d["date"] for d in body["days"]] == ["2026-11-16", "2026-11-17", "2026-11-18"]
    d16, d17, d18 = body["days"]

    assert d16["benchmark"] == {
        "followers": 1100.0, "follower_growth": 100.0, "posts": 2.0, "avg_reads": 500.0,
        "likes": 40.0,
    }  # fmt: skip
    assert d16["own"] == {
        "followers": 4.0, "follower_growth": 1.0, "posts": 1.0, "avg_reads": 4.0, "likes": 2.0,
    }  # fmt: skip
    assert d16["gap"] == {
        "followers": -1096.0, "follower_growth": -99.0, "posts": -1.0, "avg_reads": -496.0,
        "likes": -38.0,
    }  # fmt: skip
    assert d16["ratio"] == {
        "followers": 4 / 1100, "follower_growth": 0.01, "posts": 0.5, "avg_reads": 4 / 500,
        "likes": 0.05,
    }  # fmt: skip

    # No snapshot of the 17th: the benchmark's side is null; the channel had a quiet day.
    assert d17["benchmark"] == NULLS
    assert d17["own"] == {
        "followers": 4.0, "follower_growth": 0.0, "posts": 0.0, "avg_reads": None, "likes": 0.0,
    }  # fmt: skip
    assert d17["gap"] == d17["ratio"] == NULLS

    # The 18th: growth needs the 17th's snapshot, which is missing; posts and reads unknown.
    assert d18["benchmark"] == NULLS | {"followers": 1300.0, "likes": 10.0}
    assert d18["own"] == {
        "followers": 9.0, "follower_growth": 5.0, "posts": 2.0, "avg_reads": 5.0, "likes": 0.0,
    }  # fmt: skip
    assert d18["gap"] == NULLS | {"followers": -1291.0, "likes": -10.0}
    assert d18["ratio"] == NULLS | {"followers": 9 / 1300, "likes": 0.0}


async def test_a_channel_without_follow_events_has_no_follower_numbers(
    client: httpx.AsyncClient,
) -> None:
    bid = (await _benchmark(client))["id"]
    await client.post("/v1/events", json=[ev("publish", _local(16, 9), channel_id="ch-new")])
    r = await client.get(
        f"/v1/benchmarks/{bid}/comparison",
        params={"channel_id": "ch-new", "from": "2026-11-16", "to": "2026-11-17", "tz": "UTC"},
    )
    [day] = r.json()["days"]
    assert day["own"] == {
        "followers": None, "follower_growth": None, "posts": 1.0, "avg_reads": 0.0, "likes": 0.0,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"from": "0001-01-01"}, "from"),
        ({"to": "9999-12-31"}, "to"),
        ({"from": "2026-11-16T00:00:00Z"}, "from"),
        ({"from": "2026-11-16", "to": "2026-11-16"}, "to"),
        ({"from": "2025-01-01", "to": "2026-01-03"}, "366"),
        ({"tz": "Mars/Olympus"}, "tz"),
        ({"channel_id": ""}, "channel_id"),
        ({"channel_id": "c" * 65}, "channel_id"),
        ({"chanel_id": "x"}, "chanel_id"),
    ],
)
async def test_a_bad_comparison_query_is_a_422_naming_it(
    client: httpx.AsyncClient, params: dict[str, str], named: str
) -> None:
    bid = (await _benchmark(client))["id"]
    query = {"channel_id": "ch-brand", "from": "2026-11-16", "to": "2026-11-19"} | params
    r = await client.get(f"/v1/benchmarks/{bid}/comparison", params=query)
    assert r.status_code == 422, r.text
    problem = r.json()
    locs = [str(p) for e in problem.get("errors") or [] for p in e["loc"]]
    assert named in problem["detail"] or named in locs, problem


async def test_the_comparison_defaults_to_the_last_30_days_through_today(
    client: httpx.AsyncClient,
) -> None:
    bid = (await _benchmark(client))["id"]
    r = await client.get(f"/v1/benchmarks/{bid}/comparison", params={"channel_id": "c"})
    days = [d["date"] for d in r.json()["days"]]
    today = datetime.now(UTC).date()
    assert len(days) == 30
    assert days[-1] == today.isoformat()
