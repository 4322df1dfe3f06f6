"""campaign-svc's lifespan state: servicekit's, and the clients of the two services it reads
from, content-svc (tracking codes) and metrics-svc (live goals, what partners' posts brought),
one ``servicekit.peers.Peer`` each, opened as the app starts and closed as it stops."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import cast

from fastapi import Request

from campaign_svc.campaigns.goals import LiveGoals
from campaign_svc.config import Settings
from campaign_svc.partners.returns import PublicationReturns
from campaign_svc.sources.resolver import TrackingCodes
from servicekit.peers import Peer
from servicekit.state import ServiceState, service_state


class CampaignState(ServiceState):
    tracking_codes: TrackingCodes
    live_goals: LiveGoals
    publication_returns: PublicationReturns


@asynccontextmanager
async def with_peers(kit: ServiceState) -> AsyncIterator[CampaignState]:
    """The lifespan state with the peers' clients (``create_service_app(extend_state=…)``)."""
    settings = kit["settings"]
    assert isinstance(settings, Settings)
    token = settings.internal_token.get_secret_value()
    async with (
        Peer(
            "content-svc",
            settings.content_url,
            internal_token=token,
            timeout_s=settings.content_timeout_s,
        ) as content,
        Peer(
            "metrics-svc",
            settings.metrics_url,
            internal_token=token,
            timeout_s=settings.metrics_timeout_s,
        ) as metrics,
    ):
        yield {
            **kit,
            "tracking_codes": TrackingCodes(content, cache_s=settings.tracking_code_cache_s),
            "live_goals": LiveGoals(
                metrics,
                cache_s=settings.goal_progress_cache_s,
                unavailable_cache_s=settings.goal_unavailable_cache_s,
            ),
            "publication_returns": PublicationReturns(
                metrics,
                cache_s=settings.returns_cache_s,
                unavailable_cache_s=settings.returns_unavailable_cache_s,
            ),
        }


def campaign_state(request: Request) -> CampaignState:
    # The app's lifespan put these entries there (``with_peers``); the kit types the state as
    # its own part only.
    return cast(CampaignState, service_state(request.scope))
