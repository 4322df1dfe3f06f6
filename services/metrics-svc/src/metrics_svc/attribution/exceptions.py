from servicekit.errors import Unprocessable

SCOPES = ("campaign_id", "group_id", "publication_id")


class AttributionScopeInvalid(Unprocessable):
    """Give exactly one of `campaign_id`, `group_id` and `publication_id`: the report is of
    one campaign, one group, or a set of publications."""

    def __init__(self, given: list[str]) -> None:
        said = " and ".join(given) if given else "none"
        super().__init__(
            f"Give exactly one of campaign_id, group_id and publication_id (got {said}): the "
            "report is of one campaign, one group, or publications (publication_id, repeated).",
            errors=[
                {
                    "loc": ["query", name],
                    "msg": "exactly one of campaign_id, group_id and publication_id",
                    "type": "scope",
                }
                for name in SCOPES
            ],
        )
