"""Lead rules: consent required, contacts normalised, one lead per person per campaign, and
contact details masked for callers without ``leads:pii``."""

from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.campaigns.repository import CampaignRepository
from campaign_svc.leads.contacts import mask_email, mask_name, mask_phone, mask_wechat_id
from campaign_svc.leads.models import Lead
from campaign_svc.leads.repository import LeadRepository
from campaign_svc.leads.schemas import LeadCreate, LeadRead
from campaign_svc.models import OutboxEvent
from servicekit.outbox import record_event

PII_SCOPE = "leads:pii"


def to_read(lead: Lead, *, full: bool, duplicate: bool = False) -> LeadRead:
    """The lead as the caller may see it: masked unless ``full``."""
    if full:
        contacts = (lead.name, lead.phone, lead.email, lead.wechat_id)
    else:
        contacts = (
            mask_name(lead.name) if lead.name else None,
            mask_phone(lead.phone) if lead.phone else None,
            mask_email(lead.email) if lead.email else None,
            mask_wechat_id(lead.wechat_id) if lead.wechat_id else None,
        )
    name, phone, email, wechat_id = contacts
    return LeadRead(
        id=lead.id,
        campaign_id=lead.campaign_id,
        name=name,
        phone=phone,
        email=email,
        wechat_id=wechat_id,
        source_channel_id=lead.source_channel_id,
        consent_at=lead.consent_at,
        created_at=lead.created_at,
        masked=not full,
        duplicate=duplicate,
    )


async def capture_lead(repo: LeadRepository, data: LeadCreate) -> tuple[Lead, bool]:
    """The lead and whether it is new (``False``: the person was already a lead)."""
    campaigns = CampaignRepository(repo.session, repo.workspace_id)
    if await campaigns.get(data.campaign_id) is None:
        raise CampaignNotFound(data.campaign_id)
    values = data.model_dump(exclude={"consent"})
    lead_id = await repo.insert_unless_known(values)
    if lead_id is None:
        known = await repo.find_known(data.campaign_id, data.phone, data.email, data.wechat_id)
        assert known is not None  # the conflict that refused the insert is this row
        return known, False
    lead = await repo.get(lead_id)
    assert lead is not None
    # No contact details in the event: metrics need the count, not the person.
    await record_event(
        repo.session,
        OutboxEvent,
        repo.workspace_id,
        "lead.captured",
        {
            "lead_id": str(lead.id),
            "campaign_id": str(lead.campaign_id),
            "channel_id": lead.source_channel_id,
        },
    )
    return lead, True
