from enum import StrEnum


class DashboardGetDashboardResponse200PublicationsStatus(StrEnum):
    FORBIDDEN = "forbidden"
    OK = "ok"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return str(self.value)
