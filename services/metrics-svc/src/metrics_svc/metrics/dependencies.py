from typing import Annotated

from fastapi import Depends

from metrics_svc.metrics.schemas import DimensionId, MetricFilters


def metric_filters(
    channel_id: DimensionId | None = None,
    post_id: DimensionId | None = None,
    publication_id: DimensionId | None = None,
    campaign_id: DimensionId | None = None,
    group_id: DimensionId | None = None,
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
