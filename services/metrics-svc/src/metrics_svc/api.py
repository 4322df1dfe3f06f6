from fastapi import APIRouter

# Domain routers (events, metrics, funnels, retention, targets, insights) are added here.
routers: list[APIRouter] = []
