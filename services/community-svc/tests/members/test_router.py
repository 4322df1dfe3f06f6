import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import Connection, event, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from community_svc.models import OutboxEvent
from tests.helpers import PROBLEM_JSON, create_group, join, list_all


async def test_join_stores_every_field_and_counts_the_member(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    r = await join(
        client,
        group["id"],
        "wx_1001",
        display_name="小王",
        role="seed",
        tags=["宝妈", "早鸟"],
        tier="gold",
        source_channel="xiaohongshu",
        source_campaign_id="camp-618",
        source_referral_code="REF8",
        invited_by="wx_0001",
    )
    assert r.status_code == 201, r.text
    member = r.json()
    assert member["display_name"] == "小王"
    assert member["tags"] == ["宝妈", "早鸟"]
    assert member["left_at"] is None
    assert r.headers["location"] == f"/v1/members/{member['id']}"
    assert (await client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 1
    events = (
        (
            await db_session.execute(
                select(OutboxEvent.payload).where(OutboxEvent.event_type == "member.joined")
            )
        )
        .scalars()
        .all()
    )
    assert [e["member_id"] for e in events] == [member["id"]]


async def test_joining_twice_while_current_is_409(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    await join(client, group["id"], "wx_1")
    r = await join(client, group["id"], "wx_1")
    assert r.status_code == 409
    assert "already a current member" in r.json()["detail"]
    assert (await client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 1


async def test_leave_then_rejoin_keeps_the_history(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    first = (await join(client, group["id"], "wx_1")).json()
    left = await client.post(f"/v1/members/{first['id']}/leave")
    assert left.status_code == 200
    assert left.json()["left_at"] is not None
    assert (await client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 0
    again = await client.post(f"/v1/members/{first['id']}/leave")
    assert again.status_code == 409

    second = await join(client, group["id"], "wx_1")
    assert second.status_code == 201
    assert second.json()["id"] != first["id"]
    history = await list_all(
        client, f"/v1/groups/{group['id']}/members", status="all", external_id="wx_1"
    )
    assert [m["id"] for m in history] == [first["id"], second.json()["id"]]
    assert [m["left_at"] is None for m in history] == [False, True]
    current = await list_all(client, f"/v1/groups/{group['id']}/members")
    assert [m["id"] for m in current] == [second.json()["id"]]
    left_events = await db_session.scalar(
        select(func.count()).where(OutboxEvent.event_type == "member.left")
    )
    assert left_events == 1


async def test_full_group_refuses_a_join_with_a_clear_409_and_records_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client, capacity=2)
    for i in range(2):
        assert (await join(client, group["id"], f"u{i}")).status_code == 201
    r = await join(client, group["id"], "u3")
    assert r.status_code == 409
    assert r.headers["content-type"] == PROBLEM_JSON
    assert "full" in r.json()["detail"]
    assert r.json()["capacity"] == 2
    refused = await list_all(client, f"/v1/groups/{group['id']}/members", status="all")
    assert [m["external_id"] for m in refused] == ["u0", "u1"]
    events = await db_session.scalar(
        select(func.count()).where(OutboxEvent.event_type == "member.joined")
    )
    assert events == 2


async def test_filters_by_role_tag_tier_source_and_joined_window(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    gid = group["id"]
    kol = (
        await join(
            client,
            gid,
            "k1",
            role="kol",
            tags=["达人"],
            tier="gold",
            source_channel="douyin",
            source_campaign_id="c1",
        )
    ).json()
    seed = (
        await join(
            client,
            gid,
            "s1",
            role="seed",
            tags=["宝妈", "达人"],
            tier="silver",
            source_referral_code="R1",
        )
    ).json()
    plain = (await join(client, gid, "m1")).json()
    path = f"/v1/groups/{gid}/members"

    async def ids(**params: Any) -> list[str]:
        return [m["id"] for m in await list_all(client, path, **params)]

    assert await ids(role="kol") == [kol["id"]]
    assert await ids(tag="达人") == [kol["id"], seed["id"]]
    assert await ids(tier="silver") == [seed["id"]]
    assert await ids(source_channel="douyin") == [kol["id"]]
    assert await ids(source_campaign_id="c1") == [kol["id"]]
    assert await ids(source_referral_code="R1") == [seed["id"]]
    assert await ids(joined_from=plain["joined_at"]) == [plain["id"]]
    assert await ids(joined_to=seed["joined_at"]) == [kol["id"]]


async def test_member_update_changes_role_and_tags(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    member = (await join(client, group["id"], "u1")).json()
    r = await client.patch(f"/v1/members/{member['id']}", json={"role": "kol", "tags": ["活跃"]})
    assert r.status_code == 200
    assert (r.json()["role"], r.json()["tags"]) == ("kol", ["活跃"])


async def test_unknown_role_is_422(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    r = await join(client, group["id"], "u1", role="admin")
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "role"]


# --- bulk import ----------------------------------------------------------------------------

CSV_HEADER = "external_id,display_name,role,tags,tier,source_channel,joined_at\n"


@contextmanager
def counting_statements(session: AsyncSession, statements: list[str]) -> Iterator[None]:
    """Collect the SQL the session's connection sends while the block runs (the app's requests
    run on it: they join the test's transaction)."""
    connection = session.bind
    assert isinstance(connection, AsyncConnection)

    def collect(
        conn: Connection, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        statements.append(statement)

    event.listen(connection.sync_connection, "before_cursor_execute", collect)
    try:
        yield
    finally:
        event.remove(connection.sync_connection, "before_cursor_execute", collect)


def big_csv(rows: int, bad_lines: dict[int, str]) -> bytes:
    """``rows`` data rows; the rows at the given file lines (header = line 1) replaced."""
    lines = [CSV_HEADER]
    for i in range(rows):
        line_number = i + 2
        lines.append(
            bad_lines.get(
                line_number,
                f"wx_{i:05d},成员{i},member,宝妈|早鸟,{'gold' if i % 2 else 'silver'},douyin,"
                "2026-11-01T08:00:00+08:00\n",
            )
        )
    return "".join(lines).encode()


async def test_import_of_10000_rows_with_3_bad_keeps_9997_and_reports_the_lines(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client, capacity=20_000)
    bad = {
        5: "wx_bad_role,坏角色,admin,,,,\n",
        5000: ",没有编号,member,,,,\n",
        9999: "wx_bad_time,坏时间,member,,,,yesterday\n",
    }
    body = big_csv(10_000, bad)
    assert len(body) > 600_000  # a realistic file, not a toy

    statements: list[str] = []
    with counting_statements(db_session, statements):
        r = await client.post(
            f"/v1/groups/{group['id']}/members/import",
            content=body,
            headers={"Content-Type": "text/csv"},
        )
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["received"] == 10_000
    assert result["imported"] == 9_997
    assert [row["line"] for row in result["rejected"]] == [5, 5000, 9999]
    assert "role" in result["rejected"][0]["errors"][0]
    assert "external_id" in result["rejected"][1]["errors"][0]
    assert "joined_at" in result["rejected"][2]["errors"][0]
    # In bulk, never a statement per row (how long it takes: bench/community_import.py).
    assert len(statements) < 50, len(statements)

    assert (await client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 9_997
    stored = await client.get(
        f"/v1/groups/{group['id']}/members", params={"external_id": "wx_00007"}
    )
    member = stored.json()["items"][0]
    assert member["tags"] == ["宝妈", "早鸟"]
    assert member["tier"] == "gold"
    assert member["joined_at"] == "2026-11-01T00:00:00Z"
    events = await db_session.scalar(
        select(func.count()).where(OutboxEvent.event_type == "member.joined")
    )
    assert events == 9_997


async def test_import_reports_duplicates_in_file_and_current_members(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    await join(client, group["id"], "already")
    body = CSV_HEADER + "a1,甲,,,,,\nalready,,,,,,\na1,甲again,,,,,\n"
    r = await client.post(
        f"/v1/groups/{group['id']}/members/import",
        content=body.encode(),
        headers={"Content-Type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["imported"] == 1
    assert [(x["line"], x["errors"][0]) for x in result["rejected"]] == [
        (3, "already a current member of this group"),
        (4, "external_id 'a1' already appears on line 2"),
    ]


async def test_import_keeps_file_order_and_refuses_future_join_times(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    rows = [{"external_id": f"o{i}"} for i in range(20)]
    rows.append({"external_id": "future", "joined_at": "2999-01-01T00:00:00Z"})
    r = await client.post(f"/v1/groups/{group['id']}/members/import", json=rows)
    assert r.json()["imported"] == 20
    assert r.json()["rejected"][0]["line"] == 21
    assert "future" in r.json()["rejected"][0]["errors"][0]
    listed = await list_all(client, f"/v1/groups/{group['id']}/members")
    assert [m["external_id"] for m in listed] == [f"o{i}" for i in range(20)]


async def test_import_beyond_capacity_keeps_what_fits_and_reports_the_rest(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client, capacity=2)
    rows = [{"external_id": f"j{i}"} for i in range(4)]
    r = await client.post(f"/v1/groups/{group['id']}/members/import", json=rows)
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["imported"] == 2
    assert [x["line"] for x in result["rejected"]] == [3, 4]
    assert "full" in result["rejected"][0]["errors"][0]


async def test_import_json_reports_bad_items_by_position(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    r = await client.post(
        f"/v1/groups/{group['id']}/members/import",
        json={"members": [{"external_id": "ok"}, {"external_id": "x", "colour": "red"}, 7]},
    )
    assert r.status_code == 200, r.text
    assert r.json()["imported"] == 1
    assert [x["line"] for x in r.json()["rejected"]] == [2, 3]


async def test_import_with_unknown_csv_column_is_422_and_stores_nothing(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    r = await client.post(
        f"/v1/groups/{group['id']}/members/import",
        content=b"external_id,phone\nx,123\n",
        headers={"Content-Type": "text/csv"},
    )
    assert r.status_code == 422
    assert "phone" in r.json()["detail"]
    assert (await client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 0


async def test_empty_import_is_422(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    r = await client.post(
        f"/v1/groups/{group['id']}/members/import",
        content=b"",
        headers={"Content-Type": "text/csv"},
    )
    assert r.status_code == 422


async def test_import_route_takes_a_json_body_over_1_mib(client: httpx.AsyncClient) -> None:
    group = await create_group(client, capacity=20_000)
    rows = [
        {
            "external_id": f"json_{i:05d}",
            "display_name": f"成员{i}",
            "tier": "gold",
            "tags": ["宝妈", "早鸟"],
            "source_channel": "xiaohongshu",
        }
        for i in range(12_000)
    ]
    r = await client.post(f"/v1/groups/{group['id']}/members/import", json=rows)
    assert len(r.request.content) > 1_048_576
    assert r.status_code == 200, r.text
    assert r.json()["imported"] == 12_000


async def test_import_over_its_own_limit_is_413(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    body = CSV_HEADER.encode() + b"x" * (8 * 1_048_576 + 1)
    r = await client.post(
        f"/v1/groups/{group['id']}/members/import",
        content=body,
        headers={"Content-Type": "text/csv"},
    )
    assert r.status_code == 413
    assert r.headers["content-type"] == PROBLEM_JSON


async def test_other_routes_keep_the_1_mib_body_limit(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    r = await client.post(
        f"/v1/groups/{group['id']}/members",
        content=b'{"external_id": "' + b"x" * 1_100_000 + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert r.headers["content-type"] == PROBLEM_JSON


# --- the capacity race ----------------------------------------------------------------------


async def test_30_concurrent_joins_to_a_group_of_10_admit_exactly_10(
    race_client: httpx.AsyncClient,
) -> None:
    group = await create_group(race_client, capacity=10)
    answers = await asyncio.gather(
        *(join(race_client, group["id"], f"racer-{i}") for i in range(30))
    )
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [201] * 10 + [409] * 20
    assert all("full" in r.json()["detail"] for r in answers if r.status_code == 409)
    members = await list_all(race_client, f"/v1/groups/{group['id']}/members")
    assert len(members) == 10
    assert (await race_client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 10


async def test_concurrent_joins_of_one_person_make_one_membership(
    race_client: httpx.AsyncClient,
) -> None:
    group = await create_group(race_client, capacity=50)
    answers = await asyncio.gather(*(join(race_client, group["id"], "same") for _ in range(10)))
    assert sorted(r.status_code for r in answers) == [201] + [409] * 9
    assert (await race_client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 1


async def test_concurrent_leaves_free_one_place_only(race_client: httpx.AsyncClient) -> None:
    group = await create_group(race_client, capacity=5)
    member = (await join(race_client, group["id"], "leaver")).json()
    await join(race_client, group["id"], "stayer")
    answers = await asyncio.gather(
        *(race_client.post(f"/v1/members/{member['id']}/leave") for _ in range(10))
    )
    assert sorted(r.status_code for r in answers) == [200] + [409] * 9
    assert (await race_client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 1


async def test_import_rejects_nul_characters_by_line_and_keeps_good_rows(
    client: httpx.AsyncClient,
) -> None:
    # Both used to reach the COPY and fail the whole import with a 500, losing the good rows.
    group = await create_group(client)
    csv_body = "external_id,display_name,tags\ngood-1,A,\nnul-name,bad\x00name,\nnul-tag,C,x\x00y\n"
    r = await client.post(
        f"/v1/groups/{group['id']}/members/import",
        content=csv_body.encode(),
        headers={"Content-Type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["imported"] == 1
    assert [(x["line"], "NUL" in x["errors"][0]) for x in r.json()["rejected"]] == [
        (3, True),
        (4, True),
    ]
    listed = await list_all(client, f"/v1/groups/{group['id']}/members")
    assert [m["external_id"] for m in listed] == ["good-1"]


async def test_import_rejects_join_times_outside_1970_to_tomorrow_by_line(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    rows = [
        {"external_id": "good-2", "joined_at": "2020-05-01T08:00:00+08:00"},
        {"external_id": "year-one", "joined_at": "0001-01-01T00:00:00+14:00"},
        {"external_id": "last-year", "joined_at": "9999-12-31T23:59:59-14:00"},
        {"external_id": "pre-1970", "joined_at": "1969-12-31T23:59:59Z"},
    ]
    r = await client.post(f"/v1/groups/{group['id']}/members/import", json=rows)
    assert r.status_code == 200, r.text
    assert r.json()["imported"] == 1
    assert [x["line"] for x in r.json()["rejected"]] == [2, 3, 4]
    assert all("joined_at" in x["errors"][0] for x in r.json()["rejected"])
    listed = await list_all(client, f"/v1/groups/{group['id']}/members")
    assert [m["external_id"] for m in listed] == ["good-2"]


async def test_join_with_a_nul_character_is_422(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    r = await join(client, group["id"], "wx_nul", display_name="a\x00b")
    assert r.status_code == 422, r.text
    assert (await client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 0
