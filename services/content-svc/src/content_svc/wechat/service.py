"""The callback's rules: who may call it (the signatures), what it reads (the XML, in the clear
or in the AES envelope), and that each push is taken once.

A call is checked before its body is read: an unknown channel is a 404, a missing parameter a
422, a bad ``signature`` a 403 — nothing is stored for any of them. In safe mode the push must
be encrypted and its ``msg_signature`` must match too; in plain mode an encrypted push is
refused (the channel's settings and the platform's disagree, and the answer says which to
change).
"""

from __future__ import annotations

from dataclasses import dataclass

from content_svc.channels.models import Channel
from content_svc.wechat import inbound
from content_svc.wechat.crypto import CryptoError, MessageCrypto
from content_svc.wechat.exceptions import (
    CallbackParameterMissing,
    PushNotReadable,
    SafeModeMismatch,
    SignatureMismatch,
)
from content_svc.wechat.messages import InboundMessage, NotAPush, inbound_message
from content_svc.wechat.models import WeChatAccount
from content_svc.wechat.repository import WeChatInboundRepository
from content_svc.wechat.signature import matches, sign
from content_svc.wechat.xmlcodec import XmlRefused, parse_xml
from servicekit.unitofwork import UnitOfWork


@dataclass(frozen=True, slots=True)
class CallbackQuery:
    """The query parameters the platform puts on every call to the server URL."""

    signature: str | None = None
    timestamp: str | None = None
    nonce: str | None = None
    echostr: str | None = None
    openid: str | None = None
    encrypt_type: str | None = None
    msg_signature: str | None = None


def _required(query: CallbackQuery, name: str) -> str:
    value: str | None = getattr(query, name)
    if not value:
        raise CallbackParameterMissing(name)
    return value


def _account(channel: Channel) -> WeChatAccount:
    account = channel.wechat
    assert account is not None  # find_connected_channel loaded only connected channels
    return account


def check_signature(channel: Channel, query: CallbackQuery) -> None:
    """403 unless ``signature`` is the SHA-1 of the callback token, timestamp and nonce."""
    timestamp, nonce = _required(query, "timestamp"), _required(query, "nonce")
    given = _required(query, "signature")
    if not matches(sign(_account(channel).callback_token, timestamp, nonce), given):
        raise SignatureMismatch("signature")


def echo(channel: Channel, query: CallbackQuery) -> str:
    """The ``echostr`` to answer the platform's check of the server URL, once it is signed."""
    check_signature(channel, query)
    return _required(query, "echostr")


def _parsed(body: bytes) -> dict[str, object]:
    try:
        return parse_xml(body)
    except XmlRefused as exc:
        raise PushNotReadable(str(exc)) from exc


def read_push(channel: Channel, query: CallbackQuery, body: bytes) -> InboundMessage:
    """The push in ``body``, decrypted in safe mode; the signatures were checked first
    (``check_signature``, then ``msg_signature`` over the ``Encrypt`` text)."""
    account = _account(channel)
    fields = _parsed(body)
    encrypted = fields.get("Encrypt")
    if account.encoding_aes_key is not None:
        if not isinstance(encrypted, str) or not encrypted.strip():
            raise SafeModeMismatch(channel_safe=True)
        timestamp, nonce = _required(query, "timestamp"), _required(query, "nonce")
        expected = sign(account.callback_token, timestamp, nonce, encrypted)
        if not matches(expected, _required(query, "msg_signature")):
            raise SignatureMismatch("msg_signature")
        try:
            plain = MessageCrypto(account.encoding_aes_key, account.app_id).decrypt(encrypted)
        except CryptoError as exc:
            raise PushNotReadable(str(exc)) from exc
        fields = _parsed(plain)
    elif encrypted is not None:
        raise SafeModeMismatch(channel_safe=False)
    try:
        return inbound_message(fields)
    except NotAPush as exc:
        raise PushNotReadable(str(exc)) from exc


async def take_push(uow: UnitOfWork, channel: Channel, message: InboundMessage) -> bool:
    """Keep ``message`` and deliver it, unless it is a re-sending; whether it was new."""
    if not await uow.repo(WeChatInboundRepository).record(channel, message):
        return False
    await inbound.deliver(uow, channel, message)
    return True
