import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response, status

from community_svc.groups.dependencies import GroupDep
from community_svc.members import service
from community_svc.members.dependencies import MemberDep, MemberRepoDep
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
from servicekit.context import ContextDep
from servicekit.pagination import Page, PageDep
from servicekit.timebounds import Instant
from servicekit.unitofwork import UnitOfWorkDep

IMPORT_PATH_SUFFIX = "/members/import"

group_members_router = APIRouter(prefix="/v1/groups/{group_id}/members", tags=["members"])
members_router = APIRouter(prefix="/v1/members", tags=["members"])
group_messages_router = APIRouter(prefix="/v1/groups/{group_id}/messages", tags=["messages"])


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


@group_members_router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
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
    content-svc unreachable → the join is stored with the code alone."""
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
    status: Annotated[MembershipStatus, Query()] = MembershipStatus.CURRENT,
    role: Annotated[MemberRole | None, Query()] = None,
    tag: Annotated[str | None, Query(max_length=50)] = None,
    tier: Annotated[str | None, Query(max_length=50)] = None,
    source_channel: Annotated[str | None, Query(max_length=100)] = None,
    source_campaign_id: Annotated[str | None, Query(max_length=128)] = None,
    source_referral_code: Annotated[str | None, Query(max_length=64)] = None,
    source_publication_id: Annotated[uuid.UUID | None, Query()] = None,
    source_tracking_code: Annotated[str | None, Query(max_length=32)] = None,
    external_id: Annotated[str | None, Query(max_length=128)] = None,
    joined_from: Annotated[Instant | None, Query()] = None,
    joined_to: Annotated[Instant | None, Query()] = None,
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


@group_members_router.post("/import", dependencies=WRITE, openapi_extra=_IMPORT_BODY)
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
    return MemberRead.model_validate(member)


@members_router.patch("/{member_id}", dependencies=WRITE)
async def update_member(
    member: MemberDep, body: MemberUpdate, members: MemberRepoDep
) -> MemberRead:
    return MemberRead.model_validate(await service.update_member(members, member, body))


@members_router.post("/{member_id}/leave", dependencies=WRITE)
async def leave_group(member: MemberDep, uow: UnitOfWorkDep, ctx: ContextDep) -> MemberRead:
    """End this membership; the row stays as history and the place is freed."""
    return MemberRead.model_validate(await service.leave_group(uow, member, ctx.actor_id))


@group_messages_router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def record_messages(
    group: GroupDep, body: MessagesRecord, uow: UnitOfWorkDep
) -> MessagesRecorded:
    """Record messages a current member sent in the group (a `message` event for metrics-svc's
    activity rate) and move the member's `last_active_at` forward."""
    return await service.record_messages(uow, group, body)
