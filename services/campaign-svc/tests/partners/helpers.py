"""Bodies and stand-in answers shared by the partner and collaboration tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx

from servicekit.testing.servers import StandIn

WRITE = ("campaign:read", "campaign:write")
PII = (*WRITE, "leads:pii")

PARTNER: dict[str, Any] = {
    "platform": "xiaohongshu",
    "handle": "@xiaolu_ootd",
    "display_name": "小鹿的穿搭日记",
    "audience": "一二线城市 22-30 岁女性",
    "tone_tags": ["温柔", "穿搭", "平价"],
    "follower_count": 286000,
    "price_per_post": 300000,
    "contact": {
        "name": "陈小鹿",
        "phone": "139 0013 8000",
        "email": "XiaoLu@Example.com",
        "wechat_id": "xiaolu_ootd",
    },
    "notes": "报价含一次修改",
}


def partner_body(**overrides: Any) -> dict[str, Any]:
    return {**PARTNER, **overrides}


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def collaboration_body(partner_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "partner_id": partner_id,
        "brief": "双十一好物清单笔记 带券码",
        "agreed_price": 10000,
        "due_date": today(),
    }
    return {**body, **overrides}


async def created(client: httpx.AsyncClient, path: str, body: Any) -> dict[str, Any]:
    r = await client.post(path, json=body)
    assert r.status_code == 201, r.text
    answer: dict[str, Any] = r.json()
    return answer


async def new_partner(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    return await created(client, "/v1/partners", partner_body(**overrides))


async def new_collaboration(
    client: httpx.AsyncClient, partner_id: str, **overrides: Any
) -> dict[str, Any]:
    return await created(client, "/v1/collaborations", collaboration_body(partner_id, **overrides))


def publication(peer: StandIn, code: str = "KOLX2345") -> str:
    """A publication content-svc (the stand-in) knows, with its tracking code; its id."""
    publication_id = str(uuid.uuid4())
    peer.answer(
        f"/v1/publications/{publication_id}",
        200,
        {
            "id": publication_id,
            "post_id": str(uuid.uuid4()),
            "channel_id": str(uuid.uuid4()),
            "status": "published",
            "tracking_code": code,
        },
    )
    return publication_id


def report_row(publication_id: str, **steps: Any) -> dict[str, Any]:
    """One publication of metrics-svc's attribution report."""
    row: dict[str, Any] = {
        "publication_id": publication_id,
        "channel_id": "ch-1",
        "post_id": "p-1",
        "impressions": 0,
        "clicks": 0,
        "leads": 0,
        "joins": 0,
        "claims": 0,
        "redemptions": 0,
        "gmv": 0.0,
        "ctr": None,
        "lead_rate": None,
        "join_rate": None,
        "claim_rate": None,
        "redemption_rate": None,
    }
    return {**row, **steps}


def report(*rows: dict[str, Any]) -> dict[str, Any]:
    """metrics-svc's attribution report of publications, with ``rows`` (the parts campaign-svc
    reads and the rest, as metrics-svc sends them)."""
    return {
        "campaign_id": None,
        "group_id": None,
        "publication_ids": [r["publication_id"] for r in rows],
        "model": "last_touch",
        "tz": "UTC",
        "window_start": "2026-11-01T00:00:00Z",
        "window_end": "2026-12-01T00:00:00Z",
        "publications": list(rows),
        "channels": [],
        "unattributed": report_row("-"),
        "total": report_row("-"),
        "conversions": {"attributed": 0, "unattributed": 0},
        "actors": {"converted": 0, "attributed": 0, "unattributed": 0},
    }
