"""campaign-svc's lifespan state: servicekit's, and the clients of the two services it reads
from, content-svc (tracking codes) and metrics-svc (live goals), one pooled client each for the
app's whole life.

servicekit's lifespan has no teardown step for a state extension yet, so the clients' pools close
with the process; their ``aclose`` is what such a step would call."""

from typing import cast

from fastapi import Request

from campaign_svc.campaigns.goals import LiveGoals
from campaign_svc.config import Settings
from campaign_svc.sources.resolver import TrackingCodes
from servicekit.state import ServiceState


class CampaignState(ServiceState):
    tracking_codes: TrackingCodes
    live_goals: LiveGoals


def with_peers(kit: ServiceState) -> CampaignState:
    """The lifespan state with the peers' clients (``create_service_app(extend_state=…)``)."""
    settings = kit["settings"]
    assert isinstance(settings, Settings)
    token = settings.internal_token.get_secret_value()
    return {
        **kit,
        "tracking_codes": TrackingCodes(
            settings.content_url, timeout_s=settings.content_timeout_s, internal_token=token
        ),
        "live_goals": LiveGoals(
            settings.metrics_url, timeout_s=settings.metrics_timeout_s, internal_token=token
        ),
    }


def campaign_state(request: Request) -> CampaignState:
    return cast(CampaignState, request.scope["state"])
