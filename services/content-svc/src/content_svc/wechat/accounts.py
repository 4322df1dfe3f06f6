"""Connecting a channel to its WeChat Official Account (the channel API's ``wechat`` field).

The rules: only ``wechat_oa`` channels have an account; the first connection names the AppID,
AppSecret and callback token; a later change touches only the fields sent and keeps the
secrets left out; a new AppID, AppSecret or API address forgets the cached access token (it was
issued for the old ones); the API address must be public unless the deployment allows private
ones (the same rule and setting as webhooks, ``publishing/egress.py``).
"""

from __future__ import annotations

from content_svc.channels.models import Channel, Platform
from content_svc.publishing.egress import host_problem
from content_svc.wechat.client import ApiAccount
from content_svc.wechat.exceptions import (
    WeChatApiAddressRefused,
    WeChatFieldRequired,
    WeChatOnWrongPlatform,
)
from content_svc.wechat.models import DEFAULT_API_BASE_URL, WeChatAccount
from content_svc.wechat.schemas import WeChatAccountWrite

_REQUIRED = ("app_id", "app_secret", "callback_token")
# Changing one of these makes the stored access token someone else's.
_TOKEN_SCOPE = ("app_id", "app_secret", "api_base_url")


def connect(
    channel: Channel, workspace_id: str, data: WeChatAccountWrite, *, allow_private: bool
) -> None:
    """Create or change ``channel``'s account from the fields ``data`` sets."""
    if channel.platform != Platform.WECHAT_OA:
        raise WeChatOnWrongPlatform("wechat", channel.platform)
    changes = data.model_dump(exclude_unset=True)
    for field in _REQUIRED:
        if field in changes and changes[field] is None:
            raise WeChatFieldRequired(field)
    if data.api_base_url is not None:
        url = str(data.api_base_url).rstrip("/")
        problem = None if allow_private else host_problem(data.api_base_url.host or "")
        if problem is not None:
            raise WeChatApiAddressRefused(url, problem)
        changes["api_base_url"] = url
    elif "api_base_url" in changes:
        changes["api_base_url"] = DEFAULT_API_BASE_URL  # null: back to the platform's own
    account = channel.wechat
    if account is None:
        for field in _REQUIRED:
            if changes.get(field) is None:
                raise WeChatFieldRequired(field)
        channel.wechat = WeChatAccount(
            workspace_id=workspace_id, **{"api_base_url": DEFAULT_API_BASE_URL, **changes}
        )
        return
    if any(f in changes and changes[f] != getattr(account, f) for f in _TOKEN_SCOPE):
        account.access_token = None
        account.access_token_usable_until = None
    for field, value in changes.items():
        setattr(account, field, value)


def disconnect(channel: Channel) -> None:
    """Forget ``channel``'s account (its pushes stay; the callback answers 404 from now on)."""
    channel.wechat = None


def api_account(account: WeChatAccount) -> ApiAccount:
    """What the API client needs of ``account`` (read where the account was loaded, so the
    call holds no database session)."""
    return ApiAccount(
        channel_id=account.channel_id,
        app_id=account.app_id,
        app_secret=account.app_secret,
        api_base_url=account.api_base_url,
    )
