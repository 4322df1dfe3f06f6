from datetime import datetime

from servicekit.errors import NotFound, Unprocessable
from servicekit.timebounds import out_of_range_message


class MetricNotFound(NotFound):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"No metric {name!r}; GET /v1/metrics lists them: {', '.join(known)}.")


class BadTimeZone(Unprocessable):
    def __init__(self, tz: str) -> None:
        super().__init__(f"tz {tz!r} is not an IANA time zone; use one like Asia/Shanghai or UTC.")


class BadInstant(Unprocessable):
    def __init__(self, name: str, raw: str) -> None:
        super().__init__(
            f"{name} {raw!r} is neither a date (2026-11-01, midnight in tz) nor an RFC 3339 "
            "time with an offset (2026-11-01T00:00:00Z)."
        )


class InstantOutOfRange(Unprocessable):
    def __init__(self, name: str, at: datetime) -> None:
        super().__init__(
            f"{name} is {out_of_range_message(at)}.",
            errors=[
                {
                    "loc": ["query", name],
                    "msg": out_of_range_message(at),
                    "type": "datetime_out_of_range",
                }
            ],
        )


class BadWindow(Unprocessable):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
