import asyncio
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession

from campaign_svc.models import Campaign
from servicekit.testing.headers import WORKSPACE_B

from ..coupons.helpers import fixed_batch, running_campaign, window


async def create_campaign(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    r = await client.post("/v1/campaigns", json=running_campaign(**overrides))
    assert r.status_code == 201, r.text
    return dict(r.json())


async def move(client: httpx.AsyncClient, campaign_id: str, status: str) -> httpx.Response:
    return await client.post(f"/v1/campaigns/{campaign_id}/status", json={"status": status})


async def test_create_is_a_draft_and_round_trips(client: httpx.AsyncClient) -> None:
    created = await create_campaign(
        client, goals=[{"metric": "gmv", "target": 1000000}], channel_ids=["ch-1"]
    )
    assert created["status"] == "draft"
    assert created["name"] == "双十一大促"
    assert created["budget_amount"] == 5_000_000
    fetched = await client.get(f"/v1/campaigns/{created['id']}")
    assert fetched.json() == created
    assert fetched.headers["etag"] == '"1"'


async def test_scheduling_inside_the_window_makes_it_running(client: httpx.AsyncClient) -> None:
    campaign = await create_campaign(client)
    r = await move(client, campaign["id"], "scheduled")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "running"  # the window has begun: the clock moved it on


async def test_scheduling_a_future_window_stays_scheduled(client: httpx.AsyncClient) -> None:
    starts_at, ends_at = window(days_before=-3, days_after=10)
    campaign = await create_campaign(client, starts_at=starts_at, ends_at=ends_at)
    assert (await move(client, campaign["id"], "scheduled")).json()["status"] == "scheduled"
    started = await move(client, campaign["id"], "running")
    assert started.json()["status"] == "running"  # started early by hand


async def test_a_past_window_reads_as_ended(client: httpx.AsyncClient) -> None:
    starts_at, _ = window(days_before=10)
    _, ends_at = window(days_after=-1)
    campaign = await create_campaign(client, starts_at=starts_at, ends_at=ends_at)
    r = await move(client, campaign["id"], "scheduled")
    assert r.status_code == 409
    assert "ends_at" in r.json()["detail"]


async def test_pause_resume_end(client: httpx.AsyncClient) -> None:
    campaign = await create_campaign(client)
    await move(client, campaign["id"], "scheduled")
    assert (await move(client, campaign["id"], "paused")).json()["status"] == "paused"
    assert (await move(client, campaign["id"], "running")).json()["status"] == "running"
    assert (await move(client, campaign["id"], "ended")).json()["status"] == "ended"
    r = await move(client, campaign["id"], "running")
    assert r.status_code == 409
    assert r.json()["allowed"] == []


async def test_illegal_transition_names_the_allowed_ones(client: httpx.AsyncClient) -> None:
    campaign = await create_campaign(client)
    r = await move(client, campaign["id"], "paused")
    assert r.status_code == 409
    assert r.json()["allowed"] == ["scheduled", "ended"]
    assert "scheduled, ended" in r.json()["detail"]


async def test_stale_if_match_is_412(client: httpx.AsyncClient) -> None:
    campaign = await create_campaign(client)
    await client.patch(f"/v1/campaigns/{campaign['id']}", json={"name": "新名字"})
    r = await client.patch(
        f"/v1/campaigns/{campaign['id']}", json={"name": "旧"}, headers={"If-Match": '"1"'}
    )
    assert r.status_code == 412


async def test_patch_with_inverted_window_is_422(client: httpx.AsyncClient) -> None:
    campaign = await create_campaign(client)
    r = await client.patch(
        f"/v1/campaigns/{campaign['id']}", json={"ends_at": campaign["starts_at"]}
    )
    assert r.status_code == 422


async def test_invalid_bodies_are_422(client: httpx.AsyncClient) -> None:
    for body in (
        running_campaign(kind="raffle"),
        running_campaign(budget_amount=10.5),
        running_campaign(ends_at=running_campaign()["starts_at"]),
        running_campaign(starts_at="2026-11-22T10:00:00"),  # no offset
        running_campaign(extra=1),
    ):
        r = await client.post("/v1/campaigns", json=body)
        assert r.status_code == 422, (body, r.text)


async def test_a_draft_campaign_cannot_issue_coupons(client: httpx.AsyncClient) -> None:
    campaign = await create_campaign(client)
    batch = (
        await client.post("/v1/coupon-batches", json=fixed_batch(campaign_id=campaign["id"]))
    ).json()
    r = await client.post(f"/v1/coupon-batches/{batch['id']}/claims", json={"customer_id": "c-1"})
    assert r.status_code == 409
    assert r.json()["campaign_status"] == "draft"


async def test_a_paused_campaign_cannot_redeem(client: httpx.AsyncClient) -> None:
    campaign = await create_campaign(client)
    await move(client, campaign["id"], "scheduled")
    batch = (
        await client.post("/v1/coupon-batches", json=fixed_batch(campaign_id=campaign["id"]))
    ).json()
    coupon = (
        await client.post(f"/v1/coupon-batches/{batch['id']}/claims", json={"customer_id": "c"})
    ).json()
    await move(client, campaign["id"], "paused")
    r = await client.post(
        f"/v1/coupons/{coupon['code']}/redeem",
        json={"customer_id": "c", "order_id": "o", "order_amount": 20000},
    )
    assert r.status_code == 409
    assert r.json()["campaign_status"] == "paused"


async def test_stats_add_up_the_campaigns_batches(client: httpx.AsyncClient) -> None:
    campaign = await create_campaign(client)
    await move(client, campaign["id"], "scheduled")
    for _ in range(2):
        batch = (
            await client.post(
                "/v1/coupon-batches", json=fixed_batch(campaign_id=campaign["id"], total_quantity=3)
            )
        ).json()
        coupon = (
            await client.post(f"/v1/coupon-batches/{batch['id']}/claims", json={"customer_id": "c"})
        ).json()
        await client.post(
            f"/v1/coupons/{coupon['code']}/redeem",
            json={"customer_id": "c", "order_id": "o", "order_amount": 20000},
        )
    stats = (await client.get(f"/v1/campaigns/{campaign['id']}/stats")).json()
    assert {
        k: stats[k] for k in ("batches", "issued", "claimed", "redeemed", "discount_total", "gmv")
    } == {
        "batches": 2,
        "issued": 6,
        "claimed": 2,
        "redeemed": 2,
        "discount_total": 4000,
        "gmv": 36000,
    }


async def test_batch_of_an_unknown_or_foreign_campaign_is_404(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    campaign = await create_campaign(client)
    r = await client_for(WORKSPACE_B).post(
        "/v1/coupon-batches", json=fixed_batch(campaign_id=campaign["id"])
    )
    assert r.status_code == 404
    r = await client.post("/v1/coupon-batches", json=fixed_batch(campaign_id=str(uuid.uuid4())))
    assert r.status_code == 404


async def test_another_workspace_gets_404(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    campaign = await create_campaign(client)
    other = client_for(WORKSPACE_B)
    assert (await other.get(f"/v1/campaigns/{campaign['id']}")).status_code == 404
    assert (await other.get(f"/v1/campaigns/{campaign['id']}/stats")).status_code == 404
    assert (await move(other, campaign["id"], "scheduled")).status_code == 404
    assert (
        await other.patch(f"/v1/campaigns/{campaign['id']}", json={"name": "x"})
    ).status_code == 404
    assert (await client.get(f"/v1/campaigns/{campaign['id']}")).json()["status"] == "draft"


async def test_a_campaign_past_its_window_reads_ended_and_cannot_issue(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    campaign = await create_campaign(client)
    await move(client, campaign["id"], "scheduled")
    batch = (
        await client.post("/v1/coupon-batches", json=fixed_batch(campaign_id=campaign["id"]))
    ).json()
    # The clock moves on: the window closes without anyone touching the campaign.
    await db_session.execute(
        update(Campaign)
        .where(Campaign.id == uuid.UUID(campaign["id"]))
        .values(starts_at=func.now() - timedelta(days=2), ends_at=func.now() - timedelta(minutes=1))
    )
    db_session.expire_all()
    assert (await client.get(f"/v1/campaigns/{campaign['id']}")).json()["status"] == "ended"
    r = await client.post(f"/v1/coupon-batches/{batch['id']}/claims", json={"customer_id": "c"})
    assert r.status_code == 409
    assert r.json()["campaign_status"] == "ended"


async def committed_campaign(client: httpx.AsyncClient) -> tuple[str, str]:
    """A new campaign's path and ETag, for racing writers that all hold that one version."""
    campaign = await create_campaign(client)
    path = f"/v1/campaigns/{campaign['id']}"
    return path, (await client.get(path)).headers["ETag"]


def assert_one_through(answers: list[httpx.Response]) -> None:
    assert Counter(r.status_code for r in answers) == {200: 1, 412: 9}, [r.text for r in answers]


async def test_10_concurrent_patches_with_one_if_match_let_exactly_one_through(
    committed_client_for: Callable[..., httpx.AsyncClient],
) -> None:
    # Without the row lock every writer passed If-Match on the same version and all but one
    # failed at flush with a StaleDataError (a 500; servicekit now maps it to a 412 that
    # cannot say which version is current).
    client = committed_client_for()
    path, etag = await committed_campaign(client)
    writers = [committed_client_for() for _ in range(10)]
    answers = await asyncio.gather(
        *(
            w.patch(path, json={"name": f"writer-{i}"}, headers={"If-Match": etag})
            for i, w in enumerate(writers)
        )
    )
    assert_one_through(answers)
    winner = next(r for r in answers if r.status_code == 200)
    stored = (await client.get(path)).json()
    assert stored["name"] == winner.json()["name"]
    # Each loser was refused by If-Match under the lock, seeing the winner's version (a write
    # that failed at flush on a stale version could not name it).
    assert {r.json().get("current_version") for r in answers if r.status_code == 412} == {
        stored["version"]
    }


async def test_concurrent_status_moves_with_one_if_match_let_exactly_one_through(
    committed_client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = committed_client_for()
    path, etag = await committed_campaign(client)
    answers = await asyncio.gather(
        *(
            committed_client_for().post(
                f"{path}/status", json={"status": "scheduled"}, headers={"If-Match": etag}
            )
            for _ in range(10)
        )
    )
    assert_one_through(answers)
    version = (await client.get(path)).json()["version"]
    assert {r.json().get("current_version") for r in answers if r.status_code == 412} == {version}
