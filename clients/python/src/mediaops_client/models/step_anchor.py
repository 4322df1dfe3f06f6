from enum import StrEnum


class StepAnchor(StrEnum):
    CAMPAIGN_START = "campaign_start"
    CUSTOM = "custom"
    GROUP_CREATED = "group_created"
    MEMBER_JOINED = "member_joined"

    def __str__(self) -> str:
        return str(self.value)
