from typing import Annotated

from fastapi import Depends, Request

from campaign_svc.sources.resolver import TrackingCodes
from campaign_svc.state import campaign_state


async def get_tracking_codes(request: Request) -> TrackingCodes:
    return campaign_state(request)["tracking_codes"]


TrackingCodesDep = Annotated[TrackingCodes, Depends(get_tracking_codes)]
