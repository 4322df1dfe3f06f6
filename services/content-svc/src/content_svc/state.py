"""content-svc's lifespan state: servicekit's entries, the metrics-svc insights client
(``insights``) and the WeChat API client (``wechat``), opened as the app starts and closed as
it stops (``with_content_state``, the app's state extension)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import cast

from content_svc.config import Settings
from content_svc.insights import ContentState as InsightsState
from content_svc.insights import with_insights
from content_svc.publishing.egress import webhook_client
from content_svc.wechat.client import WeChatApi
from content_svc.wechat.repository import DatabaseTokenStore
from servicekit.state import ServiceState


class ContentState(InsightsState):
    """Everything a content-svc request finds on its state."""

    wechat: WeChatApi


@asynccontextmanager
async def with_content_state(kit: ServiceState) -> AsyncIterator[ContentState]:
    settings = cast(Settings, kit["settings"])
    # The API address is a workspace user's choice, like a webhook's: the same egress guard.
    http = webhook_client(settings.wechat_timeout_s, allow_private=settings.webhook_allow_private)
    async with with_insights(kit) as state, http:
        api = WeChatApi(
            http, DatabaseTokenStore(kit["database"]), timeout_s=settings.wechat_timeout_s
        )
        yield {**state, "wechat": api}
