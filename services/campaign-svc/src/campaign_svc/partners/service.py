"""Partner and collaboration rules, and each collaboration's return.

- A partner is one account (platform + handle) per workspace; its contact details are shown
  masked, as a lead's, unless the caller holds ``leads:pii``; a partner with collaborations
  cannot be deleted.
- A collaboration moves proposed → agreed → published → paid, and any but paid → cancelled
  (``TRANSITIONS``); paid and cancelled are final. Published needs the publication that carries
  the post, and one publication carries at most one collaboration that is not cancelled.
- Its return is what its publication brought — leads, joins, coupon claims, redemptions and
  GMV, from metrics-svc's attribution of the conversions made with the publication's tracking
  code — against its cost, the agreed price: ROI = (GMV - cost) / cost, and cost per lead. When
  metrics-svc cannot answer, the numbers say ``unavailable`` and the rest of the answer stands.
- The ranking adds up each partner's collaborations that went out (published or paid), due in
  the window and in one currency, and orders the partners by that return.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.campaigns.repository import CampaignRepository
from campaign_svc.leads.contacts import mask_email, mask_name, mask_phone, mask_wechat_id
from campaign_svc.partners.exceptions import (
    AgreedPriceMissing,
    CollaborationFinal,
    CollaborationNotFound,
    IllegalCollaborationTransition,
    PartnerHandleTaken,
    PartnerHasCollaborations,
    PartnerNotFound,
    PublicationRequired,
    PublicationTaken,
    WindowInvalid,
)
from campaign_svc.partners.models import Collaboration, Partner
from campaign_svc.partners.repository import COUNTED, CollaborationRepository, PartnerRepository
from campaign_svc.partners.returns import Brought, PublicationReturns
from campaign_svc.partners.schemas import (
    CollaborationCreate,
    CollaborationNumbers,
    CollaborationRead,
    CollaborationRoi,
    CollaborationUpdate,
    PartnerContact,
    PartnerContactRead,
    PartnerCreate,
    PartnerRank,
    PartnerRanking,
    PartnerRead,
    PartnerUpdate,
)
from campaign_svc.partners.vocabulary import CollaborationStatus, NumbersStatus, PartnerPlatform
from campaign_svc.sources.resolver import TrackingCodes, tracking_code_of
from campaign_svc.sources.schemas import SourceRead
from servicekit.context import RequestContext
from servicekit.peers import Unavailable
from servicekit.timebounds import EARLIEST_DAY, LATEST_DAY, instant_in_range
from servicekit.unitofwork import UnitOfWork
from servicekit.versioning import check_if_match

TRANSITIONS: dict[CollaborationStatus, list[CollaborationStatus]] = {
    CollaborationStatus.PROPOSED: [CollaborationStatus.AGREED, CollaborationStatus.CANCELLED],
    CollaborationStatus.AGREED: [CollaborationStatus.PUBLISHED, CollaborationStatus.CANCELLED],
    CollaborationStatus.PUBLISHED: [CollaborationStatus.PAID, CollaborationStatus.CANCELLED],
    CollaborationStatus.PAID: [],
    CollaborationStatus.CANCELLED: [],
}
FINAL = (CollaborationStatus.PAID, CollaborationStatus.CANCELLED)

# metrics-svc's longest attribution window, in days.
MAX_WINDOW_DAYS = 366
# The ranking's window when the caller names neither end: the 90 days up to today.
RANKING_DEFAULT_DAYS = 90

CONTACT_COLUMNS = {
    "name": "contact_name",
    "phone": "contact_phone",
    "email": "contact_email",
    "wechat_id": "contact_wechat_id",
}


# --- partners -------------------------------------------------------------------------------


def _contact_columns(contact: PartnerContact | dict[str, Any] | None) -> dict[str, Any]:
    """The partner's contact columns for ``contact`` (None: all cleared)."""
    given = contact.model_dump() if isinstance(contact, PartnerContact) else (contact or {})
    return {column: given.get(field) for field, column in CONTACT_COLUMNS.items()}


def to_partner_read(partner: Partner, *, full: bool) -> PartnerRead:
    """The partner as the caller may see it: its contact masked unless ``full``."""
    contact = {field: getattr(partner, column) for field, column in CONTACT_COLUMNS.items()}
    read = PartnerRead(
        id=partner.id,
        platform=PartnerPlatform(partner.platform),
        handle=partner.handle,
        display_name=partner.display_name,
        audience=partner.audience,
        tone_tags=list(partner.tone_tags),
        follower_count=partner.follower_count,
        price_per_post=partner.price_per_post,
        currency=partner.currency,
        contact=(
            PartnerContactRead(**contact, masked=False)
            if any(v is not None for v in contact.values())
            else None
        ),
        notes=partner.notes,
        version=partner.version,
        created_at=partner.created_at,
        updated_at=partner.updated_at,
    )
    return read if full else mask_partner_read(read)


def mask_partner_read(read: PartnerRead) -> PartnerRead:
    """``read`` with its contact masked as a lead's is, for a caller without ``leads:pii``."""
    contact = read.contact
    if contact is None or contact.masked:
        return read
    masked = PartnerContactRead(
        name=mask_name(contact.name) if contact.name else None,
        phone=mask_phone(contact.phone) if contact.phone else None,
        email=mask_email(contact.email) if contact.email else None,
        wechat_id=mask_wechat_id(contact.wechat_id) if contact.wechat_id else None,
        masked=True,
    )
    return read.model_copy(update={"contact": masked})


async def _ensure_handle_free(
    partners: PartnerRepository, platform: str, handle: str, partner_id: uuid.UUID | None = None
) -> None:
    # The unique constraint is the guard; this check turns the usual case into a 409 that
    # names the partner (a race between two creates meets the constraint's generic 409).
    found = await partners.find_by_handle(platform, handle)
    if found is not None and found.id != partner_id:
        raise PartnerHandleTaken(platform, handle, found.id)


async def create_partner(partners: PartnerRepository, data: PartnerCreate) -> Partner:
    await _ensure_handle_free(partners, data.platform, data.handle)
    values = data.model_dump(exclude={"contact"})
    return await partners.add(Partner(**values, **_contact_columns(data.contact)))


async def update_partner(
    partners: PartnerRepository, partner: Partner, data: PartnerUpdate, if_match: str | None
) -> Partner:
    # Under the row lock two writers holding the same version cannot both pass If-Match.
    partner = await partners.get_or_raise(partner.id, PartnerNotFound, lock=True)
    check_if_match(if_match, partner.version)
    changes = data.model_dump(exclude_unset=True, exclude={"contact"})
    if "contact" in data.model_fields_set:
        changes.update(_contact_columns(data.contact))
    platform = changes.get("platform", partner.platform)
    handle = changes.get("handle", partner.handle)
    if (platform, handle) != (partner.platform, partner.handle):
        await _ensure_handle_free(partners, platform, handle, partner.id)
    # Flushed here so the answer (and its ETag) carries the version the change was given.
    return await partners.update(partner, changes)


async def delete_partner(uow: UnitOfWork, partner: Partner) -> None:
    count = await uow.repo(CollaborationRepository).count_of_partner(partner.id)
    if count:
        raise PartnerHasCollaborations(count)
    # A collaboration made meanwhile is refused by the foreign key (a 409), not orphaned.
    await uow.repo(PartnerRepository).delete(partner)


# --- collaborations -------------------------------------------------------------------------


def to_collaboration_read(
    collaboration: Collaboration, tracking_code: str | None = None
) -> CollaborationRead:
    return CollaborationRead(
        id=collaboration.id,
        partner_id=collaboration.partner_id,
        campaign_id=collaboration.campaign_id,
        brief=collaboration.brief,
        agreed_price=collaboration.agreed_price,
        currency=collaboration.currency,
        due_date=collaboration.due_date,
        status=CollaborationStatus(collaboration.status),
        publication_id=collaboration.publication_id,
        tracking_code=collaboration.tracking_code or tracking_code,
        version=collaboration.version,
        created_at=collaboration.created_at,
        updated_at=collaboration.updated_at,
    )


async def _codes_missing(
    codes: TrackingCodes, ctx: RequestContext, collaborations: Sequence[Collaboration]
) -> dict[uuid.UUID, str | None]:
    """The tracking codes content-svc could not tell when the collaborations were written,
    asked again now (all at once); None where it still cannot say."""
    missing = [
        (c.id, c.publication_id)
        for c in collaborations
        if c.publication_id is not None and c.tracking_code is None
    ]
    found = await asyncio.gather(*(codes.of_publication(ctx, p) for _, p in missing))
    return {
        collaboration_id: (answer.tracking_code if isinstance(answer, SourceRead) else None)
        for (collaboration_id, _), answer in zip(missing, found, strict=True)
    }


async def collaboration_reads(
    codes: TrackingCodes, ctx: RequestContext, collaborations: Sequence[Collaboration]
) -> list[CollaborationRead]:
    """The collaborations as read, each with its publication's tracking code."""
    asked = await _codes_missing(codes, ctx, collaborations)
    return [to_collaboration_read(c, asked.get(c.id)) for c in collaborations]


async def read_collaboration(
    codes: TrackingCodes, ctx: RequestContext, collaboration: Collaboration
) -> CollaborationRead:
    return (await collaboration_reads(codes, ctx, [collaboration]))[0]


async def _ensure_publication_free(
    collaborations: CollaborationRepository,
    publication_id: uuid.UUID,
    collaboration_id: uuid.UUID | None = None,
) -> None:
    # The partial unique index is the guard; this check names the collaboration in the usual
    # case (a race between two links meets the index's generic 409).
    found = await collaborations.carrying(publication_id, other_than=collaboration_id)
    if found is not None:
        raise PublicationTaken(publication_id, found.id)


async def create_collaboration(
    uow: UnitOfWork, codes: TrackingCodes, ctx: RequestContext, data: CollaborationCreate
) -> Collaboration:
    partner = await uow.repo(PartnerRepository).get_or_raise(data.partner_id, PartnerNotFound)
    if data.campaign_id is not None:
        await uow.repo(CampaignRepository).get_or_raise(data.campaign_id, CampaignNotFound)
    price = data.agreed_price if data.agreed_price is not None else partner.price_per_post
    if price is None:
        raise AgreedPriceMissing()
    collaborations = uow.repo(CollaborationRepository)
    tracking_code = None
    if data.publication_id is not None:
        await _ensure_publication_free(collaborations, data.publication_id)
        tracking_code = await tracking_code_of(codes, ctx, data.publication_id)
    return await collaborations.add(
        Collaboration(
            partner_id=partner.id,
            campaign_id=data.campaign_id,
            brief=data.brief,
            agreed_price=price,
            currency=data.currency or partner.currency,
            due_date=data.due_date,
            status=CollaborationStatus.PROPOSED,
            publication_id=data.publication_id,
            tracking_code=tracking_code,
        )
    )


async def _lock(
    collaborations: CollaborationRepository, collaboration: Collaboration, if_match: str | None
) -> Collaboration:
    locked = await collaborations.get_or_raise(collaboration.id, CollaborationNotFound, lock=True)
    check_if_match(if_match, locked.version)
    return locked


async def update_collaboration(
    uow: UnitOfWork,
    codes: TrackingCodes,
    ctx: RequestContext,
    collaboration: Collaboration,
    data: CollaborationUpdate,
    if_match: str | None,
) -> Collaboration:
    collaborations = uow.repo(CollaborationRepository)
    collaboration = await _lock(collaborations, collaboration, if_match)
    status = CollaborationStatus(collaboration.status)
    if status in FINAL:
        raise CollaborationFinal(status)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("campaign_id") is not None:
        await uow.repo(CampaignRepository).get_or_raise(changes["campaign_id"], CampaignNotFound)
    if "publication_id" in changes:
        publication_id = changes["publication_id"]
        if publication_id is None:
            if status in COUNTED:
                raise PublicationRequired(status, status)
            changes["tracking_code"] = None
        elif publication_id != collaboration.publication_id:
            await _ensure_publication_free(collaborations, publication_id, collaboration.id)
            changes["tracking_code"] = await tracking_code_of(codes, ctx, publication_id)
    return await collaborations.update(collaboration, changes)


async def transition_collaboration(
    collaborations: CollaborationRepository,
    collaboration: Collaboration,
    target: CollaborationStatus,
    if_match: str | None,
) -> Collaboration:
    collaboration = await _lock(collaborations, collaboration, if_match)
    current = CollaborationStatus(collaboration.status)
    allowed = TRANSITIONS[current]
    if target not in allowed:
        raise IllegalCollaborationTransition(current, target, allowed)
    if target == CollaborationStatus.PUBLISHED and collaboration.publication_id is None:
        raise PublicationRequired(current, target)
    return await collaborations.update(collaboration, {"status": target})


# --- returns --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Window:
    """Whole days ``first_day`` to ``last_day`` in ``zone``: [start, end) as instants."""

    first_day: date
    last_day: date
    zone: ZoneInfo

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time(), self.zone)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last_day + timedelta(days=1), time(), self.zone)


def window_of(
    first_day: date | None,
    last_day: date | None,
    tz: str,
    default_first: Callable[[date], date],
) -> Window:
    """The window the caller named, its ends filled in: ``last_day`` defaults to today in
    ``tz`` (or the last day metrics-svc can report with ``first_day``, when that is sooner),
    ``first_day`` to ``default_first(last_day)``. At most ``MAX_WINDOW_DAYS`` days."""
    zone = ZoneInfo(tz)
    today = datetime.now(zone).date()
    if last_day is None:
        longest = first_day + timedelta(days=MAX_WINDOW_DAYS - 1) if first_day else today
        last_day = min(today, longest)
    if first_day is None:
        first_day = default_first(last_day)
    if first_day > last_day:
        raise WindowInvalid(
            first_day, last_day, "starts after it ends: from must be on or before to"
        )
    if (last_day - first_day).days + 1 > MAX_WINDOW_DAYS:
        raise WindowInvalid(
            first_day, last_day, f"is longer than {MAX_WINDOW_DAYS} days; ask for a year or less"
        )
    window = Window(first_day, last_day, zone)
    # The instants metrics-svc computes with (servicekit.timebounds), whatever the zone.
    if not (instant_in_range(window.start) and instant_in_range(window.end)):
        raise WindowInvalid(
            first_day,
            last_day,
            f"must lie between {EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()} in {tz}",
        )
    return window


def _per(cost: int, count: int) -> int | None:
    """cost / count rounded half up to a whole minor unit; None when count is 0."""
    return None if count == 0 else (2 * cost + count) // (2 * count)


def _numbers(cost: int, brought: Brought) -> dict[str, Any]:
    net = brought.gmv - cost
    return {
        "leads": brought.leads,
        "joins": brought.joins,
        "claims": brought.claims,
        "redemptions": brought.redemptions,
        "gmv": brought.gmv,
        "net_return": net,
        "roi": net / cost if cost else None,
        "cost_per_lead": _per(cost, brought.leads),
    }


def _no_numbers(status: NumbersStatus, reason: str) -> CollaborationNumbers:
    return CollaborationNumbers.model_validate(
        {
            "status": status,
            "reason": reason,
            **dict.fromkeys(_numbers(0, Brought())),
        }
    )


def roi_first_day(collaboration: Collaboration, zone: ZoneInfo) -> date:
    """A collaboration's window starts by default on the earlier of the day it was recorded
    and its due date: a post recorded after it went out is still counted whole."""
    return min(collaboration.created_at.astimezone(zone).date(), collaboration.due_date)


async def collaboration_roi(
    returns: PublicationReturns,
    codes: TrackingCodes,
    ctx: RequestContext,
    collaboration: Collaboration,
    *,
    first_day: date | None,
    last_day: date | None,
    tz: str,
) -> CollaborationRoi:
    if first_day is None:
        first_day = roi_first_day(collaboration, ZoneInfo(tz))
    window = window_of(first_day, last_day, tz, lambda _: first_day)
    read = await read_collaboration(codes, ctx, collaboration)
    cost = collaboration.agreed_price
    publication_id = collaboration.publication_id
    if publication_id is None:
        numbers = _no_numbers(
            NumbersStatus.NO_PUBLICATION,
            "No publication carries this collaboration yet: link the partner's post (PATCH "
            "publication_id) to count what it brings.",
        )
    else:
        outcome = await returns.of(ctx, [publication_id], window.start, window.end)
        if isinstance(outcome, Unavailable):
            numbers = _no_numbers(NumbersStatus.UNAVAILABLE, outcome.reason)
        else:
            numbers = CollaborationNumbers.model_validate(
                {
                    "status": NumbersStatus.AVAILABLE,
                    "reason": None,
                    **_numbers(cost, outcome.value[publication_id]),
                }
            )
    return CollaborationRoi(
        collaboration_id=collaboration.id,
        partner_id=collaboration.partner_id,
        status=read.status,
        publication_id=publication_id,
        tracking_code=read.tracking_code,
        currency=collaboration.currency,
        cost=cost,
        tz=tz,
        window_start=window.start,
        window_end=window.end,
        numbers=numbers,
    )


@dataclass(slots=True)
class _PartnerTally:
    partner: Partner
    collaborations: int = 0
    cost: int = 0
    brought: Brought = field(default_factory=Brought)


def _ranked(tallies: Sequence[_PartnerTally]) -> list[PartnerRank]:
    def base(t: _PartnerTally) -> dict[str, Any]:
        return {
            "partner_id": t.partner.id,
            "platform": t.partner.platform,
            "handle": t.partner.handle,
            "display_name": t.partner.display_name,
            "collaborations": t.collaborations,
            "cost": t.cost,
        }

    rows = [(t, _numbers(t.cost, t.brought)) for t in tallies]
    # ROI first, highest first (a partner that cost nothing has none and comes after), then
    # net return, GMV, and the handle so that ties read the same every time.
    rows.sort(
        key=lambda row: (
            row[1]["roi"] is None,
            -(row[1]["roi"] or 0.0),
            -row[1]["net_return"],
            -row[1]["gmv"],
            row[0].partner.handle,
            row[0].partner.id,
        )
    )
    return [
        PartnerRank.model_validate({"rank": i, **base(t), **numbers})
        for i, (t, numbers) in enumerate(rows, start=1)
    ]


async def partner_ranking(
    collaborations: CollaborationRepository,
    returns: PublicationReturns,
    ctx: RequestContext,
    *,
    first_day: date | None,
    last_day: date | None,
    tz: str,
    currency: str,
    platform: PartnerPlatform | None,
    limit: int,
) -> PartnerRanking:
    window = window_of(
        first_day,
        last_day,
        tz,
        lambda last: last - timedelta(days=RANKING_DEFAULT_DAYS - 1),
    )
    counted = await collaborations.counted_in_window(
        first_day=window.first_day,
        last_day=window.last_day,
        currency=currency,
        platform=platform,
    )
    publications = [c.publication_id for c, _ in counted if c.publication_id is not None]
    outcome = await returns.of(ctx, publications, window.start, window.end)
    tallies: dict[uuid.UUID, _PartnerTally] = {}
    for collaboration, partner in counted:
        tally = tallies.setdefault(partner.id, _PartnerTally(partner))
        tally.collaborations += 1
        tally.cost += collaboration.agreed_price
        if collaboration.publication_id is not None and not isinstance(outcome, Unavailable):
            tally.brought = tally.brought + outcome.value[collaboration.publication_id]
    common: dict[str, Any] = {
        "currency": currency,
        "tz": tz,
        "window_start": window.start,
        "window_end": window.end,
    }
    if isinstance(outcome, Unavailable):
        unranked = sorted(tallies.values(), key=lambda t: (t.partner.handle, t.partner.id))
        items = [
            PartnerRank.model_validate(
                {
                    "rank": None,
                    "partner_id": t.partner.id,
                    "platform": t.partner.platform,
                    "handle": t.partner.handle,
                    "display_name": t.partner.display_name,
                    "collaborations": t.collaborations,
                    "cost": t.cost,
                    **dict.fromkeys(_numbers(0, Brought())),
                }
            )
            for t in unranked[:limit]
        ]
        return PartnerRanking.model_validate(
            {
                **common,
                "status": NumbersStatus.UNAVAILABLE,
                "reason": outcome.reason,
                "items": items,
            }
        )
    ranked = _ranked(list(tallies.values()))
    return PartnerRanking.model_validate(
        {**common, "status": NumbersStatus.AVAILABLE, "reason": None, "items": ranked[:limit]}
    )
