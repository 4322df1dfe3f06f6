"""campaign-svc's domain events, declared once: the names its units of work record in the
outbox, the metrics-svc event type each one becomes when the relay delivers it, and the payload
each one carries.

metrics-svc names its types its own way (``coupon_redeem``, not ``coupon.redeemed``); the
mapping is written here, next to the names, so a new event cannot be added without deciding
what metrics makes of it. One domain event becomes at most one metrics event, so a redemption,
which metrics counts both as a ``coupon_redeem`` and as a ``purchase``, records two.

Payloads use the names the relay lifts into a metrics event (everything else goes to its
``props``): ``actor_id`` (the customer, invitee or lead as a person: the same id the other
services use for them), ``campaign_id``, ``value`` (money in major units: yuan, not fen) and,
when the write carried a source, ``publication_id``, ``channel_id``, ``post_id`` and
``tracking_code``. A key whose value is unknown is left out rather than sent as null.
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from campaign_svc.sources.schemas import SourceRead


class DomainEvent(StrEnum):
    """What happened in campaign-svc, as stored in ``outbox_event.event_type``."""

    COUPON_CLAIMED = "coupon.claimed"
    COUPON_REDEEMED = "coupon.redeemed"
    # Recorded with each redemption: the order the coupon was applied to was bought.
    ORDER_PURCHASED = "order.purchased"
    COUPON_REDEMPTION_ROLLED_BACK = "coupon.redemption_rolled_back"
    REFERRAL_ACCEPTED = "referral.accepted"
    LEAD_CAPTURED = "lead.captured"


METRICS_EVENT_TYPES: Mapping[DomainEvent, str | None] = MappingProxyType(
    {
        # actor: the customer; value: none (a claim is counted).
        DomainEvent.COUPON_CLAIMED: "coupon_claim",
        # actor: the customer; value: the discount.
        DomainEvent.COUPON_REDEEMED: "coupon_redeem",
        # actor: the customer; value: the order amount; props order_id, currency.
        DomainEvent.ORDER_PURCHASED: "purchase",
        # The order was refunded: campaign-svc reported its purchase, so it reports the refund
        # (value: the order amount), which takes the order off GMV once.
        DomainEvent.COUPON_REDEMPTION_ROLLED_BACK: "refund",
        # actor: the invitee; props.referrer_id: the referrer (as metrics-svc expects).
        DomainEvent.REFERRAL_ACCEPTED: "referral_accept",
        # actor: the customer id the capture carried, else "lead:<lead id>" (no contact details).
        DomainEvent.LEAD_CAPTURED: "lead",
    }
)
"""The metrics-svc event type of each domain event; None: metrics has no counterpart."""


def major_units(minor: int) -> float:
    """Money as metrics-svc sums it: 12345 fen → 123.45 yuan."""
    return minor / 100


def payload(source: SourceRead | None, **fields: Any) -> dict[str, Any]:
    """An event's payload: ``fields`` and the source's ids, without the keys that are None."""
    found = {**fields, **(source.event_keys() if source is not None else {})}
    return {key: value for key, value in found.items() if value is not None}
