"""SOP rules: templates are versioned (an edit is a new immutable version); a run dates its
template version's steps in the group's time zone and assigns them by role; member-anchored steps
are dated when each member joins while the run is active."""

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from community_svc.events import DomainEvent
from community_svc.groups.exceptions import GroupDissolved, GroupNotFound
from community_svc.groups.models import Group
from community_svc.groups.repository import GroupRepository
from community_svc.groups.vocabulary import GroupStage
from community_svc.members.models import Member
from community_svc.members.repository import MemberRepository
from community_svc.members.vocabulary import MemberRole
from community_svc.sop.exceptions import (
    CampaignStartMissing,
    IllegalRunTransition,
    RunNotFound,
    TemplateNotFound,
    TemplateVersionNotFound,
    TooManyLiveRuns,
)
from community_svc.sop.models import SopRun, SopTemplate, SopTemplateVersion
from community_svc.sop.repository import SopRunRepository, SopTemplateRepository
from community_svc.sop.schemas import SopRunCreate, SopStep, SopTemplateCreate, SopTemplateUpdate
from community_svc.sop.vocabulary import OwnerRole, RunAction, RunStatus, StepAnchor
from community_svc.tasks.models import Task
from community_svc.tasks.repository import TaskRepository
from community_svc.tasks.vocabulary import TaskStatus
from servicekit.models import utcnow
from servicekit.unitofwork import UnitOfWork
from servicekit.versioning import check_if_match

# What each run action does: allowed from which statuses, and the status it leads to.
RUN_ACTIONS: dict[RunAction, tuple[tuple[RunStatus, ...], RunStatus]] = {
    RunAction.PAUSE: ((RunStatus.ACTIVE,), RunStatus.PAUSED),
    RunAction.RESUME: ((RunStatus.PAUSED,), RunStatus.ACTIVE),
    RunAction.STOP: ((RunStatus.ACTIVE, RunStatus.PAUSED), RunStatus.STOPPED),
}

# Active or paused runs one group may have; with ``schemas.MAX_STEPS_PER_TEMPLATE`` it bounds the
# tasks one member's join writes (a paused run counts: resuming it needs no new check).
MAX_LIVE_RUNS_PER_GROUP = 10


def due_instant(anchor_day: date, offset_days: int, time_of_day: time, timezone: str) -> datetime:
    """The UTC instant of ``time_of_day`` on day ``anchor_day + offset_days`` in ``timezone``.

    zoneinfo applies the zone's rules for that very date (DST included); a wall-clock time that
    a DST jump skips or repeats resolves as zoneinfo's ``fold=0`` does (the earlier offset).
    """
    local = datetime.combine(
        anchor_day + timedelta(days=offset_days), time_of_day, tzinfo=ZoneInfo(timezone)
    )
    return local.astimezone(UTC)


def local_date(instant: datetime, timezone: str) -> date:
    return instant.astimezone(ZoneInfo(timezone)).date()


# --- templates ------------------------------------------------------------------------------


def _steps_json(steps: Sequence[SopStep]) -> list[dict[str, Any]]:
    return [s.model_dump(mode="json") for s in steps]


async def create_template(
    templates: SopTemplateRepository, data: SopTemplateCreate
) -> tuple[SopTemplate, SopTemplateVersion]:
    template = await templates.add(
        SopTemplate(name=data.name, description=data.description, current_version=1)
    )
    version = await templates.add_version(
        SopTemplateVersion(
            template_id=template.id,
            number=1,
            name=data.name,
            description=data.description,
            steps=_steps_json(data.steps),
        )
    )
    return template, version


async def current_version(
    templates: SopTemplateRepository, template: SopTemplate
) -> SopTemplateVersion:
    version = await templates.get_version(template.id, template.current_version)
    if version is None:  # the version row is written with the template; never absent
        raise TemplateVersionNotFound(template.id, template.current_version, 0)
    return version


async def update_template(
    templates: SopTemplateRepository,
    template: SopTemplate,
    data: SopTemplateUpdate,
    if_match: str | None,
) -> tuple[SopTemplate, SopTemplateVersion]:
    locked = await templates.get_or_raise(template.id, TemplateNotFound, lock=True)
    check_if_match(if_match, locked.current_version)
    latest = await current_version(templates, locked)
    number = locked.current_version + 1
    version = await templates.add_version(
        SopTemplateVersion(
            template_id=locked.id,
            number=number,
            name=data.name if data.name is not None else latest.name,
            description=data.description if data.description is not None else latest.description,
            steps=_steps_json(data.steps) if data.steps is not None else list(latest.steps),
        )
    )
    locked.current_version = number
    locked.name = version.name
    locked.description = version.description
    await templates.flush()
    return locked, version


# --- runs -----------------------------------------------------------------------------------


class RoleAssigner:
    """Who does a step: the group's leader / assistants, or its current members with the role
    (seed, kol); several holders take turns, so the work spreads. None when nobody holds it —
    the task stays unassigned on the to-do list until someone reassigns it."""

    def __init__(self, group: Group, members: MemberRepository) -> None:
        self.group = group
        self.members = members
        self._people: dict[OwnerRole, list[str]] = {}

    async def people(self, role: OwnerRole) -> list[str]:
        if role not in self._people:
            if role == OwnerRole.LEADER and self.group.leader_id:
                found = [self.group.leader_id]
            elif role == OwnerRole.ASSISTANT and self.group.assistant_ids:
                found = list(self.group.assistant_ids)
            else:
                found = await self.members.current_by_role(self.group.id, MemberRole(role))
            self._people[role] = found
        return self._people[role]

    async def assignee(self, role: OwnerRole, turn: int) -> str | None:
        people = await self.people(role)
        return people[turn % len(people)] if people else None


def _task(run: SopRun, index: int, step: SopStep, due_at: datetime, assignee: str | None) -> Task:
    return Task(
        run_id=run.id,
        group_id=run.group_id,
        step_index=index,
        anchor=step.anchor,
        action=step.action,
        title=step.title,
        script=step.script,
        contingency_plan=step.contingency_plan,
        owner_role=step.owner_role,
        assignee=assignee,
        due_at=due_at,
        status=TaskStatus.PENDING,
    )


async def start_run(uow: UnitOfWork, data: SopRunCreate, actor_id: str | None) -> SopRun:
    templates = uow.repo(SopTemplateRepository)
    runs = uow.repo(SopRunRepository)
    # Under the group's lock: a dissolve cannot slip in between the check and the new tasks.
    group = await uow.repo(GroupRepository).get_or_raise(data.group_id, GroupNotFound, lock=True)
    if group.stage == GroupStage.DISSOLVED:
        raise GroupDissolved(group.id, "new SOP runs")
    # Counted under the group's lock, so racing starts cannot pass the cap together.
    if await runs.count_live(group.id) >= MAX_LIVE_RUNS_PER_GROUP:
        raise TooManyLiveRuns(group.id, MAX_LIVE_RUNS_PER_GROUP)
    template = await templates.get_or_raise(data.template_id, TemplateNotFound)
    number = data.template_version or template.current_version
    version = await templates.get_version(template.id, number)
    if version is None:
        raise TemplateVersionNotFound(template.id, number, template.current_version)
    steps = [SopStep.model_validate(s) for s in version.steps]
    if data.campaign_start_date is None and any(
        s.anchor == StepAnchor.CAMPAIGN_START for s in steps
    ):
        raise CampaignStartMissing()

    run = await runs.add(
        SopRun(
            template_id=template.id,
            template_version_id=version.id,
            template_version=version.number,
            group_id=group.id,
            anchor_date=data.anchor_date,
            campaign_start_date=data.campaign_start_date,
            status=RunStatus.ACTIVE,
            started_by=actor_id,
        )
    )
    anchors: dict[StepAnchor, date | None] = {
        StepAnchor.GROUP_CREATED: local_date(group.created_at, group.timezone),
        StepAnchor.CAMPAIGN_START: data.campaign_start_date,
        StepAnchor.CUSTOM: data.anchor_date,
    }
    assigner = RoleAssigner(group, uow.repo(MemberRepository))
    tasks: list[Task] = []
    for index, step in enumerate(steps):
        anchor_day = anchors.get(step.anchor)
        if anchor_day is None:  # member_joined: dated when each member joins
            continue
        due_at = due_instant(anchor_day, step.offset_days, step.time_of_day, group.timezone)
        tasks.append(
            _task(run, index, step, due_at, await assigner.assignee(step.owner_role, index))
        )
    await uow.repo(TaskRepository).add_many(tasks)
    # The group is now a replication of the template: metrics-svc's replication success rate
    # counts it per template_id.
    await uow.record(
        DomainEvent.SOP_RUN_STARTED,
        {
            "actor_id": actor_id,
            "group_id": str(group.id),
            "template_id": str(template.id),
            "template_version": version.number,
            "run_id": str(run.id),
            "anchor_date": data.anchor_date.isoformat(),
        },
        occurred_at=run.created_at,
    )
    return run


async def materialise_member_steps(uow: UnitOfWork, group: Group, member: Member) -> list[Task]:
    """Tasks of every active run's member-anchored steps for one member who just joined."""
    day = local_date(member.joined_at, group.timezone)
    assigner = RoleAssigner(group, uow.repo(MemberRepository))
    tasks: list[Task] = []
    for run, version in await uow.repo(SopRunRepository).active_runs_with_steps(group.id):
        for index, raw in enumerate(version.steps):
            step = SopStep.model_validate(raw)
            if step.anchor != StepAnchor.MEMBER_JOINED:
                continue
            due_at = due_instant(day, step.offset_days, step.time_of_day, group.timezone)
            # Rotate by the group's size so successive newcomers go to different assistants.
            assignee = await assigner.assignee(step.owner_role, group.member_count + index)
            task = _task(run, index, step, due_at, assignee)
            task.member_id = member.id
            tasks.append(task)
    await uow.repo(TaskRepository).add_many(tasks)
    return tasks


async def change_run(
    uow: UnitOfWork, run: SopRun, action: RunAction, actor_id: str | None
) -> SopRun:
    runs = uow.repo(SopRunRepository)
    locked = await runs.get_or_raise(run.id, RunNotFound, lock=True)
    sources, target = RUN_ACTIONS[action]
    if locked.status not in sources:
        allowed = [a for a, (frm, _) in RUN_ACTIONS.items() if locked.status in frm]
        raise IllegalRunTransition(locked.status, action, allowed)
    locked.status = target
    await runs.flush()
    if target == RunStatus.STOPPED:
        await uow.repo(TaskRepository).cancel_open(run_id=locked.id, at=utcnow(), by=actor_id)
    return locked
