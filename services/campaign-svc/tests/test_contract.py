"""The shared service contract (servicekit.testing.contract), checked for campaign-svc."""

from collections.abc import Mapping
from typing import Any, ClassVar

import httpx

from servicekit.testing.contract import ServiceContract
from servicekit.testing.tenancy import Probe

from .coupons.helpers import fixed_batch, running_campaign
from .partners.helpers import PARTNER, collaboration_body

REDEEM = {"customer_id": "c-1", "order_id": "o-2", "order_amount": 15000}


async def _ok(client: httpx.AsyncClient, path: str, body: object) -> dict[str, str]:
    r = await client.post(path, json=body)
    assert r.status_code in (200, 201), r.text
    answer: dict[str, str] = r.json()
    return answer


class TestCampaignContract(ServiceContract):
    guarded_path = "/v1/campaigns"
    routes_taking_ids = 24
    probe_bodies: ClassVar[Mapping[str, Any]] = {
        "PATCH /v1/partners/{partner_id}": {"display_name": "改名"},
        "PATCH /v1/collaborations/{collaboration_id}": {"brief": "改稿"},
        "POST /v1/collaborations/{collaboration_id}/status": {"status": "agreed"},
        "PATCH /v1/campaigns/{campaign_id}": {"name": "改名"},
        "POST /v1/campaigns/{campaign_id}/status": {"status": "paused"},
        "POST /v1/coupon-batches/{batch_id}/claims": {"customer_id": "c-2"},
        "POST /v1/coupons/{code}/redeem": REDEEM,
        "POST /v1/coupons/{code}/redemptions/{redemption_id}/rollback": {"reason": "退款"},
    }

    async def workspace_ids(self, client: httpx.AsyncClient) -> dict[str, str]:
        campaign = (await _ok(client, "/v1/campaigns", running_campaign()))["id"]
        await _ok(client, f"/v1/campaigns/{campaign}/status", {"status": "scheduled"})
        batch = (await _ok(client, "/v1/coupon-batches", fixed_batch(campaign_id=campaign)))["id"]
        code = (await _ok(client, f"/v1/coupon-batches/{batch}/claims", {"customer_id": "c-1"}))[
            "code"
        ]
        redemption = await _ok(client, f"/v1/coupons/{code}/redeem", {**REDEEM, "order_id": "o-1"})
        referral = await _ok(
            client, "/v1/referrals/codes", {"campaign_id": campaign, "participant_id": "alice"}
        )
        partner = (await _ok(client, "/v1/partners", PARTNER))["id"]
        collaboration = await _ok(
            client,
            "/v1/collaborations",
            {**collaboration_body(partner), "campaign_id": campaign},
        )
        export = await client.post(f"/v1/coupon-batches/{batch}/exports")
        assert export.status_code == 202, export.text
        return {
            "job_id": export.json()["id"].removeprefix("campaign-"),
            "campaign_id": campaign,
            "batch_id": batch,
            "code": code,
            "redemption_id": redemption["id"],
            "referral_code": referral["code"],
            "partner_id": partner,
            "collaboration_id": collaboration["id"],
        }

    async def more_tenancy_probes(
        self, theirs: Mapping[str, str], own: Mapping[str, str]
    ) -> list[Probe]:
        campaign = theirs["campaign_id"]

        def rule(campaign: Mapping[str, str], batch: Mapping[str, str]) -> Probe:
            body = {
                "campaign_id": campaign["campaign_id"],
                "invites_required": 1,
                "batch_id": batch["batch_id"],
            }
            return Probe("POST", "/v1/referrals/rules", body)

        lead = {"campaign_id": campaign, "name": "张小明", "phone": "13812345678", "consent": True}
        return [
            Probe("POST", "/v1/coupon-batches", fixed_batch(campaign_id=campaign)),
            Probe("POST", "/v1/referrals/codes", {"campaign_id": campaign, "participant_id": "x"}),
            Probe(
                "POST",
                "/v1/referrals/accept",
                {"code": theirs["referral_code"], "invitee_id": "bob"},
            ),
            Probe("GET", "/v1/referrals/stats", params={"campaign_id": campaign}),
            rule(theirs, theirs),
            rule(own, theirs),
            rule(theirs, own),
            Probe("POST", "/v1/leads", lead),
            Probe("POST", "/v1/collaborations", collaboration_body(theirs["partner_id"])),
            Probe(
                "POST",
                "/v1/collaborations",
                {**collaboration_body(own["partner_id"]), "campaign_id": campaign},
            ),
            Probe(
                "PATCH",
                f"/v1/collaborations/{own['collaboration_id']}",
                {"campaign_id": campaign},
            ),
        ]
