import uuid

from servicekit.errors import NotFound, Unprocessable


class UnknownTrackingCode(Unprocessable):
    """`source.tracking_code` is no publication's code in the caller's workspace (content-svc
    says so); nothing is stored."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Unknown tracking code {code!r}: no publication of this workspace carries it; "
            "check the code on the publication, or send explicit publication_id, channel_id "
            "or post_id.",
            errors=[
                {
                    "loc": ["body", "source", "tracking_code"],
                    "msg": f"unknown tracking code {code!r}",
                    "type": "unknown_tracking_code",
                }
            ],
        )


class PublicationNotFound(NotFound):
    """`publication_id` is no publication of the caller's workspace (content-svc says so);
    nothing is stored."""

    def __init__(self, publication_id: uuid.UUID) -> None:
        super().__init__(
            f"No publication {publication_id} in this workspace (content-svc knows none): "
            "record the partner's post as a publication in content-svc first and give its id."
        )
