import uuid
from collections.abc import Iterable

from servicekit.errors import Conflict, NotFound


class GroupNotFound(NotFound):
    """No group with this id in the caller's workspace."""

    def __init__(self, group_id: uuid.UUID) -> None:
        super().__init__(f"No group {group_id} in this workspace.")


class GoalNotFound(NotFound):
    """The group has no goal with this id."""

    def __init__(self, goal_id: uuid.UUID) -> None:
        super().__init__(f"No goal {goal_id} in this group.")


class IllegalStageTransition(Conflict):
    """The group cannot move to that stage from its current one; `allowed` lists the stages it
    can move to."""

    def __init__(self, current: str, requested: str, allowed: Iterable[str]) -> None:
        # Plain words, whether they come as stored text or as GroupStage members.
        current, requested, stages = str(current), str(requested), [str(s) for s in allowed]
        names = ", ".join(stages) if stages else "none (the group is dissolved for good)"
        super().__init__(
            f"A group in stage {current!r} cannot move to {requested!r}; allowed next stages: "
            f"{names}.",
            current_stage=current,
            allowed=stages,
        )


class GroupDissolved(Conflict):
    """The group is dissolved: it takes no more edits, joins, imports, messages, goals or SOP
    runs (its history stays readable)."""

    def __init__(self, group_id: uuid.UUID, what: str) -> None:
        super().__init__(
            f"Group {group_id} is dissolved; it no longer accepts {what}. "
            "Its members and history stay readable."
        )


class CapacityBelowMembers(Conflict):
    """The new capacity is below the group's current member count."""

    def __init__(self, capacity: int, member_count: int) -> None:
        super().__init__(
            f"capacity {capacity} is below the group's {member_count} current members; "
            f"choose at least {member_count} or remove members first."
        )


class GoalAlreadyReached(Conflict):
    """The goal was marked reached already (`reached_at` says when); it is marked once."""

    def __init__(self, goal_id: uuid.UUID) -> None:
        super().__init__(f"Goal {goal_id} was marked reached already; it is marked once.")
