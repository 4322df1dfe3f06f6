"""复制成功率 (replication success rate): of the groups started from one SOP template, the share
that reached a goal or the converting stage, from community-svc's events (``sop_run_start``
with ``props.template_id``, ``goal_reached``, ``group_stage`` with ``props.stage``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest

from .fixture import ev, h

TEMPLATE_A, TEMPLATE_B = "tpl-a", "tpl-b"
WINDOW = {"from": "2026-10-05", "to": "2026-10-12"}


def started(group: str, template: str, at: datetime, **extra: Any) -> dict[str, Any]:
    props = {"template_id": template, "run_id": f"run-{group}-{template}"}
    return ev("sop_run_start", at, "op-lead", group_id=group, props=props, **extra)


def reached(group: str, at: datetime) -> dict[str, Any]:
    return ev("goal_reached", at, "op-lead", group_id=group, props={"goal_id": f"goal-{group}"})


def stage(group: str, to: str, at: datetime) -> dict[str, Any]:
    return ev("group_stage", at, "op-lead", group_id=group, props={"stage": to})


async def _ingest(client: httpx.AsyncClient, events: list[dict[str, Any]]) -> None:
    r = await client.post("/v1/events", json=events)
    assert r.status_code == 200, r.text
    assert r.json()["rejected"] == []


async def _by_template(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    r = await client.get(
        "/v1/metrics/replication_success_rate",
        params={**WINDOW, "group_by": "template_id", **params},
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def test_two_templates_with_3_and_2_groups_of_which_2_and_0_reached_their_goal(
    client: httpx.AsyncClient,
) -> None:
    # Template A: g1..g3 started on day 0; g1 and g2 reach a goal on day 2; g3 only gets to
    # `active`. Template B: g4 and g5 started on day 1; g4's goal was reached on day 0, before
    # the template was applied to it, which is no success of the template; g5 gets nowhere.
    await _ingest(
        client,
        [
            *(started(g, TEMPLATE_A, h(0, 9)) for g in ("g1", "g2", "g3")),
            reached("g1", h(2, 10)),
            reached("g2", h(2, 11)),
            stage("g3", "active", h(2, 12)),
            *(started(g, TEMPLATE_B, h(1, 9)) for g in ("g4", "g5")),
            reached("g4", h(0, 10)),
        ],
    )
    body = await _by_template(client)
    assert body["group_by"] == "template_id"
    totals = {s["group"]: s["total"] for s in body["series"]}
    assert totals == {TEMPLATE_A: 2 / 3, TEMPLATE_B: 0.0}
    assert round(totals[TEMPLATE_A], 3) == 0.667
    # Each point counts the groups started in it (A on Monday, B on Tuesday).
    points = {s["group"]: [p["value"] for p in s["points"]] for s in body["series"]}
    assert points[TEMPLATE_A] == [2 / 3, None, None, None, None, None, None]
    assert points[TEMPLATE_B] == [None, 0.0, None, None, None, None, None]
    # Without group_by: 2 of the 5 replications.
    r = await client.get("/v1/metrics/replication_success_rate", params=WINDOW)
    assert r.json()["series"][0]["total"] == 2 / 5


async def test_the_converting_stage_counts_as_success_and_a_goal_after_the_window_does_not(
    client: httpx.AsyncClient,
) -> None:
    await _ingest(
        client,
        [
            *(started(g, TEMPLATE_A, h(0, 9)) for g in ("g1", "g2", "g3", "g4")),
            stage("g1", "converting", h(3, 9)),
            stage("g2", "dissolved", h(3, 9)),
            # g3 converts after the window's end: not yet a success when read for the week.
            stage("g3", "converting", h(8, 9)),
            # Another group's goal counts for that group only.
            reached("g-other", h(3, 9)),
        ],
    )
    assert {s["group"]: s["total"] for s in (await _by_template(client))["series"]} == {
        TEMPLATE_A: 0.25
    }
    later = await _by_template(client, to="2026-10-15")
    assert {s["group"]: s["total"] for s in later["series"]} == {TEMPLATE_A: 0.5}


async def test_a_group_started_twice_from_one_template_counts_once_and_by_each_template(
    client: httpx.AsyncClient,
) -> None:
    await _ingest(
        client,
        [
            started("g1", TEMPLATE_A, h(0, 9)),
            started("g1", TEMPLATE_A, h(1, 9)),  # restarted: the same replication
            started("g1", TEMPLATE_B, h(4, 9)),  # a second model applied later
            reached("g1", h(2, 9)),  # after A's start, before B's
        ],
    )
    totals = {s["group"]: s["total"] for s in (await _by_template(client))["series"]}
    assert totals == {TEMPLATE_A: 1.0, TEMPLATE_B: 0.0}


async def test_filters_apply_to_the_starts_and_another_workspace_never_counts(
    client: httpx.AsyncClient, client_for: Any
) -> None:
    await _ingest(
        client,
        [
            started("g1", TEMPLATE_A, h(0, 9), campaign_id="c-11"),
            started("g2", TEMPLATE_A, h(0, 9)),
            reached("g2", h(1, 9)),
        ],
    )
    campaign = await _by_template(client, campaign_id="c-11")
    assert {s["group"]: s["total"] for s in campaign["series"]} == {TEMPLATE_A: 0.0}
    one_group = await _by_template(client, group_id="g2")
    assert {s["group"]: s["total"] for s in one_group["series"]} == {TEMPLATE_A: 1.0}
    other = client_for("ws-other")
    r = await other.get("/v1/metrics/replication_success_rate", params=WINDOW)
    assert r.json()["series"][0]["total"] is None  # no group started there


async def test_a_target_and_live_progress_read_the_replication_success_rate(
    client: httpx.AsyncClient,
) -> None:
    await _ingest(
        client,
        [
            *(started(g, TEMPLATE_A, h(0, 9)) for g in ("g1", "g2")),
            reached("g1", h(1, 9)),
        ],
    )
    r = await client.get(
        "/v1/metrics/replication_success_rate/progress",
        params={"from": "2026-10-05T00:00:00Z", "to": "2026-10-12T00:00:00Z", "target": 0.6},
    )
    assert r.status_code == 200, r.text
    assert (r.json()["actual"], r.json()["status"]) == (0.5, "missed")


async def test_group_by_template_on_another_metric_is_a_422(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/metrics/joins", params={**WINDOW, "group_by": "template_id"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "group_by"]
    assert "replication_success_rate" in r.json()["detail"]


async def test_the_catalogue_defines_it_with_its_chinese_name_formula_and_unit(
    client: httpx.AsyncClient,
) -> None:
    catalogue = {m["name"]: m for m in (await client.get("/v1/metrics")).json()}
    metric = catalogue["replication_success_rate"]
    assert (metric["zh_name"], metric["unit"]) == ("复制成功率", "ratio")
    for word in ("sop_run_start", "props.template_id", "goal_reached", "converting"):
        assert word in metric["formula"], word


@pytest.mark.parametrize(
    ("type_", "props", "field"),
    [
        ("sop_run_start", {"template_id": 7}, "template_id"),
        ("sop_run_start", {"template_id": "t" * 65}, "template_id"),
        ("group_stage", {"stage": ""}, "stage"),
    ],
)
async def test_a_run_start_or_stage_move_with_a_bad_prop_is_rejected_naming_it(
    client: httpx.AsyncClient, type_: str, props: dict[str, Any], field: str
) -> None:
    good = started("g1", TEMPLATE_A, h(0, 9))
    bad = ev(type_, h(0, 9), group_id="g1", props=props)
    r = await client.post("/v1/events", json=[good, bad])
    assert r.status_code == 200, r.text
    [rejected] = r.json()["rejected"]
    assert rejected["index"] == 1
    assert f"props.{field}" in rejected["errors"][0]["msg"]
