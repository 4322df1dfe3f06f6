"""campaign-svc's domain events, declared once: the names its units of work record in the
outbox, and the metrics-svc event type each one becomes when the relay delivers it.

metrics-svc names its types its own way (``coupon_redeem``, not ``coupon.redeemed``); the
mapping is written here, next to the names, so a new event cannot be added without deciding
what metrics makes of it.
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class DomainEvent(StrEnum):
    """What happened in campaign-svc, as stored in ``outbox_event.event_type``."""

    COUPON_CLAIMED = "coupon.claimed"
    COUPON_REDEEMED = "coupon.redeemed"
    COUPON_REDEMPTION_ROLLED_BACK = "coupon.redemption_rolled_back"
    REFERRAL_ACCEPTED = "referral.accepted"
    LEAD_CAPTURED = "lead.captured"


METRICS_EVENT_TYPE: Mapping[DomainEvent, str | None] = MappingProxyType(
    {
        DomainEvent.COUPON_CLAIMED: "coupon_claim",
        DomainEvent.COUPON_REDEEMED: "coupon_redeem",
        # The shop reports the refund itself (a ``refund`` with the order's amount); counting
        # the coupon's rollback as one too would take the amount off GMV twice.
        DomainEvent.COUPON_REDEMPTION_ROLLED_BACK: None,
        DomainEvent.REFERRAL_ACCEPTED: "referral_accept",
        DomainEvent.LEAD_CAPTURED: "lead",
    }
)
"""The metrics-svc event type of each domain event; None: metrics has no counterpart."""
