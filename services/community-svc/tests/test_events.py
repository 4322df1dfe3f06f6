"""The events community-svc records, key by key: the outbox relay lifts actor_id, group_id,
campaign_id, publication_id, channel_id, post_id and value into the metrics event and sends
every other key as props, so these payloads are the contract with metrics-svc."""

import uuid
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from community_svc.events import METRICS_EVENT_TYPES, DomainEvent
from community_svc.models import OutboxEvent
from tests.helpers import create_group, create_template, join, list_all, start_run, step


async def recorded(session: AsyncSession, event_type: str) -> list[OutboxEvent]:
    stmt = (
        select(OutboxEvent)
        .where(OutboxEvent.event_type == event_type)
        .order_by(OutboxEvent.created_at)
    )
    return list((await session.execute(stmt)).scalars().all())


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_each_domain_event_maps_to_its_metrics_type() -> None:
    assert dict(METRICS_EVENT_TYPES) == {
        DomainEvent.MEMBER_JOINED: "join_group",
        DomainEvent.MEMBER_LEFT: "leave_group",
        DomainEvent.MEMBER_MESSAGE: "message",
        DomainEvent.TASK_COMPLETED: "task_done",
        DomainEvent.SOP_RUN_STARTED: "sop_run_start",
        DomainEvent.GROUP_STAGE_CHANGED: "group_stage",
        DomainEvent.GOAL_REACHED: "goal_reached",
    }
    assert set(METRICS_EVENT_TYPES) == set(DomainEvent)


async def test_member_joined_payload_names_the_actor_group_campaign_and_source(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    publication, channel, post = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    r = await join(
        client,
        group["id"],
        "cust-42",
        role="seed",
        source_channel="weibo",
        source_campaign_id="5f1c0e3a-0000-4000-8000-000000000618",
        source_referral_code="REF8",
        invited_by="cust-1",
        source={
            "publication_id": str(publication),
            "channel_id": str(channel),
            "post_id": str(post),
        },
    )
    assert r.status_code == 201, r.text
    member = r.json()
    [event] = await recorded(db_session, "member.joined")
    assert event.payload == {
        "actor_id": "cust-42",
        "group_id": group["id"],
        "member_id": member["id"],
        "role": "seed",
        "source_channel": "weibo",
        "source_referral_code": "REF8",
        "invited_by": "cust-1",
        "joined_at": member["joined_at"].replace("Z", "+00:00"),
        "campaign_id": "5f1c0e3a-0000-4000-8000-000000000618",
        "publication_id": str(publication),
        "channel_id": str(channel),
        "post_id": str(post),
    }
    assert event.occurred_at == at(member["joined_at"])


async def test_member_joined_without_source_carries_no_attribution_keys(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    member = (await join(client, group["id"], "cust-7")).json()
    [event] = await recorded(db_session, "member.joined")
    assert event.payload == {
        "actor_id": "cust-7",
        "group_id": group["id"],
        "member_id": member["id"],
        "role": "member",
        "source_channel": None,
        "source_referral_code": None,
        "invited_by": None,
        "joined_at": member["joined_at"].replace("Z", "+00:00"),
    }


async def test_a_campaign_id_too_long_for_metrics_stays_a_prop(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    long_id = "c" * 65
    await join(client, group["id"], "cust-8", source_campaign_id=long_id)
    [event] = await recorded(db_session, "member.joined")
    assert "campaign_id" not in event.payload
    assert event.payload["source_campaign_id"] == long_id


async def test_member_left_payload_and_time(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    member = (await join(client, group["id"], "cust-9")).json()
    left = (await client.post(f"/v1/members/{member['id']}/leave")).json()
    [event] = await recorded(db_session, "member.left")
    assert event.payload == {
        "actor_id": "cust-9",
        "group_id": group["id"],
        "member_id": member["id"],
        "role": "member",
        "source_channel": None,
        "source_referral_code": None,
        "invited_by": None,
        "joined_at": member["joined_at"].replace("Z", "+00:00"),
        "left_at": left["left_at"].replace("Z", "+00:00"),
    }
    assert event.occurred_at == at(left["left_at"])


async def test_member_message_payload_and_time(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    member = (await join(client, group["id"], "cust-10")).json()
    r = await client.post(
        f"/v1/groups/{group['id']}/messages",
        json={"external_id": "cust-10", "sent_at": "2026-12-01T20:15:00+08:00", "count": 3},
    )
    assert r.status_code == 201, r.text
    [event] = await recorded(db_session, "member.message")
    assert str(event.id) == r.json()["id"]
    assert event.payload == {
        "actor_id": "cust-10",
        "group_id": group["id"],
        "member_id": member["id"],
        "value": 3,
        "sent_at": "2026-12-01T12:15:00+00:00",
    }
    assert event.occurred_at == at("2026-12-01T12:15:00+00:00")


async def test_task_completed_payload_names_the_operator_and_group(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client, timezone="UTC")
    template = await create_template(client, [step("welcome", "custom", 0, "09:00")])
    run = await start_run(client, template["id"], group["id"], "2026-01-05")
    [task] = await list_all(client, "/v1/tasks", run_id=run["id"])
    done = (await client.post(f"/v1/tasks/{task['id']}/complete", json={"note": "ok"})).json()
    [event] = await recorded(db_session, "task.completed")
    expected: dict[str, Any] = {
        "actor_id": "user-1",  # the caller, as the gateway names them (X-Actor-Id)
        "task_id": task["id"],
        "run_id": run["id"],
        "group_id": group["id"],
        "member_id": None,
        "action": task["action"],
        "assignee": task["assignee"],
        "due_at": task["due_at"].replace("Z", "+00:00"),
        "completed_at": done["closed_at"].replace("Z", "+00:00"),
        "late": True,
    }
    assert event.payload == expected
    assert event.occurred_at == at(done["closed_at"])


async def test_imported_joins_happen_at_each_rows_joined_at(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    publication = str(uuid.uuid4())
    rows = [
        {"external_id": "imp-1", "joined_at": "2026-10-01T08:00:00+08:00"},
        {
            "external_id": "imp-2",
            "joined_at": "2026-11-11T00:00:00Z",
            "source": {"publication_id": publication},
        },
    ]
    r = await client.post(f"/v1/groups/{group['id']}/members/import", json=rows)
    assert r.json()["imported"] == 2, r.text
    events = {e.payload["actor_id"]: e for e in await recorded(db_session, "member.joined")}
    assert events["imp-1"].occurred_at == at("2026-10-01T00:00:00+00:00")
    assert events["imp-2"].occurred_at == at("2026-11-11T00:00:00+00:00")
    assert events["imp-2"].payload["publication_id"] == publication
    assert events["imp-2"].payload["imported"] is True
    assert "publication_id" not in events["imp-1"].payload


async def test_sop_run_started_payload_names_the_template_and_group(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    template = await create_template(client, [step("welcome", "custom", 0, "09:00")])
    run = await start_run(client, template["id"], group["id"], "2026-12-01")
    [event] = await recorded(db_session, "sop_run.started")
    assert event.payload == {
        "actor_id": "user-1",
        "group_id": group["id"],
        "template_id": template["id"],
        "template_version": 1,
        "run_id": run["id"],
        "anchor_date": "2026-12-01",
    }
    assert event.occurred_at == at(run["created_at"])


async def test_each_stage_move_is_an_event_naming_the_new_and_old_stage(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    for to in ("building", "active", "converting", "dissolved"):
        r = await client.post(f"/v1/groups/{group['id']}/transitions", json={"to": to})
        assert r.status_code == 200, r.text
    refused = await client.post(f"/v1/groups/{group['id']}/transitions", json={"to": "active"})
    assert refused.status_code == 409  # records nothing
    events = await recorded(db_session, "group.stage_changed")
    assert [(e.payload["from_stage"], e.payload["stage"]) for e in events] == [
        ("planning", "building"),
        ("building", "active"),
        ("active", "converting"),
        ("converting", "dissolved"),
    ]
    assert {e.payload["group_id"] for e in events} == {group["id"]}
    assert {e.payload["actor_id"] for e in events} == {"user-1"}
    dissolved = (await client.get(f"/v1/groups/{group['id']}")).json()["dissolved_at"]
    assert events[-1].occurred_at == at(dissolved)


async def test_goal_reached_payload_names_the_goal_and_group(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    goal = await client.post(
        f"/v1/groups/{group['id']}/goals",
        json={"horizon": "short_term", "metric": "joins", "target": 300, "due_date": "2026-12-31"},
    )
    reached = await client.post(f"/v1/groups/{group['id']}/goals/{goal.json()['id']}/reached")
    assert reached.status_code == 200, reached.text
    [event] = await recorded(db_session, "goal.reached")
    assert event.payload == {
        "actor_id": "user-1",
        "group_id": group["id"],
        "goal_id": goal.json()["id"],
        "metric": "joins",
        "target": "300.0000",
        "due_date": "2026-12-31",
        "reached_at": reached.json()["reached_at"].replace("Z", "+00:00"),
    }
    assert event.occurred_at == at(reached.json()["reached_at"])
