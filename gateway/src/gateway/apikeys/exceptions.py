import uuid
from collections.abc import Sequence
from datetime import datetime

from servicekit.errors import Forbidden, NotFound, Unprocessable


class ApiKeyNotFound(NotFound):
    def __init__(self, key_id: uuid.UUID) -> None:
        super().__init__(f"No API key {key_id} in this workspace.")


class ScopeNotHeld(Unprocessable):
    def __init__(self, missing: Sequence[tuple[int, str]]) -> None:
        names = ", ".join(f"`{scope}`" for _, scope in missing)
        msg = "a key may only get scopes its creator holds"
        super().__init__(
            f"scopes: your token does not hold {names}; {msg}, so drop them or ask for a token "
            "that has them.",
            errors=[
                {"loc": ["body", "scopes", index], "msg": msg, "type": "scope_not_held"}
                for index, _ in missing
            ],
        )


class ExpiryNotInFuture(Unprocessable):
    def __init__(self, expires_at: datetime) -> None:
        msg = "must be in the future"
        super().__init__(
            f"expires_at {msg} (got {expires_at.isoformat()}); leave it out for a key that "
            "does not expire.",
            errors=[{"loc": ["body", "expires_at"], "msg": msg, "type": "expiry_in_past"}],
        )


class KeysManagedByPeople(Forbidden):
    def __init__(self) -> None:
        super().__init__(
            "API keys cannot create, list or revoke API keys: a leaked key must not be able to "
            "make itself a successor. Use a person's token with the `admin` scope."
        )
