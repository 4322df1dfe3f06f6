import uuid

from servicekit.errors import NotFound, Unprocessable


class TargetNotFound(NotFound):
    def __init__(self, target_id: uuid.UUID) -> None:
        super().__init__(f"No target {target_id} in this workspace.")


class TargetPeriodInvalid(Unprocessable):
    def __init__(self, start: str, end: str) -> None:
        super().__init__(f"period_end ({end}) must be after period_start ({start}).")


class TargetMetricUnknown(Unprocessable):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(
            f"metric {name!r} is not in the catalogue; use one of {', '.join(known)} "
            "(GET /v1/metrics)."
        )
