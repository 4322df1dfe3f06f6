"""Lead rules: consent required, contacts normalised, one lead per person per campaign, and
contact details masked for callers without ``leads:pii``."""

from collections.abc import AsyncIterable, AsyncIterator

from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.campaigns.repository import CampaignRepository
from campaign_svc.events import DomainEvent, payload
from campaign_svc.leads.contacts import mask_email, mask_name, mask_phone, mask_wechat_id
from campaign_svc.leads.models import Lead
from campaign_svc.leads.repository import LeadRepository
from campaign_svc.leads.schemas import LeadCreate, LeadRead
from campaign_svc.sources.schemas import SourceRead, source_of
from servicekit.unitofwork import UnitOfWork

# The columns of the leads CSV: the lead as the caller may see it, then when it consented and
# was captured.
SHOWN_COLUMNS = ("id", "campaign_id", "name", "phone", "email", "wechat_id", "source_channel_id")
EXPORT_COLUMNS = (*SHOWN_COLUMNS, "consent_at", "created_at")


async def export_rows(leads: AsyncIterable[Lead], *, full: bool) -> AsyncIterator[list[str | None]]:
    """Each lead as a CSV row (``EXPORT_COLUMNS``), masked unless ``full``."""
    async for lead in leads:
        shown = to_read(lead, full=full).model_dump()
        yield [
            *(None if shown[c] is None else str(shown[c]) for c in SHOWN_COLUMNS),
            lead.consent_at.isoformat(),
            lead.created_at.isoformat(),
        ]


def to_read(lead: Lead, *, full: bool, duplicate: bool = False) -> LeadRead:
    """The lead as the caller may see it: masked unless ``full``."""
    read = LeadRead(
        id=lead.id,
        campaign_id=lead.campaign_id,
        name=lead.name,
        phone=lead.phone,
        email=lead.email,
        wechat_id=lead.wechat_id,
        source_channel_id=lead.source_channel_id,
        source=source_of(lead.source),
        customer_id=lead.customer_id,
        consent_at=lead.consent_at,
        created_at=lead.created_at,
        masked=False,
        duplicate=duplicate,
    )
    return read if full else mask_read(read)


def mask_read(read: LeadRead) -> LeadRead:
    """``read`` with its contact details masked, for a caller without ``leads:pii``."""
    if read.masked:
        return read
    return read.model_copy(
        update={
            "name": mask_name(read.name) if read.name else None,
            "phone": mask_phone(read.phone) if read.phone else None,
            "email": mask_email(read.email) if read.email else None,
            "wechat_id": mask_wechat_id(read.wechat_id) if read.wechat_id else None,
            "masked": True,
        }
    )


async def capture_lead(
    uow: UnitOfWork, data: LeadCreate, source: SourceRead | None
) -> tuple[Lead, bool]:
    """The lead and whether it is new (``False``: the person was already a lead). ``source``:
    the request's, resolved (the older ``source_channel_id`` alone stands for a channel)."""
    await uow.repo(CampaignRepository).get_or_raise(data.campaign_id, CampaignNotFound)
    if source is None and data.source_channel_id is not None:
        source = SourceRead(channel_id=data.source_channel_id)
    repo = uow.repo(LeadRepository)
    values = data.model_dump(exclude={"consent", "source", "source_channel_id"})
    values["source"] = source.fields() if source is not None else None
    values["source_channel_id"] = source.channel_id if source is not None else None
    lead_id = await repo.insert_unless_known(values)
    if lead_id is None:
        known = await repo.find_known(data.campaign_id, data.phone, data.email, data.wechat_id)
        assert known is not None  # the conflict that refused the insert is this row
        return known, False
    lead = await repo.get(lead_id)
    assert lead is not None
    # No contact details in the event: metrics need the count, not the person. The actor is a
    # stable id of the person that says nothing about them.
    await uow.record(
        DomainEvent.LEAD_CAPTURED,
        payload(
            source,
            actor_id=lead.customer_id or f"lead:{lead.id}",
            campaign_id=str(lead.campaign_id),
            lead_id=str(lead.id),
        ),
    )
    return lead, True
