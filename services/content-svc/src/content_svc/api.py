from fastapi import APIRouter

from content_svc.channels.router import router as channels_router

routers: list[APIRouter] = [channels_router]
