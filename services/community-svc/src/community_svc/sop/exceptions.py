import uuid
from collections.abc import Iterable

from servicekit.errors import Conflict, NotFound, Unprocessable


class TemplateNotFound(NotFound):
    def __init__(self, template_id: uuid.UUID) -> None:
        super().__init__(f"No SOP template {template_id} in this workspace.")


class TemplateVersionNotFound(NotFound):
    def __init__(self, template_id: uuid.UUID, number: int, newest: int) -> None:
        super().__init__(
            f"SOP template {template_id} has no version {number}; versions run from 1 to {newest}."
        )


class RunNotFound(NotFound):
    def __init__(self, run_id: uuid.UUID) -> None:
        super().__init__(f"No SOP run {run_id} in this workspace.")


class IllegalRunTransition(Conflict):
    def __init__(self, current: str, action: str, allowed: Iterable[str]) -> None:
        # Plain words, whether they come as stored text or as vocabulary members.
        current, action, actions = str(current), str(action), [str(a) for a in allowed]
        names = ", ".join(actions) if actions else "none (the run is over)"
        super().__init__(
            f"A {current} run cannot {action}; allowed actions now: {names}.",
            current_status=current,
            allowed=actions,
        )


class CampaignStartMissing(Unprocessable):
    def __init__(self) -> None:
        super().__init__(
            "this template has campaign_start steps; send campaign_start_date so they can be dated"
        )


class TooManyLiveRuns(Conflict):
    def __init__(self, group_id: uuid.UUID, limit: int) -> None:
        super().__init__(
            f"Group {group_id} already has {limit} active or paused SOP runs, the most a group "
            "may have (each member's join dates every live run's steps); stop a run first.",
            limit=limit,
        )
