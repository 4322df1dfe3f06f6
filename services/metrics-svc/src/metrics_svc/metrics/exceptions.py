from datetime import datetime

from servicekit.errors import NotFound, Unprocessable
from servicekit.timebounds import out_of_range_message


class MetricNotFound(NotFound):
    """No metric of that name in the catalogue; `GET /v1/metrics` lists them (`ctr`, `gmv`,
    …)."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"No metric {name!r}; GET /v1/metrics lists them: {', '.join(known)}.")


class BadTimeZone(Unprocessable):
    """`tz` is not an IANA time zone name (use one like `Asia/Shanghai` or `UTC`)."""

    def __init__(self, tz: str) -> None:
        super().__init__(f"tz {tz!r} is not an IANA time zone; use one like Asia/Shanghai or UTC.")


class BadInstant(Unprocessable):
    """`from` or `to` is neither a date (`2026-11-01`, midnight in `tz`) nor an RFC 3339 time
    with an offset (`2026-11-01T00:00:00Z`)."""

    def __init__(self, name: str, raw: str) -> None:
        super().__init__(
            f"{name} {raw!r} is neither a date (2026-11-01, midnight in tz) nor an RFC 3339 "
            "time with an offset (2026-11-01T00:00:00Z)."
        )


class InstantOutOfRange(Unprocessable):
    """`from` or `to` lies outside 1970-01-01 to 2200-01-01."""

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
    """A query's window cannot be answered (the subclasses say why)."""


class EmptyWindow(BadWindow):
    """`to` is not after `from`: the window holds no time (`to` is exclusive)."""

    def __init__(self, start: datetime, end: datetime) -> None:
        super().__init__(f"to ({end.isoformat()}) must be after from ({start.isoformat()}).")


class WindowTooWide(BadWindow):
    """The window is wider than one answer may cover: narrow it (or, for a series, use a
    longer interval); the detail names the limit."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)


class GroupingNotAvailable(Unprocessable):
    """`group_by=template_id` splits only the metrics counted per SOP template
    (`replication_success_rate`); other metrics group by channel, post, publication, campaign
    or group."""

    def __init__(self, metric: str, group_by: str, per_template: list[str]) -> None:
        super().__init__(
            f"{metric} cannot be grouped by {group_by}: only {', '.join(per_template)} is "
            "counted per SOP template; group it by channel_id, post_id, publication_id, "
            "campaign_id or group_id instead.",
            errors=[
                {
                    "loc": ["query", "group_by"],
                    "msg": "not available for this metric",
                    "type": "group_by",
                }
            ],
        )
