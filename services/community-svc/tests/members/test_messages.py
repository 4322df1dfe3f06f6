"""POST /v1/groups/{group_id}/messages: messages a member sent, recorded as member.message
events (metrics' `message`) and as the membership's last activity."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from community_svc.models import OutboxEvent
from servicekit.testing.headers import WORKSPACE_B
from tests.helpers import PROBLEM_JSON, create_group, join


async def message_events(session: AsyncSession) -> int:
    stmt = select(func.count()).where(OutboxEvent.event_type == "member.message")
    return (await session.execute(stmt)).scalar_one()


async def record(
    client: httpx.AsyncClient, group_id: str, headers: dict[str, str] | None = None, **body: Any
) -> httpx.Response:
    return await client.post(f"/v1/groups/{group_id}/messages", json=body, headers=headers)


async def test_messages_move_last_active_forward_never_back(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    member = (await join(client, group["id"], "wx_1")).json()
    assert member["last_active_at"] is None
    r = await record(client, group["id"], external_id="wx_1", sent_at="2026-12-02T10:00:00Z")
    assert r.status_code == 201, r.text
    assert r.json() | {"id": None} == {
        "id": None,
        "group_id": group["id"],
        "member_id": member["id"],
        "external_id": "wx_1",
        "sent_at": "2026-12-02T10:00:00Z",
        "count": 1,
        "last_active_at": "2026-12-02T10:00:00Z",
    }
    # A late report of an older message is counted, but is not the latest activity.
    older = await record(client, group["id"], external_id="wx_1", sent_at="2026-12-01T10:00:00Z")
    assert older.json()["last_active_at"] == "2026-12-02T10:00:00Z"
    read = (await client.get(f"/v1/members/{member['id']}")).json()
    assert read["last_active_at"] == "2026-12-02T10:00:00Z"
    assert await message_events(db_session) == 2


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"sent_at": "2026-12-01T10:00:00Z"}, "external_id"),
        ({"external_id": "wx_1"}, "sent_at"),
        ({"external_id": "wx_1", "sent_at": "2026-12-01T10:00:00"}, "sent_at"),
        ({"external_id": "wx_1", "sent_at": "2026-12-01T10:00:00Z", "count": 0}, "count"),
        ({"external_id": "wx_1", "sent_at": "2026-12-01T10:00:00Z", "count": 1.5}, "count"),
        ({"external_id": "wx_1", "sent_at": "2026-12-01T10:00:00Z", "extra": 1}, "extra"),
    ],
)
async def test_invalid_bodies_are_422_naming_the_field_and_store_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, body: dict[str, Any], loc: str
) -> None:
    group = await create_group(client)
    await join(client, group["id"], "wx_1")
    r = await record(client, group["id"], **body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith(PROBLEM_JSON)
    assert loc in [e["loc"][-1] for e in r.json()["errors"]]
    assert await message_events(db_session) == 0


async def test_a_message_from_the_future_is_422(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    await join(client, group["id"], "wx_1")
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    r = await record(client, group["id"], external_id="wx_1", sent_at=later)
    assert r.status_code == 422
    assert "in the future" in r.text
    assert await message_events(db_session) == 0


async def test_someone_who_is_not_a_current_member_is_422(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    member = (await join(client, group["id"], "wx_gone")).json()
    await client.post(f"/v1/members/{member['id']}/leave")
    for who in ("wx_never", "wx_gone"):
        r = await record(client, group["id"], external_id=who, sent_at="2026-12-01T10:00:00Z")
        assert r.status_code == 422, r.text
        assert who in r.json()["detail"]
    assert await message_events(db_session) == 0


async def test_a_dissolved_group_takes_no_messages(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    await join(client, group["id"], "wx_1")
    await client.post(f"/v1/groups/{group['id']}/transitions", json={"to": "dissolved"})
    r = await record(client, group["id"], external_id="wx_1", sent_at="2026-12-01T10:00:00Z")
    assert r.status_code == 409
    assert await message_events(db_session) == 0


async def test_another_workspaces_group_is_404_and_records_nothing(
    client: httpx.AsyncClient,
    client_for: Any,
    db_session: AsyncSession,
) -> None:
    group = await create_group(client)
    member = (await join(client, group["id"], "wx_1")).json()
    theirs = client_for(WORKSPACE_B)
    r = await record(theirs, group["id"], external_id="wx_1", sent_at="2026-12-01T10:00:00Z")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith(PROBLEM_JSON)
    assert await message_events(db_session) == 0
    assert (await client.get(f"/v1/members/{member['id']}")).json()["last_active_at"] is None


async def test_a_retry_with_the_same_idempotency_key_records_once(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    await join(client, group["id"], "wx_1")
    body = {"external_id": "wx_1", "sent_at": "2026-12-01T10:00:00Z", "count": 2}
    key = {"Idempotency-Key": "msg-batch-0001"}
    first = await record(client, group["id"], key, **body)
    again = await record(client, group["id"], key, **body)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert await message_events(db_session) == 1
    other = await record(client, group["id"], key, **{**body, "count": 3})
    assert other.status_code == 409
    assert await message_events(db_session) == 1
