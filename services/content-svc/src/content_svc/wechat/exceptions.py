import uuid

from servicekit.errors import BadRequest, Forbidden, NotFound, PayloadTooLarge, Unprocessable

# --- the callback -------------------------------------------------------------------------------


class WeChatChannelNotFound(NotFound):
    """No channel with this id is connected to a WeChat Official Account."""

    def __init__(self, channel_id: uuid.UUID) -> None:
        super().__init__(
            f"No WeChat channel {channel_id}: the server URL names a channel that does not exist "
            "or has no `wechat` account; copy the channel's wechat.callback_path again."
        )


class CallbackParameterMissing(Unprocessable):
    """A query parameter every push carries (`signature`, `timestamp`, `nonce`; `echostr` on the
    echo; `msg_signature` in safe mode) is missing."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"query parameter `{name}` is missing; WeChat sends it on every call to the server URL",
            errors=[{"loc": ["query", name], "msg": "missing", "type": "missing"}],
        )


class SignatureMismatch(Forbidden):
    """The push's signature does not match the channel's callback token (or its safe-mode
    `msg_signature` does not match): it is not from WeChat, or the token differs."""

    def __init__(self, which: str) -> None:
        super().__init__(
            f"`{which}` does not match: the call was not signed with this channel's callback "
            "token; set wechat.callback_token to the Token of the account's server "
            "configuration (设置与开发 → 基本配置)."
        )


class PushTooLarge(PayloadTooLarge):
    """The push is larger than the callback takes (CONTENT_WECHAT_MAX_PUSH_BYTES)."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"The push is larger than {limit:,} bytes; no WeChat push is that large, so it is "
            "refused unread."
        )


class PushNotReadable(BadRequest):
    """The push is not the platform's XML: malformed, with a DTD or entities, without its
    required fields, or an `Encrypt` this channel's key cannot open."""

    def __init__(self, why: str) -> None:
        super().__init__(f"The push is not readable: {why}.")


class SafeModeMismatch(BadRequest):
    """A plain push to a channel in safe mode, or an encrypted one to a channel without an
    EncodingAESKey."""

    def __init__(self, *, channel_safe: bool) -> None:
        super().__init__(
            "This channel is in safe mode (it has an EncodingAESKey) and the push is not "
            "encrypted; set the account's 消息加解密方式 to 安全模式, or clear "
            "wechat.encoding_aes_key."
            if channel_safe
            else "The push is encrypted and this channel has no EncodingAESKey; set "
            "wechat.encoding_aes_key to the account's 消息加解密密钥."
        )


# --- a channel's WeChat settings ----------------------------------------------------------------


def _at(field: str, msg: str, type_: str) -> list[dict[str, object]]:
    return [{"loc": ["body", *field.split(".")], "msg": msg, "type": type_}]


class WeChatOnWrongPlatform(Unprocessable):
    """`wechat` (and the `wechat_oa` publisher) belong to channels on the `wechat_oa` platform."""

    def __init__(self, field: str, platform: str) -> None:
        msg = f"only a wechat_oa channel has a WeChat Official Account; this one is {platform}"
        super().__init__(f"{field}: {msg}.", errors=_at(field, msg, "wechat_platform"))


class WeChatFieldRequired(Unprocessable):
    """Connecting a channel to WeChat needs `app_id`, `app_secret` and `callback_token`; they
    cannot be cleared later either."""

    def __init__(self, field: str) -> None:
        msg = "required to connect the channel to its WeChat Official Account; it stays set"
        super().__init__(f"wechat.{field} is {msg}.", errors=_at(f"wechat.{field}", msg, "missing"))


class WeChatPublisherNeedsAccount(Unprocessable):
    """The `wechat_oa` publisher calls the channel's own Official Account: the channel needs
    `wechat` (and keeps it while it publishes through WeChat)."""

    def __init__(self, *, removing: bool) -> None:
        msg = (
            "the channel publishes through WeChat (publisher.kind wechat_oa); switch the "
            "publisher to manual or webhook before removing its account"
            if removing
            else "publisher.kind wechat_oa needs the channel's `wechat` account "
            "(app_id, app_secret, callback_token)"
        )
        field = "wechat" if removing else "publisher.kind"
        super().__init__(f"{field}: {msg}.", errors=_at(field, msg, "wechat_account"))


class WeChatApiAddressRefused(Unprocessable):
    """`wechat.api_base_url` is not a public address (loopback, private, link-local …)."""

    def __init__(self, url: str, problem: str) -> None:
        msg = (
            f"{problem}: the WeChat API must be reached at a public address "
            "(CONTENT_WEBHOOK_ALLOW_PRIVATE=true allows others, for local development and tests)"
        )
        super().__init__(
            f"wechat.api_base_url {url!r} is refused: {msg}.",
            errors=_at("wechat.api_base_url", msg, "api_address"),
        )
