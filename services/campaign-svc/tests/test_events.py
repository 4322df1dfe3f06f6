"""The domain events and what metrics-svc makes of them are declared together, completely."""

from campaign_svc.events import METRICS_EVENT_TYPES, DomainEvent


def test_every_domain_event_declares_its_metrics_type() -> None:
    assert set(METRICS_EVENT_TYPES) == set(DomainEvent)


def test_the_metrics_types_are_the_ones_metrics_svc_counts() -> None:
    # metrics-svc's names (its EVENT_TYPES), which the relay will send: a redemption is a
    # coupon_redeem there, never the outbox's coupon.redeemed.
    assert dict(METRICS_EVENT_TYPES) == {
        "coupon.claimed": "coupon_claim",
        "coupon.redeemed": "coupon_redeem",
        "order.purchased": "purchase",
        "coupon.redemption_rolled_back": "refund",
        "referral.accepted": "referral_accept",
        "lead.captured": "lead",
    }
