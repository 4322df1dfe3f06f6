from enum import StrEnum


class GroupBy(StrEnum):
    CAMPAIGN_ID = "campaign_id"
    CHANNEL_ID = "channel_id"
    GROUP_ID = "group_id"
    POST_ID = "post_id"
    PUBLICATION_ID = "publication_id"
    TEMPLATE_ID = "template_id"

    def __str__(self) -> str:
        return str(self.value)
