"""Inbound comments and private messages: threaded per channel, stored once per platform id,
tied to their publication, refused clearly (and without a trace) when they are bad."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.inbox.models import InboxMessage, InboxThread, ThreadKind
from content_svc.inbox.schemas import MAX_MESSAGE_CHARS
from content_svc.inbox.service import InboundMessage
from content_svc.inbox.service import receive as receive_inbound
from content_svc.models import OutboxEvent
from servicekit.testing.headers import WORKSPACE_A, WORKSPACE_B
from servicekit.unitofwork import UnitOfWork

from ..helpers import assert_problem, count_rows, send_raw
from ..publications.conftest import MakePost
from .helpers import ago, events, make_channel, message, receive, thread

COMMENT = "敏感肌能用 A 款吗？用了会不会闷痘？"  # noqa: RUF001 (Chinese punctuation, as written)


async def publication_on(
    client: httpx.AsyncClient, channel_id: str, make_post: MakePost, workspace: str = WORKSPACE_A
) -> dict[str, Any]:
    post = await make_post(workspace)
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    r = await client.post(
        "/v1/publications",
        json={"post_id": str(post.id), "channel_id": channel_id, "scheduled_at": later},
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_a_first_comment_opens_a_thread_waiting_for_an_answer(
    client: httpx.AsyncClient,
) -> None:
    channel = await make_channel(client)
    received_at = ago(minutes=3)
    body = message(channel, text=COMMENT, received_at=received_at)
    stored = await receive(client, body)
    assert stored["text"] == COMMENT
    assert stored["author_id"] == "reader-1"
    assert stored["author_name"] == "小鹿"

    t = await thread(client, stored["thread_id"])
    assert t["status"] == "open"
    assert t["kind"] == "comment"
    assert t["external_thread_id"] == "note-1"
    assert t["message_count"] == 1
    assert t["last_message_preview"] == COMMENT
    assert datetime.fromisoformat(t["awaiting_since"]) == datetime.fromisoformat(received_at)
    # The default SLA: two hours after the message.
    due = datetime.fromisoformat(t["awaiting_since"]) + timedelta(minutes=120)
    assert datetime.fromisoformat(t["reply_due_at"]) == due
    assert t["overdue"] is False


async def test_the_same_platform_message_again_is_200_and_changes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    channel = await make_channel(client)
    body = message(channel)
    first = await receive(client, body)
    before = await thread(client, first["thread_id"])
    again = await receive(client, body | {"text": "another text, the same platform id"}, 200)

    assert again == first
    assert await thread(client, first["thread_id"]) == before
    assert await count_rows(db_session, InboxMessage) == 1
    assert len(await events(db_session, "inbox.comment_received")) == 1


async def test_messages_of_one_conversation_share_a_thread_and_the_newest_names_its_author(
    client: httpx.AsyncClient,
) -> None:
    channel = await make_channel(client)
    newest = await receive(
        client,
        message(
            channel,
            author={"id": "reader-2", "name": "阿琳"},
            text="我也想问",
            received_at=ago(minutes=1),
        ),
    )
    # An older message delivered late: it waits longest, but is not the newest.
    older = await receive(client, message(channel, received_at=ago(minutes=30)))
    assert older["thread_id"] == newest["thread_id"]

    t = await thread(client, newest["thread_id"])
    assert t["message_count"] == 2
    assert t["last_author_id"] == "reader-2"
    assert t["last_message_preview"] == "我也想问"
    assert datetime.fromisoformat(t["awaiting_since"]) == datetime.fromisoformat(
        older["received_at"]
    )

    r = await client.get(f"/v1/inbox/threads/{t['id']}/messages")
    assert [m["id"] for m in r.json()["items"]] == [newest["id"], older["id"]]


async def test_a_private_message_without_a_thread_id_threads_by_its_author(
    client: httpx.AsyncClient,
) -> None:
    channel = await make_channel(client)
    chat = {"kind": "message", "external_thread_id": None}
    first = await receive(client, message(channel, **chat))
    second = await receive(client, message(channel, **chat))
    other = await receive(client, message(channel, **chat, author={"id": "reader-9"}))
    assert first["thread_id"] == second["thread_id"] != other["thread_id"]
    assert (await thread(client, first["thread_id"]))["external_thread_id"] == "reader-1"


async def test_a_comment_and_a_message_with_the_same_thread_id_are_two_threads(
    client: httpx.AsyncClient,
) -> None:
    channel = await make_channel(client)
    comment = await receive(client, message(channel, kind="comment"))
    chat = await receive(client, message(channel, kind="message"))
    assert comment["thread_id"] != chat["thread_id"]


async def test_a_message_names_its_publication_by_id_or_tracking_code(
    client: httpx.AsyncClient, make_post: MakePost
) -> None:
    channel = await make_channel(client)
    publication = await publication_on(client, channel, make_post)
    by_code = await receive(
        client, message(channel, tracking_code=publication["tracking_code"].lower())
    )
    assert by_code["publication_id"] == publication["id"]
    by_id = await receive(
        client, message(channel, external_thread_id="note-2", publication_id=publication["id"])
    )
    assert by_id["publication_id"] == publication["id"]
    assert (await thread(client, by_code["thread_id"]))["publication_id"] == publication["id"]

    listed = await client.get("/v1/inbox/threads", params={"publication_id": publication["id"]})
    ids = {t["id"] for t in listed.json()["items"]}
    assert ids == {by_code["thread_id"], by_id["thread_id"]}


async def test_a_new_comment_reopens_an_answered_or_closed_thread(
    client: httpx.AsyncClient,
) -> None:
    channel = await make_channel(client)
    first = await receive(client, message(channel))
    url = f"/v1/inbox/threads/{first['thread_id']}"
    assert (await client.post(f"{url}/replies", json={"text": "您好"})).status_code == 201
    assert (await thread(client, first["thread_id"]))["status"] == "answered"

    await receive(client, message(channel))
    reopened = await thread(client, first["thread_id"])
    assert reopened["status"] == "open"
    assert reopened["awaiting_since"] is not None

    r = await client.post(f"{url}/transitions", json={"to": "closed"})
    assert r.status_code == 200, r.text
    assert r.json()["awaiting_since"] is None
    await receive(client, message(channel))
    assert (await thread(client, first["thread_id"]))["status"] == "open"


async def test_an_inbound_comment_records_a_comment_event_with_its_ties(
    client: httpx.AsyncClient, db_session: AsyncSession, make_post: MakePost
) -> None:
    channel = await make_channel(client)
    publication = await publication_on(client, channel, make_post)
    received_at = ago(minutes=2)
    stored = await receive(
        client,
        message(channel, publication_id=publication["id"], received_at=received_at),
    )
    [event] = await events(db_session, "inbox.comment_received")
    assert event.occurred_at == datetime.fromisoformat(received_at)
    assert event.payload == {
        "channel_id": channel,
        "publication_id": publication["id"],
        "post_id": publication["post_id"],
        "actor_id": "reader-1",
        "platform": "xiaohongshu",
        "thread_id": stored["thread_id"],
        "message_id": stored["id"],
        "external_message_id": stored["external_message_id"],
    }
    await receive(client, message(channel, kind="message"))
    assert len(await events(db_session, "inbox.message_received")) == 1


async def test_the_service_entry_point_takes_a_platform_push_without_http(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    """What a platform integration calls (content-svc README): the same rules, no request."""
    channel = uuid.UUID(await make_channel(client))
    uow = UnitOfWork(db_session, WORKSPACE_A, OutboxEvent)
    push = InboundMessage(
        channel_id=channel,
        kind=ThreadKind.MESSAGE,
        external_message_id="wx-msg-1",
        author_id="o6_bmjrPTlm6_2sgVt7hMZOPfL2M",
        author_name=None,
        text="你好，在吗",  # noqa: RUF001
    )
    first = await receive_inbound(uow, push)
    again = await receive_inbound(uow, push)
    assert (first.duplicate, again.duplicate) == (False, True)
    assert again.message.id == first.message.id
    assert first.thread.external_thread_id == "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"
    assert first.thread.status == "open"
    t = await thread(client, str(first.thread.id))
    assert t["message_count"] == 1


# --- refused ------------------------------------------------------------------------------


async def assert_refused_and_nothing_stored(
    client: httpx.AsyncClient, db_session: AsyncSession, body: object, status: int
) -> dict[str, Any]:
    r = await client.post("/v1/inbox/messages", json=body)
    assert_problem(r, status)
    assert r.json()["detail"]
    for model in (InboxMessage, InboxThread, OutboxEvent):
        assert await count_rows(db_session, model) == 0, model
    problem: dict[str, Any] = r.json()
    return problem


async def test_an_oversized_message_is_422_naming_the_limit(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    channel = await make_channel(client)
    body = message(channel, text="评" * (MAX_MESSAGE_CHARS + 1))
    problem = await assert_refused_and_nothing_stored(client, db_session, body, 422)
    assert problem["errors"][0]["loc"] == ["body", "text"]
    # Exactly at the limit is taken: the limit counts characters, not bytes.
    await receive(client, message(channel, text="评" * MAX_MESSAGE_CHARS))


async def test_a_body_over_a_mebibyte_is_413_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    r = await send_raw(client, "/v1/inbox/messages", b'{"text": "' + b"x" * 1_100_000 + b'"}')
    assert_problem(r, 413)
    assert await count_rows(db_session, InboxMessage) == 0


async def test_an_unknown_channel_is_404_and_stores_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    body = message(str(uuid.uuid4()))
    problem = await assert_refused_and_nothing_stored(client, db_session, body, 404)
    assert body["channel_id"] in problem["detail"]


async def test_another_workspaces_channel_or_publication_is_404(
    client_for: Callable[..., httpx.AsyncClient],
    db_session: AsyncSession,
    make_post: MakePost,
) -> None:
    theirs = client_for(WORKSPACE_B)
    their_channel = await make_channel(theirs)
    their_publication = await publication_on(theirs, their_channel, make_post, WORKSPACE_B)
    mine = client_for(WORKSPACE_A)
    my_channel = await make_channel(mine)
    for body in (
        message(their_channel),
        message(my_channel, publication_id=their_publication["id"]),
        message(my_channel, tracking_code=their_publication["tracking_code"]),
    ):
        await assert_refused_and_nothing_stored(mine, db_session, body, 404)


async def test_a_publication_of_another_channel_is_422(
    client: httpx.AsyncClient, db_session: AsyncSession, make_post: MakePost
) -> None:
    channel, other = await make_channel(client), await make_channel(client)
    elsewhere = await publication_on(client, other, make_post)
    problem = await assert_refused_and_nothing_stored(
        client, db_session, message(channel, publication_id=elsewhere["id"]), 422
    )
    assert problem["errors"][0]["loc"] == ["body", "publication_id"]


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "review"},
        {"text": ""},
        {"author": {"id": ""}},
        {"author": {"id": "x" * 129}},
        {"external_message_id": "x" * 201},
        {"received_at": "2026-11-11 13:02"},
        {"received_at": "0001-01-01T00:00:00+14:00"},
        {"unknown": 1},
    ],
)
async def test_bad_fields_are_422_and_store_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, fields: dict[str, Any]
) -> None:
    channel = await make_channel(client)
    await assert_refused_and_nothing_stored(client, db_session, message(channel, **fields), 422)


async def test_a_message_from_the_future_is_422(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    channel = await make_channel(client)
    later = (datetime.now(UTC) + timedelta(minutes=30)).isoformat()
    problem = await assert_refused_and_nothing_stored(
        client, db_session, message(channel, received_at=later), 422
    )
    assert "in the future" in problem["detail"]


async def test_a_read_only_caller_cannot_feed_the_inbox(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    channel = await make_channel(client)
    reader = client_for(scopes=("content:read",))
    r = await reader.post("/v1/inbox/messages", json=message(channel))
    assert_problem(r, 403)
    assert (await reader.get("/v1/inbox/threads")).status_code == 200
