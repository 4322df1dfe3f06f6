"""What the inbox's tests do again and again: a channel, a message in, a thread read, the
events recorded."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.models import OutboxEvent
from servicekit.testing.headers import WORKSPACE_A

SECRET = "inbox-receiver-secret-0123456789"


async def make_channel(client: httpx.AsyncClient, webhook_url: str | None = None) -> str:
    publisher = (
        {"kind": "webhook", "url": webhook_url, "secret": SECRET}
        if webhook_url
        else {"kind": "manual"}
    )
    r = await client.post(
        "/v1/channels",
        json={
            "platform": "xiaohongshu",
            "name": "品牌小红书",
            "handle": f"xhs-{uuid.uuid4().hex[:8]}",
            "publisher": publisher,
        },
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def message(channel_id: str, **fields: Any) -> dict[str, Any]:
    """An inbound comment on ``channel_id`` with a fresh platform id; ``fields`` replace any."""
    body: dict[str, Any] = {
        "channel_id": channel_id,
        "kind": "comment",
        "external_message_id": f"c-{uuid.uuid4().hex}",
        "external_thread_id": "note-1",
        "author": {"id": "reader-1", "name": "小鹿"},
        "text": "敏感肌能用吗",
    }
    body.update(fields)
    return body


async def receive(client: httpx.AsyncClient, body: dict[str, Any], status: int = 201) -> Any:
    r = await client.post("/v1/inbox/messages", json=body)
    assert r.status_code == status, r.text
    return r.json()


async def thread(client: httpx.AsyncClient, thread_id: str) -> Any:
    r = await client.get(f"/v1/inbox/threads/{thread_id}")
    assert r.status_code == 200, r.text
    assert r.headers["etag"] == f'"{r.json()["version"]}"'
    return r.json()


def ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


async def events(
    db_session: AsyncSession, event_type: str, workspace: str = WORKSPACE_A
) -> list[OutboxEvent]:
    """The outbox events of ``event_type`` the workspace recorded, oldest first."""
    stmt = (
        select(OutboxEvent)
        .where(OutboxEvent.workspace_id == workspace, OutboxEvent.event_type == event_type)
        .order_by(OutboxEvent.created_at)
    )
    return list((await db_session.scalars(stmt)).all())
