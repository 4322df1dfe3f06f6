"""The ``mediaops`` commands: log in, list and create the common resources, follow jobs with a
progress bar, export CSVs, read the dashboard and a metric. Typed calls go through the generated
SDK (``mediaops_client``); ``api.Api`` turns every refusal into the problem's own words and exit
code 1."""

from __future__ import annotations

import base64
import binascii
import json
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import httpx
import typer
from mediaops_client.api.campaigns import campaigns_create_campaign, campaigns_list_campaigns
from mediaops_client.api.channels import channels_create_channel, channels_list_channels
from mediaops_client.api.coupon_batches import (
    coupon_batches_create_coupon_batch,
    coupon_batches_export_coupon_batch_codes_later,
    coupon_batches_list_coupon_batches,
)
from mediaops_client.api.dashboard import dashboard_get_dashboard
from mediaops_client.api.groups import groups_create_group, groups_list_groups
from mediaops_client.api.members import members_join_group, members_list_members
from mediaops_client.api.metrics import metrics_get_metric_series, metrics_list_metrics
from mediaops_client.api.posts import posts_create_post, posts_list_posts
from mediaops_client.models import (
    CampaignCreate,
    CampaignKind,
    ChannelCreate,
    CouponBatchCreate,
    DiscountType,
    GroupBy,
    GroupCreate,
    GroupKind,
    GroupPlatform,
    GroupStage,
    Interval,
    MemberJoin,
    MemberRole,
    Platform,
    PostCreate,
    PostStatus,
)
from mediaops_client.types import Response
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TransferSpeedColumn
from rich.table import Table
from rich.text import Text

from mediaops_cli import config, jobs
from mediaops_cli.api import Api, ApiError, CliError, idempotency_key, json_key
from mediaops_cli.charts import chart
from mediaops_cli.render import cell, err, out, print_json, record, table

app = typer.Typer(
    name="mediaops",
    help="MediaOps from a terminal: channels, posts, campaigns, coupon codes, groups, members, "
    "the dashboard and metrics, through the gateway.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
channels_app = typer.Typer(help="Publishing channels (content-svc).", no_args_is_help=True)
posts_app = typer.Typer(help="Posts (content-svc).", no_args_is_help=True)
campaigns_app = typer.Typer(help="Campaigns (campaign-svc).", no_args_is_help=True)
batches_app = typer.Typer(help="Coupon batches (campaign-svc).", no_args_is_help=True)
codes_app = typer.Typer(help="Generate and export coupon codes.", no_args_is_help=True)
groups_app = typer.Typer(help="User groups, 社群 (community-svc).", no_args_is_help=True)
members_app = typer.Typer(help="Members of a group (community-svc).", no_args_is_help=True)
app.add_typer(channels_app, name="channels")
app.add_typer(posts_app, name="posts")
app.add_typer(campaigns_app, name="campaigns")
app.add_typer(batches_app, name="coupon-batches")
app.add_typer(codes_app, name="codes")
app.add_typer(groups_app, name="groups")
app.add_typer(members_app, name="members")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print the API's JSON, for scripts.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the new id.")]
LimitOpt = Annotated[int, typer.Option(min=1, max=200, help="Items a page.")]
CursorOpt = Annotated[str | None, typer.Option(help="The page after this cursor.")]
AllOpt = Annotated[bool, typer.Option("--all", help="Every page, following next_cursor.")]
KeyOpt = Annotated[
    str | None,
    typer.Option(
        "--idempotency-key",
        help="Idempotency-Key to send (default: one derived from the request, so running the "
        "same command again answers with the first result instead of doing it twice).",
    ),
]
CampaignOpt = Annotated[uuid.UUID | None, typer.Option(help="A campaign's id.")]
PollOpt = Annotated[float, typer.Option(min=0.05, help="Seconds between looks at the job.")]

CHANNEL_COLUMNS = ("id", "platform", "name", "handle", "timezone", "version")
POST_COLUMNS = ("id", "title", "status", "version", "updated_at")
CAMPAIGN_COLUMNS = ("id", "name", "kind", "status", "starts_at", "ends_at")
BATCH_COLUMNS = (
    "id",
    "name",
    "discount_type",
    "amount_off",
    "percent_off",
    "total_quantity",
    "claimed_count",
    "code_prefix",
)
GROUP_COLUMNS = ("id", "name", "platform", "kind", "stage", "member_count", "capacity")
MEMBER_COLUMNS = ("id", "external_id", "display_name", "role", "tier", "joined_at")


@contextmanager
def connected() -> Iterator[Api]:
    api = Api(config.load())
    try:
        yield api
    finally:
        api.close()


def run() -> None:
    """The console script: the problem's title and detail on stderr and exit code 1 for
    anything the API refuses or that cannot be reached, never a traceback."""
    try:
        app()
    except (CliError, config.NotLoggedIn) as exc:
        lines = exc.lines() if isinstance(exc, CliError) else [str(exc)]
        err.print(Text("error: " + lines[0], style="red"))
        for line in lines[1:]:
            err.print(Text(line))
        sys.exit(1)
    except httpx.TransportError as exc:
        url = exc.request.url if exc._request is not None else "the gateway"
        err.print(Text(f"error: cannot reach {url}: {exc or type(exc).__name__}", style="red"))
        sys.exit(1)


# ---------------------------------------------------------------------------- login, whoami


@app.command()
def login(
    url: Annotated[str, typer.Option(help="The gateway, e.g. http://127.0.0.1:8100.")],
    token: Annotated[str | None, typer.Option(help="A JWT (`make token` prints one).")] = None,
    api_key: Annotated[str | None, typer.Option(help="An API key (mo_…).")] = None,
    check: Annotated[bool, typer.Option(help="Ask the gateway whether it accepts it.")] = True,
) -> None:
    """Keep the gateway's URL and a token or API key for the next commands (a 0600 file under
    $XDG_CONFIG_HOME/mediaops; MEDIAOPS_URL and MEDIAOPS_TOKEN override it)."""
    if (token is None) == (api_key is None):
        raise typer.BadParameter("give one of --token or --api-key")
    secret = token or api_key or ""
    credentials = config.Credentials(
        url=url.rstrip("/"), secret=secret, kind="token" if token else "api_key"
    )
    if check:
        api = Api(credentials)
        try:
            api.answer(dashboard_get_dashboard.sync_detailed(client=api.client))
        finally:
            api.close()
    path = config.save(credentials)
    err.print(f"logged in to {credentials.url} ({credentials.kind}); saved in {path}", markup=False)


@app.command()
def logout() -> None:
    """Forget the stored URL and credential."""
    removed = config.remove()
    err.print(f"removed {config.config_path()}" if removed else "not logged in", markup=False)


def token_claims(secret: str) -> dict[str, Any] | None:
    """A JWT's claims as it states them, for display only: the gateway verifies the signature.
    (Decoded by hand: a base64 step, not worth a JWT library the CLI would use for nothing
    else.)"""
    parts = secret.split(".")
    if len(parts) != 3:
        return None
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error):
        return None
    return claims if isinstance(claims, dict) else None


@app.command()
def whoami(as_json: JsonOpt = False) -> None:
    """Who the stored credential says you are, and whether the gateway accepts it."""
    credentials = config.load()
    claims = token_claims(credentials.secret) if credentials.kind == "token" else None
    with connected() as api:
        try:
            api.answer(dashboard_get_dashboard.sync_detailed(client=api.client))
            accepted, reason = True, ""
        except ApiError as exc:
            if exc.status != 401:
                raise
            accepted, reason = False, str(exc)
    found = {
        "url": credentials.url,
        "kind": credentials.kind,
        "source": credentials.source,
        "accepted": accepted,
        "claims": claims,
    }
    if as_json:
        print_json(found)
    else:
        rows: dict[str, Any] = {
            "url": credentials.url,
            "credential": credentials.kind,
            "from": credentials.source,
        }
        if claims:
            rows.update(
                workspace=claims.get("ws"),
                subject=claims.get("sub"),
                scopes=claims.get("scopes"),
                expires=_expiry(claims.get("exp")),
            )
        elif credentials.kind == "api_key":
            rows["key"] = credentials.secret[:8] + "…"
        rows["accepted"] = "yes" if accepted else f"no: {reason}"
        record(rows)
    if not accepted:
        raise typer.Exit(1)


def _expiry(exp: Any) -> str | None:
    if not isinstance(exp, int | float):
        return None
    at = datetime.fromtimestamp(exp, UTC)
    left = at - datetime.now(UTC)
    state = f"in {left.total_seconds() / 3600:.1f} h" if left.total_seconds() > 0 else "expired"
    return f"{at.isoformat(timespec='seconds')} ({state})"


# ---------------------------------------------------------------------------- lists, creates


def pages(
    api: Api, fetch: Callable[[str | None], Response[Any]], cursor: str | None, every: bool
) -> dict[str, Any]:
    page: dict[str, Any] = api.answer(fetch(cursor))
    items = list(page["items"])
    while every and page.get("next_cursor"):
        page = api.answer(fetch(page["next_cursor"]))
        items.extend(page["items"])
    return {"items": items, "next_cursor": page.get("next_cursor")}


def show_page(page: dict[str, Any], columns: tuple[str, ...], as_json: bool, title: str) -> None:
    if as_json:
        print_json(page)
        return
    table(page["items"], columns, title=f"{title} ({len(page['items'])})")
    if page.get("next_cursor"):
        err.print(f"more: --cursor {page['next_cursor']} (or --all)", markup=False)


def show_created(
    response: Response[Any], api: Api, columns: tuple[str, ...], quiet: bool, as_json: bool
) -> dict[str, Any]:
    item: dict[str, Any] = api.answer(response)
    if response.headers.get("Idempotent-Replayed") == "true":
        err.print("(the API answered this request before: its first answer, replayed)")
    if quiet:
        out.print(item["id"], markup=False)
    elif as_json:
        print_json(item)
    else:
        record(item, columns)
    return item


def unset_none(**fields: Any) -> dict[str, Any]:
    """The options given (the SDK's models leave a field out when it is not passed)."""
    return {name: value for name, value in fields.items() if value is not None}


@channels_app.command("list")
def channels_list(
    platform: Annotated[Platform | None, typer.Option()] = None,
    limit: LimitOpt = 50,
    cursor: CursorOpt = None,
    every: AllOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List channels."""
    with connected() as api:
        page = pages(
            api,
            lambda c: channels_list_channels.sync_detailed(
                client=api.client, platform=platform, limit=limit, cursor=c
            ),
            cursor,
            every,
        )
    show_page(page, CHANNEL_COLUMNS, as_json, "channels")


@channels_app.command("create")
def channels_create(
    platform: Annotated[Platform, typer.Option()],
    name: Annotated[str, typer.Option()],
    handle: Annotated[str, typer.Option(help="The account's handle on the platform.")],
    timezone: Annotated[str | None, typer.Option(help="IANA zone (Asia/Shanghai).")] = None,
    key: KeyOpt = None,
    quiet: QuietOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a channel (a manual publisher; webhooks through the API)."""
    body = ChannelCreate(
        platform=platform, name=name, handle=handle, **unset_none(timezone=timezone)
    )
    with connected() as api:
        response = channels_create_channel.sync_detailed(
            client=api.client,
            body=body,
            idempotency_key=key or json_key("POST", "/v1/channels", body.to_dict()),
        )
        show_created(response, api, CHANNEL_COLUMNS, quiet, as_json)


@posts_app.command("list")
def posts_list(
    status: Annotated[PostStatus | None, typer.Option()] = None,
    tag: Annotated[str | None, typer.Option()] = None,
    q: Annotated[str | None, typer.Option(help="Text in the title or body.")] = None,
    limit: LimitOpt = 50,
    cursor: CursorOpt = None,
    every: AllOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List posts."""
    with connected() as api:
        page = pages(
            api,
            lambda c: posts_list_posts.sync_detailed(
                client=api.client,
                status=status,
                tag=tag,
                q=q,
                limit=limit,
                cursor=c,
            ),
            cursor,
            every,
        )
    show_page(page, POST_COLUMNS, as_json, "posts")


@posts_app.command("create")
def posts_create(
    title: Annotated[str, typer.Option()],
    body: Annotated[str | None, typer.Option(help="Markdown.")] = None,
    body_file: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help="Markdown from a file.")
    ] = None,
    summary: Annotated[str | None, typer.Option()] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Repeat for several.")] = None,
    key: KeyOpt = None,
    quiet: QuietOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a draft post."""
    if body_file is not None:
        body = body_file.read_text(encoding="utf-8")
    post = PostCreate(title=title, **unset_none(body=body, summary=summary, tags=tag))
    with connected() as api:
        response = posts_create_post.sync_detailed(
            client=api.client,
            body=post,
            idempotency_key=key or json_key("POST", "/v1/posts", post.to_dict()),
        )
        show_created(response, api, POST_COLUMNS, quiet, as_json)


@campaigns_app.command("list")
def campaigns_list(
    kind: Annotated[CampaignKind | None, typer.Option()] = None,
    limit: LimitOpt = 50,
    cursor: CursorOpt = None,
    every: AllOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List campaigns."""
    with connected() as api:
        page = pages(
            api,
            lambda c: campaigns_list_campaigns.sync_detailed(
                client=api.client, kind=kind, limit=limit, cursor=c
            ),
            cursor,
            every,
        )
    show_page(page, CAMPAIGN_COLUMNS, as_json, "campaigns")


@campaigns_app.command("create")
def campaigns_create(
    name: Annotated[str, typer.Option()],
    kind: Annotated[CampaignKind, typer.Option()],
    starts_at: Annotated[str, typer.Option(help="RFC 3339, e.g. 2026-11-01T00:00:00+08:00.")],
    ends_at: Annotated[str, typer.Option(help="RFC 3339.")],
    budget: Annotated[int | None, typer.Option(help="Minor units (fen).")] = None,
    currency: Annotated[str | None, typer.Option()] = None,
    key: KeyOpt = None,
    quiet: QuietOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a campaign (draft)."""
    campaign = CampaignCreate(
        name=name,
        kind=kind,
        starts_at=_instant(starts_at, "--starts-at"),
        ends_at=_instant(ends_at, "--ends-at"),
        **unset_none(budget_amount=budget, currency=currency),
    )
    with connected() as api:
        response = campaigns_create_campaign.sync_detailed(
            client=api.client,
            body=campaign,
            idempotency_key=key or json_key("POST", "/v1/campaigns", campaign.to_dict()),
        )
        show_created(response, api, CAMPAIGN_COLUMNS, quiet, as_json)


def _instant(value: str, option: str) -> datetime:
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an RFC 3339 time", param_hint=option) from None
    if at.tzinfo is None:
        raise typer.BadParameter(f"{value!r} needs an offset (+08:00 or Z)", param_hint=option)
    return at


@batches_app.command("list")
def batches_list(
    campaign: CampaignOpt = None,
    limit: LimitOpt = 50,
    cursor: CursorOpt = None,
    every: AllOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List coupon batches."""
    with connected() as api:
        page = pages(
            api,
            lambda c: coupon_batches_list_coupon_batches.sync_detailed(
                client=api.client, campaign_id=campaign, limit=limit, cursor=c
            ),
            cursor,
            every,
        )
    show_page(page, BATCH_COLUMNS, as_json, "coupon batches")


NameOpt = Annotated[str, typer.Option("--batch-name", "--name", help="The batch's name.")]
QuantityOpt = Annotated[
    int, typer.Option(min=1, help="Codes to generate (a job past the API's synchronous cap).")
]
AmountOffOpt = Annotated[
    int | None, typer.Option(help="A fixed discount, in minor units (fen): 2000 = ¥20.")
]
PercentOffOpt = Annotated[float | None, typer.Option(help="A percent discount: 15 = 15% off.")]
MaxDiscountOpt = Annotated[int | None, typer.Option(help="Cap of a percent discount (fen).")]
MinSpendOpt = Annotated[int | None, typer.Option(help="Minimum order (fen).")]
ValidDaysOpt = Annotated[int | None, typer.Option(help="Valid N days after the claim.")]
ValidFromOpt = Annotated[
    str | None, typer.Option(help="Valid from (RFC 3339), with --valid-until.")
]
ValidUntilOpt = Annotated[str | None, typer.Option(help="Valid until (RFC 3339).")]
PrefixOpt = Annotated[str | None, typer.Option(help="Every code starts with it.")]
LengthOpt = Annotated[int | None, typer.Option(help="Characters after the prefix.")]
PerCustomerOpt = Annotated[int | None, typer.Option(help="Claims one customer may make.")]


def create_batch(
    *,
    name: str,
    quantity: int,
    amount_off: int | None,
    percent_off: float | None,
    max_discount: int | None,
    min_spend: int | None,
    campaign: str | None,
    valid_days: int | None,
    valid_from: str | None,
    valid_until: str | None,
    code_prefix: str | None,
    code_length: int | None,
    per_customer_limit: int | None,
    key: str | None,
    wait: bool,
    poll: float,
    quiet: bool,
    as_json: bool,
) -> None:
    """``POST /v1/coupon-batches``: 201 with the batch when its codes were made at once, 202
    with a job past the synchronous cap, followed with a progress bar when ``wait``."""
    if (amount_off is None) == (percent_off is None):
        raise typer.BadParameter("give one of --amount-off or --percent-off")
    batch = CouponBatchCreate(
        name=name,
        total_quantity=quantity,
        discount_type=DiscountType.FIXED if amount_off is not None else DiscountType.PERCENT,
        **unset_none(
            amount_off=amount_off,
            percent_off=percent_off,
            max_discount=max_discount,
            min_spend=min_spend,
            campaign_id=campaign,
            valid_days=valid_days,
            valid_from=_instant(valid_from, "--valid-from") if valid_from else None,
            valid_until=_instant(valid_until, "--valid-until") if valid_until else None,
            code_prefix=code_prefix,
            code_length=code_length,
            per_customer_limit=per_customer_limit,
        ),
    )
    with connected() as api:
        response = coupon_batches_create_coupon_batch.sync_detailed(
            client=api.client,
            body=batch,
            idempotency_key=key or json_key("POST", "/v1/coupon-batches", batch.to_dict()),
        )
        if response.status_code != 202:
            show_created(response, api, BATCH_COLUMNS, quiet, as_json)
            return
        job: jobs.Job = api.answer(response)
        if not wait:
            _replayed_note(response.headers)
            _show_job(job, quiet, as_json)
            return
        job = follow_job(api, response, job, label=f"codes for {name}", poll=poll)
    _finish_job(job, quiet, as_json)


def follow_job(
    api: Api, response: Response[Any] | httpx.Response, job: jobs.Job, *, label: str, poll: float
) -> jobs.Job:
    """Follow the job a ``202`` answered with (at its ``Location``) to its end, on stderr."""
    url = jobs.job_url(response.headers, job)
    if _replayed_note(response.headers):
        job = api.get(url)  # the replayed answer shows the job as it was then: read it now
    return jobs.follow(api, url, job, console=err, label=label, poll_s=poll)


def _replayed_note(headers: Mapping[str, str]) -> bool:
    """Say so when the API replayed its first answer to this request (the same Idempotency-Key
    and body: the command ran before); whether it did."""
    replayed = headers.get("Idempotent-Replayed") == "true"
    if replayed:
        err.print("(the API answered this request before: the job it started then)")
    return replayed


def _show_job(job: jobs.Job, quiet: bool, as_json: bool) -> None:
    if quiet:
        out.print(job.get("id"), markup=False)
    elif as_json:
        print_json(job)
    else:
        jobs.report(job, out)


def _finish_job(job: jobs.Job, quiet: bool, as_json: bool) -> None:
    _show_job(job, quiet, as_json)
    if job.get("status") != "succeeded":
        raise typer.Exit(1)


@batches_app.command("create")
def batches_create(
    name: NameOpt,
    quantity: QuantityOpt,
    amount_off: AmountOffOpt = None,
    percent_off: PercentOffOpt = None,
    max_discount: MaxDiscountOpt = None,
    min_spend: MinSpendOpt = None,
    campaign: CampaignOpt = None,
    valid_days: ValidDaysOpt = None,
    valid_from: ValidFromOpt = None,
    valid_until: ValidUntilOpt = None,
    code_prefix: PrefixOpt = None,
    code_length: LengthOpt = None,
    per_customer_limit: PerCustomerOpt = None,
    wait: Annotated[
        bool, typer.Option(help="Follow the job (when there is one) to its end.")
    ] = False,
    poll: PollOpt = 0.5,
    key: KeyOpt = None,
    quiet: QuietOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a coupon batch and its codes (a large one answers with a job: --wait follows it)."""
    create_batch(**locals())


@codes_app.command("generate")
def codes_generate(
    name: NameOpt,
    quantity: QuantityOpt,
    amount_off: AmountOffOpt = None,
    percent_off: PercentOffOpt = None,
    max_discount: MaxDiscountOpt = None,
    min_spend: MinSpendOpt = None,
    campaign: CampaignOpt = None,
    valid_days: ValidDaysOpt = None,
    valid_from: ValidFromOpt = None,
    valid_until: ValidUntilOpt = None,
    code_prefix: PrefixOpt = None,
    code_length: LengthOpt = None,
    per_customer_limit: PerCustomerOpt = None,
    poll: PollOpt = 0.5,
    key: KeyOpt = None,
    quiet: QuietOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a coupon batch and generate its codes, following the job with a progress bar.
    Run again after an interruption: the same command finds the same job."""
    create_batch(**locals(), wait=True)


@codes_app.command("export")
def codes_export(
    batch_id: Annotated[uuid.UUID, typer.Argument(help="The batch's id.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The CSV file to write ('-': stdout).")
    ],
    poll: PollOpt = 0.5,
    key: Annotated[
        str | None,
        typer.Option(
            "--idempotency-key",
            help="Idempotency-Key of the export job (default: a new one, a fresh export).",
        ),
    ] = None,
) -> None:
    """Write every code of a batch to a CSV file: an export job followed with a progress bar,
    then its file streamed from the job's result_url."""
    with connected() as api:
        batch = api.get(f"/v1/coupon-batches/{batch_id}")
        # A fresh key unless one is given: an export is a snapshot of the codes' statuses now,
        # so running the command again should export again, not hand back an older file.
        response = coupon_batches_export_coupon_batch_codes_later.sync_detailed(
            batch_id, client=api.client, idempotency_key=key or str(uuid.uuid4())
        )
        job: jobs.Job = api.answer(response)
        job = follow_job(api, response, job, label=f"export of {batch['name']}", poll=poll)
        if job.get("status") != "succeeded" or not job.get("result_url"):
            jobs.report(job, err)
            raise typer.Exit(1)
        # result_url is a path on the gateway (/v1/jobs/…/result): read with the same client.
        rows = save_stream(api, str(job["result_url"]), output, batch.get("total_quantity"))
    err.print(f"wrote {rows:,} codes to {'stdout' if str(output) == '-' else output}", markup=False)


def save_stream(api: Api, path: str, output: Path, expected_rows: int | None) -> int:
    """Stream ``path`` into ``output`` (via a ``.part`` file renamed at the end, so an
    interrupted download leaves no half CSV), with a progress bar of rows on a terminal; the
    data rows."""
    columns = (TextColumn("download"), BarColumn(), MofNCompleteColumn(), TransferSpeedColumn())
    to_stdout = str(output) == "-"
    part = output.with_name(output.name + ".part")
    lines = 0
    # Off a terminal the bar would only print its last frame: the count said after is enough.
    bar = Progress(*columns, console=err, disable=not err.is_interactive)
    with api.stream(path) as response, bar:
        task = bar.add_task("codes", total=expected_rows)
        sink: BinaryIO = sys.stdout.buffer if to_stdout else part.open("wb")
        try:
            for chunk in response.iter_bytes():
                sink.write(chunk)
                lines += chunk.count(b"\n")
                bar.update(task, completed=max(lines - 1, 0))
        finally:
            if not to_stdout:
                sink.close()
    if not to_stdout:
        part.replace(output)
    return max(lines - 1, 0)  # the header is not a code


@groups_app.command("list")
def groups_list(
    stage: Annotated[GroupStage | None, typer.Option()] = None,
    platform: Annotated[GroupPlatform | None, typer.Option()] = None,
    kind: Annotated[GroupKind | None, typer.Option()] = None,
    limit: LimitOpt = 50,
    cursor: CursorOpt = None,
    every: AllOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List groups."""
    with connected() as api:
        page = pages(
            api,
            lambda c: groups_list_groups.sync_detailed(
                client=api.client,
                stage=stage,
                platform=platform,
                kind=kind,
                limit=limit,
                cursor=c,
            ),
            cursor,
            every,
        )
    show_page(page, GROUP_COLUMNS, as_json, "groups")


@groups_app.command("create")
def groups_create(
    name: Annotated[str, typer.Option()],
    platform: Annotated[GroupPlatform, typer.Option()],
    kind: Annotated[GroupKind, typer.Option()],
    capacity: Annotated[int | None, typer.Option()] = None,
    positioning: Annotated[str | None, typer.Option()] = None,
    timezone: Annotated[str | None, typer.Option()] = None,
    key: KeyOpt = None,
    quiet: QuietOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a group (stage planning)."""
    group = GroupCreate(
        name=name,
        platform=platform,
        kind=kind,
        **unset_none(capacity=capacity, positioning=positioning, timezone=timezone),
    )
    with connected() as api:
        response = groups_create_group.sync_detailed(
            client=api.client,
            body=group,
            idempotency_key=key or json_key("POST", "/v1/groups", group.to_dict()),
        )
        show_created(response, api, GROUP_COLUMNS, quiet, as_json)


GroupArg = Annotated[uuid.UUID, typer.Argument(help="The group's id.")]


@members_app.command("list")
def members_list(
    group_id: GroupArg,
    role: Annotated[MemberRole | None, typer.Option()] = None,
    tag: Annotated[str | None, typer.Option()] = None,
    limit: LimitOpt = 50,
    cursor: CursorOpt = None,
    every: AllOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List a group's members."""
    with connected() as api:
        page = pages(
            api,
            lambda c: members_list_members.sync_detailed(
                group_id, client=api.client, role=role, tag=tag, limit=limit, cursor=c
            ),
            cursor,
            every,
        )
    show_page(page, MEMBER_COLUMNS, as_json, "members")


@members_app.command("add")
def members_add(
    group_id: GroupArg,
    external_id: Annotated[str, typer.Option(help="The person's id on the platform.")],
    display_name: Annotated[str | None, typer.Option()] = None,
    role: Annotated[MemberRole | None, typer.Option()] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Repeat for several.")] = None,
    tier: Annotated[str | None, typer.Option()] = None,
    key: KeyOpt = None,
    quiet: QuietOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Add one member to a group."""
    member = MemberJoin(
        external_id=external_id,
        **unset_none(display_name=display_name, role=role, tags=tag, tier=tier),
    )
    path = f"/v1/groups/{group_id}/members"
    with connected() as api:
        response = members_join_group.sync_detailed(
            group_id,
            client=api.client,
            body=member,
            idempotency_key=key or json_key("POST", path, member.to_dict()),
        )
        show_created(response, api, MEMBER_COLUMNS, quiet, as_json)


@members_app.command("import")
def members_import(
    group_id: GroupArg,
    csv_file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="UTF-8 CSV with a header: external_id,display_name,role,tags,tier,"
            "source_channel (tags split by |).",
        ),
    ],
    poll: PollOpt = 0.5,
    key: KeyOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Import members from a CSV file as a job, with a progress bar; bad rows are listed with
    their line and the reason, the good ones are imported. Run again after an interruption:
    the same command and file find the same job."""
    content = csv_file.read_bytes()
    path = f"/v1/groups/{group_id}/member-imports"
    with connected() as api:
        group = api.get(f"/v1/groups/{group_id}")  # an unknown group says so before any upload
        response = api.post(
            path,
            content=content,
            content_type="text/csv; charset=utf-8",
            key=key or idempotency_key("POST", path, content),
        )
        job: jobs.Job = response.json()
        job = follow_job(api, response, job, label=f"import into {group['name']}", poll=poll)
    _finish_job(job, False, as_json)


# ---------------------------------------------------------------------------- dashboard, metrics


@app.command()
def dashboard(
    tz: Annotated[str, typer.Option(help="Whose today: an IANA zone.")] = "UTC",
    as_json: JsonOpt = False,
) -> None:
    """The operator's view: today's publications, overdue tasks, running campaigns, targets at
    risk and key metrics against yesterday."""
    with connected() as api:
        view: dict[str, Any] = api.answer(
            dashboard_get_dashboard.sync_detailed(client=api.client, tz=tz)
        )
    if as_json:
        print_json(view)
        return
    summary = Table(
        "section",
        "status",
        "summary",
        title=f"dashboard {view.get('today')} ({view.get('tz')})",
        title_justify="left",
    )
    for name in ("publications", "tasks", "campaigns", "targets", "metrics"):
        section = view.get(name) or {}
        status = str(section.get("status", "?"))
        style = "green" if status == "ok" else "yellow"
        text = _section_summary(name, section) if status == "ok" else section.get("reason", "")
        summary.add_row(name, Text(status, style=style), Text(str(text)))
    out.print(summary)
    metrics = view.get("metrics") or {}
    if metrics.get("status") == "ok" and metrics.get("items"):
        key_metrics = Table(
            "metric",
            "unit",
            "today",
            "yesterday",
            "change",
            "change %",
            title="key metrics",
            title_justify="left",
        )
        for item in metrics["items"]:
            ratio = item.get("change_ratio")
            key_metrics.add_row(
                Text(str(item.get("metric"))),
                Text(str(item.get("unit"))),
                cell(item.get("today")),
                cell(item.get("yesterday")),
                cell(item.get("change")),
                "—" if ratio is None else f"{ratio:+.0%}",
            )
        out.print(key_metrics)
    campaigns = view.get("campaigns") or {}
    if campaigns.get("status") == "ok" and campaigns.get("items"):
        table(
            campaigns["items"],
            ("name", "kind", "ends_at", "claims", "redemptions", "gmv"),
            title="running campaigns",
        )
    publications = view.get("publications") or {}
    if publications.get("status") == "ok" and publications.get("failed"):
        table(
            publications["failed"],
            ("channel_name", "platform", "at", "attempts", "last_error"),
            title="failed publications",
        )
    tasks = view.get("tasks") or {}
    if tasks.get("status") == "ok" and tasks.get("oldest"):
        table(
            tasks["oldest"], ("title", "action", "assignee", "due_at"), title="oldest overdue tasks"
        )
    targets = view.get("targets") or {}
    if targets.get("status") == "ok" and targets.get("items"):
        table(
            targets["items"],
            ("name", "metric", "status", "actual", "target_value"),
            title="targets at risk or missed",
        )


def _section_summary(name: str, section: dict[str, Any]) -> str:
    match name:
        case "publications":
            by_status = section.get("by_status") or {}
            listed = ", ".join(f"{k} {v}" for k, v in by_status.items() if v)
            return f"{section.get('total', 0)} today" + (f": {listed}" if listed else "")
        case "tasks":
            return f"{section.get('total', 0)} overdue"
        case "campaigns":
            return f"{section.get('running', 0)} running"
        case "targets":
            counts = section.get("counts") or {}
            return (
                f"{section.get('checked', 0)} checked: {counts.get('at_risk', 0)} at risk, "
                f"{counts.get('missed', 0)} missed"
            )
        case _:
            return f"{len(section.get('items') or [])} metrics, today against yesterday"


@app.command()
def metrics(as_json: JsonOpt = False) -> None:
    """The metric catalogue: names to use with `mediaops metric NAME`."""
    with connected() as api:
        catalogue = api.answer(metrics_list_metrics.sync_detailed(client=api.client))
    if as_json:
        print_json(catalogue)
    else:
        table(catalogue, ("name", "zh_name", "unit", "description"), title="metrics")


@app.command()
def metric(
    name: Annotated[str, typer.Argument(help="A metric of `mediaops metrics`, e.g. ctr, gmv.")],
    from_: Annotated[
        str | None, typer.Option("--from", help="Date or RFC 3339 time (default: 30 days ago).")
    ] = None,
    to: Annotated[str | None, typer.Option(help="Exclusive end (default: now).")] = None,
    interval: Annotated[Interval, typer.Option()] = Interval.DAY,
    tz: Annotated[str, typer.Option(help="IANA zone of the days.")] = "UTC",
    group_by: Annotated[GroupBy | None, typer.Option()] = None,
    channel: Annotated[str | None, typer.Option(help="A channel's id.")] = None,
    campaign: Annotated[str | None, typer.Option(help="A campaign's id.")] = None,
    group: Annotated[str | None, typer.Option(help="A group's id.")] = None,
    draw: Annotated[bool, typer.Option("--chart/--no-chart", help="Draw it too.")] = True,
    as_json: JsonOpt = False,
) -> None:
    """A metric over time: a table of its values and a small chart."""
    with connected() as api:
        found: dict[str, Any] = api.answer(
            metrics_get_metric_series.sync_detailed(
                name,
                client=api.client,
                from_=from_,
                to=to,
                interval=interval,
                tz=tz,
                group_by=group_by,
                channel_id=channel,
                campaign_id=campaign,
                group_id=group,
            )
        )
    if as_json:
        print_json(found)
        return
    series = found["series"]
    labels = [s["group"] or "(none)" for s in series] if group_by else [name]
    starts = sorted({p["start"] for s in series for p in s["points"]})
    values = [{p["start"]: p["value"] for p in s["points"]} for s in series]
    view = Table(
        "start",
        *labels,
        title=f"{name} ({found['unit']}), by {found['interval']}, {found['tz']}",
        title_justify="left",
    )
    for start in starts:
        view.add_row(start[:10], *(Text(cell(v.get(start))) for v in values))
    view.add_row("total", *(Text(cell(s["total"])) for s in series), style="bold")
    out.print(view)
    if draw and starts:
        drawn = chart(
            f"{name} ({found['unit']})",
            [
                (label, [(start[5:10], v.get(start)) for start in starts])
                for label, v in zip(labels, values, strict=True)
            ],
            width=min(out.width, 100),
        )
        out.print(Text.from_ansi(drawn))


if __name__ == "__main__":
    run()
