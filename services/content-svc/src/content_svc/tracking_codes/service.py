"""Resolving a tracking code (publications/codes.py) to the publication that carries it: what
campaign-svc and community-svc ask when a lead, a claim, a join or a purchase brings one."""

from content_svc.publications.codes import normalized
from content_svc.publications.repository import PublicationRepository
from content_svc.tracking_codes.exceptions import TrackingCodeNotFound
from content_svc.tracking_codes.schemas import TrackingCodeRead


async def resolve_tracking_code(publications: PublicationRepository, code: str) -> TrackingCodeRead:
    stored = normalized(code)
    # A string no code can be is unknown too, without asking the database.
    found = None if stored is None else await publications.find_by_tracking_code(stored)
    if found is None:
        raise TrackingCodeNotFound(code)
    publication, platform = found
    return TrackingCodeRead(
        code=publication.tracking_code,
        publication_id=publication.id,
        channel_id=publication.channel_id,
        post_id=publication.post_id,
        platform=platform,
    )
