"""Where a member came from: a tracking code resolved through content-svc (a stand-in on a real
port of 127.0.0.1 here; tests/e2e use the real one), or the ids given outright."""

import uuid
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from community_svc.members.models import Member
from community_svc.models import OutboxEvent
from servicekit.testing.servers import StandIn
from tests.conftest import ClientWith
from tests.helpers import PROBLEM_JSON, create_group, join

PUBLICATION, CHANNEL, POST = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
RESOLVED = {
    "code": "ABCD2345",
    "publication_id": str(PUBLICATION),
    "channel_id": str(CHANNEL),
    "post_id": str(POST),
    "platform": "weibo",
}


async def joined_payloads(session: AsyncSession) -> list[dict[str, Any]]:
    stmt = select(OutboxEvent.payload).where(OutboxEvent.event_type == "member.joined")
    return list((await session.execute(stmt)).scalars().all())


async def members(session: AsyncSession) -> int:
    return (await session.execute(select(func.count()).select_from(Member))).scalar_one()


async def test_a_tracking_code_is_resolved_stored_returned_and_in_the_event(
    client_with: ClientWith, peer: StandIn, db_session: AsyncSession
) -> None:
    peer.answer("/v1/tracking-codes/ABCD2345", 200, RESOLVED)
    client = await client_with(content_url=peer.url)
    group = await create_group(client)
    r = await join(client, group["id"], "cust-1", source={"tracking_code": " abcd2345 "})
    assert r.status_code == 201, r.text
    member = r.json()
    attributed = {
        "tracking_code": "ABCD2345",
        "publication_id": str(PUBLICATION),
        "channel_id": str(CHANNEL),
        "post_id": str(POST),
    }
    source = {**attributed, "platform": "weibo"}
    assert member["source"] == source
    # The publication's platform is the join's channel when the caller named none.
    assert member["source_channel"] == "weibo"
    assert (await client.get(f"/v1/members/{member['id']}")).json()["source"] == source
    [payload] = await joined_payloads(db_session)
    assert {k: payload[k] for k in attributed} == attributed
    assert "platform" not in payload
    # The look-up went to content-svc in the caller's workspace with community-svc's own
    # rights: exactly the scope its route asks for (the caller holds community scopes only;
    # the stand-in refuses calls without content:read, as content-svc does).
    [seen] = peer.seen
    assert seen.headers["x-workspace-id"] == "ws-alpha"
    assert seen.headers["x-scopes"] == "content:read"
    assert "content:read" not in client.headers["x-scopes"].split()
    assert seen.headers["x-internal-token"]
    listed = await client.get(
        f"/v1/groups/{group['id']}/members", params={"source_publication_id": str(PUBLICATION)}
    )
    assert [m["id"] for m in listed.json()["items"]] == [member["id"]]


async def test_a_caller_without_content_read_gets_the_code_resolved(
    client_with: ClientWith, peer: StandIn
) -> None:
    # The stand-in refuses calls without content:read, as content-svc does.
    peer.answer("/v1/tracking-codes/ABCD2345", 200, RESOLVED)
    client = await client_with(content_url=peer.url)
    assert client.headers["x-scopes"].split() == ["community:read", "community:write"]
    group = await create_group(client)
    r = await join(client, group["id"], "cust-9", source={"tracking_code": "ABCD2345"})
    assert r.status_code == 201, r.text
    assert r.json()["source"]["publication_id"] == str(PUBLICATION)


async def test_a_resolved_code_is_cached(
    client_with: ClientWith, peer: StandIn, db_session: AsyncSession
) -> None:
    peer.answer("/v1/tracking-codes/ABCD2345", 200, RESOLVED)
    client = await client_with(content_url=peer.url)
    group = await create_group(client)
    for who in ("cust-1", "cust-2", "cust-3"):
        r = await join(client, group["id"], who, source={"tracking_code": "ABCD2345"})
        assert r.json()["source"]["publication_id"] == str(PUBLICATION)
    assert len(peer.seen) == 1


async def test_an_unknown_code_is_422_naming_it_and_stores_nothing(
    client_with: ClientWith, peer: StandIn, db_session: AsyncSession
) -> None:
    client = await client_with(content_url=peer.url)  # the stand-in knows no code: 404
    group = await create_group(client)
    r = await join(client, group["id"], "cust-1", source={"tracking_code": "ZZZZ9999"})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith(PROBLEM_JSON)
    assert "ZZZZ9999" in r.json()["detail"]
    assert r.json()["errors"][0]["loc"] == ["body", "source", "tracking_code"]
    assert await members(db_session) == 0
    assert await joined_payloads(db_session) == []
    assert (await client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 0


async def test_content_down_keeps_the_code_alone_and_the_join_succeeds(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    # The suite's content_url is a port where nothing listens.
    group = await create_group(client)
    r = await join(client, group["id"], "cust-1", source={"tracking_code": "ABCD2345"})
    assert r.status_code == 201, r.text
    assert r.json()["source"] == {
        "tracking_code": "ABCD2345",
        "publication_id": None,
        "channel_id": None,
        "post_id": None,
        "platform": None,
    }
    assert r.json()["source_channel"] is None
    [payload] = await joined_payloads(db_session)
    assert payload["tracking_code"] == "ABCD2345"
    assert not {"publication_id", "channel_id", "post_id"} & set(payload)


async def test_content_failing_keeps_the_code_alone(
    client_with: ClientWith, peer: StandIn, db_session: AsyncSession
) -> None:
    peer.answer("/v1/tracking-codes/ABCD2345", 503, {"title": "Service Unavailable"})
    client = await client_with(content_url=peer.url)
    group = await create_group(client)
    r = await join(client, group["id"], "cust-1", source={"tracking_code": "ABCD2345"})
    assert r.status_code == 201, r.text
    assert r.json()["source"]["tracking_code"] == "ABCD2345"
    assert r.json()["source"]["publication_id"] is None


async def test_explicit_ids_are_stored_without_asking_content(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    r = await join(client, group["id"], "cust-1", source={"publication_id": str(PUBLICATION)})
    assert r.status_code == 201, r.text
    assert r.json()["source"] == {
        "tracking_code": None,
        "publication_id": str(PUBLICATION),
        "channel_id": None,
        "post_id": None,
        "platform": None,
    }
    [payload] = await joined_payloads(db_session)
    assert payload["publication_id"] == str(PUBLICATION)
    assert "tracking_code" not in payload


async def test_invalid_sources_are_422_and_store_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    for source in (
        {},
        {"tracking_code": "AB CD"},
        {"tracking_code": "ABCD2345", "post_id": str(POST)},
        {"publication_id": "not-a-uuid"},
        {"tracking_code": "ABCD2345", "campaign_id": "x"},
    ):
        r = await join(client, group["id"], "cust-1", source=source)
        assert r.status_code == 422, (source, r.text)
    assert await members(db_session) == 0


async def test_a_join_without_source_reads_source_null(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    member = (await join(client, group["id"], "cust-1")).json()
    assert member["source"] is None


async def test_csv_import_resolves_each_code_once_and_rejects_unknown_ones(
    client_with: ClientWith, peer: StandIn, db_session: AsyncSession
) -> None:
    peer.answer("/v1/tracking-codes/ABCD2345", 200, RESOLVED)
    client = await client_with(content_url=peer.url)
    group = await create_group(client)
    csv = (
        "external_id,display_name,tracking_code\n"
        "imp-1,一号,ABCD2345\n"
        "imp-2,二号,abcd2345\n"
        "imp-3,三号,NOPE7777\n"
        "imp-4,四号,\n"
    )
    r = await client.post(
        f"/v1/groups/{group['id']}/members/import",
        content=csv.encode(),
        headers={"Content-Type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["imported"] == 3
    assert result["rejected"] == [
        {
            "line": 4,
            "external_id": "imp-3",
            "errors": ["source.tracking_code: unknown tracking code 'NOPE7777'"],
        }
    ]
    assert sorted(s.path for s in peer.seen) == [
        "/v1/tracking-codes/ABCD2345",
        "/v1/tracking-codes/NOPE7777",
    ]
    listed = await client.get(
        f"/v1/groups/{group['id']}/members", params={"source_tracking_code": "abcd2345"}
    )
    assert sorted(m["external_id"] for m in listed.json()["items"]) == ["imp-1", "imp-2"]
    # The COPY path stores the publication's platform too.
    assert {m["source"]["platform"] for m in listed.json()["items"]} == {"weibo"}
    payloads = {p["actor_id"]: p for p in await joined_payloads(db_session)}
    assert payloads["imp-1"]["publication_id"] == str(PUBLICATION)
    assert "tracking_code" not in payloads["imp-4"]
