from metrics_svc.events.schemas import RejectedEvent
from servicekit.errors import BadRequest, PayloadTooLarge, ServiceUnavailable, Unprocessable


class BatchTooLarge(PayloadTooLarge):
    """The batch holds more than 1,000 events: split it into several requests. Nothing of it
    is stored."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"A batch holds at most {limit:,} events (got {size:,}); split it into several "
            "requests."
        )


class BatchNotAList(Unprocessable):
    """The body is JSON but not an array (an object, a string, …): send `[{…}, {…}]`, even for
    one event."""

    def __init__(self, got: str) -> None:
        super().__init__(
            f"The body must be a JSON array of events (got {got}); send [{{…}}, {{…}}]."
        )


class ItemsNotEvents(Unprocessable):
    """An item of the batch is not a JSON object (a number, a string, null, an array): the
    whole batch is refused, `errors` naming each such index, and nothing is stored.

    Items that are not even objects make the request malformed as a whole: a client sending
    them has the shape of the body wrong, not one event's fields."""

    def __init__(self, indexes: list[int], kinds: list[str]) -> None:
        shown = ", ".join(f"{i} ({k})" for i, k in zip(indexes[:5], kinds[:5], strict=True))
        super().__init__(
            f"Each item of the batch must be a JSON object (an event); not at index {shown}.",
            errors=[
                {"loc": ["body", i], "msg": "Input should be an object", "type": "dict_type"}
                for i in indexes[:20]
            ],
        )


class EmptyBatch(Unprocessable):
    """The batch is an empty array: send at least one event."""

    def __init__(self) -> None:
        super().__init__("The batch is empty; send at least one event.")


class MalformedBatch(BadRequest):
    """The body is not valid JSON (or not UTF-8): nothing is stored."""

    slug = "malformed-json"

    def __init__(self, reason: str) -> None:
        super().__init__(f"The body is not valid JSON ({reason}); send a JSON array of events.")


class NoEventAccepted(Unprocessable):
    """Every event of the batch was refused: the body carries `rejected` as the 200 would
    (index and reasons of each) and `errors` with places such as `["body", 3, "occurred_at"]`.

    The request as a whole did nothing, so it is a 422; a batch with at least one good or
    repeated event answers 200 and lists the bad ones."""

    def __init__(self, rejected: list[RejectedEvent]) -> None:
        first = rejected[0].errors[0]
        where = ".".join(str(p) for p in [rejected[0].index, *first.loc])
        super().__init__(
            f"No event of the batch could be accepted ({len(rejected)} refused); "
            f"the first: {where}: {first.msg}.",
            rejected=[r.model_dump() for r in rejected],
            errors=[
                {"loc": ["body", r.index, *e.loc], "msg": e.msg, "type": e.type}
                for r in rejected[:50]
                for e in r.errors
            ],
        )


class NumbersCatchingUp(ServiceUnavailable):
    """The events acknowledged before this read could not be counted within 10 seconds (a
    long burst of ingestion is still being folded into the numbers, or the database is
    unreachable): retry in a few seconds. A read never answers numbers that miss an
    acknowledged event."""

    def __init__(self) -> None:
        super().__init__(
            "The numbers are being brought up to date and could not be read exactly just "
            "now; retry in a few seconds."
        )
