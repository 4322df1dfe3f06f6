"""Vocabularies and domain events declared once: the OpenAPI document that refers to the
vocabularies is whole, and every domain event names the metrics type it becomes."""

from collections.abc import Iterator
from typing import Any

import httpx

from community_svc.events import METRICS_EVENT_TYPES, DomainEvent


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


async def test_every_ref_in_the_openapi_document_resolves(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    schemas = document["components"]["schemas"]
    refs = set(_refs(document))
    assert "#/components/schemas/MemberRole" in refs  # the import body's role among them
    prefix = "#/components/schemas/"
    assert {ref for ref in refs if not ref.startswith(prefix)} == set()
    assert {ref for ref in refs if ref[len(prefix) :] not in schemas} == set()


def test_every_domain_event_names_its_metrics_type() -> None:
    assert set(METRICS_EVENT_TYPES) == set(DomainEvent)
    assert METRICS_EVENT_TYPES[DomainEvent.MEMBER_JOINED] == "join_group"
    assert METRICS_EVENT_TYPES[DomainEvent.MEMBER_LEFT] == "leave_group"
