"""Member rules: one current membership per person and group, capacity taken atomically,
re-joins recorded as new memberships, bulk imports validated row by row."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError

from community_svc.events import DomainEvent
from community_svc.groups.exceptions import GroupDissolved, GroupNotFound
from community_svc.groups.models import Group
from community_svc.groups.repository import GroupRepository
from community_svc.groups.vocabulary import GroupStage
from community_svc.jobs import Job, JobRepository
from community_svc.members.exceptions import (
    AlreadyLeft,
    AlreadyMember,
    GroupFull,
    ImportNotCsv,
    NotACurrentMember,
)
from community_svc.members.importer import ParsedRow, parse_import, read_csv
from community_svc.members.models import Member
from community_svc.members.repository import MemberRepository
from community_svc.members.schemas import (
    MemberImportResult,
    MemberJoin,
    MemberUpdate,
    MessagesRecord,
    MessagesRecorded,
    RejectedRow,
)
from community_svc.members.vocabulary import MemberJobKind
from community_svc.outbox import OutboxRepository
from community_svc.sop.service import materialise_member_steps
from community_svc.sources.resolver import TrackingCodes
from community_svc.sources.schemas import Source
from community_svc.tasks.repository import TaskRepository
from servicekit.context import RequestContext
from servicekit.models import utcnow
from servicekit.unitofwork import UnitOfWork

# metrics-svc takes dimension ids of up to 64 characters; a longer campaign id (the field takes
# 128) stays in the event's props as source_campaign_id.
_MAX_DIMENSION_ID = 64


def _event_payload(member: Member | dict[str, Any]) -> dict[str, Any]:
    """A membership's event payload, in the key names the relay lifts into the metrics event:
    the member's external id is the actor, the source's ids attribute the join."""
    get = member.get if isinstance(member, dict) else lambda k: getattr(member, k)
    joined_at = get("joined_at")
    payload: dict[str, Any] = {
        "actor_id": get("external_id"),
        "group_id": str(get("group_id")),
        "member_id": str(get("id")),
        "role": get("role"),
        "source_channel": get("source_channel"),
        "source_referral_code": get("source_referral_code"),
        "invited_by": get("invited_by"),
        "joined_at": joined_at.isoformat() if isinstance(joined_at, datetime) else None,
    }
    campaign = get("source_campaign_id")
    if campaign is not None:
        key = "campaign_id" if len(campaign) <= _MAX_DIMENSION_ID else "source_campaign_id"
        payload[key] = campaign
    source = Source(
        tracking_code=get("source_tracking_code"),
        publication_id=get("source_publication_id"),
        channel_id=get("source_channel_id"),
        post_id=get("source_post_id"),
    )
    return payload | source.event_keys()


def _code(row: MemberJoin) -> str | None:
    return row.source.tracking_code if row.source is not None else None


def _member_fields(data: MemberJoin, source: Source | None) -> dict[str, Any]:
    """The member's columns from a join (or import row) and its resolved source. A resolved
    code names its publication's platform, which is the join's ``source_channel`` unless
    the caller gave one."""
    fields = data.model_dump(exclude={"source"})
    source = source or Source()
    if fields["source_channel"] is None and source.platform is not None:
        fields["source_channel"] = source.platform
    return fields | {
        "source_tracking_code": source.tracking_code,
        "source_publication_id": source.publication_id,
        "source_channel_id": source.channel_id,
        "source_post_id": source.post_id,
        "source_platform": source.platform,
    }


async def join_group(
    uow: UnitOfWork, group: Group, data: MemberJoin, source: Source | None = None
) -> Member:
    groups = uow.repo(GroupRepository)
    members = uow.repo(MemberRepository)
    if group.stage == GroupStage.DISSOLVED:
        raise GroupDissolved(group.id, "joins")
    if await members.current_membership(group.id, data.external_id) is not None:
        raise AlreadyMember(data.external_id)
    if await groups.claim_seats(group.id, 1) is None:
        # Re-read to tell "full" from "dissolved meanwhile"; either way nothing was written.
        fresh = await groups.get_or_raise(group.id, GroupNotFound, lock=True)
        if fresh.stage == GroupStage.DISSOLVED:
            raise GroupDissolved(group.id, "joins")
        raise GroupFull(group.id, fresh.capacity)
    try:
        async with uow.session.begin_nested():
            member = await members.add(Member(group_id=group.id, **_member_fields(data, source)))
    except IntegrityError as exc:  # the same person joined concurrently and won
        raise AlreadyMember(data.external_id) from exc
    await uow.record(
        DomainEvent.MEMBER_JOINED, _event_payload(member), occurred_at=member.joined_at
    )
    await materialise_member_steps(uow, group, member)
    return member


async def leave_group(uow: UnitOfWork, member: Member, actor_id: str | None) -> Member:
    members = uow.repo(MemberRepository)
    locked = await members.lock(member.id)
    if locked is None or locked.left_at is not None:
        raise AlreadyLeft(member.id)
    locked.left_at = utcnow()
    await members.flush()
    await uow.repo(GroupRepository).release_seat(locked.group_id)
    # Welcome and follow-up tasks about someone who has gone no longer need doing.
    await uow.repo(TaskRepository).cancel_open(member_id=locked.id, at=locked.left_at, by=actor_id)
    await uow.record(
        DomainEvent.MEMBER_LEFT,
        {**_event_payload(locked), "left_at": locked.left_at.isoformat()},
        occurred_at=locked.left_at,
    )
    return locked


async def record_messages(uow: UnitOfWork, group: Group, data: MessagesRecord) -> MessagesRecorded:
    """Messages a current member sent: a ``member.message`` event at ``sent_at`` (its value
    the count) and the membership's last activity moved forward."""
    if group.stage == GroupStage.DISSOLVED:
        raise GroupDissolved(group.id, "messages")
    members = uow.repo(MemberRepository)
    member = await members.current_membership(group.id, data.external_id)
    if member is None:
        raise NotACurrentMember(data.external_id)
    last_active_at = await members.mark_active(member.id, data.sent_at)
    event_id = await uow.record(
        DomainEvent.MEMBER_MESSAGE,
        {
            "actor_id": member.external_id,
            "group_id": str(group.id),
            "member_id": str(member.id),
            "value": data.count,
            "sent_at": data.sent_at.isoformat(),
        },
        occurred_at=data.sent_at,
    )
    return MessagesRecorded(
        id=event_id,
        group_id=group.id,
        member_id=member.id,
        external_id=member.external_id,
        sent_at=data.sent_at,
        count=data.count,
        last_active_at=last_active_at,
    )


async def update_member(members: MemberRepository, member: Member, data: MemberUpdate) -> Member:
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    return await members.update(member, changes)


async def import_members(
    uow: UnitOfWork,
    group: Group,
    body: bytes,
    content_type: str,
    codes: TrackingCodes,
    ctx: RequestContext,
) -> MemberImportResult:
    parsed = parse_import(body, content_type)
    imported, rejected = await import_rows(uow, group.id, parsed, {}, codes, ctx)
    return MemberImportResult(received=len(parsed), imported=imported, rejected=rejected)


async def import_members_later(
    uow: UnitOfWork, group: Group, body: bytes, content_type: str | None, actor_id: str | None
) -> Job:
    """A job importing the CSV ``body`` into the group a chunk at a time. The file as a whole
    is checked now (CSV, UTF-8, its header, its size): a file that cannot be imported is
    refused here, row by row problems are the job's errors."""
    if group.stage == GroupStage.DISSOLVED:
        raise GroupDissolved(group.id, "imports")
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type != "text/csv":
        raise ImportNotCsv(media_type)
    rows = len(read_csv(body))
    return await uow.repo(JobRepository).submit(
        MemberJobKind.IMPORT_MEMBERS,
        params={"group_id": str(group.id), "actor_id": actor_id},
        total=rows,
        input=body,
    )


async def import_rows(
    uow: UnitOfWork,
    group_id: uuid.UUID,
    parsed: Sequence[ParsedRow],
    earlier: Mapping[str, int],
    codes: TrackingCodes,
    ctx: RequestContext,
) -> tuple[int, list[RejectedRow]]:
    """Import ``parsed`` rows into the group: the valid ones that are neither duplicates (of
    a row before, in ``parsed`` or at the lines ``earlier`` gives by external id) nor current
    members, while places are free. How many were stored, and the rows refused (by line)."""
    groups = uow.repo(GroupRepository)
    members = uow.repo(MemberRepository)
    # Before the group's lock: no one waits on it while content-svc answers.
    sources = await codes.resolve_many(
        dict.fromkeys(
            p.row.source.tracking_code
            for p in parsed
            if p.row is not None and p.row.source is not None and p.row.source.tracking_code
        ),
        ctx,
    )
    # Under the group's row lock no join or other import changes the membership meanwhile, so
    # the duplicate check and the free places below stay true until this commits.
    locked = await groups.get_or_raise(group_id, GroupNotFound, lock=True)
    if locked.stage == GroupStage.DISSOLVED:
        raise GroupDissolved(group_id, "imports")

    rejected: list[RejectedRow] = []
    first_line: dict[str, int] = dict(earlier)
    candidates = []
    for p in parsed:
        if p.row is None:
            rejected.append(RejectedRow(line=p.line, external_id=p.external_id, errors=p.errors))
        elif p.row.external_id in first_line:
            rejected.append(
                RejectedRow(
                    line=p.line,
                    external_id=p.external_id,
                    errors=[
                        f"external_id {p.row.external_id!r} already appears on line "
                        f"{first_line[p.row.external_id]}"
                    ],
                )
            )
        else:
            first_line[p.row.external_id] = p.line
            candidates.append(p)

    present = await members.current_external_ids(
        locked.id, [p.row.external_id for p in candidates if p.row is not None]
    )
    free = locked.capacity - locked.member_count
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for p in candidates:
        assert p.row is not None
        if p.row.external_id in present:
            reason = "already a current member of this group"
        elif p.row.joined_at is not None and p.row.joined_at > now:
            reason = f"joined_at {p.row.joined_at.isoformat()} is in the future"
        elif (code := _code(p.row)) is not None and sources[code] is None:
            reason = f"source.tracking_code: unknown tracking code {code!r}"
        elif len(rows) >= free:
            reason = f"the group is full (capacity {locked.capacity}); this row was not imported"
        else:
            source = sources[code] if code is not None else await codes.source(p.row.source, ctx)
            data = _member_fields(p.row, source)
            data["joined_at"] = data["joined_at"] or now
            rows.append(
                {
                    **data,
                    "id": uuid.uuid4(),
                    "group_id": locked.id,
                    "left_at": None,
                    # A microsecond apart, so member lists show imports in file order.
                    "created_at": now + timedelta(microseconds=len(rows)),
                    "updated_at": now,
                }
            )
            continue
        rejected.append(RejectedRow(line=p.line, external_id=p.external_id, errors=[reason]))

    stored = await members.insert_many(rows) if rows else []
    stored_ids = {member_id for member_id, _ in stored}
    for r in rows:
        if r["id"] not in stored_ids:  # only if the lock above were bypassed; never silent
            line = first_line[r["external_id"]]
            reason = "already a current member of this group"
            rejected.append(RejectedRow(line=line, external_id=r["external_id"], errors=[reason]))
    if stored and await groups.claim_seats(locked.id, len(stored)) is None:
        # Cannot happen under the lock (the rows were cut to the free places); if it ever does,
        # refuse the whole import rather than store members the counter does not know about.
        raise GroupFull(locked.id, locked.capacity)
    if stored:
        # One statement for all of them: one INSERT per event would cost more than the import.
        joined = [r for r in rows if r["id"] in stored_ids]
        ids = await uow.record_many(
            DomainEvent.MEMBER_JOINED,
            [{**_event_payload(r), "imported": True} for r in joined],
        )
        # Each join happened at its row's joined_at, which metrics counts it by.
        await uow.repo(OutboxRepository).set_occurred_at(ids, [r["joined_at"] for r in joined])
    rejected.sort(key=lambda r: r.line)
    return len(stored), rejected
