"""Replies: through the channel's reply sender (manual: recorded; webhook: a signed POST to a
real receiver), recorded sent or failed, the thread answered on success, and a reply event with
the response time for metrics-svc."""

import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.inbox.models import InboxReply
from content_svc.inbox.schemas import MAX_REPLY_CHARS
from servicekit.testing.headers import WORKSPACE_B
from servicekit.testing.servers import refusing_port
from servicekit.testing.webhooks import Receiver

from ..helpers import assert_problem, count_rows
from .helpers import SECRET, ago, events, make_channel, message, receive, thread

ANSWER = "您好～A 款不含香精，敏感肌可以先在耳后试用两天哦"  # noqa: RUF001


async def reply(
    client: httpx.AsyncClient,
    thread_id: str,
    body: dict[str, Any],
    status: int = 201,
    **headers: str,
) -> Any:
    r = await client.post(f"/v1/inbox/threads/{thread_id}/replies", json=body, headers=headers)
    assert r.status_code == status, r.text
    return r.json()


async def test_a_reply_on_a_manual_channel_is_recorded_and_answers_the_thread(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    channel = await make_channel(client)
    stored = await receive(client, message(channel, received_at=ago(minutes=20)))
    before = await thread(client, stored["thread_id"])

    r = await client.post(
        f"/v1/inbox/threads/{stored['thread_id']}/replies",
        json={"text": ANSWER},
        headers={"If-Match": f'"{before["version"]}"'},
    )
    assert r.status_code == 201, r.text
    result = r.json()
    sent, after = result["reply"], result["thread"]
    assert (sent["status"], sent["sender"], sent["error"]) == ("sent", "manual", None)
    assert sent["text"] == ANSWER
    assert sent["author_id"] == "user-1"
    assert sent["in_reply_to_message_id"] == stored["id"]
    assert 20 * 60 <= sent["response_seconds"] < 21 * 60
    assert after["status"] == "answered"
    assert (after["awaiting_since"], after["reply_due_at"], after["overdue"]) == (None, None, False)
    assert after["reply_count"] == 1
    assert after["version"] == before["version"] + 1
    assert r.headers["etag"] == f'"{after["version"]}"'
    assert await thread(client, stored["thread_id"]) == after

    listed = await client.get(f"/v1/inbox/threads/{stored['thread_id']}/replies")
    assert [x["id"] for x in listed.json()["items"]] == [sent["id"]]


async def test_a_sent_reply_records_a_reply_event_with_the_seconds_waited(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    channel = await make_channel(client)
    stored = await receive(client, message(channel, received_at=ago(minutes=5)))
    sent = (await reply(client, stored["thread_id"], {"text": ANSWER}))["reply"]

    [event] = await events(db_session, "inbox.reply_sent")
    assert event.payload["value"] == sent["response_seconds"]
    assert event.payload["thread_id"] == stored["thread_id"]
    assert event.payload["reply_id"] == sent["id"]
    assert event.payload["channel_id"] == channel
    assert event.payload["operator_id"] == "user-1"
    assert "actor_id" not in event.payload  # the brand's act, not an audience member's
    assert event.occurred_at == datetime.fromisoformat(sent["sent_at"])

    # A follow-up answers nothing that waited: recorded, not counted as a response.
    follow_up = (await reply(client, stored["thread_id"], {"text": "还有问题随时找我们"}))["reply"]
    assert follow_up["response_seconds"] is None
    assert len(await events(db_session, "inbox.reply_sent")) == 1
    [later] = await events(db_session, "inbox.follow_up_sent")
    assert "value" not in later.payload


async def test_a_webhook_reply_is_posted_signed_to_the_channels_webhook(
    client: httpx.AsyncClient, receiver: Receiver
) -> None:
    channel = await make_channel(client, receiver.url)
    stored = await receive(
        client, message(channel, kind="message", external_thread_id=None, author={"id": "o6_x"})
    )
    result = await reply(client, stored["thread_id"], {"text": ANSWER})
    sent = result["reply"]
    assert (sent["status"], sent["sender"]) == ("sent", "webhook")
    assert sent["external_id"] == f"ext-{sent['id'][:8]}"  # what the receiver answered

    [delivery] = receiver.deliveries
    assert delivery.headers["x-mediaops-event"] == "reply"
    assert delivery.delivery_id == sent["id"]
    expected = "sha256=" + hmac.new(SECRET.encode(), delivery.body, hashlib.sha256).hexdigest()
    assert delivery.headers["x-mediaops-signature"] == expected
    document = json.loads(delivery.body)
    assert document["type"] == "reply"
    assert document["text"] == ANSWER
    assert document["to"] == "o6_x"
    assert document["in_reply_to"] == stored["external_message_id"]
    assert document["thread"] == {
        "id": stored["thread_id"],
        "kind": "message",
        "external_thread_id": "o6_x",
    }
    assert document["channel"]["id"] == channel


async def test_a_failed_webhook_reply_is_recorded_and_the_thread_still_waits(
    client: httpx.AsyncClient, db_session: AsyncSession, receiver: Receiver
) -> None:
    channel = await make_channel(client, receiver.url)
    stored = await receive(client, message(channel))
    before = await thread(client, stored["thread_id"])
    receiver.script = [503]

    result = await reply(client, stored["thread_id"], {"text": ANSWER})
    failed = result["reply"]
    assert failed["status"] == "failed"
    assert failed["error"] == "webhook answered 503 (Service Unavailable)"
    assert "exploded" not in failed["error"]  # never the receiver's body
    assert (failed["sent_at"], failed["response_seconds"]) == (None, None)
    assert result["thread"] == before
    assert await thread(client, stored["thread_id"]) == before
    assert await events(db_session, "inbox.reply_sent") == []

    # Sent again (a new request): it goes out, and the thread is answered.
    again = await reply(client, stored["thread_id"], {"text": ANSWER})
    assert again["reply"]["status"] == "sent"
    assert again["thread"]["status"] == "answered"
    statuses = await client.get(f"/v1/inbox/threads/{stored['thread_id']}/replies")
    assert [x["status"] for x in statuses.json()["items"]] == ["failed", "sent"]
    only_failed = await client.get(
        f"/v1/inbox/threads/{stored['thread_id']}/replies", params={"status": "failed"}
    )
    assert [x["id"] for x in only_failed.json()["items"]] == [failed["id"]]


async def test_an_unreachable_webhook_fails_the_reply_without_a_500(
    client: httpx.AsyncClient,
) -> None:
    with refusing_port() as url:
        channel = await make_channel(client, f"{url}/hook")
        stored = await receive(client, message(channel))
        failed = (await reply(client, stored["thread_id"], {"text": ANSWER}))["reply"]
    assert failed["status"] == "failed"
    assert failed["error"] == "webhook unreachable: ConnectError"
    assert (await thread(client, stored["thread_id"]))["status"] == "open"


async def test_a_stale_if_match_is_412_and_sends_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, receiver: Receiver
) -> None:
    channel = await make_channel(client, receiver.url)
    stored = await receive(client, message(channel))
    version = (await thread(client, stored["thread_id"]))["version"]
    # A new message came in since the operator read the thread.
    await receive(client, message(channel, text="还在吗"))
    r = await client.post(
        f"/v1/inbox/threads/{stored['thread_id']}/replies",
        json={"text": ANSWER},
        headers={"If-Match": f'"{version}"'},
    )
    assert_problem(r, 412)
    assert r.json()["current_version"] == version + 1
    assert receiver.deliveries == []
    assert await count_rows(db_session, InboxReply) == 0


async def test_a_closed_thread_is_409_until_reopened(
    client: httpx.AsyncClient, db_session: AsyncSession, receiver: Receiver
) -> None:
    channel = await make_channel(client, receiver.url)
    stored = await receive(client, message(channel))
    url = f"/v1/inbox/threads/{stored['thread_id']}"
    assert (await client.post(f"{url}/transitions", json={"to": "closed"})).status_code == 200
    r = await client.post(f"{url}/replies", json={"text": ANSWER})
    assert_problem(r, 409)
    assert "reopen" in r.json()["detail"]
    assert receiver.deliveries == []
    assert await count_rows(db_session, InboxReply) == 0


async def test_canned_replies_are_used_at_their_current_or_a_named_version(
    client: httpx.AsyncClient, receiver: Receiver
) -> None:
    channel = await make_channel(client, receiver.url)
    stored = await receive(client, message(channel))
    created = await client.post(
        "/v1/inbox/canned-replies", json={"name": "敏感肌", "text": "版本一"}
    )
    canned = created.json()["id"]
    r = await client.patch(f"/v1/inbox/canned-replies/{canned}", json={"text": "版本二"})
    assert r.json()["version"] == 2

    current = (await reply(client, stored["thread_id"], {"canned_reply_id": canned}))["reply"]
    assert (current["text"], current["canned_reply_version"]) == ("版本二", 2)
    first = await reply(
        client, stored["thread_id"], {"canned_reply_id": canned, "canned_reply_version": 1}
    )
    assert (first["reply"]["text"], first["reply"]["canned_reply_id"]) == ("版本一", canned)
    assert [json.loads(d.body)["text"] for d in receiver.deliveries] == ["版本二", "版本一"]

    unknown = await client.post(
        f"/v1/inbox/threads/{stored['thread_id']}/replies",
        json={"canned_reply_id": canned, "canned_reply_version": 3},
    )
    assert_problem(unknown, 422)
    assert unknown.json()["errors"][0]["loc"] == ["body", "canned_reply_version"]
    missing = await client.post(
        f"/v1/inbox/threads/{stored['thread_id']}/replies",
        json={"canned_reply_id": str(uuid.uuid4())},
    )
    assert_problem(missing, 404)
    assert len(receiver.deliveries) == 2


async def test_bad_reply_bodies_are_422_and_send_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, receiver: Receiver
) -> None:
    channel = await make_channel(client, receiver.url)
    stored = await receive(client, message(channel))
    url = f"/v1/inbox/threads/{stored['thread_id']}/replies"
    for body in (
        {},
        {"text": ""},
        {"text": "回" * (MAX_REPLY_CHARS + 1)},
        {"text": "hi", "canned_reply_id": str(uuid.uuid4())},
        {"canned_reply_version": 1, "text": "hi"},
        {"text": 42},
    ):
        assert_problem(await client.post(url, json=body), 422)
    assert receiver.deliveries == []
    assert await count_rows(db_session, InboxReply) == 0


async def test_another_workspaces_canned_reply_is_404_and_sends_nothing(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    receiver: Receiver,
) -> None:
    theirs = client_for(WORKSPACE_B)
    r = await theirs.post("/v1/inbox/canned-replies", json={"name": "问候", "text": "您好"})
    channel = await make_channel(client, receiver.url)
    stored = await receive(client, message(channel))
    r = await client.post(
        f"/v1/inbox/threads/{stored['thread_id']}/replies",
        json={"canned_reply_id": r.json()["id"]},
    )
    assert_problem(r, 404)
    assert receiver.deliveries == []


async def test_a_reply_under_an_idempotency_key_is_sent_once(
    client: httpx.AsyncClient, receiver: Receiver
) -> None:
    channel = await make_channel(client, receiver.url)
    stored = await receive(client, message(channel))
    url = f"/v1/inbox/threads/{stored['thread_id']}/replies"
    key = {"Idempotency-Key": uuid.uuid4().hex}
    first = await client.post(url, json={"text": ANSWER}, headers=key)
    again = await client.post(url, json={"text": ANSWER}, headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert len(receiver.deliveries) == 1
    other = await client.post(url, json={"text": "另一句"}, headers=key)
    assert_problem(other, 409)
    assert len(receiver.deliveries) == 1
