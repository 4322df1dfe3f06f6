from servicekit.errors import Unprocessable


class AttributionScopeInvalid(Unprocessable):
    """Give exactly one of `campaign_id` and `group_id`: the report is of one campaign or
    one group."""

    def __init__(self, *, both: bool) -> None:
        said = "both" if both else "neither"
        super().__init__(
            f"Give exactly one of campaign_id and group_id (got {said}): the report is of one "
            "campaign or one group.",
            errors=[
                {
                    "loc": ["query", name],
                    "msg": "exactly one of campaign_id and group_id",
                    "type": "scope",
                }
                for name in ("campaign_id", "group_id")
            ],
        )
