from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.group_by import GroupBy
from ...models.interval import Interval
from ...models.problem import Problem
from ...models.series_read import SeriesRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    interval: Interval | Unset = UNSET,
    tz: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
    channel_id: None | str | Unset = UNSET,
    post_id: None | str | Unset = UNSET,
    publication_id: None | str | Unset = UNSET,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

    json_interval: str | Unset = UNSET
    if not isinstance(interval, Unset):
        json_interval = interval.value

    params["interval"] = json_interval

    params["tz"] = tz

    json_group_by: None | str | Unset
    if isinstance(group_by, Unset):
        json_group_by = UNSET
    elif isinstance(group_by, GroupBy):
        json_group_by = group_by.value
    else:
        json_group_by = group_by
    params["group_by"] = json_group_by

    json_channel_id: None | str | Unset
    if isinstance(channel_id, Unset):
        json_channel_id = UNSET
    else:
        json_channel_id = channel_id
    params["channel_id"] = json_channel_id

    json_post_id: None | str | Unset
    if isinstance(post_id, Unset):
        json_post_id = UNSET
    else:
        json_post_id = post_id
    params["post_id"] = json_post_id

    json_publication_id: None | str | Unset
    if isinstance(publication_id, Unset):
        json_publication_id = UNSET
    else:
        json_publication_id = publication_id
    params["publication_id"] = json_publication_id

    json_campaign_id: None | str | Unset
    if isinstance(campaign_id, Unset):
        json_campaign_id = UNSET
    else:
        json_campaign_id = campaign_id
    params["campaign_id"] = json_campaign_id

    json_group_id: None | str | Unset
    if isinstance(group_id, Unset):
        json_group_id = UNSET
    else:
        json_group_id = group_id
    params["group_id"] = json_group_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/metrics/{name}".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SeriesRead | None:
    if response.status_code == 200:
        response_200 = SeriesRead.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 502:
        response_502 = Problem.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = Problem.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | SeriesRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    interval: Interval | Unset = UNSET,
    tz: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
    channel_id: None | str | Unset = UNSET,
    post_id: None | str | Unset = UNSET,
    publication_id: None | str | Unset = UNSET,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
) -> Response[Problem | SeriesRead]:
    """Get Metric Series

     A metric over time, for a chart: one point per local day, week (from Monday) or month
    of `tz` in [`from`, `to`), and the total over the whole window; with `group_by`, one
    series per channel, post, publication, campaign or group (and, for
    `replication_success_rate`, per SOP template: `group_by=template_id`). Filter by any of
    them with `channel_id`, `post_id`, `publication_id`, `campaign_id`, `group_id`.

    Counts every event acknowledged before the call; answered from hourly rollups, so a
    year of days is as quick as a week. At most 1,000 points per series.

    Args:
        name (str): A metric of the catalogue (`GET /v1/metrics`): `ctr`, `gmv`,
            `purchase_conversion_rate`, …
        from_ (None | str | Unset): Start (inclusive): a date (local midnight in `tz`) or an RFC
            3339 time; default 30 days before `to`.
        to (None | str | Unset): End (exclusive), as `from`; default now.
        interval (Interval | Unset): The length of a series' points: local days, ISO weeks (from
            Monday) or months.
        tz (str | Unset): The IANA time zone that dates in `from`/`to` and the days, weeks and
            months of the answer are read in (a channel's or the workspace's zone). Default: 'UTC'.
        group_by (GroupBy | None | Unset): Split into one series per channel, post, publication,
            campaign or group; `template_id` (the SOP template a group was started from) for
            `replication_success_rate`.
        channel_id (None | str | Unset): Count only events of this content-svc channel.
        post_id (None | str | Unset): Count only events of this content-svc post (on any channel).
        publication_id (None | str | Unset): Count only events of this content-svc publication.
        campaign_id (None | str | Unset): Count only events of this campaign-svc campaign.
        group_id (None | str | Unset): Count only events of this community-svc group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeriesRead]
    """

    kwargs = _get_kwargs(
        name=name,
        from_=from_,
        to=to,
        interval=interval,
        tz=tz,
        group_by=group_by,
        channel_id=channel_id,
        post_id=post_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        group_id=group_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    interval: Interval | Unset = UNSET,
    tz: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
    channel_id: None | str | Unset = UNSET,
    post_id: None | str | Unset = UNSET,
    publication_id: None | str | Unset = UNSET,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
) -> Problem | SeriesRead | None:
    """Get Metric Series

     A metric over time, for a chart: one point per local day, week (from Monday) or month
    of `tz` in [`from`, `to`), and the total over the whole window; with `group_by`, one
    series per channel, post, publication, campaign or group (and, for
    `replication_success_rate`, per SOP template: `group_by=template_id`). Filter by any of
    them with `channel_id`, `post_id`, `publication_id`, `campaign_id`, `group_id`.

    Counts every event acknowledged before the call; answered from hourly rollups, so a
    year of days is as quick as a week. At most 1,000 points per series.

    Args:
        name (str): A metric of the catalogue (`GET /v1/metrics`): `ctr`, `gmv`,
            `purchase_conversion_rate`, …
        from_ (None | str | Unset): Start (inclusive): a date (local midnight in `tz`) or an RFC
            3339 time; default 30 days before `to`.
        to (None | str | Unset): End (exclusive), as `from`; default now.
        interval (Interval | Unset): The length of a series' points: local days, ISO weeks (from
            Monday) or months.
        tz (str | Unset): The IANA time zone that dates in `from`/`to` and the days, weeks and
            months of the answer are read in (a channel's or the workspace's zone). Default: 'UTC'.
        group_by (GroupBy | None | Unset): Split into one series per channel, post, publication,
            campaign or group; `template_id` (the SOP template a group was started from) for
            `replication_success_rate`.
        channel_id (None | str | Unset): Count only events of this content-svc channel.
        post_id (None | str | Unset): Count only events of this content-svc post (on any channel).
        publication_id (None | str | Unset): Count only events of this content-svc publication.
        campaign_id (None | str | Unset): Count only events of this campaign-svc campaign.
        group_id (None | str | Unset): Count only events of this community-svc group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeriesRead
    """

    return sync_detailed(
        name=name,
        client=client,
        from_=from_,
        to=to,
        interval=interval,
        tz=tz,
        group_by=group_by,
        channel_id=channel_id,
        post_id=post_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        group_id=group_id,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    interval: Interval | Unset = UNSET,
    tz: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
    channel_id: None | str | Unset = UNSET,
    post_id: None | str | Unset = UNSET,
    publication_id: None | str | Unset = UNSET,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
) -> Response[Problem | SeriesRead]:
    """Get Metric Series

     A metric over time, for a chart: one point per local day, week (from Monday) or month
    of `tz` in [`from`, `to`), and the total over the whole window; with `group_by`, one
    series per channel, post, publication, campaign or group (and, for
    `replication_success_rate`, per SOP template: `group_by=template_id`). Filter by any of
    them with `channel_id`, `post_id`, `publication_id`, `campaign_id`, `group_id`.

    Counts every event acknowledged before the call; answered from hourly rollups, so a
    year of days is as quick as a week. At most 1,000 points per series.

    Args:
        name (str): A metric of the catalogue (`GET /v1/metrics`): `ctr`, `gmv`,
            `purchase_conversion_rate`, …
        from_ (None | str | Unset): Start (inclusive): a date (local midnight in `tz`) or an RFC
            3339 time; default 30 days before `to`.
        to (None | str | Unset): End (exclusive), as `from`; default now.
        interval (Interval | Unset): The length of a series' points: local days, ISO weeks (from
            Monday) or months.
        tz (str | Unset): The IANA time zone that dates in `from`/`to` and the days, weeks and
            months of the answer are read in (a channel's or the workspace's zone). Default: 'UTC'.
        group_by (GroupBy | None | Unset): Split into one series per channel, post, publication,
            campaign or group; `template_id` (the SOP template a group was started from) for
            `replication_success_rate`.
        channel_id (None | str | Unset): Count only events of this content-svc channel.
        post_id (None | str | Unset): Count only events of this content-svc post (on any channel).
        publication_id (None | str | Unset): Count only events of this content-svc publication.
        campaign_id (None | str | Unset): Count only events of this campaign-svc campaign.
        group_id (None | str | Unset): Count only events of this community-svc group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeriesRead]
    """

    kwargs = _get_kwargs(
        name=name,
        from_=from_,
        to=to,
        interval=interval,
        tz=tz,
        group_by=group_by,
        channel_id=channel_id,
        post_id=post_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        group_id=group_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    interval: Interval | Unset = UNSET,
    tz: str | Unset = "UTC",
    group_by: GroupBy | None | Unset = UNSET,
    channel_id: None | str | Unset = UNSET,
    post_id: None | str | Unset = UNSET,
    publication_id: None | str | Unset = UNSET,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
) -> Problem | SeriesRead | None:
    """Get Metric Series

     A metric over time, for a chart: one point per local day, week (from Monday) or month
    of `tz` in [`from`, `to`), and the total over the whole window; with `group_by`, one
    series per channel, post, publication, campaign or group (and, for
    `replication_success_rate`, per SOP template: `group_by=template_id`). Filter by any of
    them with `channel_id`, `post_id`, `publication_id`, `campaign_id`, `group_id`.

    Counts every event acknowledged before the call; answered from hourly rollups, so a
    year of days is as quick as a week. At most 1,000 points per series.

    Args:
        name (str): A metric of the catalogue (`GET /v1/metrics`): `ctr`, `gmv`,
            `purchase_conversion_rate`, …
        from_ (None | str | Unset): Start (inclusive): a date (local midnight in `tz`) or an RFC
            3339 time; default 30 days before `to`.
        to (None | str | Unset): End (exclusive), as `from`; default now.
        interval (Interval | Unset): The length of a series' points: local days, ISO weeks (from
            Monday) or months.
        tz (str | Unset): The IANA time zone that dates in `from`/`to` and the days, weeks and
            months of the answer are read in (a channel's or the workspace's zone). Default: 'UTC'.
        group_by (GroupBy | None | Unset): Split into one series per channel, post, publication,
            campaign or group; `template_id` (the SOP template a group was started from) for
            `replication_success_rate`.
        channel_id (None | str | Unset): Count only events of this content-svc channel.
        post_id (None | str | Unset): Count only events of this content-svc post (on any channel).
        publication_id (None | str | Unset): Count only events of this content-svc publication.
        campaign_id (None | str | Unset): Count only events of this campaign-svc campaign.
        group_id (None | str | Unset): Count only events of this community-svc group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeriesRead
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            from_=from_,
            to=to,
            interval=interval,
            tz=tz,
            group_by=group_by,
            channel_id=channel_id,
            post_id=post_id,
            publication_id=publication_id,
            campaign_id=campaign_id,
            group_id=group_id,
        )
    ).parsed
