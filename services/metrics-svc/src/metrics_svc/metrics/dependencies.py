from typing import Annotated, Any

from fastapi import Depends, Query

from metrics_svc.metrics.schemas import MetricFilters


def _filter(what: str) -> Any:
    return Query(min_length=1, max_length=64, description=f"Count only events of this {what}.")


def metric_filters(
    channel_id: Annotated[str | None, _filter("content-svc channel")] = None,
    post_id: Annotated[str | None, _filter("content-svc post (on any channel)")] = None,
    publication_id: Annotated[str | None, _filter("content-svc publication")] = None,
    campaign_id: Annotated[str | None, _filter("campaign-svc campaign")] = None,
    group_id: Annotated[str | None, _filter("community-svc group")] = None,
) -> dict[str, str]:
    """A metric route's filter parameters (one per ``Dimension``), as the service takes them:
    only those given."""
    return MetricFilters(
        channel_id=channel_id,
        post_id=post_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        group_id=group_id,
    ).as_dict()


MetricFiltersDep = Annotated[dict[str, str], Depends(metric_filters)]
