"""CSV exports never hand a spreadsheet a formula: a cell that starts with =, +, -, @, tab or
carriage return comes out with a leading single quote (OWASP's rule)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import httpx

from servicekit.csvexport import FORMULA_TRIGGERS

from .coupons.helpers import claim, create_batch
from .leads.test_router import PII, lead, new_campaign

HOSTILE = [
    '=HYPERLINK("http://attacker.invalid","x")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+2",  # the API strips surrounding whitespace: stored as "=1+2"
    "\r=1+3",
]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


async def test_lead_export_neutralises_formula_cells(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    client = client_for(scopes=PII)
    campaign_id = await new_campaign(client)
    for i, name in enumerate(HOSTILE):
        body = lead(campaign_id, name=name, phone=None, email=f"x{i}@example.com")
        body.update(wechat_id=None, source_channel_id=name[:1] + "ch")
        r = await client.post("/v1/leads", json=body)
        assert r.status_code == 201, r.text
    r = await client.get("/v1/leads/export.csv", params={"campaign_id": campaign_id})
    assert r.status_code == 200
    rows = _rows(r.text)
    for row in rows:
        for column in ("name", "source_channel_id"):
            assert row[column].startswith("'"), (column, row[column])
            assert not row[column].startswith(FORMULA_TRIGGERS)
    # The API answers the data as stored; only the export is made safe for spreadsheets.
    listed = (await client.get("/v1/leads", params={"campaign_id": campaign_id})).json()
    stored = sorted(x["name"] for x in listed["items"])
    assert stored == sorted(name.strip() for name in HOSTILE)
    assert sorted(row["name"] for row in rows) == ["'" + name for name in stored]


async def test_codes_export_neutralises_customer_ids(client: httpx.AsyncClient) -> None:
    batch = await create_batch(client, total_quantity=len(HOSTILE) + 1, per_customer_limit=1)
    for customer in HOSTILE:
        r = await claim(client, batch["id"], customer)
        assert r.status_code == 201, r.text
    r = await client.get(f"/v1/coupon-batches/{batch['id']}/codes.csv")
    assert r.status_code == 200
    claimed = [row["customer_id"] for row in _rows(r.text) if row["status"] == "claimed"]
    assert sorted(claimed) == sorted("'" + customer.strip() for customer in HOSTILE)
