"""Threads: overdue by the channel's SLA and the database's clock, the list's filters,
assignment and tags under If-Match, closing and reopening by hand."""

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.testing.headers import WORKSPACE_B

from ..helpers import assert_illegal_move_refused, assert_problem, listed_ids
from .helpers import ago, make_channel, message, receive, thread


async def set_sla(client: httpx.AsyncClient, channel: str, minutes: int) -> None:
    r = await client.put(
        f"/v1/inbox/channel-settings/{channel}", json={"reply_sla_minutes": minutes}
    )
    assert r.status_code == 200, r.text
    assert r.json() == {"channel_id": channel, "reply_sla_minutes": minutes, "is_default": False}


async def test_an_unanswered_thread_past_the_sla_reads_overdue(
    client: httpx.AsyncClient,
) -> None:
    channel = await make_channel(client)
    await set_sla(client, channel, 30)
    late = await receive(
        client, message(channel, external_thread_id="late", received_at=ago(minutes=31))
    )
    fresh = await receive(
        client, message(channel, external_thread_id="fresh", received_at=ago(minutes=29))
    )

    assert (await thread(client, late["thread_id"]))["overdue"] is True
    assert (await thread(client, fresh["thread_id"]))["overdue"] is False
    assert await listed_ids(client, "/v1/inbox/threads", overdue="true") == [late["thread_id"]]
    assert await listed_ids(client, "/v1/inbox/threads", overdue="false") == [fresh["thread_id"]]


async def test_overdue_is_judged_by_the_database_clock(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    """The due time is stored; the database's now() decides, in the read and the filter
    alike (here moved back past it by rewriting the stored due time in SQL)."""
    channel = await make_channel(client)
    stored = await receive(client, message(channel))
    assert (await thread(client, stored["thread_id"]))["overdue"] is False
    await db_session.execute(
        text("UPDATE inbox_thread SET reply_due_at = now() - interval '1 second' WHERE id = :id"),
        {"id": uuid.UUID(stored["thread_id"])},
    )
    assert (await thread(client, stored["thread_id"]))["overdue"] is True
    assert await listed_ids(client, "/v1/inbox/threads", overdue="true") == [stored["thread_id"]]


async def test_a_new_sla_applies_to_the_threads_waiting_now(client: httpx.AsyncClient) -> None:
    channel = await make_channel(client)
    stored = await receive(client, message(channel, received_at=ago(minutes=45)))
    before = await thread(client, stored["thread_id"])
    assert before["overdue"] is False  # the default: 120 minutes

    r = await client.get(f"/v1/inbox/channel-settings/{channel}")
    assert r.json() == {"channel_id": channel, "reply_sla_minutes": 120, "is_default": True}
    await set_sla(client, channel, 15)
    after = await thread(client, stored["thread_id"])
    assert after["overdue"] is True
    due = datetime.fromisoformat(after["awaiting_since"]) + timedelta(minutes=15)
    assert datetime.fromisoformat(after["reply_due_at"]) == due
    # A message that comes in now is due by the new SLA as well.
    fresh = await receive(client, message(channel, external_thread_id="new"))
    t = await thread(client, fresh["thread_id"])
    awaiting = datetime.fromisoformat(t["awaiting_since"])
    assert datetime.fromisoformat(t["reply_due_at"]) == awaiting + timedelta(minutes=15)


async def test_an_answered_or_closed_thread_is_never_overdue(client: httpx.AsyncClient) -> None:
    channel = await make_channel(client)
    await set_sla(client, channel, 1)
    answered = await receive(
        client, message(channel, external_thread_id="a", received_at=ago(minutes=5))
    )
    closed = await receive(
        client, message(channel, external_thread_id="c", received_at=ago(minutes=5))
    )
    r = await client.post(
        f"/v1/inbox/threads/{answered['thread_id']}/replies", json={"text": "好的"}
    )
    assert r.status_code == 201, r.text
    r = await client.post(
        f"/v1/inbox/threads/{closed['thread_id']}/transitions", json={"to": "closed"}
    )
    assert r.status_code == 200, r.text
    for stored in (answered, closed):
        t = await thread(client, stored["thread_id"])
        assert (t["overdue"], t["reply_due_at"]) == (False, None)
    assert await listed_ids(client, "/v1/inbox/threads", overdue="true") == []


async def test_sla_settings_are_refused_out_of_range_and_for_unknown_channels(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    channel = await make_channel(client)
    url = f"/v1/inbox/channel-settings/{channel}"
    for bad in (0, 43_201, "30", 1.5, None):
        r = await client.put(url, json={"reply_sla_minutes": bad})
        assert_problem(r, 422)
    assert (await client.get(url)).json()["is_default"] is True
    assert_problem(await client.get(f"/v1/inbox/channel-settings/{uuid.uuid4()}"), 404)
    intruder = client_for(WORKSPACE_B)
    r = await intruder.put(url, json={"reply_sla_minutes": 5})
    assert_problem(r, 404)


async def test_the_list_filters_by_channel_status_kind_assignee_and_tag(
    client: httpx.AsyncClient,
) -> None:
    one, two = await make_channel(client), await make_channel(client)
    a = (await receive(client, message(one, external_thread_id="a")))["thread_id"]
    b = (await receive(client, message(one, external_thread_id="b", kind="message")))["thread_id"]
    c = (await receive(client, message(two, external_thread_id="c")))["thread_id"]
    r = await client.patch(f"/v1/inbox/threads/{b}", json={"assignee_id": "u-li", "tags": ["售后"]})
    assert r.status_code == 200, r.text
    assert (
        await client.post(f"/v1/inbox/threads/{c}/transitions", json={"to": "closed"})
    ).status_code == 200

    path = "/v1/inbox/threads"
    assert await listed_ids(client, path) == [a, b, c]
    assert await listed_ids(client, path, channel_id=one) == [a, b]
    assert await listed_ids(client, path, status="closed") == [c]
    assert await listed_ids(client, path, status="open", channel_id=one) == [a, b]
    assert await listed_ids(client, path, kind="message") == [b]
    assert await listed_ids(client, path, assignee_id="u-li") == [b]
    assert await listed_ids(client, path, tag="售后") == [b]
    assert await listed_ids(client, path, channel_id=str(uuid.uuid4())) == []

    page = await client.get(path, params={"limit": 2})
    assert [t["id"] for t in page.json()["items"]] == [a, b]
    rest = await client.get(path, params={"limit": 2, "cursor": page.json()["next_cursor"]})
    assert [t["id"] for t in rest.json()["items"]] == [c]
    assert rest.json()["next_cursor"] is None


async def test_a_misspelt_filter_is_422_naming_it(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/inbox/threads", params={"overdeu": "true"})
    assert_problem(r, 422)
    assert "overdeu" in r.json()["detail"]
    assert "overdue" in r.json()["detail"]
    assert_problem(await client.get("/v1/inbox/threads", params={"status": "pending"}), 422)


async def test_assignment_and_tags_keep_another_operators_change(
    client: httpx.AsyncClient,
) -> None:
    channel = await make_channel(client)
    stored = await receive(client, message(channel))
    url = f"/v1/inbox/threads/{stored['thread_id']}"
    version = (await thread(client, stored["thread_id"]))["version"]
    r = await client.patch(url, json={"assignee_id": "u-li"}, headers={"If-Match": f'"{version}"'})
    assert r.status_code == 200, r.text
    assert r.json()["assignee_id"] == "u-li"
    assert r.json()["version"] == version + 1

    stale = await client.patch(
        url, json={"assignee_id": "u-wang"}, headers={"If-Match": f'"{version}"'}
    )
    assert_problem(stale, 412)
    assert stale.json()["current_version"] == version + 1
    assert (await thread(client, stored["thread_id"]))["assignee_id"] == "u-li"

    cleared = await client.patch(url, json={"assignee_id": None, "tags": ["已转售后", "VIP"]})
    assert (cleared.json()["assignee_id"], cleared.json()["tags"]) == (None, ["已转售后", "VIP"])
    assert_problem(await client.patch(url, json={"tags": None}), 422)
    assert_problem(await client.patch(url, json={"status": "answered"}), 422)


async def test_closing_and_reopening_by_hand(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    channel = await make_channel(client)
    stored = await receive(client, message(channel, received_at=ago(minutes=10)))
    url = f"/v1/inbox/threads/{stored['thread_id']}"

    closed = await client.post(f"{url}/transitions", json={"to": "closed"})
    assert closed.json()["status"] == "closed"
    assert closed.headers["etag"] == f'"{closed.json()["version"]}"'
    await assert_illegal_move_refused(client, db_session, url, {"to": "closed"}, "open")

    # Reopened with nothing answered: the SLA counts again from the message still waiting.
    reopened = await client.post(f"{url}/transitions", json={"to": "open"})
    assert reopened.json()["status"] == "open"
    awaiting = datetime.fromisoformat(reopened.json()["awaiting_since"])
    assert awaiting == datetime.fromisoformat(stored["received_at"])

    r = await client.post(f"{url}/replies", json={"text": "已为您登记"})
    assert r.status_code == 201, r.text
    # Reopened after an answer: nothing waits, so the SLA counts from now.
    again = await client.post(f"{url}/transitions", json={"to": "open"})
    assert again.status_code == 200, again.text
    assert datetime.fromisoformat(again.json()["awaiting_since"]) > awaiting
    await assert_illegal_move_refused(client, db_session, url, {"to": "open"}, "closed")
    assert_problem(await client.post(f"{url}/transitions", json={"to": "answered"}), 422)


async def test_another_workspaces_thread_is_404_everywhere(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    channel = await make_channel(client)
    stored = await receive(client, message(channel))
    url = f"/v1/inbox/threads/{stored['thread_id']}"
    intruder = client_for(WORKSPACE_B)
    for r in (
        await intruder.get(url),
        await intruder.get(f"{url}/messages"),
        await intruder.patch(url, json={"assignee_id": "u-x"}),
        await intruder.post(f"{url}/replies", json={"text": "hi"}),
    ):
        assert_problem(r, 404)
    assert await listed_ids(intruder, "/v1/inbox/threads") == []
    assert (await thread(client, stored["thread_id"]))["assignee_id"] is None


async def test_a_channel_with_inbox_threads_keeps_them_and_cannot_be_deleted(
    client: httpx.AsyncClient,
) -> None:
    channel = await make_channel(client)
    await set_sla(client, channel, 10)
    r = await client.delete(f"/v1/channels/{channel}")
    assert r.status_code == 204  # settings alone go with the channel
    channel = await make_channel(client)
    stored = await receive(client, message(channel))
    r = await client.delete(f"/v1/channels/{channel}")
    assert_problem(r, 409)
    assert "1 inbox thread" in r.json()["detail"]
    assert (await thread(client, stored["thread_id"]))["channel_id"] == channel
