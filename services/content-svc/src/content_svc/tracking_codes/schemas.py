import uuid

from pydantic import BaseModel, Field

from content_svc.channels.models import Platform


class TrackingCodeRead(BaseModel):
    """What a tracking code stands for: the publication that carried it, and where."""

    code: str = Field(description="The code as stored: upper case")
    publication_id: uuid.UUID
    channel_id: uuid.UUID
    post_id: uuid.UUID
    platform: Platform
