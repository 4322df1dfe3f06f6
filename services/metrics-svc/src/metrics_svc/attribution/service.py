"""The attribution report of a campaign or a group: which publications brought its leads,
joins, coupon claims, redemptions and GMV; or the report of a set of publications: what each
brought, whatever the campaign or group (what a partner's collaboration is measured by).

- Conversions are the scope's events (carrying its ``campaign_id``, or its ``group_id``) of
  the types in ``STEP_OF`` in the window. For publications, they are the events carrying one
  of them (made with its tracking code), each credited to its own; conversions without a
  publication of their own are credited through touches in a campaign's or group's report
  only (finding them by publication would read every conversion of the workspace).
- A conversion carrying a ``publication_id`` (the tracking code it was made with) is credited
  to that publication. Otherwise it is credited through its actor's touches: the actor's events
  in the window carrying a publication, at or before the conversion — the earliest of them
  (``first_touch``) or the latest (``last_touch``; ties in time by event id). No actor or no
  such touch: unattributed.
- Impressions and clicks of a publication count when they carry the scope's id, or when the
  publication is credited with at least one of the scope's conversions in the window (then all
  of its impressions and clicks in the window count).
- The window is whole UTC hours, as in series: an hour counts when it starts in [from, to)."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from metrics_svc.attribution.exceptions import AttributionScopeInvalid
from metrics_svc.attribution.repository import (
    TOUCH_TYPES,
    AttributionRepository,
    Conversion,
    Touch,
)
from metrics_svc.attribution.schemas import (
    ActorChains,
    AttributionReport,
    AttributionSteps,
    ChannelAttribution,
    ConversionCounts,
    PublicationAttribution,
)
from metrics_svc.metrics.exceptions import EmptyWindow, WindowTooWide
from metrics_svc.vocabulary import AttributionModel, Dimension, EventType

MAX_WINDOW = timedelta(days=366)

# Each conversion type and the step it counts in (purchase and refund add to and take from GMV).
STEP_OF: dict[str, str] = {
    EventType.LEAD: "leads",
    EventType.JOIN_GROUP: "joins",
    EventType.COUPON_CLAIM: "claims",
    EventType.COUPON_REDEEM: "redemptions",
    EventType.PURCHASE: "gmv",
    EventType.REFUND: "gmv",
}
IMPRESSION, CLICK = EventType.IMPRESSION.value, EventType.CLICK.value


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(slots=True)
class Tally:
    impressions: int = 0
    clicks: int = 0
    leads: int = 0
    joins: int = 0
    claims: int = 0
    redemptions: int = 0
    gmv: float = 0.0

    def add_conversion(self, conversion: Conversion) -> None:
        step = STEP_OF[conversion.type]
        if step == "gmv":
            sign = -1.0 if conversion.type == EventType.REFUND else 1.0
            self.gmv += sign * (conversion.value or 0.0)
        else:
            setattr(self, step, getattr(self, step) + 1)

    def add(self, other: Tally) -> None:
        for name in ("impressions", "clicks", "leads", "joins", "claims", "redemptions", "gmv"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def steps(self) -> dict[str, int | float | None]:
        return {
            "impressions": self.impressions,
            "clicks": self.clicks,
            "leads": self.leads,
            "joins": self.joins,
            "claims": self.claims,
            "redemptions": self.redemptions,
            "gmv": self.gmv,
            "ctr": _ratio(self.clicks, self.impressions),
            "lead_rate": _ratio(self.leads, self.clicks),
            "join_rate": _ratio(self.joins, self.leads),
            "claim_rate": _ratio(self.claims, self.joins),
            "redemption_rate": _ratio(self.redemptions, self.claims),
        }


@dataclass(slots=True)
class Credited:
    """A publication in the report: its counts and the channel and post its events carry."""

    tally: Tally = field(default_factory=Tally)
    channels: set[str] = field(default_factory=set)
    posts: set[str] = field(default_factory=set)

    def seen(self, channel_id: str | None, post_id: str | None) -> None:
        if channel_id:
            self.channels.add(channel_id)
        if post_id:
            self.posts.add(post_id)


def _whole_hours(at: datetime) -> datetime:
    """The start of the first hour starting at or after ``at`` (rollup hours start on the UTC
    hour; so do the whole-hour offsets of nearly every zone)."""
    floor = at.replace(minute=0, second=0, microsecond=0)
    return floor if floor == at else floor + timedelta(hours=1)


class Touches:
    """One actor's touches in time order, to find the one a conversion is credited to."""

    def __init__(self, touches: list[Touch]) -> None:
        self.touches = touches
        self.times = [t.occurred_at for t in touches]

    def credited(self, at: datetime, model: AttributionModel) -> Touch | None:
        before = bisect_right(self.times, at)  # touches at or before the conversion
        if before == 0:
            return None
        return (
            self.touches[0] if model is AttributionModel.FIRST_TOUCH else self.touches[before - 1]
        )


def _by_actor(touches: Iterable[Touch]) -> dict[str, Touches]:
    grouped: dict[str, list[Touch]] = defaultdict(list)
    for touch in touches:  # in time order per actor already
        grouped[touch.actor_id].append(touch)
    return {actor: Touches(ts) for actor, ts in grouped.items()}


def scope_of(
    campaign_id: str | None, group_id: str | None, publication_ids: Sequence[str]
) -> tuple[Dimension, str | None]:
    """The report's scope: a campaign or a group with its id, or publications (no one id)."""
    given = {
        "campaign_id": campaign_id is not None,
        "group_id": group_id is not None,
        "publication_id": bool(publication_ids),
    }
    named = [name for name, present in given.items() if present]
    if len(named) != 1:
        raise AttributionScopeInvalid(named)
    if campaign_id is not None:
        return Dimension.CAMPAIGN_ID, campaign_id
    if group_id is not None:
        return Dimension.GROUP_ID, group_id
    return Dimension.PUBLICATION_ID, None


async def attribution_report(
    repo: AttributionRepository,
    *,
    campaign_id: str | None,
    group_id: str | None,
    publication_ids: Sequence[str] = (),
    start: datetime,
    end: datetime,
    tz: str,
    model: AttributionModel,
) -> AttributionReport:
    scope, scope_id = scope_of(campaign_id, group_id, publication_ids)
    asked = sorted(set(publication_ids))
    if end <= start:
        raise EmptyWindow(start, end)
    if end - start > MAX_WINDOW:
        raise WindowTooWide(
            f"The window from {start.isoformat()} to {end.isoformat()} is longer than "
            f"{MAX_WINDOW.days} days; ask for a year or less at a time."
        )
    hours_start, hours_end = _whole_hours(start), _whole_hours(end)
    if scope_id is None:
        conversions = await repo.publication_conversions(
            asked, list(STEP_OF), hours_start, hours_end
        )
    else:
        conversions = await repo.conversions(scope, scope_id, list(STEP_OF), hours_start, hours_end)
    needing = [c for c in conversions if c.publication_id is None and c.actor_id]
    # Touches after the last conversion that needs one credit nothing: not read.
    touch_end = min(
        (max(c.occurred_at for c in needing) + timedelta(microseconds=1)) if needing else hours_end,
        hours_end,
    )
    actors = {c.actor_id for c in needing if c.actor_id}
    touches = _by_actor(await repo.touches(actors, TOUCH_TYPES, hours_start, touch_end))

    credited: dict[str, Credited] = defaultdict(Credited)
    unattributed = Tally()
    converted: set[str] = set()
    attributed_actors: set[str] = set()
    attributed = 0
    for conversion in conversions:
        if conversion.actor_id:
            converted.add(conversion.actor_id)
        source: Conversion | Touch | None = conversion
        if conversion.publication_id is None:
            actor_touches = touches.get(conversion.actor_id or "")
            source = (
                actor_touches.credited(conversion.occurred_at, model) if actor_touches else None
            )
        if source is None or source.publication_id is None:
            unattributed.add_conversion(conversion)
            continue
        attributed += 1
        if conversion.actor_id:
            attributed_actors.add(conversion.actor_id)
        publication = credited[source.publication_id]
        publication.tally.add_conversion(conversion)
        publication.seen(source.channel_id, source.post_id)

    # A campaign's or group's publications: those credited, and those whose impressions and
    # clicks carry its id; a publications report's: those asked.
    for row in await repo.touch_counts(
        None if scope_id is None else scope,
        scope_id,
        set(credited) | set(asked),
        (IMPRESSION, CLICK),
        hours_start,
        hours_end,
    ):
        publication = credited[row.publication_id]
        publication.seen(row.channel_id, row.post_id)
        if row.type == IMPRESSION:
            publication.tally.impressions += row.count
        else:
            publication.tally.clicks += row.count

    publications = [
        PublicationAttribution.model_validate(
            {
                "publication_id": publication_id,
                # A publication is one post on one channel; should its events disagree, the
                # report names the greatest id (its counts stay whole, in that channel).
                "channel_id": max(p.channels, default=None),
                "post_id": max(p.posts, default=None),
                **p.tally.steps(),
            }
        )
        for publication_id, p in sorted(credited.items())
    ]
    channel_tallies: dict[str | None, Tally] = defaultdict(Tally)
    channel_sizes: dict[str | None, int] = defaultdict(int)
    total = Tally()
    for read in publications:
        tally = credited[read.publication_id].tally
        channel_tallies[read.channel_id].add(tally)
        channel_sizes[read.channel_id] += 1
        total.add(tally)
    total.add(unattributed)
    channels = [
        ChannelAttribution.model_validate(
            {"channel_id": channel_id, "publications": channel_sizes[channel_id], **tally.steps()}
        )
        for channel_id, tally in sorted(channel_tallies.items(), key=lambda kv: kv[0] or "")
    ]
    return AttributionReport(
        campaign_id=campaign_id,
        group_id=group_id,
        publication_ids=asked,
        model=model,
        tz=tz,
        window_start=start,
        window_end=end,
        publications=publications,
        channels=channels,
        unattributed=AttributionSteps.model_validate(unattributed.steps()),
        total=AttributionSteps.model_validate(total.steps()),
        conversions=ConversionCounts(
            attributed=attributed, unattributed=len(conversions) - attributed
        ),
        actors=ActorChains(
            converted=len(converted),
            attributed=len(attributed_actors),
            unattributed=len(converted - attributed_actors),
        ),
    )
