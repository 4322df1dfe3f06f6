from servicekit.errors import Unprocessable


class UnknownTrackingCode(Unprocessable):
    """`source.tracking_code` is not the code of any publication of this workspace (content-svc
    says so); nothing is stored."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Unknown tracking code {code!r}: no publication of this workspace has it. "
            "Check the code on the post's link or poster.",
            errors=[
                {
                    "loc": ["body", "source", "tracking_code"],
                    "msg": f"unknown tracking code {code!r}",
                    "type": "unknown_tracking_code",
                }
            ],
        )
