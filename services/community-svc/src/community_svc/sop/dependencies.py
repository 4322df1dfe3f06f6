import uuid
from typing import Annotated

from fastapi import Depends

from community_svc.dependencies import request_repository
from community_svc.sop.exceptions import RunNotFound, TemplateNotFound
from community_svc.sop.models import SopRun, SopTemplate
from community_svc.sop.repository import SopRunRepository, SopTemplateRepository

TemplateRepoDep = Annotated[SopTemplateRepository, request_repository(SopTemplateRepository)]
RunRepoDep = Annotated[SopRunRepository, request_repository(SopRunRepository)]


async def get_template_or_404(template_id: uuid.UUID, repo: TemplateRepoDep) -> SopTemplate:
    return await repo.get_or_raise(template_id, TemplateNotFound)


async def get_run_or_404(run_id: uuid.UUID, repo: RunRepoDep) -> SopRun:
    return await repo.get_or_raise(run_id, RunNotFound)


TemplateDep = Annotated[SopTemplate, Depends(get_template_or_404)]
RunDep = Annotated[SopRun, Depends(get_run_or_404)]
