"""The platform's error codes (``errcode``), as sentences an operator can act on.

Every API answer carries ``errcode`` (0: success) and ``errmsg``. Three codes mean the access
token itself is no good (``TOKEN_INVALID``): the client fetches a fresh one and retries the call
once. The others become a publication's ``last_error`` or a reply's failure: what happened and
what to change, with the platform's own code and message kept at the end so support can look
them up. ``final`` says that retrying would only repeat the failure until someone acts (a
missing permission, an IP not on the whitelist, a draft the platform will not publish).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# 40001 invalid credential (also a token made stale by a newer one), 40014 invalid access
# token, 42001 access token expired.
TOKEN_INVALID = frozenset({40001, 40014, 42001})
SYSTEM_BUSY = -1

# The errmsg of 40164 names the caller's address: "invalid ip 203.0.113.7 ipv6 ::ffff:…, not in
# whitelist rid: …".
_WHITELIST_IP = re.compile(r"invalid ip ([0-9a-fA-F.:]+)")
_MAX_ERRMSG = 300


@dataclass(frozen=True, slots=True)
class Explained:
    text: str
    final: bool


# errcode → (what it means and what to do, final)
_CODES: dict[int, tuple[str, bool]] = {
    SYSTEM_BUSY: ("the WeChat platform is busy; MediaOps tries again after a pause", False),
    40001: (
        "the AppSecret is wrong, or the access token was replaced by one another system fetched "
        "with the same AppID; check the channel's app_secret and that no other system fetches "
        "tokens for this account",
        True,
    ),
    40002: ("the token request was refused (grant_type); report this to MediaOps", True),
    40003: ("the OpenID is not a follower of this account", True),
    40007: (
        "thumb_media_id is not a permanent image material of this account; upload the cover "
        "as permanent material (素材管理) and set the channel's wechat.thumb_media_id",
        True,
    ),
    40013: ("the AppID is not valid; check the channel's wechat.app_id", True),
    40125: ("the AppSecret is not valid; set the channel's wechat.app_secret again", True),
    40164: (
        "the calling server's IP address is not on the account's IP whitelist; add it in the "
        "WeChat Official Accounts Platform under 设置与开发 → 基本配置 → IP白名单",
        True,
    ),
    41001: ("the access token is missing; report this to MediaOps", True),
    43004: ("the user has unfollowed the account, so it cannot be messaged", True),
    45002: ("the content is too long for WeChat; shorten it (an article's body, a reply)", True),
    45003: ("the article's title is too long for WeChat (64 characters); shorten it", True),
    45004: (
        "the article's digest is too long for WeChat (120 characters); shorten the summary",
        True,
    ),
    45009: (
        "the account reached its daily quota for this API; it resets at midnight Beijing time, "
        "retry after that (or clear the quota in the platform's console)",
        True,
    ),
    45011: ("the API's per-minute limit was reached; MediaOps tries again after a pause", False),
    45015: (
        "the user last wrote more than 48 hours ago, so customer-service messages can no longer "
        "reach them",
        True,
    ),
    45047: (
        "too many customer-service messages in a row without an answer from the user; wait for "
        "the user to write again",
        True,
    ),
    47001: (
        "WeChat could not read the request (data format error): a required field is empty or "
        "malformed; check the post's title and body, and report it to MediaOps if they are fine",
        True,
    ),
    48001: (
        "the account is not authorised for this API (an unverified account, or the permission "
        "is not granted); check the account's API permissions (接口权限) in the platform",
        True,
    ),
    53503: (
        "WeChat refused to publish the draft: it did not pass the platform's publishing check; "
        "edit the post (content, images, links) and retry",
        True,
    ),
    53504: (
        "the draft must be published from the WeChat console (需前往公众平台官网使用草稿)",
        True,
    ),
    53505: (
        "the draft must be saved by hand in the WeChat console before it can be published",
        True,
    ),
    89503: (
        "this IP address needs an administrator's confirmation before it may call the API; "
        "confirm it in the WeChat Official Accounts Platform, then retry",
        True,
    ),
}


def _errmsg(errmsg: str) -> str:
    text = " ".join(errmsg.replace("\x00", "").split())
    return text if len(text) <= _MAX_ERRMSG else text[:_MAX_ERRMSG] + "…"


def explain(api: str, errcode: int, errmsg: str) -> Explained:
    """What ``errcode`` from ``api`` (``draft/add``) means, as one sentence for ``last_error``."""
    meaning, final = _CODES.get(
        errcode, ("WeChat refused the call; look the code up in the platform's documentation", True)
    )
    if errcode == 40164 and (found := _WHITELIST_IP.search(errmsg)):
        meaning = meaning.replace("the calling server's IP address", f"{found.group(1)}")
    return Explained(
        f"WeChat {api} failed: {meaning} (errcode {errcode}: {_errmsg(errmsg)})", final
    )


# freepublish/get's publish_status: 0 published, 1 publishing, the others failed.
PUBLISH_SUCCEEDED = 0
PUBLISH_IN_PROGRESS = 1
_PUBLISH_FAILED: dict[int, str] = {
    2: "the originality check (原创校验) failed; remove the original claim or fix the content, "
    "then retry",
    3: "publishing failed on WeChat's side (常规失败); retry, and if it fails again check the "
    "account's publish records",
    4: "the platform's review rejected the article (平台审核不通过); edit the post and retry",
    5: "the article was published and then deleted by the account",
    6: "the article was published and then blocked by the platform (封禁)",
}


def publish_failure(status: int, publish_id: str, fail_idx: object) -> str:
    """Why a finished publish job did not publish, for ``last_error``."""
    meaning = _PUBLISH_FAILED.get(status, f"the publish job ended with status {status}")
    failed = f", failed articles {fail_idx}" if fail_idx else ""
    return f"WeChat freepublish job {publish_id} did not publish: {meaning}{failed}"
