"""The member import job: a CSV file answered 202, imported by the background runner a chunk at
a time, every good row exactly once and every refused row in the job's errors by its line, the
group's count and the member.joined events exact; a file that cannot be imported is refused at
once; Idempotency-Key gives the same job. Chunks are lowered to 10 rows here so the files stay
small and still cross several chunks (the end-to-end suite imports 20,000 through the stack)."""

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from community_svc.members import jobs
from community_svc.models import Job, Member, OutboxEvent
from tests.helpers import PROBLEM_JSON, create_group, join

CSV = {"Content-Type": "text/csv"}


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "IMPORT_JOB_CHUNK", 10)
    # Set before the app is made: the runner of the committed app looks for jobs often.
    monkeypatch.setenv("COMMUNITY_JOB_POLL_INTERVAL_S", "0.05")


def csv_file(rows: list[str]) -> bytes:
    return ("external_id,display_name,role,tags\n" + "".join(f"{r}\n" for r in rows)).encode()


async def finished(client: httpx.AsyncClient, location: str) -> dict[str, Any]:
    seen: list[int] = []
    for _ in range(600):
        job: dict[str, Any] = (await client.get(location)).json()
        seen.append(job["done"])
        if job["status"] in ("succeeded", "failed"):
            assert seen == sorted(seen), seen  # progress only ever grows
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"{location} never finished: {job}")


async def test_an_import_job_stores_each_good_row_once_and_reports_the_rest_by_line(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    client = committed_client_for()
    group = await create_group(client, capacity=1000)
    assert (await join(client, group["id"], "wx_already")).status_code == 201
    rows = [f"wx_{n:03d},成员{n},member,宝妈|早鸟" for n in range(35)]
    rows[3] = "wx_bad_role,坏角色,admin,"  # line 5
    rows[8] = "wx_001,重复,member,"  # line 10: wx_001 is on line 3, same chunk
    rows[20] = "wx_002,跨块重复,member,"  # line 22: wx_002 is on line 4, an earlier chunk
    rows[27] = ",没有编号,member,"  # line 29
    rows[33] = "wx_already,已在群里,member,"  # line 35
    r = await client.post(
        f"/v1/groups/{group['id']}/member-imports", content=csv_file(rows), headers=CSV
    )
    assert r.status_code == 202, r.text
    job = r.json()
    assert r.headers["location"] == f"/v1/jobs/{job['id']}"
    assert job["id"].startswith("community-")
    assert (job["kind"], job["status"], job["done"], job["total"]) == (
        "import_members",
        "queued",
        0,
        35,
    )

    done = await finished(client, r.headers["location"])
    assert done["status"] == "succeeded", done
    assert (done["done"], done["total"], done["error_count"]) == (35, 35, 5)
    assert [e["at"] for e in done["errors"]] == [
        "line 5",
        "line 10",
        "line 22",
        "line 29",
        "line 35",
    ]
    messages = [e["message"] for e in done["errors"]]
    assert messages[0].startswith("external_id 'wx_bad_role': role")
    assert messages[1] == "external_id 'wx_001': external_id 'wx_001' already appears on line 3"
    assert messages[2] == "external_id 'wx_002': external_id 'wx_002' already appears on line 4"
    assert "external_id" in messages[3]
    assert messages[4] == "external_id 'wx_already': already a current member of this group"
    assert done["result"] == {"received": 35, "imported": 30, "rejected": 5}
    assert done["result_url"] is None

    workspace = client.headers["x-workspace-id"]
    async with engine.connect() as conn:
        ids = (
            (await conn.execute(select(Member.external_id).where(Member.workspace_id == workspace)))
            .scalars()
            .all()
        )
        joined = await conn.scalar(
            select(func.count()).where(
                OutboxEvent.workspace_id == workspace, OutboxEvent.event_type == "member.joined"
            )
        )
    expected = {f"wx_{n:03d}" for n in range(35) if n not in (3, 8, 20, 27, 33)} | {"wx_already"}
    assert len(ids) == len(set(ids)) == 31
    assert set(ids) == expected
    assert joined == 31
    assert (await client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 31


async def test_rows_past_the_groups_capacity_are_errors_and_the_rest_imported(
    committed_client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = committed_client_for()
    group = await create_group(client, capacity=15)
    rows = [f"wx_{n:03d},成员{n},member," for n in range(30)]
    r = await client.post(
        f"/v1/groups/{group['id']}/member-imports", content=csv_file(rows), headers=CSV
    )
    done = await finished(client, r.headers["location"])
    assert done["status"] == "succeeded", done
    assert done["result"] == {"received": 30, "imported": 15, "rejected": 15}
    assert done["errors"][0] == {
        "at": "line 17",
        "message": "external_id 'wx_015': the group is full (capacity 15); this row was not "
        "imported",
    }
    assert (await client.get(f"/v1/groups/{group['id']}")).json()["member_count"] == 15


async def test_the_same_key_and_file_give_the_same_job_and_another_file_a_409(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    group = await create_group(client)
    url = f"/v1/groups/{group['id']}/member-imports"
    headers = {**CSV, "Idempotency-Key": f"import-{uuid.uuid4()}"}
    first = await client.post(url, content=csv_file(["wx_1,一,member,"]), headers=headers)
    again = await client.post(url, content=csv_file(["wx_1,一,member,"]), headers=headers)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["idempotent-replayed"] == "true"
    other = await client.post(url, content=csv_file(["wx_2,二,member,"]), headers=headers)
    assert other.status_code == 409
    assert await db_session.scalar(select(func.count()).select_from(Job)) == 1


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b"", "no header row"),
        (b"external_id,nickname\nwx_1,x\n", "unknown CSV column(s) nickname"),
        (b"display_name\n\xe5\xb0\x8f\n", "must include an external_id column"),
        (b"external_id\n", "holds no rows"),
        ("external_id\nwx_1\n".encode("gb18030") + b"\xff\xfe", "not UTF-8"),
    ],
)
async def test_a_file_that_cannot_be_imported_is_422_and_makes_no_job(
    client: httpx.AsyncClient, db_session: AsyncSession, body: bytes, detail: str
) -> None:
    group = await create_group(client)
    r = await client.post(f"/v1/groups/{group['id']}/member-imports", content=body, headers=CSV)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == PROBLEM_JSON
    assert detail in r.json()["detail"]
    assert await db_session.scalar(select(func.count()).select_from(Job)) == 0


async def test_a_body_that_is_not_csv_is_415(client: httpx.AsyncClient) -> None:
    group = await create_group(client)
    r = await client.post(
        f"/v1/groups/{group['id']}/member-imports", json=[{"external_id": "wx_1"}]
    )
    assert r.status_code == 415
    assert r.headers["content-type"] == PROBLEM_JSON
    assert "text/csv" in r.json()["detail"]


async def test_importing_into_a_dissolved_or_unknown_group_is_refused(
    client: httpx.AsyncClient,
) -> None:
    group = await create_group(client)
    for stage in ("building", "active", "dissolved"):
        moved = await client.post(f"/v1/groups/{group['id']}/transitions", json={"to": stage})
        assert moved.status_code == 200, moved.text
    body = csv_file(["wx_1,一,member,"])
    dissolved = await client.post(
        f"/v1/groups/{group['id']}/member-imports", content=body, headers=CSV
    )
    assert dissolved.status_code == 409
    assert "dissolved" in dissolved.json()["detail"]
    unknown = await client.post(
        f"/v1/groups/{uuid.uuid4()}/member-imports", content=body, headers=CSV
    )
    assert unknown.status_code == 404


async def test_a_nul_in_a_cell_is_a_row_error_of_the_job_and_nothing_of_it_is_stored(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    client = committed_client_for()
    group = await create_group(client)
    body = b"external_id,display_name\nwx_1,ok\nwx_2,bad\x00name\n"
    r = await client.post(f"/v1/groups/{group['id']}/member-imports", content=body, headers=CSV)
    assert r.status_code == 202, r.text
    done = await finished(client, r.headers["location"])
    assert done["result"] == {"received": 2, "imported": 1, "rejected": 1}
    assert done["errors"][0]["at"] == "line 3"
    assert "NUL" in done["errors"][0]["message"]
    workspace = client.headers["x-workspace-id"]
    async with engine.connect() as conn:
        ids = (
            (await conn.execute(select(Member.external_id).where(Member.workspace_id == workspace)))
            .scalars()
            .all()
        )
    assert ids == ["wx_1"]
