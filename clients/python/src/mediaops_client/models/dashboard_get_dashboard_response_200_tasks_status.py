from enum import StrEnum


class DashboardGetDashboardResponse200TasksStatus(StrEnum):
    FORBIDDEN = "forbidden"
    OK = "ok"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return str(self.value)
