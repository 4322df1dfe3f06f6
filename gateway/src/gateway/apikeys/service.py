"""The rules of API keys: who may give a key which scopes, when it may expire, revocation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import event

from gateway.apikeys import secret
from gateway.apikeys.exceptions import ExpiryNotInFuture, ScopeNotHeld
from gateway.apikeys.models import ApiKey
from gateway.apikeys.repository import ApiKeyRepository
from gateway.apikeys.schemas import ApiKeyCreate
from servicekit.context import RequestContext
from servicekit.unitofwork import UnitOfWork

UNKNOWN_SUBJECT = "unknown"


async def create_api_key(
    uow: UnitOfWork, body: ApiKeyCreate, creator: RequestContext, now: datetime
) -> tuple[ApiKey, str]:
    """The new key's row and the whole key, which is returned once and never stored.

    A key may only be given scopes its creator holds: named in the creator's token, or
    covered by ``admin``, which holds every scope here as everywhere in MediaOps (so an admin
    can make a narrow key for a machine rather than one as strong as itself).
    """
    missing = [(i, scope) for i, scope in enumerate(body.scopes) if not creator.has_scope(scope)]
    if missing:
        raise ScopeNotHeld(missing)
    if body.expires_at is not None and body.expires_at <= now:
        raise ExpiryNotInFuture(body.expires_at)
    made = secret.generate()
    key = ApiKey(
        name=body.name,
        prefix=made.prefix,
        key_hash=made.digest,
        scopes=list(dict.fromkeys(body.scopes)),
        created_by=creator.actor_id or UNKNOWN_SUBJECT,
        expires_at=body.expires_at,
    )
    await uow.repo(ApiKeyRepository).add(key)
    return key, made.key


async def revoke_api_key(
    uow: UnitOfWork,
    key: ApiKey,
    revoker: RequestContext,
    forget: Callable[[str], None],
) -> ApiKey:
    """Revoke ``key`` (revoking it again changes nothing), and have this replica's cache
    ``forget`` it once the revocation is committed.

    After the commit, not before: a check of the key between the two would still read it
    as valid from the database and could cache it again. Forgotten after the commit and
    before the answer is sent, the key fails on this replica for every request that comes
    after the answer (``verifier.ApiKeyVerifier.forget``).
    """
    prefix = key.prefix
    event.listen(uow.session.sync_session, "after_commit", lambda _: forget(prefix), once=True)
    return await uow.repo(ApiKeyRepository).revoke(key, revoker.actor_id or UNKNOWN_SUBJECT)
