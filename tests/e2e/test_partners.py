"""Partner (KOL) collaborations end to end through the gateway, with every service a real
process: two partners each carry a post recorded as a publication in content-svc; people come
through each publication's tracking code (leads and coupons in campaign-svc, a group join in
community-svc); the outbox relays deliver the events to metrics-svc; and campaign-svc answers
each collaboration's return and the partners' ranking from metrics-svc's attribution — exactly,
and with ``unavailable`` numbers (the rest answering) while metrics-svc is down."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from .conftest import ALL_SCOPES, make_token
from .helpers import eventually, ok
from .stack import Stack


def published_publication(api: httpx.Client, post_id: str, channel_id: str) -> dict[str, Any]:
    """The partner's post, recorded as a publication of the brand's post on a manual channel."""
    scheduled_at = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    created = ok(
        api.post(
            "/v1/publications",
            json={"post_id": post_id, "channel_id": channel_id, "scheduled_at": scheduled_at},
        ),
        201,
    )
    url = f"https://www.xiaohongshu.com/explore/{created['id']}"
    published: dict[str, Any] = ok(
        api.post(f"/v1/publications/{created['id']}/mark-published", json={"url": url})
    )
    return published


def partner_with_collaboration(
    api: httpx.Client, handle: str, price: int, publication: dict[str, Any], campaign_id: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A partner, and its collaboration carried by ``publication``, moved to published."""
    partner = ok(
        api.post(
            "/v1/partners",
            json={
                "platform": "xiaohongshu",
                "handle": handle,
                "display_name": f"博主 {handle}",
                "tone_tags": ["穿搭"],
                "price_per_post": price,
                "contact": {"name": "陈小鹿", "phone": "139 0013 8000"},
            },
        ),
        201,
    )
    collaboration = ok(
        api.post(
            "/v1/collaborations",
            json={
                "partner_id": partner["id"],
                "campaign_id": campaign_id,
                "brief": "双十一好物清单笔记",
                "due_date": datetime.now(UTC).date().isoformat(),
                "publication_id": publication["id"],
            },
        ),
        201,
    )
    # content-svc told campaign-svc the publication's tracking code.
    assert collaboration["tracking_code"] == publication["tracking_code"]
    assert collaboration["agreed_price"] == price  # the partner's price per post
    for status in ("agreed", "published"):
        moved = ok(
            api.post(f"/v1/collaborations/{collaboration['id']}/status", json={"status": status})
        )
    assert moved["status"] == "published"
    return partner, moved


def attribution(api: httpx.Client, publication_ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """What metrics-svc credits each publication with: leads, joins, claims, redemptions, GMV."""
    now = datetime.now(UTC)
    params: dict[str, Any] = {
        "publication_id": publication_ids,
        "from": (now - timedelta(days=1)).isoformat(),
        "to": (now + timedelta(days=1)).isoformat(),
    }
    report = ok(api.get("/v1/attribution", params=params))
    return {
        row["publication_id"]: (
            row["leads"],
            row["joins"],
            row["claims"],
            row["redemptions"],
            row["gmv"],
        )
        for row in report["publications"]
    }


@pytest.fixture
def metrics_restarted(stack: Stack) -> Iterator[None]:
    """The test stops metrics-svc; it runs again afterwards whatever happened."""
    yield
    if "metrics" not in stack.procs:
        stack.start("metrics")


def test_a_collaboration_shows_what_its_publication_brought_and_partners_rank_by_return(
    stack: Stack, api: httpx.Client, metrics_restarted: None
) -> None:
    # content-svc: the channel and post the partners' posts are recorded on.
    channel = ok(
        api.post(
            "/v1/channels",
            json={
                "platform": "xiaohongshu",
                "name": "合作博主",
                "handle": f"kol_{uuid.uuid4().hex[:6]}",
                "timezone": "Asia/Shanghai",
            },
        ),
        201,
    )
    post = ok(api.post("/v1/posts", json={"title": "双11 清单", "body": "好物推荐"}), 201)
    for to in ("in_review", "approved"):
        ok(api.post(f"/v1/posts/{post['id']}/transitions", json={"to": to}))
    pub_a = published_publication(api, post["id"], channel["id"])
    pub_b = published_publication(api, post["id"], channel["id"])

    # campaign-svc: the campaign, its coupons, and a partner per publication.
    now = datetime.now(UTC)
    campaign = ok(
        api.post(
            "/v1/campaigns",
            json={
                "name": "双11 达人合作",
                "kind": "holiday_promo",
                "starts_at": (now - timedelta(hours=1)).isoformat(),
                "ends_at": (now + timedelta(days=7)).isoformat(),
            },
        ),
        201,
    )
    ok(api.post(f"/v1/campaigns/{campaign['id']}/status", json={"status": "scheduled"}))
    batch = ok(
        api.post(
            "/v1/coupon-batches",
            json={
                "campaign_id": campaign["id"],
                "name": "满100减20",
                "discount_type": "fixed",
                "amount_off": 2000,
                "min_spend": 10000,
                "total_quantity": 10,
                "valid_days": 7,
            },
        ),
        201,
    )
    partner_a, collab_a = partner_with_collaboration(api, "xiaolu", 10000, pub_a, campaign["id"])
    partner_b, collab_b = partner_with_collaboration(api, "techlab", 5000, pub_b, campaign["id"])

    # Through A's code: 3 leads, 2 claims and one purchase of 199.00.
    source_a = {"tracking_code": pub_a["tracking_code"]}
    for n in range(3):
        lead = {
            "campaign_id": campaign["id"],
            "phone": f"+86 139 0000 {n:04d}",
            "consent": True,
            "customer_id": f"fan-{n}",
            "source": source_a,
        }
        captured = ok(api.post("/v1/leads", json=lead), 201)
        assert captured["source"]["publication_id"] == pub_a["id"]
    codes = [
        ok(
            api.post(
                f"/v1/coupon-batches/{batch['id']}/claims",
                json={"customer_id": f"fan-{n}", "source": source_a},
            ),
            201,
        )["code"]
        for n in range(2)
    ]
    order = {"customer_id": "fan-0", "order_id": "DD-1", "order_amount": 19900, "source": source_a}
    ok(api.post(f"/v1/coupons/{codes[0]}/redeem", json=order), 201)
    # Through B's code: a lead and a group join (community-svc), no purchase.
    source_b = {"tracking_code": pub_b["tracking_code"]}
    lead_b = {"campaign_id": campaign["id"], "phone": "+86 139 0000 9999", "consent": True}
    ok(api.post("/v1/leads", json={**lead_b, "source": source_b}), 201)
    group = ok(
        api.post("/v1/groups", json={"name": "达人粉丝群", "platform": "wecom", "kind": "product"}),
        201,
    )
    ok(
        api.post(
            f"/v1/groups/{group['id']}/members",
            json={"external_id": "fan-b", "display_name": "粉丝", "source": source_b},
        ),
        201,
    )

    # The relays deliver to metrics-svc: its attribution of the two publications, exact.
    eventually(
        lambda: attribution(api, [pub_a["id"], pub_b["id"]]),
        {pub_a["id"]: (3, 0, 2, 1, 199.0), pub_b["id"]: (1, 1, 0, 0, 0.0)},
    )

    # campaign-svc: A's collaboration shows exactly those numbers and its return.
    roi = ok(api.get(f"/v1/collaborations/{collab_a['id']}/roi"))
    assert roi["numbers"] == {
        "status": "available",
        "reason": None,
        "leads": 3,
        "joins": 0,
        "claims": 2,
        "redemptions": 1,
        "gmv": 19900,
        "net_return": 9900,
        "roi": 0.99,
        "cost_per_lead": 3333,
    }
    assert (roi["cost"], roi["currency"], roi["tracking_code"]) == (
        10000,
        "CNY",
        pub_a["tracking_code"],
    )
    roi_b = ok(api.get(f"/v1/collaborations/{collab_b['id']}/roi"))
    assert (roi_b["numbers"]["leads"], roi_b["numbers"]["joins"], roi_b["numbers"]["roi"]) == (
        1,
        1,
        -1.0,
    )

    # Partners rank by return: A (ROI 0.99) before B (ROI -1.0).
    ranking = ok(api.get("/v1/partners/ranking"))
    assert ranking["status"] == "available"
    assert [
        (p["rank"], p["partner_id"], p["cost"], p["gmv"], p["roi"]) for p in ranking["items"]
    ] == [
        (1, partner_a["id"], 10000, 19900, 0.99),
        (2, partner_b["id"], 5000, 0, -1.0),
    ]

    # metrics-svc down: the numbers say unavailable, the rest answers (another window, so no
    # answer kept from before stands in for metrics-svc).
    stack.stop("metrics")
    yesterday = (now - timedelta(days=1)).date().isoformat()
    down = ok(api.get(f"/v1/collaborations/{collab_a['id']}/roi", params={"from": yesterday}))
    assert down["numbers"]["status"] == "unavailable"
    assert "metrics-svc" in down["numbers"]["reason"]
    assert (down["cost"], down["tracking_code"]) == (10000, pub_a["tracking_code"])
    unranked = ok(api.get("/v1/partners/ranking", params={"from": yesterday}))
    assert unranked["status"] == "unavailable"
    assert {p["partner_id"]: p["cost"] for p in unranked["items"]} == {
        partner_a["id"]: 10000,
        partner_b["id"]: 5000,
    }
    assert ok(api.get(f"/v1/collaborations/{collab_a['id']}"))["status"] == "published"
    stack.start("metrics")


def test_partners_are_masked_without_pii_and_another_workspace_s_ids_are_404(
    stack: Stack, api: httpx.Client, workspace: str
) -> None:
    partner = ok(
        api.post(
            "/v1/partners",
            json={
                "platform": "douyin",
                "handle": "@tech_lab",
                "display_name": "科技实验室",
                "contact": {"name": "王小明", "phone": "139 0013 8000"},
            },
        ),
        201,
    )
    assert partner["contact"]["phone"] == "139****8000"
    collaboration = ok(
        api.post(
            "/v1/collaborations",
            json={
                "partner_id": partner["id"],
                "brief": "新品开箱视频",
                "agreed_price": 800000,
                "due_date": "2027-11-05",
            },
        ),
        201,
    )
    pii = {"Authorization": f"Bearer {make_token(workspace, (*ALL_SCOPES, 'leads:pii'))}"}
    full = ok(api.get(f"/v1/partners/{partner['id']}", headers=pii))
    assert (full["handle"], full["contact"]["phone"]) == ("tech_lab", "+8613900138000")
    other = f"ws-{uuid.uuid4().hex[:12]}"
    with httpx.Client(
        base_url=stack.gateway,
        headers={"Authorization": f"Bearer {make_token(other)}"},
        timeout=10.0,
    ) as theirs:
        for path in (
            f"/v1/partners/{partner['id']}",
            f"/v1/collaborations/{collaboration['id']}",
            f"/v1/collaborations/{collaboration['id']}/roi",
        ):
            r = theirs.get(path)
            assert r.status_code == 404, (path, r.text)
            assert r.headers["content-type"] == "application/problem+json"
        patch = theirs.patch(f"/v1/partners/{partner['id']}", json={"display_name": "改名"})
        assert patch.status_code == 404
        moved = theirs.post(
            f"/v1/collaborations/{collaboration['id']}/status", json={"status": "agreed"}
        )
        assert moved.status_code == 404
        stolen = theirs.post(
            "/v1/collaborations",
            json={
                "partner_id": partner["id"],
                "brief": "x",
                "agreed_price": 1,
                "due_date": "2027-11-05",
            },
        )
        assert stolen.status_code == 404
        assert ok(theirs.get("/v1/partners"))["items"] == []
    # Nothing changed for the owner.
    assert ok(api.get(f"/v1/partners/{partner['id']}"))["display_name"] == "科技实验室"
    assert ok(api.get(f"/v1/collaborations/{collaboration['id']}"))["status"] == "proposed"
