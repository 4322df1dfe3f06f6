import uuid

from servicekit.errors import NotFound, Unprocessable


class TargetNotFound(NotFound):
    """No target with this id in the caller's workspace."""

    def __init__(self, target_id: uuid.UUID) -> None:
        super().__init__(f"No target {target_id} in this workspace.")


class TargetPeriodInvalid(Unprocessable):
    """`period_end` is not after `period_start` (after the change, for a PATCH); nothing is
    stored."""

    def __init__(self, start: str, end: str) -> None:
        super().__init__(f"period_end ({end}) must be after period_start ({start}).")


class TargetMetricUnknown(Unprocessable):
    """`metric` is not in the catalogue (`GET /v1/metrics` lists them)."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(
            f"metric {name!r} is not in the catalogue; use one of {', '.join(known)} "
            "(GET /v1/metrics)."
        )
