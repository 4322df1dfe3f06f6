import uuid
from collections.abc import Iterable

from servicekit.errors import Conflict, NotFound, Unprocessable


class TemplateNotFound(NotFound):
    """No SOP template with this id in the caller's workspace."""

    def __init__(self, template_id: uuid.UUID) -> None:
        super().__init__(f"No SOP template {template_id} in this workspace.")


class TemplateVersionNotFound(NotFound):
    """The template has no version with this number."""

    def __init__(self, template_id: uuid.UUID, number: int, newest: int) -> None:
        super().__init__(
            f"SOP template {template_id} has no version {number}; versions run from 1 to {newest}."
        )


class RunNotFound(NotFound):
    """No SOP run with this id in the caller's workspace."""

    def __init__(self, run_id: uuid.UUID) -> None:
        super().__init__(f"No SOP run {run_id} in this workspace.")


class IllegalRunTransition(Conflict):
    """The run's status does not allow this action now (a stopped or cancelled run allows none);
    `allowed` lists the actions it does."""

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
    """The template has `campaign_start` steps and no `campaign_start_date` was sent to date
    them."""

    def __init__(self) -> None:
        super().__init__(
            "this template has campaign_start steps; send campaign_start_date so they can be dated"
        )


class TooManyLiveRuns(Conflict):
    """The group already has the most active or paused SOP runs a group may have (10); stop one
    first."""

    def __init__(self, group_id: uuid.UUID, limit: int) -> None:
        super().__init__(
            f"Group {group_id} already has {limit} active or paused SOP runs, the most a group "
            "may have (each member's join dates every live run's steps); stop a run first.",
            limit=limit,
        )
