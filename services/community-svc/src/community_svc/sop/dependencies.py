import uuid
from typing import Annotated

from fastapi import Depends

from community_svc.sop.exceptions import RunNotFound, TemplateNotFound
from community_svc.sop.models import SopRun, SopTemplate
from community_svc.sop.repository import SopRunRepository, SopTemplateRepository
from servicekit.unitofwork import UnitOfWorkDep


def get_template_repository(uow: UnitOfWorkDep) -> SopTemplateRepository:
    return uow.repo(SopTemplateRepository)


def get_run_repository(uow: UnitOfWorkDep) -> SopRunRepository:
    return uow.repo(SopRunRepository)


TemplateRepoDep = Annotated[SopTemplateRepository, Depends(get_template_repository)]
RunRepoDep = Annotated[SopRunRepository, Depends(get_run_repository)]


async def get_template_or_404(template_id: uuid.UUID, repo: TemplateRepoDep) -> SopTemplate:
    template = await repo.get(template_id)
    if template is None:
        raise TemplateNotFound(template_id)
    return template


async def get_run_or_404(run_id: uuid.UUID, repo: RunRepoDep) -> SopRun:
    run = await repo.get(run_id)
    if run is None:
        raise RunNotFound(run_id)
    return run


TemplateDep = Annotated[SopTemplate, Depends(get_template_or_404)]
RunDep = Annotated[SopRun, Depends(get_run_or_404)]
