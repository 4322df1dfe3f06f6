from typing import Annotated

from fastapi import Depends, Request

from community_svc.sources.resolver import TrackingCodes
from community_svc.state import community_state


async def get_tracking_codes(request: Request) -> TrackingCodes:
    return community_state(request)["tracking_codes"]


TrackingCodesDep = Annotated[TrackingCodes, Depends(get_tracking_codes)]
