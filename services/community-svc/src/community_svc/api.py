from fastapi import APIRouter

from community_svc.groups.router import router as groups_router
from community_svc.members.router import (
    group_members_router,
    group_messages_router,
    member_imports_router,
    members_router,
)
from community_svc.sop.router import runs_router, templates_router
from community_svc.tasks.router import router as tasks_router

routers: list[APIRouter] = [
    groups_router,
    group_members_router,
    group_messages_router,
    member_imports_router,
    members_router,
    templates_router,
    runs_router,
    tasks_router,
]
