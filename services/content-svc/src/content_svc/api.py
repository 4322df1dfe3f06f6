from fastapi import APIRouter

from content_svc.calendar.router import router as calendar_router
from content_svc.channels.router import router as channels_router
from content_svc.inbox.router import router as inbox_router
from content_svc.posts.router import router as posts_router
from content_svc.publications.router import router as publications_router
from content_svc.topics.router import router as topics_router
from content_svc.tracking_codes.router import router as tracking_codes_router
from content_svc.wechat.router import router as wechat_router

routers: list[APIRouter] = [
    channels_router,
    topics_router,
    posts_router,
    publications_router,
    calendar_router,
    tracking_codes_router,
    inbox_router,
    wechat_router,
]
