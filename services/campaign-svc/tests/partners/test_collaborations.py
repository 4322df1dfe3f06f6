"""Collaborations: defaults from the partner, the publication that carries one and its
tracking code from content-svc (a real HTTP stand-in), the status moves and what they need,
one collaboration per publication, If-Match, filters, and bad input refused with nothing
stored."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from campaign_svc.models import Collaboration
from servicekit.testing.dates import EDGE_DAYS, assert_refused_naming
from servicekit.testing.headers import WORKSPACE_A, WORKSPACE_B
from servicekit.testing.servers import StandIn

from ..coupons.helpers import running_campaign
from .helpers import collaboration_body, new_collaboration, new_partner, publication


async def collaborations_stored(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(Collaboration)) or 0)


async def move(client: httpx.AsyncClient, collaboration_id: str, to: str) -> httpx.Response:
    return await client.post(f"/v1/collaborations/{collaboration_id}/status", json={"status": to})


async def test_a_collaboration_starts_proposed_with_the_partner_s_price_and_currency(
    client: httpx.AsyncClient,
) -> None:
    partner = await new_partner(client, price_per_post=300000, currency="USD")
    body = collaboration_body(partner["id"], due_date="2027-11-05")
    del body["agreed_price"]
    r = await client.post("/v1/collaborations", json=body)
    assert r.status_code == 201, r.text
    collaboration = r.json()
    assert r.headers["etag"] == '"1"'
    assert r.headers["location"] == f"/v1/collaborations/{collaboration['id']}"
    assert collaboration["status"] == "proposed"
    assert (collaboration["agreed_price"], collaboration["currency"]) == (300000, "USD")
    assert collaboration["due_date"] == "2027-11-05"
    assert (collaboration["publication_id"], collaboration["tracking_code"]) == (None, None)
    # A price of its own wins over the partner's.
    own = await new_collaboration(client, partner["id"], agreed_price=0, currency="CNY")
    assert (own["agreed_price"], own["currency"]) == (0, "CNY")


async def test_without_a_price_and_a_partner_price_it_is_422(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    partner = await new_partner(client, price_per_post=None)
    body = collaboration_body(partner["id"])
    del body["agreed_price"]
    assert_refused_naming(await client.post("/v1/collaborations", json=body), "agreed_price")
    assert await collaborations_stored(db_session) == 0


async def test_the_publication_s_tracking_code_comes_from_content_svc(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    partner = await new_partner(client)
    publication_id = publication(peer, "KOLX2345")
    collaboration = await new_collaboration(client, partner["id"], publication_id=publication_id)
    assert collaboration["publication_id"] == publication_id
    assert collaboration["tracking_code"] == "KOLX2345"
    asked = peer.requests_to(f"/v1/publications/{publication_id}")[-1]
    # campaign-svc asks with its own rights: exactly the scope the call needs.
    assert asked.headers["x-scopes"] == "content:read"
    assert asked.headers["x-workspace-id"] == WORKSPACE_A
    read = (await client.get(f"/v1/collaborations/{collaboration['id']}")).json()
    assert read["tracking_code"] == "KOLX2345"


async def test_an_unknown_publication_is_404_and_nothing_is_stored(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    # The stand-in knows no publication: content-svc's 404 (another workspace's is one too).
    partner = await new_partner(client)
    missing = str(uuid.uuid4())
    r = await client.post(
        "/v1/collaborations", json=collaboration_body(partner["id"], publication_id=missing)
    )
    assert r.status_code == 404, r.text
    assert missing in r.json()["detail"]
    assert await collaborations_stored(db_session) == 0


async def test_while_content_svc_cannot_say_the_collaboration_is_kept_and_read_asks_again(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    partner = await new_partner(client)
    publication_id = str(uuid.uuid4())
    path = f"/v1/publications/{publication_id}"
    peer.answer(path, 503, {"status": 503, "detail": "down for a moment"})
    collaboration = await new_collaboration(client, partner["id"], publication_id=publication_id)
    assert (collaboration["publication_id"], collaboration["tracking_code"]) == (
        publication_id,
        None,
    )
    peer.answer(
        path,
        200,
        {"id": publication_id, "post_id": "p", "channel_id": "c", "tracking_code": "LATE2345"},
    )
    read = (await client.get(f"/v1/collaborations/{collaboration['id']}")).json()
    assert read["tracking_code"] == "LATE2345"
    listed = (await client.get("/v1/collaborations")).json()["items"]
    assert [c["tracking_code"] for c in listed] == ["LATE2345"]


async def test_the_status_moves_and_what_each_needs(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    partner = await new_partner(client)
    collaboration = await new_collaboration(client, partner["id"])
    cid = collaboration["id"]
    illegal = await move(client, cid, "paid")
    assert illegal.status_code == 409
    assert illegal.json()["allowed"] == ["agreed", "cancelled"]
    agreed = await move(client, cid, "agreed")
    assert (agreed.json()["status"], agreed.headers["etag"]) == ("agreed", '"2"')
    # Published needs the publication that carries the post.
    unlinked = await move(client, cid, "published")
    assert unlinked.status_code == 409
    assert "publication" in unlinked.json()["detail"]
    publication_id = publication(peer)
    linked = await client.patch(
        f"/v1/collaborations/{cid}", json={"publication_id": publication_id}
    )
    assert linked.status_code == 200, linked.text
    stale = await client.post(
        f"/v1/collaborations/{cid}/status",
        json={"status": "published"},
        headers={"If-Match": '"2"'},
    )
    assert stale.status_code == 412
    published = await client.post(
        f"/v1/collaborations/{cid}/status",
        json={"status": "published"},
        headers={"If-Match": '"3"'},
    )
    assert published.json()["status"] == "published", published.text
    # A published collaboration keeps its publication.
    unlink = await client.patch(f"/v1/collaborations/{cid}", json={"publication_id": None})
    assert unlink.status_code == 409
    assert (await move(client, cid, "paid")).json()["status"] == "paid"
    # Paid is final: no move, no change.
    final = await move(client, cid, "cancelled")
    assert final.status_code == 409
    assert final.json()["allowed"] == []
    frozen = await client.patch(f"/v1/collaborations/{cid}", json={"agreed_price": 1})
    assert frozen.status_code == 409
    assert frozen.json()["current_status"] == "paid"
    read = (await client.get(f"/v1/collaborations/{cid}")).json()
    assert (read["status"], read["agreed_price"], read["version"]) == ("paid", 10000, 5)


async def test_any_but_paid_can_be_cancelled(client: httpx.AsyncClient, peer: StandIn) -> None:
    partner = await new_partner(client)
    for steps in ([], ["agreed"], ["agreed", "published"]):
        collaboration = await new_collaboration(
            client, partner["id"], publication_id=publication(peer)
        )
        for step in steps:
            assert (await move(client, collaboration["id"], step)).status_code == 200
        cancelled = await move(client, collaboration["id"], "cancelled")
        assert cancelled.json()["status"] == "cancelled", (steps, cancelled.text)


async def test_a_publication_carries_one_collaboration_until_it_is_cancelled(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    partner = await new_partner(client)
    publication_id = publication(peer)
    first = await new_collaboration(client, partner["id"], publication_id=publication_id)
    body = collaboration_body(partner["id"], publication_id=publication_id)
    taken = await client.post("/v1/collaborations", json=body)
    assert taken.status_code == 409, taken.text
    assert taken.json()["collaboration_id"] == first["id"]
    other = await new_collaboration(client, partner["id"])
    relink = await client.patch(
        f"/v1/collaborations/{other['id']}", json={"publication_id": publication_id}
    )
    assert relink.status_code == 409
    await move(client, first["id"], "cancelled")
    again = await client.patch(
        f"/v1/collaborations/{other['id']}", json={"publication_id": publication_id}
    )
    assert again.status_code == 200, again.text


async def test_the_list_filters_by_partner_campaign_status_publication_and_due_dates(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    a = await new_partner(client)
    b = await new_partner(client, handle="other")
    campaign = (await client.post("/v1/campaigns", json=running_campaign())).json()["id"]
    publication_id = publication(peer)
    one = await new_collaboration(
        client, a["id"], due_date="2027-11-01", campaign_id=campaign, publication_id=publication_id
    )
    two = await new_collaboration(client, a["id"], due_date="2027-11-10")
    three = await new_collaboration(client, b["id"], due_date="2027-12-01")
    await move(client, two["id"], "agreed")

    async def ids(**params: Any) -> list[str]:
        r = await client.get("/v1/collaborations", params=params)
        assert r.status_code == 200, r.text
        return [c["id"] for c in r.json()["items"]]

    assert await ids() == [one["id"], two["id"], three["id"]]
    assert await ids(partner_id=a["id"]) == [one["id"], two["id"]]
    assert await ids(campaign_id=campaign) == [one["id"]]
    assert await ids(status="agreed") == [two["id"]]
    assert await ids(publication_id=publication_id) == [one["id"]]
    assert await ids(due_from="2027-11-02", due_to="2027-11-30") == [two["id"]]
    assert await ids(due_to="2027-11-01") == [one["id"]]
    assert_refused_naming(await client.get("/v1/collaborations", params={"status": "x"}), "status")


async def test_patch_changes_what_is_sent_and_clears_the_campaign(
    client: httpx.AsyncClient,
) -> None:
    partner = await new_partner(client)
    campaign = (await client.post("/v1/campaigns", json=running_campaign())).json()["id"]
    collaboration = await new_collaboration(client, partner["id"], campaign_id=campaign)
    path = f"/v1/collaborations/{collaboration['id']}"
    r = await client.patch(path, json={"due_date": "2027-11-06", "brief": "改稿"})
    assert (r.json()["due_date"], r.json()["brief"], r.json()["campaign_id"]) == (
        "2027-11-06",
        "改稿",
        campaign,
    )
    cleared = await client.patch(path, json={"campaign_id": None}, headers={"If-Match": '"2"'})
    assert cleared.json()["campaign_id"] is None
    for body in ({"agreed_price": None}, {"due_date": None}, {"status": "paid"}):
        assert (await client.patch(path, json=body)).status_code == 422, body


async def test_another_workspace_s_partner_or_campaign_is_404(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    theirs = client_for(WORKSPACE_B)
    their_partner = await new_partner(theirs)
    their_campaign = (await theirs.post("/v1/campaigns", json=running_campaign())).json()["id"]
    mine = await new_partner(client)
    r = await client.post("/v1/collaborations", json=collaboration_body(their_partner["id"]))
    assert r.status_code == 404
    r = await client.post(
        "/v1/collaborations", json=collaboration_body(mine["id"], campaign_id=their_campaign)
    )
    assert r.status_code == 404
    assert "No campaign" in r.json()["detail"]
    # Theirs stays theirs: this workspace lists nothing of it.
    assert (await client.get("/v1/collaborations")).json()["items"] == []


@pytest.mark.parametrize("edge", EDGE_DAYS)
async def test_a_due_date_at_the_edges_of_time_is_422(
    client: httpx.AsyncClient, db_session: AsyncSession, edge: str
) -> None:
    partner = await new_partner(client)
    r = await client.post(
        "/v1/collaborations", json=collaboration_body(partner["id"], due_date=edge)
    )
    assert_refused_naming(r, "due_date")
    collaboration = await new_collaboration(client, partner["id"])
    patched = await client.patch(
        f"/v1/collaborations/{collaboration['id']}", json={"due_date": edge}
    )
    assert_refused_naming(patched, "due_date")
    for bound in ("due_from", "due_to"):
        listed = await client.get("/v1/collaborations", params={bound: edge})
        assert_refused_naming(listed, bound)
    assert await collaborations_stored(db_session) == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("agreed_price", -100),
        ("agreed_price", 99.5),
        ("agreed_price", 10**14),
        ("brief", ""),
        ("brief", "坏\u0000的"),
        ("brief", "x" * 4001),
        ("currency", "cny"),
        ("due_date", "2027-02-30"),
        ("due_date", "tomorrow"),
        ("publication_id", "not-a-uuid"),
        ("status", "paid"),
    ],
)
async def test_bad_collaboration_input_is_422_naming_the_field_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, field: str, value: Any
) -> None:
    partner = await new_partner(client)
    r = await client.post(
        "/v1/collaborations", json=collaboration_body(partner["id"], **{field: value})
    )
    assert_refused_naming(r, field)
    assert await collaborations_stored(db_session) == 0
