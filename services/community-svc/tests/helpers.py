"""Request builders shared by community-svc's tests."""

from typing import Any

import httpx

PROBLEM_JSON = "application/problem+json"

NEW_GROUP: dict[str, Any] = {
    "name": "宝妈育儿交流群 · 第3期",
    "platform": "wechat_group",
    "kind": "interest",
    "positioning": "0-3 岁宝宝的妈妈互助",
    "audience": "新手妈妈",
    "rules": "不发广告",
    "entry_threshold": "扫码填写问卷",
    "capacity": 500,
    "timezone": "Asia/Shanghai",
    "leader_id": "op-leader",
    "assistant_ids": ["op-assistant-1", "op-assistant-2"],
}


async def create_group(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    r = await client.post("/v1/groups", json={**NEW_GROUP, **overrides})
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def join(
    client: httpx.AsyncClient, group_id: str, external_id: str, **fields: Any
) -> httpx.Response:
    return await client.post(
        f"/v1/groups/{group_id}/members", json={"external_id": external_id, **fields}
    )


def step(title: str, anchor: str, day: int, at: str, **fields: Any) -> dict[str, Any]:
    return {
        "title": title,
        "anchor": anchor,
        "offset_days": day,
        "time_of_day": at,
        "action": fields.pop("action", "message"),
        "owner_role": fields.pop("owner_role", "leader"),
        **fields,
    }


async def create_template(
    client: httpx.AsyncClient, steps: list[dict[str, Any]], name: str = "建群 SOP"
) -> dict[str, Any]:
    r = await client.post("/v1/sop-templates", json={"name": name, "steps": steps})
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def start_run(
    client: httpx.AsyncClient, template_id: str, group_id: str, anchor_date: str, **fields: Any
) -> dict[str, Any]:
    r = await client.post(
        "/v1/sop-runs",
        json={
            "template_id": template_id,
            "group_id": group_id,
            "anchor_date": anchor_date,
            **fields,
        },
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def list_all(client: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {"limit": 200, **params} | ({"cursor": cursor} if cursor else {})
        r = await client.get(path, params=query)
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
