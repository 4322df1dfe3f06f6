import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response, status

from community_svc.groups.dependencies import GroupDep
from community_svc.groups.exceptions import GroupDissolved
from community_svc.members import service
from community_svc.members.dependencies import MemberDep, MemberRepoDep
from community_svc.members.exceptions import (
    AlreadyLeft,
    AlreadyMember,
    GroupFull,
    ImportUnreadable,
    NotACurrentMember,
)
from community_svc.members.importer import CSV_COLUMNS, MAX_JOB_ROWS, TAG_SEPARATOR
from community_svc.members.schemas import (
    MemberImportResult,
    MemberImportRow,
    MemberJoin,
    MemberRead,
    MemberUpdate,
    MessagesRecord,
    MessagesRecorded,
)
from community_svc.members.vocabulary import MemberRole, MembershipStatus
from community_svc.scopes import READ, WRITE
from community_svc.sources.dependencies import TrackingCodesDep
from community_svc.sources.exceptions import UnknownTrackingCode
from servicekit.apidoc import problems
from servicekit.context import ContextDep
from servicekit.jobs import accepted, accepted_response
from servicekit.pagination import Page, PageDep
from servicekit.problems import problem_doc
from servicekit.timebounds import Instant
from servicekit.unitofwork import UnitOfWorkDep

IMPORT_PATH_SUFFIX = "/members/import"

group_members_router = APIRouter(prefix="/v1/groups/{group_id}/members", tags=["members"])
members_router = APIRouter(prefix="/v1/members", tags=["members"])
group_messages_router = APIRouter(prefix="/v1/groups/{group_id}/messages", tags=["messages"])
# The import job, listing exactly the errors it returns.
member_imports_router = APIRouter(prefix="/v1/groups/{group_id}/member-imports", tags=["members"])


def _import_row_schema() -> dict[str, Any]:
    # The row's vocabularies (its role) are components of the document, as the join route's
    # body puts them there; refer to them there, not to a `$defs` no ref in the document reaches.
    schema = MemberImportRow.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    return schema


_IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {
                "schema": {"type": "string"},
                "example": "external_id,display_name,role,tags,tier,source_channel\n"
                "wx_1001,小王,seed,宝妈|早鸟,gold,xiaohongshu\n",
            },
            "application/json": {"schema": {"type": "array", "items": _import_row_schema()}},
        },
    }
}


_CSV_EXAMPLE = (
    "external_id,display_name,role,tags,tier,source_channel,joined_at\n"
    "wx_1001,小王,seed,宝妈|早鸟,gold,xiaohongshu,2026-11-01T20:15:00+08:00\n"
    "wx_1002,Lily,member,,,douyin,\n"
)
_IMPORT_JOB_BODY = {
    "requestBody": {
        "required": True,
        "description": (
            "A CSV file, UTF-8 (a byte order mark is fine), header row first. Columns, any "
            f"order, all but `external_id` optional: {', '.join(sorted(CSV_COLUMNS))}: the "
            "fields of a join (`POST /v1/groups/{group_id}/members`), with `tags` separated by "
            f"`{TAG_SEPARATOR}`, `tracking_code` for the source, and `joined_at` (RFC 3339 "
            f"with offset; empty: the import's time). At most {MAX_JOB_ROWS:,} rows."
        ),
        "content": {"text/csv": {"schema": {"type": "string"}, "example": _CSV_EXAMPLE}},
    }
}
_IMPORT_JOB_EXAMPLE = {
    "id": "community-0d9b7c55-2f1e-4a8c-b3d6-7e4a1f0c9b22",
    "kind": "import_members",
    "status": "queued",
    "done": 0,
    "total": 20000,
    "errors": [],
    "error_count": 0,
    "result": None,
    "result_url": None,
    "created_at": "2026-12-10T08:00:00Z",
    "started_at": None,
    "finished_at": None,
}


@group_members_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(GroupFull, AlreadyMember, GroupDissolved, UnknownTrackingCode),
)
async def join_group(
    group: GroupDep,
    body: MemberJoin,
    uow: UnitOfWorkDep,
    codes: TrackingCodesDep,
    ctx: ContextDep,
    response: Response,
) -> MemberRead:
    """Add a person to the group now (409 when full, dissolved, or already a member). A
    `source.tracking_code` is resolved through content-svc: unknown → 422, nothing stored;
    content-svc unreachable → the join is stored with the code alone.

    The place is taken atomically, so concurrent joins never overfill the group. Every active
    SOP run of the group dates its `member_joined` steps for the newcomer as tasks, and a
    `member.joined` event goes to metrics-svc. The answer's `Location` is the membership.
    """
    # Resolved before anything is written, outside any lock.
    source = await codes.source(body.source, ctx)
    member = await service.join_group(uow, group, body, source)
    response.headers["Location"] = f"/v1/members/{member.id}"
    return MemberRead.model_validate(member)


@group_members_router.get("", dependencies=READ)
async def list_members(
    group: GroupDep,
    members: MemberRepoDep,
    page: PageDep,
    status: Annotated[
        MembershipStatus,
        Query(description="`current` members (default), those who `left`, or `all` stays."),
    ] = MembershipStatus.CURRENT,
    role: Annotated[MemberRole | None, Query(description="Only members with this role.")] = None,
    tag: Annotated[
        str | None, Query(max_length=50, description="Only members carrying this tag.")
    ] = None,
    tier: Annotated[str | None, Query(max_length=50, description="Only this tier.")] = None,
    source_channel: Annotated[
        str | None, Query(max_length=100, description="Only members from this source channel.")
    ] = None,
    source_campaign_id: Annotated[
        str | None, Query(max_length=128, description="Only members brought by this campaign.")
    ] = None,
    source_referral_code: Annotated[
        str | None, Query(max_length=64, description="Only members with this referral code.")
    ] = None,
    source_publication_id: Annotated[
        uuid.UUID | None, Query(description="Only members brought by this publication.")
    ] = None,
    source_tracking_code: Annotated[
        str | None,
        Query(max_length=32, description="Only members who joined with this tracking code."),
    ] = None,
    external_id: Annotated[
        str | None, Query(max_length=128, description="Only this person's memberships.")
    ] = None,
    joined_from: Annotated[
        Instant | None,
        Query(description="Only members who joined at or after this time (RFC 3339)."),
    ] = None,
    joined_to: Annotated[
        Instant | None, Query(description="Only members who joined before this time (RFC 3339).")
    ] = None,
) -> Page[MemberRead]:
    """Members in joining order; `status=all` includes past memberships (re-joins included)."""
    stmt = members.list_members(
        group.id,
        status=status,
        role=role,
        tag=tag,
        tier=tier,
        source_channel=source_channel,
        source_campaign_id=source_campaign_id,
        source_referral_code=source_referral_code,
        source_publication_id=source_publication_id,
        source_tracking_code=source_tracking_code.upper() if source_tracking_code else None,
        external_id=external_id,
        joined_from=joined_from,
        joined_to=joined_to,
    )
    rows, next_cursor = await members.paginate(stmt, page)
    return Page(items=[MemberRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@group_members_router.post(
    "/import",
    dependencies=WRITE,
    openapi_extra=_IMPORT_BODY,
    responses={
        **problems(ImportUnreadable, GroupDissolved),
        # The route reads its body itself, so its shape implies no body limit: declared here.
        413: {
            "description": "The body is over the import's limit (COMMUNITY_IMPORT_MAX_BODY_BYTES, "
            "8 MiB by default; the gateway's own limit, 1 MiB by default, may be lower): split "
            "the file."
        },
    },
)
async def import_members(
    group: GroupDep,
    request: Request,
    uow: UnitOfWorkDep,
    codes: TrackingCodesDep,
    ctx: ContextDep,
    content_type: Annotated[str, Header()] = "application/json",
) -> MemberImportResult:
    """Bulk import up to 20,000 members as CSV (`text/csv`, header row first, tags
    separated by `|`, a `tracking_code` column for the source) or JSON (`source` per row);
    good rows are stored, bad ones (an unknown tracking code too) reported with their line."""
    body = await request.body()
    return await service.import_members(uow, group, body, content_type, codes, ctx)


@members_router.get("/{member_id}", dependencies=READ)
async def get_member(member: MemberDep) -> MemberRead:
    """One membership, current or past."""
    return MemberRead.model_validate(member)


@members_router.patch("/{member_id}", dependencies=WRITE)
async def update_member(
    member: MemberDep, body: MemberUpdate, members: MemberRepoDep
) -> MemberRead:
    """Change a member's display name, role, tags or tier; the fields omitted stay as they are.
    A new role counts for SOP tasks dated from now on."""
    return MemberRead.model_validate(await service.update_member(members, member, body))


@members_router.post("/{member_id}/leave", dependencies=WRITE, responses=problems(AlreadyLeft))
async def leave_group(member: MemberDep, uow: UnitOfWorkDep, ctx: ContextDep) -> MemberRead:
    """End this membership; the row stays as history and the place is freed.

    The member's open tasks (welcome and follow-up steps) are cancelled and a `member.left`
    event goes to metrics-svc. Leaving twice is a 409; to come back, join again.
    """
    return MemberRead.model_validate(await service.leave_group(uow, member, ctx.actor_id))


@group_messages_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(GroupDissolved, NotACurrentMember),
)
async def record_messages(
    group: GroupDep, body: MessagesRecord, uow: UnitOfWorkDep
) -> MessagesRecorded:
    """Record messages a current member sent in the group (a `message` event for metrics-svc's
    activity rate) and move the member's `last_active_at` forward."""
    return await service.record_messages(uow, group, body)


@member_imports_router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=WRITE,
    response_class=Response,
    summary="Import members from CSV (job)",
    openapi_extra=_IMPORT_JOB_BODY,
    responses={
        202: accepted_response(
            "The import job: `done` of `total` rows, each refused row in `errors` as "
            "`line N`; its `result` once it has succeeded is `{received, imported, rejected}`",
            _IMPORT_JOB_EXAMPLE,
        ),
        409: problem_doc("The group is dissolved."),
        413: problem_doc("The file is larger than the import limit (8 MiB by default)"),
        415: problem_doc("The body is not `text/csv`"),
        422: problem_doc(
            "The file cannot be imported as a whole (not UTF-8, no header, an unknown column, "
            "no external_id column, no rows or too many), or a malformed group id, "
            "Idempotency-Key or query parameter"
        ),
    },
)
async def import_members_later(
    group: GroupDep, request: Request, uow: UnitOfWorkDep, ctx: ContextDep
) -> Response:
    """Import a CSV file of members into the group in the background: answered ``202`` with
    the job (``Location: /v1/jobs/community-…``), which imports 1,000 rows at a time and
    survives a restart of the service, every good row imported exactly once. Rows with bad
    values, a duplicate ``external_id`` in the file, people already current members, rows past
    the group's capacity and unknown tracking codes are skipped and reported in the job's
    ``errors`` by line. With the same ``Idempotency-Key`` and file, a retry gets the same job."""
    body, content_type = await request.body(), request.headers.get("content-type")
    job = await service.import_members_later(uow, group, body, content_type, ctx.actor_id)
    return accepted(job)
