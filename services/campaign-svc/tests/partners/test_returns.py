"""A collaboration's return and the partners' ranking, from metrics-svc's attribution report of
publications, here a real HTTP server on 127.0.0.1 standing in for it (the end-to-end suite
uses the real one): exact numbers, the window asked, campaign-svc's own rights, the cache, and
``unavailable`` when metrics-svc is down or refuses while the rest of the answer stands."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from campaign_svc.partners.returns import Brought, PublicationReturns
from servicekit.context import RequestContext
from servicekit.peers import Answered, Peer
from servicekit.testing.dates import assert_refused_naming
from servicekit.testing.headers import WORKSPACE_A
from servicekit.testing.servers import StandIn

from .helpers import new_collaboration, new_partner, publication, report, report_row

ATTRIBUTION = "/v1/attribution"


def utc_midnight(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


async def move(client: httpx.AsyncClient, collaboration_id: str, *steps: str) -> None:
    for step in steps:
        r = await client.post(
            f"/v1/collaborations/{collaboration_id}/status", json={"status": step}
        )
        assert r.status_code == 200, r.text


async def test_the_return_shows_exactly_what_the_publication_brought(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    partner = await new_partner(client)
    publication_id = publication(peer, "KOLX2345")
    collaboration = await new_collaboration(
        client, partner["id"], publication_id=publication_id, agreed_price=10000
    )
    peer.answer(
        ATTRIBUTION,
        200,
        report(report_row(publication_id, leads=3, claims=2, redemptions=1, gmv=199.0)),
    )
    r = await client.get(f"/v1/collaborations/{collaboration['id']}/roi")
    assert r.status_code == 200, r.text
    roi = r.json()
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
    assert (roi["collaboration_id"], roi["partner_id"]) == (collaboration["id"], partner["id"])
    assert (roi["publication_id"], roi["tracking_code"]) == (publication_id, "KOLX2345")
    assert (roi["cost"], roi["currency"], roi["status"], roi["tz"]) == (
        10000,
        "CNY",
        "proposed",
        "UTC",
    )
    # The window: from the day the collaboration was recorded (due today too) to today.
    today = datetime.now(UTC).date()
    assert datetime.fromisoformat(roi["window_start"]) == datetime.fromisoformat(
        utc_midnight(today)
    )
    asked = peer.requests_to(ATTRIBUTION)[-1]
    assert asked.queries["publication_id"] == [publication_id]
    assert asked.query["from"] == utc_midnight(today)
    assert asked.query["to"] == utc_midnight(today + timedelta(days=1))
    assert asked.headers["x-scopes"] == "metrics:read"
    assert asked.headers["x-workspace-id"] == WORKSPACE_A


async def test_the_window_is_read_in_the_time_zone_asked_and_answers_are_kept(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    partner = await new_partner(client)
    publication_id = publication(peer)
    collaboration = await new_collaboration(client, partner["id"], publication_id=publication_id)
    peer.answer(ATTRIBUTION, 200, report(report_row(publication_id, leads=1, gmv=0.0)))
    path = f"/v1/collaborations/{collaboration['id']}/roi"
    params = {"from": "2027-11-01", "to": "2027-11-30", "tz": "Asia/Shanghai"}
    roi = (await client.get(path, params=params)).json()
    assert roi["numbers"]["roi"] == -1.0
    assert roi["numbers"]["cost_per_lead"] == 10000
    asked = peer.requests_to(ATTRIBUTION)
    assert (asked[-1].query["from"], asked[-1].query["to"]) == (
        "2027-10-31T16:00:00Z",
        "2027-11-30T16:00:00Z",
    )
    for _ in range(3):
        await client.get(path, params=params)
    assert len(peer.requests_to(ATTRIBUTION)) == len(asked)
    # Another window is another question.
    await client.get(path, params={**params, "to": "2027-11-29"})
    assert len(peer.requests_to(ATTRIBUTION)) == len(asked) + 1


async def test_a_refusal_of_metrics_svc_is_unavailable_and_the_rest_answers(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    partner = await new_partner(client)
    publication_id = publication(peer, "KOLX2345")
    collaboration = await new_collaboration(client, partner["id"], publication_id=publication_id)
    peer.answer(ATTRIBUTION, 503, {"status": 503, "detail": "The numbers are being brought up"})
    r = await client.get(f"/v1/collaborations/{collaboration['id']}/roi")
    assert r.status_code == 200, r.text
    roi = r.json()
    assert roi["numbers"]["status"] == "unavailable"
    assert roi["numbers"]["reason"].startswith("metrics-svc refused (503)")
    assert {
        k: v for k, v in roi["numbers"].items() if k not in ("status", "reason")
    } == dict.fromkeys(
        ("leads", "joins", "claims", "redemptions", "gmv", "net_return", "roi", "cost_per_lead")
    )
    assert (roi["cost"], roi["tracking_code"]) == (10000, "KOLX2345")


async def test_an_answer_that_is_no_report_is_unavailable(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    partner = await new_partner(client)
    publication_id = publication(peer)
    collaboration = await new_collaboration(client, partner["id"], publication_id=publication_id)
    peer.answer(ATTRIBUTION, 200, {"publications": [{"publication_id": publication_id}]})
    roi = (await client.get(f"/v1/collaborations/{collaboration['id']}/roi")).json()
    assert roi["numbers"]["status"] == "unavailable"
    assert "answered something other than an attribution report" in roi["numbers"]["reason"]


@pytest.mark.peers_down
async def test_with_metrics_and_content_down_the_collaboration_still_answers(
    client: httpx.AsyncClient,
) -> None:
    partner = await new_partner(client)
    publication_id = str(uuid.uuid4())
    collaboration = await new_collaboration(client, partner["id"], publication_id=publication_id)
    assert collaboration["tracking_code"] is None
    r = await client.get(f"/v1/collaborations/{collaboration['id']}/roi")
    assert r.status_code == 200, r.text
    roi = r.json()
    assert roi["numbers"]["status"] == "unavailable"
    assert roi["numbers"]["reason"].startswith("metrics-svc is unreachable")
    assert (roi["publication_id"], roi["cost"]) == (publication_id, 10000)
    ranking = await client.get("/v1/partners/ranking")
    assert ranking.status_code == 200, ranking.text


async def test_without_a_publication_there_is_nothing_to_count(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    partner = await new_partner(client)
    collaboration = await new_collaboration(client, partner["id"])
    roi = (await client.get(f"/v1/collaborations/{collaboration['id']}/roi")).json()
    assert roi["numbers"]["status"] == "no_publication"
    assert "PATCH publication_id" in roi["numbers"]["reason"]
    assert roi["numbers"]["leads"] is None
    assert peer.requests_to(ATTRIBUTION) == []


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"from": "2027-11-30", "to": "2027-11-01"}, "from"),
        ({"from": "2026-01-01", "to": "2027-01-02"}, "366 days"),
        ({"from": "0001-01-01"}, "from"),
        ({"to": "9999-12-31"}, "to"),
        ({"from": "2199-12-30", "to": "2200-01-01"}, "2200-01-01"),
        ({"from": "1970-01-01", "to": "1970-01-02", "tz": "Asia/Shanghai"}, "1970-01-01"),
        ({"from": "2027-11-01T00:00:00Z"}, "from"),
        ({"tz": "Nowhere/City"}, "tz"),
        ({"window": "30d"}, "window"),
    ],
)
async def test_a_bad_window_is_422(
    client: httpx.AsyncClient, peer: StandIn, params: dict[str, str], named: str
) -> None:
    partner = await new_partner(client)
    collaboration = await new_collaboration(client, partner["id"], publication_id=publication(peer))
    for path in (f"/v1/collaborations/{collaboration['id']}/roi", "/v1/partners/ranking"):
        r = await client.get(path, params=params)
        assert r.status_code == 422, (path, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        assert named in r.text, (path, r.text)
    assert peer.requests_to(ATTRIBUTION) == []


async def ranked_workspace(client: httpx.AsyncClient, peer: StandIn) -> dict[str, Any]:
    """Partners xiaolu (ROI 0.99), techlab (ROI -0.5) and gift (cost 0, no ROI), each with one
    published (or paid) collaboration due in November 2027; and collaborations the ranking
    leaves out: proposed, agreed, cancelled, in USD, due in December."""
    xiaolu = await new_partner(client)
    techlab = await new_partner(client, platform="bilibili", handle="techlab")
    gift = await new_partner(client, handle="gift")
    counted: dict[str, str] = {}
    for partner, price, due, steps in (
        (xiaolu, 10000, "2027-11-05", ("agreed", "published")),
        (techlab, 20000, "2027-11-30", ("agreed", "published", "paid")),
        (gift, 0, "2027-11-01", ("agreed", "published")),
    ):
        publication_id = publication(peer)
        collaboration = await new_collaboration(
            client, partner["id"], publication_id=publication_id, agreed_price=price, due_date=due
        )
        await move(client, collaboration["id"], *steps)
        counted[partner["handle"]] = publication_id
    left_out = []
    leaving_out: list[tuple[dict[str, str], tuple[str, ...]]] = [
        ({}, ()),
        ({}, ("agreed",)),
        ({}, ("agreed", "published", "cancelled")),
        ({"currency": "USD"}, ("agreed", "published")),
        ({"due_date": "2027-12-01"}, ("agreed", "published")),
    ]
    for overrides, left_steps in leaving_out:
        publication_id = publication(peer)
        body = {"publication_id": publication_id, "due_date": "2027-11-10", **overrides}
        collaboration = await new_collaboration(client, xiaolu["id"], **body)
        await move(client, collaboration["id"], *left_steps)
        left_out.append(publication_id)
    peer.answer(
        ATTRIBUTION,
        200,
        report(
            report_row(counted["xiaolu_ootd"], leads=3, claims=2, redemptions=1, gmv=199.0),
            report_row(counted["techlab"], leads=2, joins=1, gmv=100.0),
            report_row(counted["gift"], leads=1, gmv=50.0),
        ),
    )
    return {"partners": (xiaolu, techlab, gift), "counted": counted, "left_out": left_out}


WINDOW = {"from": "2027-11-01", "to": "2027-11-30"}


async def test_partners_rank_by_the_return_of_their_collaborations(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    story = await ranked_workspace(client, peer)
    xiaolu, techlab, gift = story["partners"]
    r = await client.get("/v1/partners/ranking", params=WINDOW)
    assert r.status_code == 200, r.text
    ranking = r.json()
    assert (ranking["status"], ranking["reason"], ranking["currency"]) == (
        "available",
        None,
        "CNY",
    )
    rows = [
        {k: row[k] for k in ("rank", "partner_id", "collaborations", "cost", "leads", "gmv")}
        | {k: row[k] for k in ("net_return", "roi", "cost_per_lead")}
        for row in ranking["items"]
    ]
    assert rows == [
        {
            "rank": 1,
            "partner_id": xiaolu["id"],
            "collaborations": 1,
            "cost": 10000,
            "leads": 3,
            "gmv": 19900,
            "net_return": 9900,
            "roi": 0.99,
            "cost_per_lead": 3333,
        },
        {
            "rank": 2,
            "partner_id": techlab["id"],
            "collaborations": 1,
            "cost": 20000,
            "leads": 2,
            "gmv": 10000,
            "net_return": -10000,
            "roi": -0.5,
            "cost_per_lead": 10000,
        },
        {
            "rank": 3,
            "partner_id": gift["id"],
            "collaborations": 1,
            "cost": 0,
            "leads": 1,
            "gmv": 5000,
            "net_return": 5000,
            "roi": None,
            "cost_per_lead": 0,
        },
    ]
    assert ranking["items"][0]["claims"] == 2
    assert ranking["items"][1]["joins"] == 1
    # Only the counted collaborations' publications are asked for, once each.
    asked = peer.requests_to(ATTRIBUTION)[-1]
    assert asked.queries["publication_id"] == sorted(story["counted"].values())
    assert (asked.query["from"], asked.query["to"]) == (
        "2027-11-01T00:00:00Z",
        "2027-12-01T00:00:00Z",
    )


async def test_the_ranking_filters_by_platform_currency_and_limit(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    story = await ranked_workspace(client, peer)
    xiaolu, techlab, _ = story["partners"]

    async def ranked(**params: str) -> list[tuple[int, str, int]]:
        r = await client.get("/v1/partners/ranking", params={**WINDOW, **params})
        assert r.status_code == 200, r.text
        return [(p["rank"], p["partner_id"], p["cost"]) for p in r.json()["items"]]

    assert await ranked(platform="bilibili") == [(1, techlab["id"], 20000)]
    assert [p for _, p, _ in await ranked(limit="1")] == [xiaolu["id"]]
    # The USD collaboration alone: its publication brought nothing in the stand-in's report.
    assert await ranked(currency="USD") == [(1, xiaolu["id"], 10000)]
    assert await ranked(**{"from": "2027-12-01", "to": "2027-12-31"}) == [(1, xiaolu["id"], 10000)]


async def test_with_metrics_svc_refusing_the_ranking_lists_the_cost_unranked(
    client: httpx.AsyncClient, peer: StandIn
) -> None:
    story = await ranked_workspace(client, peer)
    xiaolu, techlab, gift = story["partners"]
    peer.answer(ATTRIBUTION, 503, {"status": 503, "detail": "catching up"})
    ranking = (await client.get("/v1/partners/ranking", params=WINDOW)).json()
    assert ranking["status"] == "unavailable"
    assert ranking["reason"].startswith("metrics-svc refused (503)")
    assert [(p["rank"], p["handle"], p["cost"], p["roi"]) for p in ranking["items"]] == [
        (None, "gift", 0, None),
        (None, "techlab", 20000, None),
        (None, "xiaolu_ootd", 10000, None),
    ]
    assert {gift["id"], techlab["id"], xiaolu["id"]} == {p["partner_id"] for p in ranking["items"]}


async def test_an_empty_window_ranks_nobody(client: httpx.AsyncClient, peer: StandIn) -> None:
    r = await client.get("/v1/partners/ranking")
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["items"]) == ("available", [])
    today = datetime.now(UTC).date()
    assert datetime.fromisoformat(r.json()["window_start"]) == datetime.fromisoformat(
        utc_midnight(today - timedelta(days=89))
    )
    assert peer.requests_to(ATTRIBUTION) == []


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"currency": "rmb"}, "currency"),
        ({"platform": "myspace"}, "platform"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
    ],
)
async def test_bad_ranking_parameters_are_422(
    client: httpx.AsyncClient, params: dict[str, str], named: str
) -> None:
    assert_refused_naming(await client.get("/v1/partners/ranking", params=params), named)


async def test_many_publications_are_asked_a_hundred_at_a_time(peer: StandIn) -> None:
    ids = [uuid.uuid4() for _ in range(250)]
    peer.answer(ATTRIBUTION, 200, report(report_row(str(ids[0]), leads=2, gmv=1.5)))
    ctx = RequestContext(WORKSPACE_A, None, frozenset(), "req-1")
    start = datetime(2027, 11, 1, tzinfo=UTC)
    async with Peer("metrics-svc", peer.url, internal_token="t", timeout_s=2) as metrics:
        returns = PublicationReturns(metrics, cache_s=30, unavailable_cache_s=5)
        outcome = await returns.of(ctx, ids, start, start + timedelta(days=30))
    assert isinstance(outcome, Answered)
    assert outcome.value[ids[0]] == Brought(leads=2, gmv=150)
    assert outcome.value[ids[1]] == Brought()
    asked = peer.requests_to(ATTRIBUTION)
    assert [len(a.queries["publication_id"]) for a in asked] == [100, 100, 50]
    assert sorted(p for a in asked for p in a.queries["publication_id"]) == sorted(map(str, ids))
