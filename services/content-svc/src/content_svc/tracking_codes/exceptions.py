from servicekit.errors import NotFound


class TrackingCodeNotFound(NotFound):
    """No publication of the caller's workspace carries this tracking code."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"No publication with tracking code {code!r} in this workspace; a tracking code is "
            "8 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ (any case), as shown in the "
            "publication's tracking_code."
        )
