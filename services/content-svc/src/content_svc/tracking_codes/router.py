from typing import Annotated

from fastapi import APIRouter, Path

from content_svc.publications.repository import PublicationRepository
from content_svc.scopes import READ
from content_svc.tracking_codes import service
from content_svc.tracking_codes.schemas import TrackingCodeRead
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/tracking-codes", tags=["tracking-codes"])


@router.get("/{code}", dependencies=READ)
async def get_tracking_code(
    code: Annotated[
        str, Path(max_length=64, description="A publication's tracking code, in any case")
    ],
    uow: UnitOfWorkDep,
) -> TrackingCodeRead:
    """The publication a tracking code stands for (case-insensitive; another workspace's code
    is a 404, as an unknown one)."""
    return await service.resolve_tracking_code(uow.repo(PublicationRepository), code)
