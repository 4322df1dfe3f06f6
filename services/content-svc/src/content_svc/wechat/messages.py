"""What a push says: one message or event of the platform, as MediaOps reads it.

Every push has ``ToUserName`` (the account's original id, ``gh_…``), ``FromUserName`` (the
follower's OpenID, unique per account), ``CreateTime`` (Unix seconds) and ``MsgType``. A user's
message (``text``, ``image``, ``voice``, ``video``, ``shortvideo``, ``location``, ``link``)
carries a ``MsgId``; an event (``MsgType`` ``event``) names itself in ``Event`` —
``subscribe`` / ``unsubscribe`` (a follow; one by QR code carries ``EventKey`` ``qrscene_…``),
``SCAN``, ``CLICK``, ``VIEW``, ``PUBLISHJOBFINISH`` … The platform re-sends a push it got no
answer to within five seconds (three tries), so each push has a ``dedupe_key``: the ``MsgId``
of a message, the sender, time and event of an event (as the platform's documentation
advises).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class MsgType(StrEnum):
    """The ``MsgType`` words MediaOps tells apart; any other is kept as it came."""

    TEXT = "text"
    EVENT = "event"


class Event(StrEnum):
    """The ``Event`` words MediaOps acts on (compared in lower case: the platform writes
    ``subscribe`` but ``SCAN``)."""

    SUBSCRIBE = "subscribe"
    UNSUBSCRIBE = "unsubscribe"


QR_SCENE_PREFIX = "qrscene_"
# The longest OpenID, MsgId or event word kept (the platform's are 28, about 20 and under 30).
_MAX_ID = 128


class NotAPush(Exception):
    """The XML is well formed but is not a push: a required field is missing or malformed."""


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One push, decrypted and parsed."""

    to_user: str
    from_openid: str
    created_at: datetime
    msg_type: str
    msg_id: str | None = None
    event: str | None = None
    content: str | None = None
    event_key: str | None = None
    # Every top-level field as it came (nested ones as mappings), for what is not named above.
    fields: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_event(self) -> bool:
        return self.msg_type == MsgType.EVENT

    def has_event(self, event: Event) -> bool:
        """Whether this push is the event ``event``."""
        return self.is_event and (self.event or "").lower() == event

    @property
    def dedupe_key(self) -> str:
        """The same for every re-sending of this push, different for any other."""
        if self.msg_id:
            return f"msg:{self.msg_id}"
        stamp = int(self.created_at.timestamp())
        return f"event:{self.from_openid}:{stamp}:{self.event or self.msg_type}"

    @property
    def qr_scene(self) -> str | None:
        """The scene of a follow by QR code (``EventKey`` ``qrscene_123`` → ``123``)."""
        key = self.event_key
        if key and key.startswith(QR_SCENE_PREFIX):
            return key[len(QR_SCENE_PREFIX) :] or None
        return None


def _text(fields: Mapping[str, Any], name: str, *, required: bool = False) -> str | None:
    value = fields.get(name)
    if value is None or value == "":
        if required:
            raise NotAPush(f"the push has no {name}")
        return None
    if not isinstance(value, str):
        raise NotAPush(f"{name} is not text")
    return value


def _identifier(fields: Mapping[str, Any], name: str, *, required: bool = False) -> str | None:
    value = _text(fields, name, required=required)
    if value is None:
        return None
    value = value.strip()
    if not value or len(value) > _MAX_ID or any(c.isspace() or ord(c) < 0x20 for c in value):
        raise NotAPush(f"{name} is not an identifier of at most {_MAX_ID} characters")
    return value


def inbound_message(fields: Mapping[str, Any]) -> InboundMessage:
    """The push ``fields`` (``xmlcodec.parse_xml``) describe; ``NotAPush`` if they do not."""
    created = _text(fields, "CreateTime", required=True) or ""
    try:
        seconds = int(created.strip())
        created_at = datetime.fromtimestamp(seconds, UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise NotAPush("CreateTime is not a Unix time in seconds") from exc
    return InboundMessage(
        to_user=_identifier(fields, "ToUserName", required=True) or "",
        from_openid=_identifier(fields, "FromUserName", required=True) or "",
        created_at=created_at,
        msg_type=_identifier(fields, "MsgType", required=True) or "",
        msg_id=_identifier(fields, "MsgId"),
        event=_identifier(fields, "Event"),
        content=_text(fields, "Content"),
        event_key=_text(fields, "EventKey"),
        fields=dict(fields),
    )
