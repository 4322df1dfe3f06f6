"""GET /v1/attribution: a crafted campaign history whose numbers are worked out by hand, where
first touch and last touch credit different publications."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from metrics_svc.attribution.repository import Touch
from metrics_svc.attribution.service import Touches
from metrics_svc.vocabulary import AttributionModel

from .fixture import ev

NOV = datetime(2026, 11, 1, tzinfo=UTC)
WINDOW = {"from": "2026-11-01T00:00:00Z", "to": "2026-11-12T00:00:00Z"}


def d(day: int, hour: int = 10) -> datetime:
    """Day 1 = 2026-11-01, UTC."""
    return NOV + timedelta(days=day - 1, hours=hour)


W: dict[str, Any] = {"publication_id": "pub-w", "channel_id": "ch-weibo", "post_id": "p-1"}
X: dict[str, Any] = {"publication_id": "pub-x", "channel_id": "ch-xhs", "post_id": "p-1"}
D: dict[str, Any] = {"publication_id": "pub-d", "channel_id": "ch-douyin", "post_id": "p-2"}
E: dict[str, Any] = {"publication_id": "pub-e", "channel_id": "ch-zhihu", "post_id": "p-3"}
Z: dict[str, Any] = {"publication_id": "pub-z", "channel_id": "ch-bili", "post_id": "p-4"}
C11: dict[str, Any] = {"campaign_id": "c-11"}


def campaign_events() -> list[dict[str, Any]]:
    """Campaign c-11 from 2026-11-01 to 2026-11-12.

    Touches (impressions, clicks), anonymous unless named:
      pub-w 100 impressions, 10 clicks + a1's (day 1) + a2's (day 5) = 12 clicks;
      pub-x 50 impressions, 5 clicks + a1's (day 2) = 6;
      pub-d 20 impressions and 2 clicks tagged c-11, 30 impressions untagged: credited (an
        anonymous lead carries its code), so all 50 impressions count;
      pub-e 7 impressions and 1 click tagged c-11, 5 impressions untagged: never credited,
        so only the 7 and the 1 count;
      pub-z 40 impressions untagged, a5's click after a5's claim: in no row.
    Conversions of c-11:
      a1: lead (d3), claim (d3 11h), redeem (d4), purchase 200 (d4 11h), refund 50 (d7),
          none with a publication; touches pub-w (d1), pub-x (d2)
          -> first touch pub-w, last touch pub-x, all five.
      a2: lead with pub-x's code (d2) -> pub-x either way; purchase 80 (d6) without one:
          touches are the lead itself (pub-x, d2) and a click on pub-w (d5)
          -> first touch pub-x, last touch pub-w.
      a3: claim (d3), no touch at all; a4: claim (d3), its touch on pub-w was before the
          window (Oct 30); a5: claim (d3), its touch came after (d4) -> unattributed.
      no actor: a lead with pub-d's code -> pub-d; a lead without -> unattributed.
    Not counted: a1's purchase 999 for campaign c-12."""
    e: list[dict[str, Any]] = []
    e += [ev("impression", d(1, 8), **W) for _ in range(100)]
    e += [ev("click", d(1, 9), **W) for _ in range(10)]
    e += [ev("impression", d(1, 8), **X) for _ in range(50)]
    e += [ev("click", d(1, 9), **X) for _ in range(5)]
    e += [ev("impression", d(1, 8), **D, **C11) for _ in range(20)]
    e += [ev("impression", d(1, 8), **D) for _ in range(30)]
    e += [ev("click", d(1, 9), **D, **C11) for _ in range(2)]
    e += [ev("impression", d(1, 8), **E, **C11) for _ in range(7)]
    e += [ev("impression", d(1, 8), **E) for _ in range(5)]
    e += [ev("click", d(1, 9), **E, **C11)]
    e += [ev("impression", d(1, 8), **Z) for _ in range(40)]
    # a1
    e += [ev("click", d(1), "a1", **W), ev("click", d(2), "a1", **X)]
    e += [ev("lead", d(3), "a1", **C11), ev("coupon_claim", d(3, 11), "a1", **C11)]
    e += [ev("coupon_redeem", d(4), "a1", 30, **C11)]
    e += [ev("purchase", d(4, 11), "a1", 200, **C11), ev("refund", d(7), "a1", 50, **C11)]
    e += [ev("purchase", d(4, 12), "a1", 999, campaign_id="c-12")]
    # a2
    e += [ev("lead", d(2), "a2", **X, **C11), ev("click", d(5), "a2", **W)]
    e += [ev("purchase", d(6), "a2", 80, **C11)]
    # a3, a4, a5
    e += [ev("coupon_claim", d(3), "a3", **C11)]
    e += [ev("click", NOV - timedelta(days=2), "a4", **W), ev("coupon_claim", d(3), "a4", **C11)]
    e += [ev("coupon_claim", d(3), "a5", **C11), ev("click", d(4), "a5", **Z)]
    # Leads without an actor.
    e += [ev("lead", d(3), **D, **C11), ev("lead", d(3), **C11)]
    return e


def _steps(
    impressions: int = 0,
    clicks: int = 0,
    leads: int = 0,
    joins: int = 0,
    claims: int = 0,
    redemptions: int = 0,
    gmv: float = 0.0,
) -> dict[str, Any]:
    def ratio(n: float, of: float) -> float | None:
        return n / of if of else None

    return {
        "impressions": impressions,
        "clicks": clicks,
        "leads": leads,
        "joins": joins,
        "claims": claims,
        "redemptions": redemptions,
        "gmv": gmv,
        "ctr": ratio(clicks, impressions),
        "lead_rate": ratio(leads, clicks),
        "join_rate": ratio(joins, leads),
        "claim_rate": ratio(claims, joins),
        "redemption_rate": ratio(redemptions, claims),
    }


@pytest.fixture
async def client(client_for: Callable[..., httpx.AsyncClient]) -> httpx.AsyncClient:
    """The campaign's workspace; another workspace holds the same ids and must never count."""
    mine = client_for("ws-attr")
    events = campaign_events()
    for i in range(0, len(events), 500):
        r = await mine.post("/v1/events", json=events[i : i + 500])
        assert r.json()["rejected"] == []
    stranger = [
        ev("impression", d(1, 8), **W, **C11),
        ev("lead", d(3), "a1", **W, **C11),
        ev("coupon_claim", d(3), "a3", **C11),
        ev("purchase", d(4), "a9", 5000, **X, **C11),
    ]
    assert (await client_for("ws-attr-other").post("/v1/events", json=stranger)).status_code == 200
    return mine


async def _report(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    r = await client.get("/v1/attribution", params={**WINDOW, **params})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def _publications(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each publication's steps, by id (its channel and post left out)."""
    ids = ("publication_id", "channel_id", "post_id")
    return {
        row["publication_id"]: {k: v for k, v in row.items() if k not in ids}
        for row in report["publications"]
    }


async def test_last_touch_credits_each_actor_s_latest_publication(
    client: httpx.AsyncClient,
) -> None:
    report = await _report(client, campaign_id="c-11")  # last_touch is the default
    assert report["model"] == "last_touch"
    assert (report["campaign_id"], report["group_id"]) == ("c-11", None)
    assert _publications(report) == {
        "pub-d": _steps(impressions=50, clicks=2, leads=1),
        "pub-e": _steps(impressions=7, clicks=1),
        "pub-w": _steps(impressions=100, clicks=12, gmv=80.0),
        "pub-x": _steps(impressions=50, clicks=6, leads=2, claims=1, redemptions=1, gmv=150.0),
    }
    assert [
        (p["publication_id"], p["channel_id"], p["post_id"]) for p in report["publications"]
    ] == [
        ("pub-d", "ch-douyin", "p-2"),
        ("pub-e", "ch-zhihu", "p-3"),
        ("pub-w", "ch-weibo", "p-1"),
        ("pub-x", "ch-xhs", "p-1"),
    ]
    channels = {c.pop("channel_id"): c for c in report["channels"]}
    assert channels["ch-xhs"] == {
        "publications": 1,
        **_steps(impressions=50, clicks=6, leads=2, claims=1, redemptions=1, gmv=150.0),
    }
    assert set(channels) == {"ch-douyin", "ch-zhihu", "ch-weibo", "ch-xhs"}
    assert report["unattributed"] == _steps(leads=1, claims=3)
    assert report["total"] == _steps(
        impressions=207, clicks=21, leads=4, claims=4, redemptions=1, gmv=230.0
    )
    assert report["conversions"] == {"attributed": 8, "unattributed": 4}
    assert report["actors"] == {"converted": 5, "attributed": 2, "unattributed": 3}


async def test_first_touch_credits_each_actor_s_earliest_publication(
    client: httpx.AsyncClient,
) -> None:
    report = await _report(client, campaign_id="c-11", model="first_touch")
    assert report["model"] == "first_touch"
    assert _publications(report) == {
        "pub-d": _steps(impressions=50, clicks=2, leads=1),
        "pub-e": _steps(impressions=7, clicks=1),
        "pub-w": _steps(impressions=100, clicks=12, leads=1, claims=1, redemptions=1, gmv=150.0),
        "pub-x": _steps(impressions=50, clicks=6, leads=1, gmv=80.0),
    }
    # Totals do not depend on the model: only who gets the credit does.
    assert report["total"] == _steps(
        impressions=207, clicks=21, leads=4, claims=4, redemptions=1, gmv=230.0
    )
    assert report["actors"] == {"converted": 5, "attributed": 2, "unattributed": 3}


async def test_a_narrower_window_drops_the_touches_before_it(client: httpx.AsyncClient) -> None:
    # From day 3 on, a1's clicks (days 1 and 2) are outside: a1 is unattributed; a2's own-code
    # lead (day 2) too, so a2's purchase goes to its click on pub-w (day 5) either way. The
    # impressions were all on day 1: pub-e, which only had those, is gone.
    report = await _report(
        client, campaign_id="c-11", model="first_touch", **{"from": "2026-11-03T00:00:00Z"}
    )
    assert {p["publication_id"]: p["gmv"] for p in report["publications"]} == {
        "pub-d": 0.0,
        "pub-w": 80.0,
    }
    assert report["unattributed"] == _steps(leads=2, claims=4, redemptions=1, gmv=150.0)
    assert report["actors"] == {"converted": 5, "attributed": 1, "unattributed": 4}


def group_events() -> list[dict[str, Any]]:
    """Group g-1: m1 joins with pub-w's code; m2 clicked pub-x, then joins; m3 joins with no
    touch; m4 joins group g-2 (another group)."""
    g1: dict[str, Any] = {"group_id": "g-1"}
    return [
        ev("impression", d(1, 8), **W),
        ev("join_group", d(2), "m1", **W, **g1),
        ev("click", d(1), "m2", **X),
        ev("join_group", d(2), "m2", **g1),
        ev("join_group", d(2), "m3", **g1),
        ev("join_group", d(2), "m4", **X, group_id="g-2"),
    ]


async def test_a_group_report_credits_its_joins(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for("ws-attr-group")
    assert (await client.post("/v1/events", json=group_events())).json()["rejected"] == []
    report = await _report(client, group_id="g-1")
    assert {p["publication_id"]: (p["clicks"], p["joins"]) for p in report["publications"]} == {
        "pub-w": (0, 1),
        "pub-x": (1, 1),
    }
    assert report["publications"][0]["impressions"] == 1
    assert report["unattributed"]["joins"] == 1
    assert report["actors"] == {"converted": 3, "attributed": 2, "unattributed": 1}


async def test_a_publications_report_counts_the_conversions_carrying_them(
    client: httpx.AsyncClient,
) -> None:
    # pub-x: a2's lead carried its code (c-11); its 50 impressions and 6 clicks (a1's among
    # them). pub-d: the anonymous lead with its code; 50 impressions, 2 clicks. a1's purchases
    # carry no publication: credited through touches in a campaign's report only.
    report = await _report(client, publication_id=["pub-x", "pub-d", "pub-x"])
    assert (report["campaign_id"], report["group_id"]) == (None, None)
    assert report["publication_ids"] == ["pub-d", "pub-x"]
    assert _publications(report) == {
        "pub-d": _steps(impressions=50, clicks=2, leads=1),
        "pub-x": _steps(impressions=50, clicks=6, leads=1),
    }
    assert report["unattributed"] == _steps()
    assert report["total"] == _steps(impressions=100, clicks=8, leads=2)
    assert report["conversions"] == {"attributed": 2, "unattributed": 0}
    assert report["actors"] == {"converted": 1, "attributed": 1, "unattributed": 0}


async def test_a_publication_is_credited_in_any_campaign_or_none(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for("ws-attr-partner")
    k: dict[str, Any] = {"publication_id": "pub-k", "channel_id": "ch-kol", "post_id": "p-9"}
    events = [
        ev("lead", d(2), "k1", **k, campaign_id="c-1"),
        ev("lead", d(2), "k2", **k),
        ev("lead", d(3), "k3", **k, group_id="g-1"),
        ev("join_group", d(3), "k3", **k, group_id="g-1"),
        ev("coupon_claim", d(3), "k1", **k, campaign_id="c-2"),
        ev("coupon_claim", d(3), "k2", **k),
        ev("coupon_redeem", d(4), "k1", 20, **k, campaign_id="c-2"),
        ev("purchase", d(4), "k1", 199, **k, campaign_id="c-2"),
        # Not pub-k's: another publication, no publication, before the window.
        ev("lead", d(2), "k4", **X),
        ev("purchase", d(4), "k2", 500, campaign_id="c-2"),
        ev("lead", NOV - timedelta(days=1), "k5", **k),
    ]
    assert (await client.post("/v1/events", json=events)).json()["rejected"] == []
    report = await _report(client, publication_id="pub-k")
    assert report["publications"] == [
        {
            "publication_id": "pub-k",
            "channel_id": "ch-kol",
            "post_id": "p-9",
            **_steps(leads=3, joins=1, claims=2, redemptions=1, gmv=199.0),
        }
    ]
    assert report["actors"] == {"converted": 3, "attributed": 3, "unattributed": 0}


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({}, "exactly one of campaign_id, group_id and publication_id (got none)"),
        ({"campaign_id": "c-11", "group_id": "g-1"}, "got campaign_id and group_id"),
        ({"group_id": "g-1", "publication_id": "pub-x"}, "got group_id and publication_id"),
        ({"publication_id": [f"pub-{n}" for n in range(101)]}, "publication_id"),
        ({"publication_id": ""}, "publication_id"),
        ({"campaign_id": "c-11", "model": "linear"}, "model"),
        ({"campaign_id": "c-11", "from": "2025-11-01T00:00:00Z"}, "366 days"),
        ({"campaign_id": "c-11", "from": "2026-11-12T00:00:00Z"}, "must be after"),
        ({"campaign_id": "c-11", "tz": "Nowhere/City"}, "Nowhere/City"),
        ({"campaign_id": "c-11", "to": "soon"}, "soon"),
        ({"campaign_id": "", "group_id": "g-1"}, "campaign_id"),
        ({"campaign_id": "c-11", "channel_id": "ch-1"}, "channel_id"),
    ],
)
async def test_bad_attribution_parameters_are_422_problems(
    client_for: Callable[..., httpx.AsyncClient], params: dict[str, Any], named: str
) -> None:
    r = await client_for("ws-attr-bad").get("/v1/attribution", params={**WINDOW, **params})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert named in r.text


async def test_a_year_and_a_day_is_the_longest_window(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    r = await client_for("ws-attr-year").get(
        "/v1/attribution",
        params={"campaign_id": "c-11", "from": "2025-11-12", "to": "2026-11-13"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["publications"] == []


async def test_the_report_needs_metrics_read(client_for: Callable[..., httpx.AsyncClient]) -> None:
    r = await client_for("ws-attr", scopes=("metrics:write",)).get(
        "/v1/attribution", params={**WINDOW, "campaign_id": "c-11"}
    )
    assert r.status_code == 403


def test_a_touch_at_the_conversion_s_time_counts_and_later_ones_do_not() -> None:
    touches = Touches(
        [
            Touch("a", d(1), "1", "pub-1", None, None),
            Touch("a", d(2), "2", "pub-2", None, None),
            Touch("a", d(3), "3", "pub-3", None, None),
        ]
    )
    assert touches.credited(d(1) - timedelta(seconds=1), AttributionModel.FIRST_TOUCH) is None
    last = touches.credited(d(2), AttributionModel.LAST_TOUCH)
    first = touches.credited(d(2), AttributionModel.FIRST_TOUCH)
    assert (first and first.publication_id, last and last.publication_id) == ("pub-1", "pub-2")
