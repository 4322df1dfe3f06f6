from enum import StrEnum


class ApiKeyCreateScopesItem(StrEnum):
    ADMIN = "admin"
    CAMPAIGNREAD = "campaign:read"
    CAMPAIGNWRITE = "campaign:write"
    COMMUNITYREAD = "community:read"
    COMMUNITYWRITE = "community:write"
    CONTENTREAD = "content:read"
    CONTENTWRITE = "content:write"
    LEADSPII = "leads:pii"
    METRICSREAD = "metrics:read"
    METRICSWRITE = "metrics:write"

    def __str__(self) -> str:
        return str(self.value)
