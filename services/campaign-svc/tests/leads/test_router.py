import asyncio
import csv
import io
import re
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from campaign_svc.leads.contacts import mask_phone, normalise_phone
from campaign_svc.models import Lead, OutboxEvent
from servicekit.testing.headers import WORKSPACE_B

from ..coupons.helpers import running_campaign

WRITE = ("campaign:read", "campaign:write")
PII = (*WRITE, "leads:pii")
PHONES = ("13812345678", "13900001111", "15011112222")
EMAILS = ("alice@example.com", "bob.smith@example.org", "carol@163.com")


async def new_campaign(client: httpx.AsyncClient) -> str:
    return str((await client.post("/v1/campaigns", json=running_campaign())).json()["id"])


def lead(campaign_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "campaign_id": campaign_id,
        "name": "张小明",
        "phone": "138 1234 5678",
        "email": "Alice@Example.com",
        "wechat_id": "Alice_2024",
        "source_channel_id": "ch-xhs",
        "consent": True,
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("138 1234 5678", "+8613812345678"),
        ("+86 138-1234-5678", "+8613812345678"),
        ("0086 13812345678", "+8613812345678"),
        ("010-8888 6666", "+861088886666"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_phone_formats_normalise_to_e164(raw: str, normalised: str) -> None:
    assert normalise_phone(raw) == normalised


def test_phone_mask_keeps_three_and_four_digits() -> None:
    assert mask_phone("+8613812345678") == "138****5678"


async def test_capture_normalises_and_dedupes_per_campaign(
    client_for: Callable[..., httpx.AsyncClient], db_session: AsyncSession
) -> None:
    client = client_for(scopes=PII)
    campaign_id = await new_campaign(client)
    first = await client.post("/v1/leads", json=lead(campaign_id))
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["phone"], body["email"], body["wechat_id"]) == (
        "+8613812345678",
        "alice@example.com",
        "alice_2024",
    )
    again = await client.post(
        "/v1/leads", json=lead(campaign_id, phone="+86 138-1234-5678", email=None, wechat_id=None)
    )
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert again.json()["id"] == body["id"]
    other_campaign = await new_campaign(client)
    assert (await client.post("/v1/leads", json=lead(other_campaign))).status_code == 201
    assert await db_session.scalar(select(func.count()).select_from(Lead)) == 2
    events = (
        await db_session.scalars(
            select(OutboxEvent.payload).where(OutboxEvent.event_type == "lead.captured")
        )
    ).all()
    assert len(events) == 2
    # No contact details in events, in full or masked: no such field, and none of the values
    # anywhere (checked by strings no uuid can hold, so a random id cannot trip it).
    assert not {"phone", "email", "wechat_id", "name"} & {k for e in events for k in e}
    for shown in ("13812345678", "138 1234", "138****", "alice", "example.com", "张小明"):
        assert shown not in str(events).lower(), shown


async def test_list_without_pii_scope_shows_no_full_phone_or_email(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    writer = client_for(scopes=PII)
    campaign_id = await new_campaign(writer)
    for i, (phone, email) in enumerate(zip(PHONES, EMAILS, strict=True)):
        r = await writer.post(
            "/v1/leads", json=lead(campaign_id, phone=phone, email=email, wechat_id=f"wx_user{i}")
        )
        assert r.status_code == 201
    reader = client_for(scopes=("campaign:read",))
    r = await reader.get("/v1/leads", params={"campaign_id": campaign_id})
    assert r.status_code == 200
    text = r.text
    for phone, email in zip(PHONES, EMAILS, strict=True):
        assert phone not in text
        assert phone[3:] not in text  # not even without the country code
        assert email not in text
        assert email.split("@")[0] not in text
    for i in range(3):
        assert f"wx_user{i}" not in text
    # No long digit run anywhere once ids and timestamps are set aside.
    scrubbed = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "", text)
    scrubbed = re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+Z", "", scrubbed)
    assert not re.search(r"\d{5,}", scrubbed)
    items = r.json()["items"]
    assert [i["phone"] for i in items] == ["138****5678", "139****1111", "150****2222"]
    assert items[0]["email"] == "a***@example.com"
    assert items[0]["name"] == "张**"
    assert all(i["masked"] for i in items)


async def test_list_with_pii_scope_shows_full_details(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for(scopes=PII)
    campaign_id = await new_campaign(client)
    await client.post("/v1/leads", json=lead(campaign_id))
    items = (await client.get("/v1/leads")).json()["items"]
    assert (items[0]["phone"], items[0]["email"], items[0]["masked"]) == (
        "+8613812345678",
        "alice@example.com",
        False,
    )


async def test_capture_answer_is_masked_without_pii(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for(scopes=WRITE)
    campaign_id = await new_campaign(client)
    r = await client.post("/v1/leads", json=lead(campaign_id))
    assert "13812345678" not in r.text
    assert "alice@example.com" not in r.text


async def test_csv_export_is_masked_without_pii_and_full_with_it(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    writer = client_for(scopes=PII)
    campaign_id = await new_campaign(writer)
    await writer.post("/v1/leads", json=lead(campaign_id))
    masked = await client_for(scopes=("campaign:read",)).get("/v1/leads/export.csv")
    assert masked.status_code == 200
    assert masked.headers["content-type"].startswith("text/csv")
    assert "13812345678" not in masked.text
    assert "alice@example.com" not in masked.text
    rows = list(csv.DictReader(io.StringIO(masked.text.lstrip("\ufeff"))))
    assert (rows[0]["phone"], rows[0]["name"]) == ("138****5678", "张**")
    full = await writer.get("/v1/leads/export.csv", params={"campaign_id": campaign_id})
    rows = list(csv.DictReader(io.StringIO(full.text.lstrip("\ufeff"))))
    # The leading quote keeps a spreadsheet from reading "+86…" as a formula (issue 11, item 7).
    assert (rows[0]["phone"], rows[0]["email"], rows[0]["name"]) == (
        "'+8613812345678",
        "alice@example.com",
        "张小明",
    )


async def test_capture_without_consent_or_contact_is_422(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    campaign_id = await new_campaign(client)
    for body in (
        lead(campaign_id, consent=False),
        {k: v for k, v in lead(campaign_id).items() if k != "consent"},
        lead(campaign_id, phone=None, email=None, wechat_id=None),
        lead(campaign_id, phone="12345"),
        lead(campaign_id, email="not-an-email"),
        lead(campaign_id, wechat_id="1x"),
        lead(campaign_id, extra="x"),
    ):
        r = await client.post("/v1/leads", json=body)
        assert r.status_code == 422, (body, r.text)
    assert await db_session.scalar(select(func.count()).select_from(Lead)) == 0


async def test_capture_for_a_foreign_campaign_is_404(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    campaign_id = await new_campaign(client)
    r = await client_for(WORKSPACE_B).post("/v1/leads", json=lead(campaign_id))
    assert r.status_code == 404
    r = await client.post("/v1/leads", json=lead(str(uuid.uuid4())))
    assert r.status_code == 404


async def test_another_workspace_lists_no_leads(
    client: httpx.AsyncClient, client_for: Callable[..., httpx.AsyncClient]
) -> None:
    campaign_id = await new_campaign(client)
    await client.post("/v1/leads", json=lead(campaign_id))
    other = client_for(WORKSPACE_B, scopes=PII)
    assert (await other.get("/v1/leads")).json()["items"] == []
    assert "1381234" not in (await other.get("/v1/leads/export.csv")).text


async def test_concurrent_captures_of_one_person_make_one_lead(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    client = committed_client_for()
    campaign_id = await new_campaign(client)
    responses = await asyncio.gather(
        *(client.post("/v1/leads", json=lead(campaign_id)) for _ in range(20))
    )
    assert Counter(r.status_code for r in responses) == {201: 1, 200: 19}
    async with engine.connect() as conn:
        count = await conn.scalar(
            select(func.count()).where(Lead.campaign_id == uuid.UUID(campaign_id))
        )
    assert count == 1


async def test_replay_of_a_pii_callers_capture_is_masked_for_a_caller_without_pii(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    # The stored answer used to be replayed as the first caller saw it, unmasked.
    writer = client_for(scopes=PII)
    campaign_id = await new_campaign(writer)
    body = lead(campaign_id)
    key = {"Idempotency-Key": f"lead-{uuid.uuid4()}"}
    first = await writer.post("/v1/leads", json=body, headers=key)
    assert first.status_code == 201, first.text
    assert first.json()["phone"] == "+8613812345678"

    replay = await client_for(scopes=WRITE).post("/v1/leads", json=body, headers=key)
    assert replay.status_code == 201, replay.text
    assert replay.headers.get("idempotent-replayed") == "true"
    for secret in ("13812345678", "alice@example.com", "Alice_2024", "alice_2024", "张小明"):
        assert secret not in replay.text
    shown = replay.json()
    assert (shown["id"], shown["phone"], shown["masked"]) == (
        first.json()["id"],
        "138****5678",
        True,
    )
    again = await writer.post("/v1/leads", json=body, headers=key)
    assert again.json() == first.json()  # the pii holder's replay still shows the full lead


@pytest.mark.parametrize("raw", ["12345", "+86 999 1234 5678", "call me", "138 1234 567"])
def test_invalid_phones_are_refused_with_what_to_fix(raw: str) -> None:
    with pytest.raises(ValueError, match="phone number"):
        normalise_phone(raw)
