"""The words of a task's status, declared once: the API schema, the CHECK constraint and the
queries take them from here."""

from enum import StrEnum


class TaskStatus(StrEnum):
    """pending → done | skipped | cancelled; overdue is computed on read, never stored."""

    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"
