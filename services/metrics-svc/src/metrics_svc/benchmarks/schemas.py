import datetime as dt
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from metrics_svc import examples as ex
from metrics_svc.vocabulary import BenchmarkPlatform
from servicekit.bodies import RequestBody
from servicekit.timebounds import Day

# At most this many snapshots in one batch or CSV file: ten years of days.
MAX_SNAPSHOTS = 3660
# Upper bounds of the numbers: past any account's, inside what the columns and sums hold.
MAX_COUNT = 10**12
MAX_POSTS = 10**6


def _not_in_the_future(value: date) -> date:
    # Today somewhere on Earth (UTC+14) is at most tomorrow in UTC.
    latest = datetime.now(UTC).date() + timedelta(days=1)
    if value > latest:
        raise ValueError(
            f"{value.isoformat()} is in the future; a snapshot records numbers already seen "
            f"(a day up to {latest.isoformat()})"
        )
    return value


SnapshotDay = Annotated[Day, AfterValidator(_not_in_the_future)]
Handle = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Notes = Annotated[str, Field(max_length=2000)]

_PLATFORM = "Where the account publishes (content-svc's channel platforms, or `other`)."
_HANDLE = (
    "The account's id on the platform (a WeChat OA's 微信号, a Weibo or Xiaohongshu id), 1 to "
    "100 characters, spaces around it dropped; one benchmark per platform and handle."
)
_NAME = "What the team calls it (1 to 200 characters)."
_NOTES = "Why it is a benchmark, what to watch (up to 2,000 characters)."

_CREATE: dict[str, Any] = {
    "platform": "wechat_oa",
    "handle": "rival_mom_daily",
    "name": "竞品 · 母婴日报",
    "notes": "同为母婴赛道, 双11 期间每日两更; 重点对标平均阅读。",
}


class BenchmarkCreate(RequestBody):
    """An account of another brand to measure the workspace's own channels against."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CREATE]})

    platform: BenchmarkPlatform = Field(description=_PLATFORM)
    handle: Handle = Field(description=_HANDLE)
    name: Name = Field(description=_NAME)
    notes: Notes = Field(default="", description=_NOTES)


class BenchmarkUpdate(RequestBody):
    """Only the fields sent change."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"notes": "改为每日一更; 双12 重点看点赞。"}]}
    )

    platform: BenchmarkPlatform | None = Field(default=None, description=_PLATFORM)
    handle: Handle | None = Field(default=None, description=_HANDLE)
    name: Name | None = Field(default=None, description=_NAME)
    notes: Notes | None = Field(default=None, description=_NOTES)


class BenchmarkRead(BaseModel):
    """A benchmark account."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": ex.BENCHMARK_ID,
                    **_CREATE,
                    "version": 1,
                    "created_at": "2026-11-02T03:00:00Z",
                    "updated_at": "2026-11-02T03:00:00Z",
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The benchmark's id, set by the service.")
    platform: BenchmarkPlatform = Field(description=_PLATFORM)
    handle: str = Field(description=_HANDLE)
    name: str = Field(description=_NAME)
    notes: str = Field(description=_NOTES)
    version: int = Field(
        description="Set by the service, 1 at creation and +1 per change; also the `ETag`. "
        "Send it as `If-Match` when changing the benchmark so a concurrent change is not lost."
    )
    created_at: datetime = Field(description="When it was created (set by the service).")
    updated_at: datetime = Field(description="When it last changed (set by the service).")


_FOLLOWERS = "Followers the account had that day (its public count); null: not known."
_POSTS = "Posts it published that day; null: not known."
_AVG_READS = (
    "Average reads per post it published that day (the day's reads ÷ its posts, as the "
    "platform or a ranking site shows them); null: not known."
)
_LIKES = "Likes its posts got that day; null: not known."
_SNAPSHOT_DATE = (
    "The day the numbers are of (a date, in the account's own calendar); not in the future."
)
_VALUES: dict[str, Any] = {"followers": 182000, "posts": 2, "avg_reads": 8650.5, "likes": 412}


class SnapshotValues(RequestBody):
    """A benchmark's public numbers for one day; each may be null (not known). A `PUT` replaces
    the day's numbers whole: a field left out is null afterwards."""

    model_config = ConfigDict(json_schema_extra={"examples": [_VALUES]})

    followers: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = Field(
        default=None, description=_FOLLOWERS
    )
    posts: Annotated[int, Field(ge=0, le=MAX_POSTS)] | None = Field(
        default=None, description=_POSTS
    )
    avg_reads: Annotated[float, Field(ge=0, le=MAX_COUNT, allow_inf_nan=False)] | None = Field(
        default=None, description=_AVG_READS
    )
    likes: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = Field(
        default=None, description=_LIKES
    )


class SnapshotIn(SnapshotValues):
    """A benchmark's public numbers for one day, with the day (an item of a batch)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"snapshot_date": "2026-11-16", **_VALUES}]}
    )

    snapshot_date: SnapshotDay = Field(description=_SNAPSHOT_DATE)


class SnapshotRead(BaseModel):
    """A benchmark's numbers for one day, as stored."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "benchmark_id": ex.BENCHMARK_ID,
                    "snapshot_date": "2026-11-16",
                    **_VALUES,
                    "created_at": "2026-11-17T01:30:00Z",
                    "updated_at": "2026-11-17T01:30:00Z",
                }
            ]
        },
    )

    benchmark_id: uuid.UUID = Field(description="The benchmark the numbers are of.")
    snapshot_date: date = Field(description="The day the numbers are of.")
    followers: int | None = Field(description=_FOLLOWERS)
    posts: int | None = Field(description=_POSTS)
    avg_reads: float | None = Field(description=_AVG_READS)
    likes: int | None = Field(description=_LIKES)
    created_at: datetime = Field(description="When the day was first entered.")
    updated_at: datetime = Field(description="When the day's numbers were last entered.")


class SnapshotBatchResult(BaseModel):
    """What a batch or a CSV file of snapshots did: every day is stored (new or replaced)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"received": 7, "created": 5, "updated": 2}]}
    )

    received: int = Field(description="Snapshots in the request (one per day).")
    created: int = Field(description="Days the benchmark had no snapshot of before.")
    updated: int = Field(description="Days entered before, whose numbers were replaced.")


_THEIRS: dict[str, Any] = {
    "followers": 182000.0,
    "follower_growth": 350.0,
    "posts": 2.0,
    "avg_reads": 8650.5,
    "likes": 412.0,
}


class ComparedNumbers(BaseModel):
    """The numbers compared, for one side of one day (or their gap or ratio); null where the
    side has no number that day."""

    model_config = ConfigDict(json_schema_extra={"examples": [dict(_THEIRS)]})

    followers: float | None = Field(
        description="Followers at the end of the day. Benchmark: the snapshot's. Own: follow - "
        "unfollow events of the channel from the beginning of MediaOps' history through the "
        "day (the true count only when its events cover the account's whole life); null "
        "until the channel's first follow or unfollow event."
    )
    follower_growth: float | None = Field(
        description="Followers gained that day. Benchmark: the day's followers - the day "
        "before's (null unless both days have a snapshot with followers). Own: follow - "
        "unfollow that day (null until the channel's first follow or unfollow event)."
    )
    posts: float | None = Field(
        description="Posts published that day. Own: the channel's `publish` events."
    )
    avg_reads: float | None = Field(
        description="Average reads per post published that day. Own: the channel's `view` "
        "events that day ÷ its posts that day (null on a day it published nothing)."
    )
    likes: float | None = Field(description="Likes that day. Own: the channel's `like` events.")


_OWN = {
    "followers": 52840.0,
    "follower_growth": 120.0,
    "posts": 1.0,
    "avg_reads": 3120.0,
    "likes": 96.0,
}
_DAY: dict[str, Any] = {
    "date": "2026-11-16",
    "benchmark": _THEIRS,
    "own": _OWN,
    "gap": {
        "followers": -129160.0,
        "follower_growth": -230.0,
        "posts": -1.0,
        "avg_reads": -5530.5,
        "likes": -316.0,
    },
    "ratio": {
        "followers": 0.2903,
        "follower_growth": 0.3429,
        "posts": 0.5,
        "avg_reads": 0.3607,
        "likes": 0.233,
    },
}


class ComparedDay(BaseModel):
    """One day: the benchmark's numbers next to the channel's own, and how far apart."""

    model_config = ConfigDict(json_schema_extra={"examples": [_DAY]})

    # `date` names the field here, so the type is spelled through its module.
    date: dt.date = Field(description="The day, in the request's `tz`.")
    benchmark: ComparedNumbers = Field(
        description="The benchmark's snapshot of the day (all null without one)."
    )
    own: ComparedNumbers = Field(
        description="The channel's own numbers of the day, from metrics-svc's events."
    )
    gap: ComparedNumbers = Field(
        description="own - benchmark, per number; null where either side is null."
    )
    ratio: ComparedNumbers = Field(
        description="own ÷ benchmark, per number; null where either side is null or the "
        "benchmark's is 0."
    )


class ComparisonRead(BaseModel):
    """A benchmark next to one of the workspace's channels, day by day over the same days."""

    model_config = ConfigDict(
        populate_by_name=True,  # `from` is `from_`
        json_schema_extra={
            "examples": [
                {
                    "benchmark_id": ex.BENCHMARK_ID,
                    "channel_id": ex.CHANNEL_ID,
                    "tz": "Asia/Shanghai",
                    "from": "2026-11-16",
                    "to": "2026-11-17",
                    "days": [_DAY],
                }
            ]
        },
    )

    benchmark_id: uuid.UUID = Field(description="The benchmark compared.")
    channel_id: str = Field(description="The workspace's content-svc channel compared.")
    tz: str = Field(description="The IANA time zone the channel's days are cut in.")
    from_: date = Field(alias="from", description="The first day (inclusive).")
    to: date = Field(description="The day after the last (exclusive).")
    days: list[ComparedDay] = Field(description="One per day from `from` to `to`, in order.")
