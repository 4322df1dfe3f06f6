import uuid

from pydantic import BaseModel, ConfigDict, Field

from content_svc.channels.models import Platform
from content_svc.examples import CHANNEL_ID, POST_ID, PUBLICATION_ID, TRACKING_CODE


class TrackingCodeRead(BaseModel):
    """What a tracking code stands for: the publication that carried it, and where."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": TRACKING_CODE,
                    "publication_id": PUBLICATION_ID,
                    "channel_id": CHANNEL_ID,
                    "post_id": POST_ID,
                    "platform": "wechat_oa",
                }
            ]
        }
    )

    code: str = Field(description="The code as stored: upper case")
    publication_id: uuid.UUID = Field(description="The publication that carries the code.")
    channel_id: uuid.UUID = Field(description="The channel it went out on.")
    post_id: uuid.UUID = Field(description="The post it published.")
    platform: Platform = Field(description="The channel's platform.")
