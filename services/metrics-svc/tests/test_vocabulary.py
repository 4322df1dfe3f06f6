"""Each vocabulary is declared once (metrics_svc/vocabulary.py): what is spelled elsewhere is
held to it here, and a word outside it is still refused with a message naming the words."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from metrics_svc.events.schemas import known_event_type
from metrics_svc.metrics.catalogue import MEMBERS, METRICS, REPLICATED, REPLICATIONS
from metrics_svc.metrics.schemas import MetricFilters
from metrics_svc.vocabulary import ACTOR_TYPES, Dimension, EventType, GroupBy


def test_metric_filters_have_a_field_per_dimension() -> None:
    assert list(MetricFilters.model_fields) == list(Dimension)


def test_a_series_groups_by_every_dimension_and_by_template() -> None:
    assert [g.value for g in GroupBy] == [*(d.value for d in Dimension), "template_id"]
    assert [g.dimension for g in GroupBy] == [*Dimension, None]


def test_the_catalogue_reads_only_event_types_and_actors_only_of_actor_types() -> None:
    words = {t.value for t in EventType}
    for metric in METRICS:
        for need in metric.needs:
            if need in (MEMBERS, REPLICATIONS, REPLICATED):
                continue
            kind, type_ = need.split(":", 1)
            assert type_ in words, metric.name
            if kind in ("actors", "repeat"):
                # The fold keeps per-actor rows only for these types.
                assert type_ in set(ACTOR_TYPES), metric.name


def test_an_unknown_event_type_is_refused_naming_every_type() -> None:
    with pytest.raises(ValueError, match="unknown event type") as refused:
        known_event_type("teleport")
    assert str(refused.value) == (
        "unknown event type 'teleport'; use one of impression, view, read, click, like, "
        "favorite, comment, share, follow, unfollow, lead, register, join_group, leave_group, "
        "message, task_done, sop_run_start, group_stage, goal_reached, coupon_claim, "
        "coupon_redeem, purchase, refund, referral_accept, "
        "publish, reply or custom.<name> (lower case letters, digits, _ . -)"
    )


def _errors(response: httpx.Response) -> list[tuple[list[Any], str]]:
    assert response.status_code == 422, response.text
    return [(e["loc"], e["msg"]) for e in response.json()["errors"]]


async def test_a_word_outside_a_query_vocabulary_is_a_422_naming_the_words(
    client: httpx.AsyncClient,
) -> None:
    series = await client.get("/v1/metrics/clicks", params={"interval": "hour"})
    assert _errors(series) == [(["query", "interval"], "Input should be 'day', 'week' or 'month'")]
    grouped = await client.get("/v1/metrics/clicks", params={"group_by": "actor_id"})
    assert _errors(grouped) == [
        (
            ["query", "group_by"],
            "Input should be 'channel_id', 'post_id', 'publication_id', 'campaign_id', "
            "'group_id' or 'template_id'",
        )
    ]
    targets = await client.get("/v1/targets", params={"status": "late"})
    assert _errors(targets) == [
        (["query", "status"], "Input should be 'on_track', 'at_risk', 'achieved' or 'missed'")
    ]


@pytest.mark.parametrize("period", ["month", 7])
async def test_a_retention_period_outside_the_vocabulary_is_a_422(
    client: httpx.AsyncClient, period: object
) -> None:
    query = {
        "cohort_event": "register",
        "return_event": "view",
        "from": "2026-10-05T00:00:00Z",
        "to": "2026-10-12T00:00:00Z",
        "period": period,
    }
    refused = await client.post("/v1/retention/query", json=query)
    assert _errors(refused) == [(["body", "period"], "Input should be 'day' or 'week'")]


async def test_words_of_the_vocabularies_come_back_as_text(client: httpx.AsyncClient) -> None:
    series = (
        await client.get(
            "/v1/metrics/ctr",
            params={"from": "2026-10-05", "to": "2026-10-06", "group_by": "channel_id"},
        )
    ).json()
    assert (series["unit"], series["interval"], series["group_by"]) == (
        "ratio",
        "day",
        "channel_id",
    )
    catalogue = (await client.get("/v1/metrics")).json()
    assert {m["name"]: m["unit"] for m in catalogue}["gmv"] == "amount"


async def test_task_done_is_an_event_type_funnels_count(client: httpx.AsyncClient) -> None:
    at = "2026-10-05T09:00:00Z"
    events = [
        {"id": str(uuid.uuid4()), "type": t, "occurred_at": at, "actor_id": a, "group_id": "g1"}
        for t, a in (("join_group", "m1"), ("join_group", "m2"), ("task_done", "m1"))
    ]
    stored = await client.post("/v1/events", json=events)
    assert stored.json() == {"accepted": 3, "duplicates": 0, "rejected": []}
    funnel = await client.post(
        "/v1/funnels/query",
        json={
            "steps": [{"type": "join_group"}, {"type": "task_done", "filters": {"group_id": "g1"}}],
            "from": at,
            "to": "2026-10-06T00:00:00Z",
        },
    )
    assert [s["actors"] for s in funnel.json()["steps"]] == [2, 1]
