import uuid

from servicekit.errors import Conflict, NotFound


class TaskNotFound(NotFound):
    """No task with this id in the caller's workspace."""

    def __init__(self, task_id: uuid.UUID) -> None:
        super().__init__(f"No task {task_id} in this workspace.")


class TaskClosed(Conflict):
    """The task is no longer pending (done, skipped or cancelled): it cannot be completed, skipped
    or reassigned."""

    def __init__(self, task_id: uuid.UUID, status: str, action: str) -> None:
        super().__init__(
            f"Task {task_id} is {status}; only a pending task can be {action}.",
            current_status=status,
            allowed=[],
        )
