"""A webhook may not point at loopback, private, link-local, multicast, reserved, unspecified
or metadata addresses (server-side request forgery): 422 naming publisher.url, on create and on
PATCH, nothing stored."""

import httpx
import pytest

from content_svc.publishing.egress import host_problem

XHS = {"platform": "xiaohongshu", "name": "品牌小红书", "handle": "brand_xhs"}
SECRET = "s" * 32
INTERNAL = [
    "http://169.254.169.254/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://127.0.0.1:8102/v1/channels",
    "http://[::1]/hook",
    "http://0.0.0.0/hook",
    "http://10.0.0.1/hook",
    "http://2130706433/hook",
    "http://0x7f000001/hook",
    "http://127.1:5432/",
    "http://localhost:8100/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://192.168.1.10/hook",
    "http://172.16.0.1/hook",
    "http://100.100.100.200/latest/meta-data/",
    "http://224.0.0.1/hook",
    "http://240.0.0.1/hook",
    "http://[fe80::1]/hook",
    "http://[fd00:ec2::254]/hook",
]


def _refused(r: httpx.Response) -> None:
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["loc"] == ["body", "publisher", "url"]
    assert "publisher.url" in r.json()["detail"]


@pytest.mark.parametrize("url", INTERNAL)
async def test_internal_webhook_addresses_are_refused_on_create(
    client: httpx.AsyncClient, url: str
) -> None:
    publisher = {"kind": "webhook", "url": url, "secret": SECRET}
    _refused(await client.post("/v1/channels", json={**XHS, "publisher": publisher}))
    assert (await client.get("/v1/channels")).json()["items"] == []


@pytest.mark.parametrize("url", INTERNAL)
async def test_internal_webhook_addresses_are_refused_on_patch(
    client: httpx.AsyncClient, url: str
) -> None:
    public = {"kind": "webhook", "url": "https://hooks.example.com/mediaops", "secret": SECRET}
    created = await client.post("/v1/channels", json={**XHS, "publisher": public})
    assert created.status_code == 201, created.text
    channel_id = created.json()["id"]
    r = await client.patch(f"/v1/channels/{channel_id}", json={"publisher": {**public, "url": url}})
    _refused(r)
    after = (await client.get(f"/v1/channels/{channel_id}")).json()
    assert (after["publisher"]["url"], after["version"]) == (public["url"], 1)


def test_odd_ipv4_spellings_are_read_as_a_socket_reads_them() -> None:
    for host in ("2130706433", "0x7f000001", "127.1", "0177.0.0.1", "017700000001"):
        assert host_problem(host) == "127.0.0.1 is a loopback address", host
    assert host_problem("0") == "0.0.0.0 is a unspecified address"
    for public in ("hooks.example.com", "93.184.215.14", "[2606:4700::1111]", "1e100.net"):
        assert host_problem(public) is None, public
