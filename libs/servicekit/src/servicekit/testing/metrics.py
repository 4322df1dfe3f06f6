"""Reading a Prometheus text exposition (what ``/metrics`` answers) in tests."""

from __future__ import annotations

import re

_LABEL = re.compile(r'(\w+)="([^"]*)"')


def sample(exposition: str, metric: str, **labels: str) -> float:
    """The value of ``metric`` with exactly ``labels``; 0 before it was first counted."""
    for line in exposition.splitlines():
        name, _, rest = line.partition("{")
        if name != metric:
            continue
        label_text, _, value = rest.rpartition("} ")
        if dict(_LABEL.findall(label_text)) == labels:
            return float(value)
    return 0.0


def requests_total(exposition: str, **labels: str) -> float:
    """``mediaops_http_requests_total`` for exactly ``labels`` (0 before the first request)."""
    return sample(exposition, "mediaops_http_requests_total", **labels)
