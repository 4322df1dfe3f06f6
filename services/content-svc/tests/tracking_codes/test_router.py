"""Tracking codes: one per publication, well formed, unique across the database, never changed,
resolved case-insensitively within the caller's workspace only."""

import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.models import OutboxEvent
from content_svc.publications import repository as publications_repository
from content_svc.publications.models import Publication
from servicekit.testing.headers import WORKSPACE_B

from ..helpers import assert_problem
from ..publications.conftest import MakePost
from ..publications.test_router import make_channel, schedule

WELL_FORMED = re.compile(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}")


async def publish_on(
    client: httpx.AsyncClient, post_id: uuid.UUID, **channel: object
) -> dict[str, object]:
    made = await make_channel(client, **channel)
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    r = await schedule(client, post_id, made["id"], scheduled_at=later)
    assert r.status_code == 201, r.text
    body: dict[str, object] = r.json()
    return body


async def test_each_publication_gets_its_own_well_formed_code(
    client: httpx.AsyncClient, make_post: MakePost
) -> None:
    post = await make_post()
    first = await publish_on(client, post.id)
    second = await publish_on(client, post.id, platform="weibo", handle="brand_wb")
    codes = [first["tracking_code"], second["tracking_code"]]
    assert all(WELL_FORMED.fullmatch(str(code)) for code in codes), codes
    assert codes[0] != codes[1]
    shown = (await client.get(f"/v1/publications/{first['id']}")).json()
    assert shown["tracking_code"] == first["tracking_code"]
    listed = (await client.get("/v1/publications")).json()["items"]
    assert {p["id"]: p["tracking_code"] for p in listed} == {
        first["id"]: first["tracking_code"],
        second["id"]: second["tracking_code"],
    }


async def test_the_code_resolves_to_its_publication_in_any_case(
    client: httpx.AsyncClient, make_post: MakePost
) -> None:
    post = await make_post()
    publication = await publish_on(client, post.id, platform="weibo", handle="brand_wb")
    code = str(publication["tracking_code"])
    expected = {
        "code": code,
        "publication_id": publication["id"],
        "channel_id": publication["channel_id"],
        "post_id": str(post.id),
        "platform": "weibo",
    }
    for spelt in (code, code.lower(), code[:4].lower() + code[4:]):
        r = await client.get(f"/v1/tracking-codes/{spelt}")
        assert r.status_code == 200, r.text
        assert r.json() == expected


async def test_another_workspaces_code_is_a_404_problem(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    make_post: MakePost,
) -> None:
    post = await make_post()
    publication = await publish_on(client, post.id)
    intruder = client_for(WORKSPACE_B)
    r = await intruder.get(f"/v1/tracking-codes/{publication['tracking_code']}")
    assert_problem(r, 404)
    assert str(publication["id"]) not in r.text


@pytest.mark.parametrize("code", ["ZZZZZZZZ", "0OIL1234", "ABC", "ABCDEFGHJ", "%20%20"])
async def test_unknown_or_impossible_codes_are_404_problems(
    client: httpx.AsyncClient, code: str
) -> None:
    r = await client.get(f"/v1/tracking-codes/{code}")
    assert_problem(r, 404)
    assert "tracking code" in r.json()["detail"]


async def test_a_code_longer_than_any_is_refused_as_422(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/v1/tracking-codes/" + "A" * 65), 422)


async def test_resolving_needs_content_read(
    client_for: Callable[..., httpx.AsyncClient], client: httpx.AsyncClient, make_post: MakePost
) -> None:
    post = await make_post()
    publication = await publish_on(client, post.id)
    nobody = client_for(scopes=())
    r = await nobody.get(f"/v1/tracking-codes/{publication['tracking_code']}")
    assert_problem(r, 403)


async def test_the_code_never_changes_through_the_publications_life(
    client: httpx.AsyncClient, make_post: MakePost, db_session: AsyncSession
) -> None:
    post = await make_post()
    made = await make_channel(client)
    created = (await schedule(client, post.id, made["id"])).json()
    url = f"/v1/publications/{created['id']}"
    published = await client.post(
        f"{url}/mark-published", json={"url": "https://www.xiaohongshu.com/explore/abc"}
    )
    assert published.status_code == 200, published.text
    assert published.json()["tracking_code"] == created["tracking_code"]
    cancelled = (await schedule(client, post.id, made["id"])).json()
    r = await client.post(f"/v1/publications/{cancelled['id']}/cancel")
    assert r.json()["tracking_code"] == cancelled["tracking_code"]
    # No route takes it: a create body or an edit naming it is refused, not obeyed.
    r = await schedule(client, post.id, made["id"], tracking_code="AAAAAAAA")
    assert_problem(r, 422)
    stored = await db_session.scalar(
        select(Publication.tracking_code).where(Publication.id == uuid.UUID(created["id"]))
    )
    assert stored == created["tracking_code"]
    event = await db_session.scalar(
        select(OutboxEvent).where(OutboxEvent.event_type == "publication.published")
    )
    assert event is not None
    assert event.payload["tracking_code"] == created["tracking_code"]


async def test_two_publications_cannot_share_a_code_even_across_workspaces(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    make_post: MakePost,
    db_session: AsyncSession,
) -> None:
    ours = await publish_on(client, (await make_post()).id)
    theirs_client = client_for(WORKSPACE_B)
    theirs = await publish_on(theirs_client, (await make_post(workspace=WORKSPACE_B)).id)
    with pytest.raises(IntegrityError, match="uq_publication_tracking_code"):
        async with db_session.begin_nested():
            await db_session.execute(
                update(Publication)
                .where(Publication.id == uuid.UUID(str(theirs["id"])))
                .values(tracking_code=ours["tracking_code"])
            )


async def test_a_drawn_code_already_taken_elsewhere_is_drawn_again(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    make_post: MakePost,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    theirs_client = client_for(WORKSPACE_B)
    theirs = await publish_on(theirs_client, (await make_post(workspace=WORKSPACE_B)).id)
    taken = str(theirs["tracking_code"])
    draws = iter([taken, "ABCDEFGH"])
    monkeypatch.setattr(publications_repository, "new_tracking_code", lambda: next(draws))
    ours = await publish_on(client, (await make_post()).id)
    assert ours["tracking_code"] == "ABCDEFGH"
    assert (await theirs_client.get(f"/v1/tracking-codes/{taken}")).json()["publication_id"] == (
        theirs["id"]
    )
