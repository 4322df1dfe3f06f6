"""The scopes metrics-svc's routes ask for, declared once: every router takes its dependency
lists from here rather than spelling a scope itself."""

from enum import StrEnum

from fastapi import Depends

from servicekit.context import require_scope


class Scope(StrEnum):
    READ = "metrics:read"
    WRITE = "metrics:write"


READ = [Depends(require_scope(Scope.READ))]
WRITE = [Depends(require_scope(Scope.WRITE))]
