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


class EmptyBatch(Unprocessable):
    def __init__(self) -> None:
        super().__init__("The batch is empty; send at least one event.")


class MalformedBatch(BadRequest):
    slug = "malformed-json"

    def __init__(self, reason: str) -> None:
        super().__init__(f"The body is not valid JSON ({reason}); send a JSON array of events.")
