from fastapi import APIRouter

# Domain routers (groups, members, goals, SOP templates, SOP runs, tasks) are added here.
routers: list[APIRouter] = []
