"""Each vocabulary is declared once (a StrEnum in its domain's models.py); what cannot take the
enum itself is checked against it here, and the API still speaks the plain words."""

from typing import get_args

import httpx
import pytest

from content_svc.channels.models import Platform, PublisherKind
from content_svc.channels.profiles import LIMIT_FIELDS, PLATFORM_PROFILES
from content_svc.channels.schemas import (
    Limits,
    LimitsOverride,
    ManualPublisherWrite,
    WebhookPublisherWrite,
    WeChatPublisherWrite,
)
from content_svc.events import METRICS_EVENT_TYPES, DomainEvent
from content_svc.publications.service import MEASURED
from content_svc.topics.models import TopicStatus, TopicTarget

CHANNEL = {"platform": "weibo", "name": "品牌微博", "handle": "brand_weibo"}


def test_publisher_union_tags_are_the_publisher_kinds() -> None:
    tags = {
        WebhookPublisherWrite: get_args(WebhookPublisherWrite.model_fields["kind"].annotation),
        ManualPublisherWrite: get_args(ManualPublisherWrite.model_fields["kind"].annotation),
        WeChatPublisherWrite: get_args(WeChatPublisherWrite.model_fields["kind"].annotation),
    }
    assert tags == {
        WebhookPublisherWrite: (PublisherKind.WEBHOOK.value,),
        ManualPublisherWrite: (PublisherKind.MANUAL.value,),
        WeChatPublisherWrite: (PublisherKind.WECHAT_OA.value,),
    }


def test_every_platform_has_a_profile() -> None:
    assert list(PLATFORM_PROFILES) == list(Platform)


def test_limit_schemas_and_measures_name_the_limit_rules() -> None:
    # The rules are declared by profiles.Limits; the API schemas keep them as pydantic fields
    # (their OpenAPI documents each), so they are checked against it here.
    assert tuple(LimitsOverride.model_fields) == LIMIT_FIELDS
    assert tuple(Limits.model_fields) == LIMIT_FIELDS
    assert tuple(MEASURED) == LIMIT_FIELDS


def test_topic_targets_are_topic_statuses_other_than_proposed() -> None:
    assert {TopicStatus(t) for t in TopicTarget} == set(TopicStatus) - {TopicStatus.PROPOSED}


def test_every_domain_event_has_its_metrics_type_declared() -> None:
    assert set(METRICS_EVENT_TYPES) == set(DomainEvent)
    assert METRICS_EVENT_TYPES[DomainEvent.PUBLICATION_PUBLISHED] == "publish"


async def test_an_unknown_platform_is_422_listing_the_platform_words(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post("/v1/channels", json={**CHANNEL, "platform": "myspace"})
    assert r.status_code == 422
    [error] = r.json()["errors"]
    assert error["loc"] == ["body", "platform"]
    words = ", ".join(f"'{p}'" for p in list(Platform)[:-1])
    assert error["msg"] == f"Input should be {words} or '{Platform.OTHER}'"


async def test_an_unknown_publisher_kind_is_422_naming_the_kinds(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post("/v1/channels", json={**CHANNEL, "publisher": {"kind": "pigeon"}})
    assert r.status_code == 422
    [error] = r.json()["errors"]
    assert error["msg"].endswith(
        "does not match any of the expected tags: 'webhook', 'manual', 'wechat_oa'"
    )


@pytest.mark.parametrize(
    ("path", "body", "msg"),
    [
        (
            "/v1/topics/{id}/transitions",
            {"to": "proposed"},
            "Input should be 'accepted', 'rejected' or 'done'",
        ),
        (
            "/v1/posts",
            {"title": "t", "media": [{"url": "https://a.example/x.png", "kind": "gif"}]},
            "Input should be 'image', 'video', 'audio' or 'file'",
        ),
    ],
)
async def test_a_word_outside_a_vocabulary_is_422_listing_the_words(
    client: httpx.AsyncClient, path: str, body: dict[str, object], msg: str
) -> None:
    topic = (await client.post("/v1/topics", json={"title": "选题"})).json()
    r = await client.post(path.format(id=topic["id"]), json=body)
    assert r.status_code == 422
    assert [e["msg"] for e in r.json()["errors"]] == [msg]


async def test_a_status_filter_outside_the_vocabulary_is_422_listing_the_words(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/v1/publications", params={"status": "gone"})
    assert r.status_code == 422
    assert [e["msg"] for e in r.json()["errors"]] == [
        "Input should be 'scheduled', 'publishing', 'published', 'failed' or 'cancelled'"
    ]
