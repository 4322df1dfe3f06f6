"""Lead rules: consent required, contacts normalised, one lead per person per campaign, and
contact details masked for callers without ``leads:pii``."""

from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.campaigns.repository import CampaignRepository
from campaign_svc.events import DomainEvent
from campaign_svc.leads.contacts import mask_email, mask_name, mask_phone, mask_wechat_id
from campaign_svc.leads.models import Lead
from campaign_svc.leads.repository import LeadRepository
from campaign_svc.leads.schemas import LeadCreate, LeadRead
from servicekit.unitofwork import UnitOfWork


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


async def capture_lead(uow: UnitOfWork, data: LeadCreate) -> tuple[Lead, bool]:
    """The lead and whether it is new (``False``: the person was already a lead)."""
    await uow.repo(CampaignRepository).get_or_raise(data.campaign_id, CampaignNotFound)
    repo = uow.repo(LeadRepository)
    values = data.model_dump(exclude={"consent"})
    lead_id = await repo.insert_unless_known(values)
    if lead_id is None:
        known = await repo.find_known(data.campaign_id, data.phone, data.email, data.wechat_id)
        assert known is not None  # the conflict that refused the insert is this row
        return known, False
    lead = await repo.get(lead_id)
    assert lead is not None
    # No contact details in the event: metrics need the count, not the person.
    await uow.record(
        DomainEvent.LEAD_CAPTURED,
        {
            "lead_id": str(lead.id),
            "campaign_id": str(lead.campaign_id),
            "channel_id": lead.source_channel_id,
        },
    )
    return lead, True
