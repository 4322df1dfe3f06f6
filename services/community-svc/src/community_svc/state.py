"""community-svc's lifespan state: servicekit's, and the clients of the services it reads
(content-svc's tracking codes, metrics-svc's goal progress) with their caches, one of each per
running app (no module globals)."""

from typing import Annotated, cast

from fastapi import Depends, Request

from community_svc.config import Settings
from community_svc.groups.goals import GoalProgress
from community_svc.sources import TrackingCodes
from servicekit.state import ServiceState, StateExtension, service_state


class CommunityState(ServiceState):
    tracking_codes: TrackingCodes
    goal_progress: GoalProgress


def extend_state(settings: Settings) -> StateExtension:
    """The ``extend_state`` of community's app: adds its clients to the kit's state."""

    def extend(kit: ServiceState) -> CommunityState:
        return {
            **kit,
            "tracking_codes": TrackingCodes(settings),
            "goal_progress": GoalProgress(settings),
        }

    return extend


def community_state(request: Request) -> CommunityState:
    # The app's lifespan put these entries there (``extend_state``); the kit types the state
    # as its own part only.
    return cast(CommunityState, service_state(request.scope))


def get_tracking_codes(request: Request) -> TrackingCodes:
    return community_state(request)["tracking_codes"]


def get_goal_progress(request: Request) -> GoalProgress:
    return community_state(request)["goal_progress"]


TrackingCodesDep = Annotated[TrackingCodes, Depends(get_tracking_codes)]
GoalProgressDep = Annotated[GoalProgress, Depends(get_goal_progress)]
