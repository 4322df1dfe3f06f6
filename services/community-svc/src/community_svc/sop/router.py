import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from community_svc.groups.dependencies import GroupRepoDep, get_group_or_404
from community_svc.groups.exceptions import GroupDissolved, GroupNotFound
from community_svc.scopes import READ, WRITE
from community_svc.sop import service
from community_svc.sop.dependencies import RunDep, RunRepoDep, TemplateDep, TemplateRepoDep
from community_svc.sop.exceptions import (
    CampaignStartMissing,
    IllegalRunTransition,
    TemplateNotFound,
    TemplateVersionNotFound,
    TooManyLiveRuns,
)
from community_svc.sop.models import SopTemplate, SopTemplateVersion
from community_svc.sop.schemas import (
    SopRunCreate,
    SopRunRead,
    SopStep,
    SopTemplateCreate,
    SopTemplateRead,
    SopTemplateUpdate,
    SopTemplateVersionRead,
)
from community_svc.sop.vocabulary import RunAction, RunStatus
from servicekit.apidoc import problems
from servicekit.context import ContextDep
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import UnitOfWorkDep
from servicekit.versioning import etag

templates_router = APIRouter(prefix="/v1/sop-templates", tags=["sop-templates"])
runs_router = APIRouter(prefix="/v1/sop-runs", tags=["sop-runs"])


def _template_read(template: SopTemplate, version: SopTemplateVersion) -> SopTemplateRead:
    return SopTemplateRead(
        id=template.id,
        name=template.name,
        description=template.description,
        current_version=template.current_version,
        steps=[SopStep.model_validate(s) for s in version.steps],
        created_at=template.created_at,
        updated_at=template.updated_at,
    )


@templates_router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def create_template(
    body: SopTemplateCreate, repo: TemplateRepoDep, response: Response
) -> SopTemplateRead:
    """Create an SOP template: a named list of dated steps (day N after an anchor, a time of
    day, an action, a script, an owner role and a contingency plan).

    It starts at version 1; the answer's `ETag` is that version, for a later `If-Match`. A
    template does nothing by itself: `POST /v1/sop-runs` applies it to a group.
    """
    template, version = await service.create_template(repo, body)
    response.headers["ETag"] = etag(template.current_version)
    response.headers["Location"] = f"/v1/sop-templates/{template.id}"
    return _template_read(template, version)


@templates_router.get("", dependencies=READ)
async def list_templates(repo: TemplateRepoDep, page: PageDep) -> Page[SopTemplateRead]:
    """The workspace's SOP templates, oldest first, each as its newest version."""
    rows, next_cursor = await repo.paginate(repo.list_templates(), page)
    items = [_template_read(t, await service.current_version(repo, t)) for t in rows]
    return Page(items=items, next_cursor=next_cursor)


@templates_router.get("/{template_id}", dependencies=READ)
async def get_template(
    template: TemplateDep, repo: TemplateRepoDep, response: Response
) -> SopTemplateRead:
    """One SOP template as its newest version; the `ETag` header is that version's number."""
    response.headers["ETag"] = etag(template.current_version)
    return _template_read(template, await service.current_version(repo, template))


@templates_router.patch("/{template_id}", dependencies=WRITE)
async def update_template(
    template: TemplateDep,
    body: SopTemplateUpdate,
    repo: TemplateRepoDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> SopTemplateRead:
    """Every edit makes a new version; runs already started keep theirs.

    The fields omitted are copied from the newest version. With `If-Match: "<version>"` the edit
    applies only if that is still the newest version (412 otherwise).
    """
    template, version = await service.update_template(repo, template, body, if_match)
    response.headers["ETag"] = etag(template.current_version)
    return _template_read(template, version)


@templates_router.get("/{template_id}/versions", dependencies=READ)
async def list_template_versions(
    template: TemplateDep, repo: TemplateRepoDep
) -> list[SopTemplateVersionRead]:
    """Every version of the template, oldest first, each with its steps."""
    versions = await repo.list_versions(template.id)
    return [SopTemplateVersionRead.model_validate(v) for v in versions]


@templates_router.get(
    "/{template_id}/versions/{number}",
    dependencies=READ,
    responses=problems(TemplateVersionNotFound),
)
async def get_template_version(
    template: TemplateDep, number: int, repo: TemplateRepoDep
) -> SopTemplateVersionRead:
    """One version of the template (1 is the first), as runs started from it use it."""
    version = await repo.get_version(template.id, number)
    if version is None:
        raise TemplateVersionNotFound(template.id, number, template.current_version)
    return SopTemplateVersionRead.model_validate(version)


@runs_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(
        GroupNotFound,
        TemplateNotFound,
        TemplateVersionNotFound,
        GroupDissolved,
        TooManyLiveRuns,
        CampaignStartMissing,
    ),
)
async def start_run(
    body: SopRunCreate, uow: UnitOfWorkDep, ctx: ContextDep, response: Response
) -> SopRunRead:
    """Apply a template version to a group: its dated steps become tasks at once.

    Each step not anchored on `member_joined` becomes a pending task due at its `time_of_day`
    on its anchor's date plus `offset_days`, in the group's time zone (stored in UTC), assigned
    by its `owner_role` to the group's leader, its assistants in turn, or its current seed or
    KOL members in turn (unassigned when nobody holds the role). While the run is active, each
    member who joins gets a task per `member_joined` step. A group has at most 10 active or
    paused runs. A `sop_run.started` event naming the template goes to metrics-svc: the group
    now counts as a replication of the template (复制成功率).
    """
    run = await service.start_run(uow, body, ctx.actor_id)
    response.headers["Location"] = f"/v1/sop-runs/{run.id}"
    return SopRunRead.model_validate(run)


@runs_router.get("", dependencies=READ, responses=problems(GroupNotFound))
async def list_runs(
    repo: RunRepoDep,
    groups: GroupRepoDep,
    page: PageDep,
    group_id: Annotated[
        uuid.UUID | None, Query(description="Only this group's runs (404 if no such group).")
    ] = None,
    template_id: Annotated[
        uuid.UUID | None, Query(description="Only runs of this template.")
    ] = None,
    status: Annotated[RunStatus | None, Query(description="Only runs in this status.")] = None,
) -> Page[SopRunRead]:
    """The workspace's SOP runs, oldest first, filtered by group, template or status."""
    if group_id is not None:
        await get_group_or_404(group_id, groups)  # another workspace's group: 404, not []
    stmt = repo.list_runs(group_id=group_id, template_id=template_id, status=status)
    rows, next_cursor = await repo.paginate(stmt, page)
    return Page(items=[SopRunRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@runs_router.get("/{run_id}", dependencies=READ)
async def get_run(run: RunDep) -> SopRunRead:
    """One SOP run; its tasks are listed by `GET /v1/tasks?run_id=`."""
    return SopRunRead.model_validate(run)


@runs_router.post("/{run_id}/pause", dependencies=WRITE, responses=problems(IllegalRunTransition))
async def pause_run(run: RunDep, uow: UnitOfWorkDep, ctx: ContextDep) -> SopRunRead:
    """Stop materialising member-anchored tasks until resumed; existing tasks stay open.

    Only an active run can be paused (409 otherwise, naming the actions allowed now).
    """
    run = await service.change_run(uow, run, RunAction.PAUSE, ctx.actor_id)
    return SopRunRead.model_validate(run)


@runs_router.post("/{run_id}/resume", dependencies=WRITE, responses=problems(IllegalRunTransition))
async def resume_run(run: RunDep, uow: UnitOfWorkDep, ctx: ContextDep) -> SopRunRead:
    """Make a paused run active again: members who join from now on get their
    `member_joined` tasks (those who joined while it was paused get none).

    Only a paused run can be resumed (409 otherwise, naming the actions allowed now).
    """
    run = await service.change_run(uow, run, RunAction.RESUME, ctx.actor_id)
    return SopRunRead.model_validate(run)


@runs_router.post("/{run_id}/stop", dependencies=WRITE, responses=problems(IllegalRunTransition))
async def stop_run(run: RunDep, uow: UnitOfWorkDep, ctx: ContextDep) -> SopRunRead:
    """End the run for good and cancel its open tasks.

    An active or paused run can be stopped; a stopped or cancelled one allows no action (409).
    Done and skipped tasks stay as they are.
    """
    run = await service.change_run(uow, run, RunAction.STOP, ctx.actor_id)
    return SopRunRead.model_validate(run)
