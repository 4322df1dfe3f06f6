"""Publishers: how a claimed publication reaches its platform.

The webhook publisher POSTs the rendered piece, signed, to the channel's URL; receivers verify
``X-MediaOps-Signature`` and de-duplicate on ``X-MediaOps-Delivery`` (PUBLISHING.md). The WeChat
publisher (``content_svc.wechat.publisher``) drafts and publishes through the channel's
Official Account.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
from pydantic import AnyHttpUrl, TypeAdapter, ValidationError

from content_svc.wechat.client import ApiAccount

SIGNATURE_HEADER = "X-MediaOps-Signature"
DELIVERY_HEADER = "X-MediaOps-Delivery"
_SNIPPET = 300
# The lengths of publication.last_error, .url and .external_id.
MAX_ERROR = 2000
MAX_URL = 2000
MAX_EXTERNAL_ID = 500
_HTTP_URL: TypeAdapter[AnyHttpUrl] = TypeAdapter(AnyHttpUrl)


@dataclass(frozen=True, slots=True)
class Delivery:
    """Everything one attempt needs, read in the claim's transaction so the call holds no lock."""

    publication_id: uuid.UUID
    delivery_id: uuid.UUID
    attempt: int
    workspace_id: str
    post_id: uuid.UUID
    channel_id: uuid.UUID
    platform: str
    handle: str
    url: str
    secret: str = field(repr=False)  # kept out of logs and tracebacks
    title: str
    body: str
    summary: str
    tags: list[str]
    media: list[dict[str, Any]]
    scheduled_at: datetime
    # Which publisher the channel has (channels.models.PublisherKind).
    publisher_kind: str = "webhook"
    # The channel's WeChat Official Account and article cover, for the wechat_oa publisher.
    wechat: ApiAccount | None = None
    thumb_media_id: str | None = None


@dataclass(frozen=True, slots=True)
class Published:
    external_id: str | None
    url: str


class PublishFailed(Exception):
    """The attempt failed; ``str(exc)`` is the readable reason stored as ``last_error``: the
    status and what was wrong, never the receiver's body, which could be anything an internal
    service answered (secrets included) and is shown to every workspace user.

    ``final``: retrying would only repeat it until someone acts (a missing permission, a
    refused draft), so the publication fails now rather than after every attempt."""

    def __init__(self, reason: str, *, final: bool = False) -> None:
        super().__init__(reason)
        self.final = final


def webhook_body(delivery: Delivery) -> bytes:
    """The exact bytes sent and signed (UTF-8 JSON, Chinese kept as is)."""
    document = {
        "delivery_id": str(delivery.delivery_id),
        "publication_id": str(delivery.publication_id),
        "post_id": str(delivery.post_id),
        "channel": {
            "id": str(delivery.channel_id),
            "platform": delivery.platform,
            "handle": delivery.handle,
        },
        "title": delivery.title,
        "body": delivery.body,
        "summary": delivery.summary,
        "tags": delivery.tags,
        "media": delivery.media,
        "scheduled_at": delivery.scheduled_at.isoformat(),
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def sign(secret: str, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256 of body keyed with secret>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def storable(text: str, limit: int) -> str:
    """``text`` as PostgreSQL can store it in a column of ``limit`` characters: without NUL
    (text columns refuse it) and cut to length. Receivers' answers end up here unchecked."""
    text = text.replace("\x00", "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def usable_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL that fits the column unchanged, else None."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL:
        return None
    # The URL parser silently drops or escapes control characters; a URL is stored as given.
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return None
    try:
        _HTTP_URL.validate_python(url)
    except ValidationError:
        return None
    return url


def _snippet(text: str) -> str:
    text = " ".join(text.replace("\x00", "").split())
    return text if len(text) <= _SNIPPET else text[:_SNIPPET] + "…"


class WebhookPublisher:
    """POSTs a delivery to the channel's webhook and reads ``{external_id, url}`` back."""

    def __init__(self, client: httpx.AsyncClient, timeout_s: float) -> None:
        self.client = client
        self.timeout_s = timeout_s

    async def publish(self, delivery: Delivery) -> Published:
        body = webhook_body(delivery)
        headers = {
            "Content-Type": "application/json",
            DELIVERY_HEADER: str(delivery.delivery_id),
            SIGNATURE_HEADER: sign(delivery.secret, body),
        }
        try:
            # httpx's timeout bounds each phase; this bounds the whole call, so an answer
            # trickling in byte by byte cannot outlive the claim's lease.
            async with asyncio.timeout(self.timeout_s):
                response = await self.client.post(delivery.url, content=body, headers=headers)
        except TimeoutError as exc:
            raise PublishFailed(f"webhook timed out after {self.timeout_s:g} s") from exc
        except httpx.TimeoutException as exc:
            raise PublishFailed(f"webhook timed out after {self.timeout_s:g} s") from exc
        except httpx.HTTPError as exc:
            raise PublishFailed(
                f"webhook unreachable: {type(exc).__name__}: {_snippet(str(exc))}"
            ) from exc
        if not response.is_success:
            raise PublishFailed(
                f"webhook answered {response.status_code} ({response.reason_phrase or 'error'})"
            )
        try:
            answer = response.json()
        except ValueError as exc:
            raise PublishFailed(
                f"webhook answered {response.status_code} but not with JSON "
                f'{{"external_id", "url"}}'
            ) from exc
        url = answer.get("url") if isinstance(answer, dict) else None
        if not isinstance(url, str) or not url:
            raise PublishFailed(
                f'webhook answered {response.status_code} without a "url" string in its JSON'
            )
        if usable_url(url) is None:
            raise PublishFailed(
                f"webhook answered an unusable url (an http(s) URL of at most {MAX_URL} "
                "characters is needed)"
            )
        external_id = answer.get("external_id")
        if external_id is not None:
            external_id = storable(str(external_id), MAX_EXTERNAL_ID) or None
        return Published(external_id=external_id, url=url)
