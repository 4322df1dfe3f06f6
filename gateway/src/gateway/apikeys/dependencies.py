import uuid
from typing import Annotated

from fastapi import Depends, Request

from gateway.apikeys.exceptions import ApiKeyNotFound
from gateway.apikeys.models import ApiKey
from gateway.apikeys.repository import ApiKeyRepository
from gateway.apikeys.verifier import ApiKeyVerifier
from gateway.routes import ADMIN_SCOPE
from servicekit.context import require_scope
from servicekit.unitofwork import UnitOfWorkDep

# Every route: managing a workspace's keys is an admin's job.
ADMIN = [Depends(require_scope(ADMIN_SCOPE))]


async def get_api_key_or_404(key_id: uuid.UUID, uow: UnitOfWorkDep) -> ApiKey:
    return await uow.repo(ApiKeyRepository).get_or_raise(key_id, ApiKeyNotFound)


ApiKeyDep = Annotated[ApiKey, Depends(get_api_key_or_404)]


async def get_verifier(request: Request) -> ApiKeyVerifier:
    """This replica's key checker, whose cache a revocation clears."""
    verifier = request.state.api_keys
    assert isinstance(verifier, ApiKeyVerifier)
    return verifier


VerifierDep = Annotated[ApiKeyVerifier, Depends(get_verifier)]
