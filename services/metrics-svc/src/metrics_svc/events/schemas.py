import math
import re
import uuid
from datetime import datetime, timedelta
from typing import Annotated, Any, TypeVar

import msgspec
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    model_validator,
)

from metrics_svc import examples as ex
from metrics_svc.vocabulary import EventType
from servicekit.bodies import RequestBody
from servicekit.door import find_unstorable
from servicekit.timebounds import Instant

_CUSTOM_TYPE = re.compile(r"^custom\.[a-z0-9_][a-z0-9_.-]{0,56}$")
MAX_BATCH = 1000


# plain str: looked up for every event
KNOWN_EVENT_TYPES = frozenset(t.value for t in EventType)


def is_known_event_type(value: str) -> bool:
    return value in KNOWN_EVENT_TYPES or _CUSTOM_TYPE.fullmatch(value) is not None


def known_event_type(value: str) -> str:
    if is_known_event_type(value):
        return value
    raise ValueError(
        f"unknown event type {value!r}; use one of {', '.join(EventType)} "
        "or custom.<name> (lower case letters, digits, _ . -)"
    )


# The largest |value| an event may carry: amounts and seconds are far below it, and sums of
# a billion such values stay well inside a float's range (a sum that overflowed would make the
# fold fail on the event for good).
MAX_ABS_VALUE = 1e15


def _finite(value: float | None) -> float | None:
    if value is not None and not (math.isfinite(value) and abs(value) <= MAX_ABS_VALUE):
        raise ValueError(
            f"value must be a finite number from -{MAX_ABS_VALUE:g} to {MAX_ABS_VALUE:g}"
        )
    return value


_V = TypeVar("_V")


def _storable_text(value: _V) -> _V:
    """Refuse text PostgreSQL cannot store anywhere in a field (U+0000, or half of a surrogate
    pair, which JSON can escape alone as ``"\\ud800"``), so the rejected item names the field.
    The door's walk (``servicekit.door``) judges it: this route checks its own text."""
    problem = find_unstorable(value)
    if problem is not None:
        raise ValueError(problem[1])
    return value


Storable = AfterValidator(_storable_text)


# The props a type's numbers read, and how long their text may be: a referral's referrer
# becomes an actor id in the rollups (as long as an actor id may be); a run start's template
# and a stage move's stage are what the replication success rate groups and filters by.
_PROPS_READ: dict[str, tuple[str, int, str]] = {
    EventType.REFERRAL_ACCEPT: ("referrer_id", 128, "the referrer's actor id"),
    EventType.SOP_RUN_START: ("template_id", 64, "the SOP template's id"),
    EventType.GROUP_STAGE: ("stage", 32, "the stage the group moved to"),
}


# The types whose props props_problem reads (the fast path asks it about these only).
TYPES_READING_PROPS = frozenset(_PROPS_READ)


def props_problem(type_: str, props: dict[str, Any]) -> str | None:
    """What is wrong with the prop a type's numbers read, if anything (it may be left out:
    such an event counts without it)."""
    read = _PROPS_READ.get(type_)
    if read is None or read[0] not in props:
        return None
    name, longest, meaning = read
    value = props[name]
    if isinstance(value, str) and 1 <= len(value) <= longest:
        return None
    return f"props.{name} must be text of 1 to {longest} characters ({meaning})"


DimensionId = Annotated[str, Field(min_length=1, max_length=64), Storable]


# A batch as a tracking SDK sends it: one reader's path through the Double 11 article, from the
# impression to the purchase, and the friend it brought. Also what the ingest's fast path takes
# (canonical ids, times in Z): tests/test_openapi_examples.py holds it to both.
EVENT_BATCH_EXAMPLE: list[dict[str, Any]] = [
    {
        "id": "1d7e0a4c-5b2f-4c8e-9a31-6f0b2d4e8c11",
        "type": "impression",
        "occurred_at": "2026-11-20T12:00:03Z",
        "channel_id": ex.CHANNEL_ID,
        "post_id": ex.POST_ID,
        "publication_id": ex.PUBLICATION_ID,
        "campaign_id": ex.CAMPAIGN_ID,
    },
    {
        "id": "1d7e0a4c-5b2f-4c8e-9a31-6f0b2d4e8c12",
        "type": "view",
        "occurred_at": "2026-11-20T12:00:09Z",
        "actor_id": ex.READER,
        "channel_id": ex.CHANNEL_ID,
        "post_id": ex.POST_ID,
        "publication_id": ex.PUBLICATION_ID,
        "campaign_id": ex.CAMPAIGN_ID,
        "props": {"referrer_page": "menu", "app_version": "3.8.1"},
    },
    {
        "id": "1d7e0a4c-5b2f-4c8e-9a31-6f0b2d4e8c13",
        "type": "read",
        "occurred_at": "2026-11-20T12:01:36Z",
        "actor_id": ex.READER,
        "channel_id": ex.CHANNEL_ID,
        "post_id": ex.POST_ID,
        "publication_id": ex.PUBLICATION_ID,
        "value": 87.5,
    },
    {
        "id": "1d7e0a4c-5b2f-4c8e-9a31-6f0b2d4e8c14",
        "type": "click",
        "occurred_at": "2026-11-20T12:01:40Z",
        "actor_id": ex.READER,
        "channel_id": ex.CHANNEL_ID,
        "publication_id": ex.PUBLICATION_ID,
        "campaign_id": ex.CAMPAIGN_ID,
        "props": {"link": "group_buy_signup"},
    },
    {
        "id": "1d7e0a4c-5b2f-4c8e-9a31-6f0b2d4e8c18",
        "type": "lead",
        "occurred_at": "2026-11-20T12:03:02Z",
        "actor_id": ex.READER,
        "publication_id": ex.PUBLICATION_ID,
        "campaign_id": ex.CAMPAIGN_ID,
        "props": {"form": "group_buy_signup", "fields": ["phone"]},
    },
    {
        "id": "1d7e0a4c-5b2f-4c8e-9a31-6f0b2d4e8c15",
        "type": "purchase",
        "occurred_at": "2026-11-20T12:14:52Z",
        "actor_id": ex.READER,
        "publication_id": ex.PUBLICATION_ID,
        "campaign_id": ex.CAMPAIGN_ID,
        "value": 199.0,
        "props": {"order_id": "SO-20261120-0042", "currency": "CNY"},
    },
    {
        "id": "1d7e0a4c-5b2f-4c8e-9a31-6f0b2d4e8c16",
        "type": "referral_accept",
        "occurred_at": "2026-11-20T12:20:00Z",
        "actor_id": ex.INVITEE,
        "campaign_id": ex.CAMPAIGN_ID,
        "props": {"referrer_id": ex.READER},
    },
    {
        "id": "1d7e0a4c-5b2f-4c8e-9a31-6f0b2d4e8c17",
        "type": "custom.poster_scan",
        "occurred_at": "2026-11-20T12:21:15Z",
        "actor_id": ex.INVITEE,
        "campaign_id": ex.CAMPAIGN_ID,
        "props": {"poster": "double11_v2"},
    },
]

_DIMENSION = "Resources of the other services are named by their ids (up to 64 characters)"


class EventIn(RequestBody):
    """One event as sent; ``value`` is dwell seconds for ``read`` and the amount for
    ``purchase``/``refund``. For ``referral_accept`` the actor is the invitee and
    ``props.referrer_id`` names the referrer."""

    model_config = ConfigDict(json_schema_extra={"examples": [EVENT_BATCH_EXAMPLE[1]]})

    id: uuid.UUID = Field(
        description="Set by the sender, once per event (a UUID made when it happened): the "
        "de-duplication key of the workspace, so a re-sent event counts once, however late."
    )
    type: Annotated[str, Field(max_length=64), AfterValidator(known_event_type)] = Field(
        description="What happened: one of the `EventType` words (impression, view, read, "
        "click, …, purchase, refund, referral_accept, publish, reply) or `custom.<name>` "
        "(lower case letters, digits, `_ . -`)."
    )
    # A servicekit Instant: year 1 at +14:00 has no UTC instant to store.
    occurred_at: Instant = Field(
        description="When it happened, RFC 3339 with an offset (`2026-11-20T12:00:09Z`): at "
        "most a few minutes ahead of the server's clock (`METRICS_MAX_FUTURE_SKEW_S`, default "
        "300 s) and at most 10 years old. Late and out-of-order events are fine."
    )
    actor_id: Annotated[str, Field(min_length=1, max_length=128), Storable] | None = Field(
        default=None,
        description="Who did it, as the sender names people (an app user id, a WeChat "
        "openid), up to 128 characters; needed by funnels, retention and distinct-actor "
        "metrics. For `referral_accept`, the invitee.",
    )
    channel_id: DimensionId | None = Field(
        default=None, description=f"{_DIMENSION}: the content-svc channel it happened on."
    )
    post_id: DimensionId | None = Field(
        default=None, description=f"{_DIMENSION}: the content-svc post it concerns."
    )
    publication_id: DimensionId | None = Field(
        default=None,
        description=f"{_DIMENSION}: the content-svc publication (a post on a channel) it "
        "came through, e.g. read from a tracking code; what attribution credits.",
    )
    campaign_id: DimensionId | None = Field(
        default=None, description=f"{_DIMENSION}: the campaign-svc campaign it belongs to."
    )
    group_id: DimensionId | None = Field(
        default=None, description=f"{_DIMENSION}: the community-svc group it happened in."
    )
    value: Annotated[float | None, AfterValidator(_finite)] = Field(
        default=None,
        description="The event's number: dwell seconds for `read`, the order's amount for "
        "`purchase` and `refund` (GMV adds them as sent: send one currency), the seconds the "
        "answered message waited for `reply`; a finite number from -1e15 to 1e15. Other types "
        "leave it out.",
    )
    props: Annotated[dict[str, Any], Storable] = Field(
        default_factory=dict,
        description="Any JSON object the sender wants kept with the event (order id, app "
        "version, …). For `referral_accept`, `referrer_id` (text of 1 to 128 characters) names "
        "the referrer's actor id, which the fission rate counts; for `sop_run_start`, "
        "`template_id` (1 to 64 characters) the SOP template, and for `group_stage`, `stage` "
        "(1 to 32 characters) the group's new stage, which the replication success rate reads.",
    )

    @model_validator(mode="after")
    def _storable(self) -> "EventIn":
        problem = props_problem(self.type, self.props)
        if problem:
            raise ValueError(problem)
        return self


event_adapter: TypeAdapter[EventIn] = TypeAdapter(EventIn)

_Id = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]


_MAX_TEXT_OFFSET = timedelta(hours=15, minutes=59)


def rfc3339_instant(value: str) -> datetime | None:
    """``value`` as an aware datetime if it is RFC 3339 with an offset and at most
    microseconds (``2026-11-20T09:00:00.5+08:00``), else None.

    The times the fast path takes: EventIn, datetime.fromisoformat and PostgreSQL read these
    to the same instant (a longer fraction is rounded by some and cut by others, so it goes the
    item-by-item way). Checked by position rather than by a regular expression, which cost
    more than decoding the rest of the event; one slice holds the five separators (a sixth of
    the batch's validation time went to checking them one by one)."""
    n = len(value)
    if n < 20 or value[4:17:3] != "--T::":  # positions 4, 7, 10, 13, 16
        return None
    zulu = value[-1] == "Z"
    if zulu:
        end = n - 1
    elif value[-6] in "+-" and value[-3] == ":":
        end = n - 6
    else:
        return None
    if end != 19 and not (value[19] == "." and 21 <= end <= 26):
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:  # the right shape, but no such day or time (2026-02-30, 24:00)
        return None
    if zulu:
        return at
    # PostgreSQL refuses offsets beyond 15:59 in a time's text; the item-by-item way sends such
    # a time in UTC. (The offset is read, not its digits: "+15:75" reads as 16:15.)
    offset = at.utcoffset()
    if offset is None or abs(offset) > _MAX_TEXT_OFFSET:
        return None
    return at


def looks_like_uuid(value: str) -> bool:
    """The 8-4-4-4-12 shape of a canonical UUID. The fast path decodes ids as text (1,000
    uuid.UUID objects cost more than the rest of a batch: 1.0 ms against 2.2 ms) and lets
    PostgreSQL parse the hex digits; an id it refuses sends the batch the item-by-item way."""
    # Also inlined in service._fast_checked.
    return len(value) == 36 and value[8] == value[13] == value[18] == value[23] == "-"


class FastEvent(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    """``EventIn`` for msgspec: the whole batch decoded and checked in one C call.

    The ingest's fast path, for the common batch in which every item is valid (measured on
    1,000 events: 3 ms against 13 ms for pydantic's ``validate_json`` of ``list[EventIn]``).
    It is never more lenient than ``EventIn``: it takes only JSON strings for types, times
    only as ``rfc3339_instant`` reads them (``EventIn`` also takes other RFC 3339 spellings),
    ids only in the canonical 8-4-4-4-12 form (``looks_like_uuid``; the digits are checked by
    PostgreSQL's uuid type; ``EventIn`` also takes 32 hex digits), and only JSON numbers for
    ``value``, as ``EventIn`` (a ``RequestBody``) does. A batch it refuses goes through
    ``EventIn`` item by item, which names each bad item's reasons. The type's name, the id's
    shape, the referrer and NUL characters are checked after decoding (service.read_batch),
    as ``EventIn``'s validators do."""

    id: str
    type: Annotated[str, msgspec.Meta(max_length=64)]
    occurred_at: str
    actor_id: Annotated[str, msgspec.Meta(min_length=1, max_length=128)] | None = None
    channel_id: _Id | None = None
    post_id: _Id | None = None
    publication_id: _Id | None = None
    campaign_id: _Id | None = None
    group_id: _Id | None = None
    value: Annotated[float, msgspec.Meta(ge=-MAX_ABS_VALUE, le=MAX_ABS_VALUE)] | None = None
    props: dict[str, Any] = msgspec.field(default_factory=dict)


fast_batch_decoder = msgspec.json.Decoder(
    Annotated[list[FastEvent], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]
)


_TOO_FAR = (
    "occurred_at 2026-12-20T09:00:00+00:00 is too far in the future: accepted from "
    "2016-12-06T16:15:18.042110+00:00 to 2026-12-04T16:20:18.042110+00:00"
)


class ItemError(BaseModel):
    """Why one event of a batch was refused, in the shape of a 422's ``errors``."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"loc": ["occurred_at"], "msg": _TOO_FAR, "type": "too_far_future"}]
        }
    )

    loc: list[str | int] = Field(
        description="Where in the event: a field name, then keys or indexes inside it "
        '(`["props", "referrer_id"]`); empty for the event as a whole.'
    )
    msg: str = Field(description="What is wrong and what is accepted, for a person to read.")
    type: str = Field(
        description="A stable code for programs: pydantic's error type (`missing`, "
        "`uuid_parsing`, `value_error`, …) or `too_far_future` / `too_far_past`."
    )


class RejectedEvent(BaseModel):
    """An event of the batch that was not stored, and why."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "index": 3,
                    "errors": [{"loc": ["occurred_at"], "msg": _TOO_FAR, "type": "too_far_future"}],
                }
            ]
        }
    )

    index: int = Field(description="Its position in the batch, from 0.")
    errors: list[ItemError] = Field(description="Every reason it was refused.")


class IngestResult(BaseModel):
    """What became of a batch: every event is accepted, a duplicate or rejected."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "accepted": 6,
                    "duplicates": 0,
                    "rejected": [
                        {
                            "index": 3,
                            "errors": [
                                {"loc": ["occurred_at"], "msg": _TOO_FAR, "type": "too_far_future"}
                            ],
                        }
                    ],
                }
            ]
        }
    )

    accepted: int = Field(description="Events stored now, each counted in the numbers once.")
    duplicates: int = Field(
        description="Events whose id was already stored (in this batch or any earlier one): "
        "harmless, they change no number."
    )
    rejected: list[RejectedEvent] = Field(
        description="Events refused, by index, with their reasons; nothing of them is stored. "
        "Fix and re-send only these."
    )


EVENT_BATCH_SCHEMA: dict[str, Any] = {
    "type": "array",
    "minItems": 1,
    "maxItems": MAX_BATCH,
    "items": EventIn.model_json_schema(),
    "description": f"1 to {MAX_BATCH:,} events, each validated on its own.",
}
