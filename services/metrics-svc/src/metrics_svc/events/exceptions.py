from metrics_svc.events.schemas import RejectedEvent
from servicekit.errors import BadRequest, PayloadTooLarge, Unprocessable


class BatchTooLarge(PayloadTooLarge):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"A batch holds at most {limit:,} events (got {size:,}); split it into several "
            "requests."
        )


class BatchNotAList(Unprocessable):
    def __init__(self, got: str) -> None:
        super().__init__(
            f"The body must be a JSON array of events (got {got}); send [{{…}}, {{…}}]."
        )


class ItemsNotEvents(Unprocessable):
    """Items that are not even JSON objects make the request malformed as a whole: a client
    sending them has the shape of the body wrong, not one event's fields."""

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
    def __init__(self) -> None:
        super().__init__("The batch is empty; send at least one event.")


class MalformedBatch(BadRequest):
    slug = "malformed-json"

    def __init__(self, reason: str) -> None:
        super().__init__(f"The body is not valid JSON ({reason}); send a JSON array of events.")


class NoEventAccepted(Unprocessable):
    """Every item of the batch was refused: the request as a whole did nothing, so it is a
    422 (a batch with at least one good or repeated event answers 200 and lists the bad ones).
    ``rejected`` keeps the 200's shape; ``errors`` names each place as ``body.<index>.<field>``."""

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
