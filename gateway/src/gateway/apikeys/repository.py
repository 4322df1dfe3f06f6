"""Every query of ``api_key``.

``ApiKeyRepository`` is built with the workspace, as every service's repositories are.
``KeyLookup`` is the one exception, and the reason it is a class of its own: an API key is how
the gateway learns the caller's workspace, so the key's row is found by its prefix alone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.apikeys.models import ApiKey
from servicekit.repository import WorkspaceRepository


class ApiKeyRepository(WorkspaceRepository[ApiKey]):
    model = ApiKey

    def list_api_keys(self) -> Select[ApiKey]:
        return self.select()

    async def revoke(self, key: ApiKey, by: str | None) -> ApiKey:
        """Mark ``key`` revoked now, unless it already is (the first revocation is kept)."""
        await self.update_if(
            key.id, ApiKey.revoked_at.is_(None), revoked_at=func.now(), revoked_by=by
        )
        return await self.reload(key)


@dataclass(frozen=True, slots=True)
class KeyRecord:
    """What checking a key needs of its row."""

    id: uuid.UUID
    workspace_id: str
    key_hash: bytes
    scopes: tuple[str, ...]
    expires_at: datetime | None
    revoked_at: datetime | None


class KeyLookup:
    """Finds a key by its prefix, in any workspace, and notes its use."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_prefix(self, prefix: str) -> KeyRecord | None:
        row = (
            await self.session.execute(
                select(
                    ApiKey.id,
                    ApiKey.workspace_id,
                    ApiKey.key_hash,
                    ApiKey.scopes,
                    ApiKey.expires_at,
                    ApiKey.revoked_at,
                ).where(ApiKey.prefix == prefix)
            )
        ).one_or_none()
        if row is None:
            return None
        return KeyRecord(
            row.id,
            row.workspace_id,
            row.key_hash,
            tuple(row.scopes),
            row.expires_at,
            row.revoked_at,
        )

    async def touch(self, key_id: uuid.UUID, every: timedelta) -> bool:
        """Set ``last_used_at`` to now unless it was set less than ``every`` ago (by this
        replica or another): one write per key per interval, whatever the traffic. Whether
        the row changed."""
        stmt = (
            update(ApiKey)
            .where(
                ApiKey.id == key_id,
                or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at < func.now() - every),
            )
            .values(last_used_at=func.now())
            .returning(ApiKey.id)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none() is not None
