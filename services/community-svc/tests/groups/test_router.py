import httpx

from tests.helpers import NEW_GROUP, PROBLEM_JSON, create_group


async def test_create_then_get_round_trips_every_field(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/groups", json=NEW_GROUP)
    assert created.status_code == 201, created.text
    body = created.json()
    assert {k: body[k] for k in NEW_GROUP} == NEW_GROUP
    assert body["stage"] == "planning"
    assert body["member_count"] == 0
    assert body["goals"] == []
    assert created.headers["location"] == f"/v1/groups/{body['id']}"
    fetched = await client.get(f"/v1/groups/{body['id']}")
    assert fetched.json() == body


async def test_unknown_platform_and_timezone_are_422_naming_the_fields(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post(
        "/v1/groups", json={**NEW_GROUP, "platform": "myspace", "timezone": "Mars/Olympus"}
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == PROBLEM_JSON
    locs = {tuple(e["loc"]) for e in r.json()["errors"]}
    assert ("body", "platform") in locs
    assert ("body", "timezone") in locs


async def test_unknown_field_is_422(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/groups", json={**NEW_GROUP, "owner": "x"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "owner"]


async def test_stage_moves_forward_one_step_at_a_time(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    for stage in ("building", "active", "converting"):
        r = await client.post(f"/v1/groups/{group['id']}/transitions", json={"to": stage})
        assert r.status_code == 200, r.text
        assert r.json()["stage"] == stage


async def test_illegal_stage_move_is_409_naming_the_allowed_ones(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    r = await client.post(f"/v1/groups/{group['id']}/transitions", json={"to": "converting"})
    assert r.status_code == 409
    body = r.json()
    assert body["allowed"] == ["building", "dissolved"]
    assert "building, dissolved" in body["detail"]
    assert (await client.get(f"/v1/groups/{group['id']}")).json()["stage"] == "planning"


async def test_dissolved_group_cannot_move_anywhere(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    await client.post(f"/v1/groups/{group['id']}/transitions", json={"to": "dissolved"})
    r = await client.post(f"/v1/groups/{group['id']}/transitions", json={"to": "active"})
    assert r.status_code == 409
    assert r.json()["allowed"] == []


async def test_patch_with_stale_if_match_is_412(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    ok = await client.patch(
        f"/v1/groups/{group['id']}", json={"rules": "新规则"}, headers={"If-Match": '"1"'}
    )
    assert ok.status_code == 200
    assert ok.json()["rules"] == "新规则"
    stale = await client.patch(
        f"/v1/groups/{group['id']}", json={"rules": "再改"}, headers={"If-Match": '"1"'}
    )
    assert stale.status_code == 412


async def test_capacity_below_current_members_is_409(client: httpx.AsyncClient) -> None:
    group = await create_group(client, capacity=5)
    for i in range(3):
        await client.post(f"/v1/groups/{group['id']}/members", json={"external_id": f"u{i}"})
    r = await client.patch(f"/v1/groups/{group['id']}", json={"capacity": 2})
    assert r.status_code == 409
    assert "3 current members" in r.json()["detail"]


async def test_goals_are_listed_with_the_group_short_term_first(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    long_goal = {
        "horizon": "long_term",
        "metric": "purchase_conversion_rate",
        "target": "0.15",
        "due_date": "2027-06-30",
    }
    short_goal = {
        "horizon": "short_term",
        "metric": "activity_rate",
        "target": "0.4",
        "due_date": "2026-12-31",
        "description": "首月活跃",
    }
    for goal in (long_goal, short_goal):
        r = await client.post(f"/v1/groups/{group['id']}/goals", json=goal)
        assert r.status_code == 201, r.text
    goals = (await client.get(f"/v1/groups/{group['id']}")).json()["goals"]
    assert [(g["horizon"], g["metric"]) for g in goals] == [
        ("short_term", "activity_rate"),
        ("long_term", "purchase_conversion_rate"),
    ]
    assert goals[0]["description"] == "首月活跃"
    r = await client.delete(f"/v1/groups/{group['id']}/goals/{goals[0]['id']}")
    assert r.status_code == 204
    assert len((await client.get(f"/v1/groups/{group['id']}/goals")).json()) == 1


async def test_goal_with_non_positive_target_is_422(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    r = await client.post(
        f"/v1/groups/{group['id']}/goals",
        json={"horizon": "short_term", "metric": "x", "target": 0, "due_date": "2027-01-01"},
    )
    assert r.status_code == 422


async def test_list_filters_by_stage(client: httpx.AsyncClient) -> None:
    a = await create_group(client)
    await create_group(client, name="另一个群")
    await client.post(f"/v1/groups/{a['id']}/transitions", json={"to": "building"})
    page = (await client.get("/v1/groups", params={"stage": "building"})).json()
    assert [g["id"] for g in page["items"]] == [a["id"]]


async def test_read_only_caller_cannot_create_a_group(client_for) -> None:  # type: ignore[no-untyped-def]
    r = await client_for(scopes=("community:read",)).post("/v1/groups", json=NEW_GROUP)
    assert r.status_code == 403
