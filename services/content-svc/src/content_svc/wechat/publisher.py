"""The ``wechat_oa`` publisher: a publication becomes an article of the channel's Official
Account through the draft → publish API.

1. ``draft/add`` with the article (title, digest = the summary, content = the body's Markdown
   as HTML, the channel's cover ``thumb_media_id``) → ``media_id``;
2. ``freepublish/submit`` with it → ``publish_id`` (publishing is a job on the platform's
   side: review, then the article goes out);
3. ``freepublish/get`` until ``publish_status`` is 0 (published: the article's URL and id
   become the publication's ``url`` and ``external_id``) or a failure status.

Each step's result is stored as soon as it is known (``wechat_publish``), so a later attempt
of the same publication resumes where this one stopped: a job still running when the attempt's
time is up (``CONTENT_WECHAT_PUBLISH_WAIT_S``) is looked at again, never submitted twice; a
draft whose submission failed for a passing reason is submitted again, not drafted again (unless
the piece changed meanwhile). A refusal that only a person can fix (a draft the platform will
not publish, a missing permission) fails the publication at once and forgets the progress, so a
manual retry starts from a new draft. The one window left is a crash between the platform
accepting ``freepublish/submit`` and its ``publish_id`` being stored: the next attempt would
submit the same draft again (PUBLISHING.md, "The WeChat publisher").
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt

from content_svc.publishing.publishers import (
    MAX_EXTERNAL_ID,
    Delivery,
    Published,
    PublishFailed,
    storable,
    usable_url,
)
from content_svc.wechat.client import ApiAccount, WeChatApi, WeChatError, WeChatUnreachable
from content_svc.wechat.errors import PUBLISH_IN_PROGRESS, PUBLISH_SUCCEEDED, publish_failure
from content_svc.wechat.repository import Progress, PublishProgress

# CommonMark, as the posts are written; raw HTML in a body passes through (the platform keeps
# what its editor allows and drops the rest, scripts included).
_MARKDOWN = MarkdownIt("commonmark")


def article_of(delivery: Delivery, thumb_media_id: str) -> dict[str, Any]:
    """The ``draft/add`` article of a delivery."""
    article: dict[str, Any] = {
        "title": delivery.title,
        "content": _MARKDOWN.render(delivery.body),
        "thumb_media_id": thumb_media_id,
        "need_open_comment": 0,
        "only_fans_can_comment": 0,
    }
    if delivery.summary:
        article["digest"] = delivery.summary
    return article


def content_hash(article: dict[str, Any]) -> str:
    text = json.dumps(article, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _text(answer: dict[str, Any], key: str, api: str) -> str:
    value = answer.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value or len(value) > 200:
        raise WeChatUnreachable(f"WeChat {api} answered without a usable {key}")
    return value


@dataclass
class _Attempt:
    publish_id: str | None = None


class WeChatPublisher:
    """Publishes deliveries of ``wechat_oa`` channels (see the module's docstring)."""

    def __init__(
        self,
        api: WeChatApi,
        progress: PublishProgress,
        *,
        attempt_s: float,
        poll_interval_s: float,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.api = api
        self.progress = progress
        self.attempt_s = attempt_s
        self.poll_interval_s = poll_interval_s
        self._sleep = sleep

    async def publish(self, delivery: Delivery) -> Published:
        account = delivery.wechat
        if account is None:
            raise PublishFailed(
                "the channel has no WeChat account; set the channel's `wechat` (app_id, "
                "app_secret, callback_token), then retry",
                final=True,
            )
        if not delivery.thumb_media_id:
            raise PublishFailed(
                "the channel has no cover for its articles; upload an image as permanent "
                "material (素材管理) of the account and set the channel's "
                "wechat.thumb_media_id to its media_id, then retry",
                final=True,
            )
        if not delivery.body.strip():
            raise PublishFailed(
                "the piece has no body and WeChat publishes no empty article; write the post's "
                "body (or give the publication a body_override), then retry",
                final=True,
            )
        attempt = _Attempt()
        try:
            async with asyncio.timeout(self.attempt_s):
                return await self._publish(delivery, account, delivery.thumb_media_id, attempt)
        except TimeoutError as exc:
            job = f"publish job {attempt.publish_id}" if attempt.publish_id else "no job yet"
            raise PublishFailed(
                f"WeChat had not finished publishing after {self.attempt_s:g} s ({job}); "
                "the next attempt looks again and does not publish twice"
            ) from exc
        except WeChatError as exc:
            raise PublishFailed(str(exc), final=exc.final) from exc

    async def _publish(
        self, delivery: Delivery, account: ApiAccount, thumb_media_id: str, attempt: _Attempt
    ) -> Published:
        publication_id = delivery.publication_id
        article = article_of(delivery, thumb_media_id)
        digest = content_hash(article)
        progress = await self.progress.load(publication_id)
        if progress is not None and progress.content_hash != digest and not progress.publish_id:
            progress = None  # the piece changed since that draft: draft it again
        if progress is not None and progress.publish_id:
            attempt.publish_id = progress.publish_id
            return await self._await_job(account, publication_id, progress.publish_id)
        media_id = progress.media_id if progress is not None else None
        if media_id is None:
            answer = await self.api.call(account, "draft/add", {"articles": [article]})
            media_id = _text(answer, "media_id", "draft/add")
            await self.progress.save(
                delivery.workspace_id, publication_id, Progress(digest, media_id, None)
            )
        try:
            answer = await self.api.call(account, "freepublish/submit", {"media_id": media_id})
        except WeChatError as exc:
            if exc.final:  # the draft itself is refused: a retry drafts anew
                await self.progress.clear(publication_id)
            raise
        publish_id = _text(answer, "publish_id", "freepublish/submit")
        attempt.publish_id = publish_id
        await self.progress.save(
            delivery.workspace_id, publication_id, Progress(digest, media_id, publish_id)
        )
        return await self._await_job(account, publication_id, publish_id)

    async def _await_job(
        self, account: ApiAccount, publication_id: uuid.UUID, publish_id: str
    ) -> Published:
        while True:
            answer = await self.api.call(account, "freepublish/get", {"publish_id": publish_id})
            status = answer.get("publish_status")
            if status == PUBLISH_SUCCEEDED:
                return _published(answer, publish_id)
            if status == PUBLISH_IN_PROGRESS:
                await self._sleep(self.poll_interval_s)
                continue
            if isinstance(status, int) and not isinstance(status, bool):
                await self.progress.clear(publication_id)
                raise PublishFailed(
                    publish_failure(status, publish_id, answer.get("fail_idx")), final=True
                )
            raise WeChatUnreachable("WeChat freepublish/get answered without publish_status")


def _published(answer: dict[str, Any], publish_id: str) -> Published:
    detail = answer.get("article_detail")
    items = detail.get("item") if isinstance(detail, dict) else None
    first = items[0] if isinstance(items, list) and items else None
    url = first.get("article_url") if isinstance(first, dict) else None
    if usable_url(url) is None:
        raise PublishFailed(
            f"WeChat published job {publish_id} but answered no usable article_url; the "
            "article is in the account's publish records (发表记录)",
            final=True,
        )
    assert isinstance(url, str)
    article_id = answer.get("article_id")
    external_id = str(article_id) if article_id else publish_id
    return Published(external_id=storable(external_id, MAX_EXTERNAL_ID), url=url)
