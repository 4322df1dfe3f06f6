"""Across the services: every metrics event type a service maps a domain event to is one that
metrics-svc counts. Services share no code, so only a test that imports them all can check it."""

from collections.abc import Collection

import pytest

from campaign_svc import events as campaign_events
from community_svc import events as community_events
from content_svc import events as content_events
from metrics_svc.vocabulary import EventType

# The metrics event type of each of a service's domain events (None: not counted).
MAPPED: dict[str, Collection[str | None]] = {
    "content-svc": content_events.METRICS_EVENT_TYPES.values(),
    "campaign-svc": campaign_events.METRICS_EVENT_TYPES.values(),
    "community-svc": community_events.METRICS_EVENT_TYPES.values(),
}


@pytest.mark.parametrize("service", sorted(MAPPED))
def test_every_mapped_type_is_one_metrics_svc_counts(service: str) -> None:
    mapped = {t for t in MAPPED[service] if t is not None}
    assert mapped, f"{service} maps no domain event to a metrics event type"
    unknown = mapped - {str(t) for t in EventType}
    assert not unknown, f"{service} maps to types metrics-svc does not count: {sorted(unknown)}"
