"""The callback's protocol pieces on their own: signatures, the AES envelope, the XML, a push."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

import pytest

from content_svc.wechat.crypto import CryptoError, MessageCrypto, aes_key
from content_svc.wechat.messages import Event, NotAPush, inbound_message
from content_svc.wechat.signature import matches, sign
from content_svc.wechat.xmlcodec import XmlRefused, build_xml, parse_xml

# The platform's own sample of a safe-mode push (the demo of its WXBizMsgCrypt library, in the
# documentation of message encryption): key, token, AppID, the query's timestamp, nonce and
# msg_signature, and the Encrypt text.
SAMPLE_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
SAMPLE_TOKEN = "spamtest"
SAMPLE_APP_ID = "wx2c2769f8efd9abc2"
SAMPLE_TIMESTAMP = "1409735669"
SAMPLE_NONCE = "1320562132"
SAMPLE_MSG_SIGNATURE = "5d197aaffba7e9b25a30732f161a50dee96bd5fa"
SAMPLE_ENCRYPT = (
    "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8"
    "PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332ji"
    "sa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ"
    "6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uB"
    "l9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE="
)


def test_the_platforms_sample_push_verifies_and_decrypts() -> None:
    assert sign(SAMPLE_TOKEN, SAMPLE_TIMESTAMP, SAMPLE_NONCE, SAMPLE_ENCRYPT) == (
        SAMPLE_MSG_SIGNATURE
    )
    plain = MessageCrypto(SAMPLE_KEY, SAMPLE_APP_ID).decrypt(SAMPLE_ENCRYPT)
    message = inbound_message(parse_xml(plain))
    assert (message.to_user, message.from_openid) == (
        "gh_10f6c3c3ac5a",
        "oyORnuP8q7ou2gfYjqLzSIWZf0rs",
    )
    assert (message.msg_type, message.content, message.msg_id) == (
        "text",
        "abcdteT",
        "6054768590064713728",
    )
    assert message.created_at == datetime.fromtimestamp(1409735668, UTC)


def test_the_signature_is_sha1_of_the_parts_sorted_and_joined() -> None:
    assert (
        sign("nonce2", "1700000000", "tokenA")
        == hashlib.sha1(b"1700000000nonce2tokenA").hexdigest()
    )
    assert matches(sign("a", "b"), sign("b", "a").upper())  # hex, either case
    assert not matches(sign("a", "b"), sign("a", "c"))
    assert not matches(sign("a", "b"), None)


def test_the_aes_key_is_the_encoding_aes_key_in_base64() -> None:
    assert aes_key(SAMPLE_KEY) == base64.b64decode(SAMPLE_KEY + "=")
    assert len(aes_key(SAMPLE_KEY)) == 32
    for bad in ("short", SAMPLE_KEY + "H", SAMPLE_KEY[:-1] + "-"):
        with pytest.raises(ValueError, match="43 letters and digits"):
            aes_key(bad)


def test_encrypting_then_decrypting_gives_the_message_back() -> None:
    crypto = MessageCrypto(SAMPLE_KEY, "wx5f3a9c1e7b2d4068")
    message = build_xml({"Content": "请问满减券怎么领 🎁", "CreateTime": 1765440000})
    for size in (0, 1, 15, 16, 31, 32, 33, 4000):  # around the 32-byte padding block
        payload = message + b"x" * size
        encrypted = crypto.encrypt(payload)
        assert crypto.decrypt(encrypted) == payload
    # The 16 random bytes make each envelope different.
    assert crypto.encrypt(message) != crypto.encrypt(message)


def test_a_message_encrypted_for_another_appid_is_refused() -> None:
    encrypted = MessageCrypto(SAMPLE_KEY, "wx0000000000000001").encrypt(b"<xml/>")
    with pytest.raises(CryptoError, match="another AppID"):
        MessageCrypto(SAMPLE_KEY, "wx0000000000000002").decrypt(encrypted)


@pytest.mark.parametrize(
    ("tamper", "why"),
    [
        (lambda _: "not base64!", "not base64"),
        (lambda e: base64.b64encode(base64.b64decode(e)[:-3]).decode(), "whole AES blocks"),
        (lambda e: e[:-8] + ("A" if e[-8] != "A" else "B") + e[-7:], "padded|AppID|length"),
    ],
)
def test_a_damaged_envelope_is_refused(tamper: object, why: str) -> None:
    crypto = MessageCrypto(SAMPLE_KEY, SAMPLE_APP_ID)
    assert callable(tamper)
    with pytest.raises(CryptoError, match=why):
        crypto.decrypt(tamper(crypto.encrypt(b"<xml><a>1</a></xml>")))


def test_another_key_cannot_open_the_envelope() -> None:
    encrypted = MessageCrypto(SAMPLE_KEY, SAMPLE_APP_ID).encrypt(b"<xml><a>1</a></xml>")
    other = MessageCrypto("Z" * 43, SAMPLE_APP_ID)
    with pytest.raises(CryptoError):
        other.decrypt(encrypted)


def test_xml_round_trips_text_numbers_nesting_and_cdata_ends() -> None:
    fields = {
        "Content": "a]]>b <b>不是标签</b> & 😀",
        "CreateTime": 1765440000,
        "PublishEventInfo": {"publish_id": "2247503051", "item": [{"idx": "1"}, {"idx": "2"}]},
    }
    assert parse_xml(build_xml(fields)) == {
        "Content": "a]]>b <b>不是标签</b> & 😀",
        "CreateTime": "1765440000",
        "PublishEventInfo": {"publish_id": "2247503051", "item": [{"idx": "1"}, {"idx": "2"}]},
    }


@pytest.mark.parametrize(
    "body",
    [
        # XXE: an external entity naming a local file, and one fetching a URL.
        b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<xml><Content>&x;</Content></xml>",
        b'<!DOCTYPE xml [<!ENTITY x SYSTEM "http://127.0.0.1:1/">]><xml><Content>&x;</Content></xml>',
        # "Billion laughs": entities expanding into each other.
        b'<!DOCTYPE xml [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><xml><Content>&c;</Content></xml>',
        # A DTD alone, no entity used.
        b'<!DOCTYPE xml SYSTEM "http://127.0.0.1:1/x.dtd"><xml><Content>1</Content></xml>',
    ],
)
def test_a_document_with_a_dtd_or_entities_is_refused(body: bytes) -> None:
    with pytest.raises(XmlRefused, match="DTD or entities"):
        parse_xml(body)


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"", "not well-formed"),
        (b"<xml><Content>unclosed</xml>", "not well-formed"),
        (b'{"MsgType": "text"}', "not well-formed"),
        (b"<root><MsgType>text</MsgType></root>", "not <xml>"),
    ],
)
def test_what_is_not_the_platforms_xml_is_refused(body: bytes, why: str) -> None:
    with pytest.raises(XmlRefused, match=why):
        parse_xml(body)


def _fields(**extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "ToUserName": "gh_3f1c9a7e2b84",
        "FromUserName": "oFollower0000000000000000001",
        "CreateTime": "1765440000",
        "MsgType": "text",
    }
    return base | extra


def test_a_message_dedupes_on_its_msgid_and_an_event_on_sender_time_and_event() -> None:
    message = inbound_message(_fields(Content="你好", MsgId="24789301527640815"))
    assert message.dedupe_key == "msg:24789301527640815"
    follow = inbound_message(_fields(MsgType="event", Event="subscribe", EventKey="qrscene_K7M2"))
    assert follow.dedupe_key == "event:oFollower0000000000000000001:1765440000:subscribe"
    assert follow.has_event(Event.SUBSCRIBE)
    assert not follow.has_event(Event.UNSUBSCRIBE)
    assert follow.qr_scene == "K7M2"
    assert not message.has_event(Event.SUBSCRIBE)


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"MsgType": None}, "no MsgType"),
        ({"FromUserName": ""}, "no FromUserName"),
        ({"CreateTime": "yesterday"}, "CreateTime"),
        ({"FromUserName": "o" * 200}, "FromUserName is not an identifier"),
        ({"FromUserName": {"nested": "1"}}, "FromUserName is not text"),
    ],
)
def test_a_push_without_its_required_fields_is_not_a_push(
    fields: dict[str, object], why: str
) -> None:
    given = {k: v for k, v in (_fields() | fields).items() if v is not None}
    with pytest.raises(NotAPush, match=why):
        inbound_message(given)
