import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.comparison_read import ComparisonRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    benchmark_id: UUID,
    *,
    channel_id: str,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["channel_id"] = channel_id

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    params["tz"] = tz

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/benchmarks/{benchmark_id}/comparison".format(
            benchmark_id=quote(str(benchmark_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ComparisonRead | Problem | None:
    if response.status_code == 200:
        response_200 = ComparisonRead.from_dict(response.json())

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
) -> Response[ComparisonRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    benchmark_id: UUID,
    *,
    client: AuthenticatedClient,
    channel_id: str,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> Response[ComparisonRead | Problem]:
    """Compare Benchmark

     The benchmark's snapshots next to one of the workspace's channels, day by day over the
    same days [`from`, `to`): followers, follower growth, posts, average reads per post and
    likes on each side, the gap (own - benchmark) and the ratio (own ÷ benchmark).

    The benchmark's side is its snapshot of the day (null without one). The channel's side
    comes from metrics-svc's own events of the channel (`publish`, `view`, `like`, `follow`,
    `unfollow`), counting every event acknowledged before the call; its followers are a
    running count from MediaOps' first follow event of the channel on (null before one).
    At most 366 days.

    Args:
        benchmark_id (UUID):
        channel_id (str): The workspace's channel to compare (a content-svc channel id, as its
            events carry it).
        from_ (datetime.date | None | Unset): The first day (a date); default 30 days before `to`.
        to (datetime.date | None | Unset): The day after the last (exclusive); default tomorrow in
            `tz`.
        tz (str | Unset): The IANA time zone the channel's days are cut in (its own zone).
            Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComparisonRead | Problem]
    """

    kwargs = _get_kwargs(
        benchmark_id=benchmark_id,
        channel_id=channel_id,
        from_=from_,
        to=to,
        tz=tz,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    benchmark_id: UUID,
    *,
    client: AuthenticatedClient,
    channel_id: str,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> ComparisonRead | Problem | None:
    """Compare Benchmark

     The benchmark's snapshots next to one of the workspace's channels, day by day over the
    same days [`from`, `to`): followers, follower growth, posts, average reads per post and
    likes on each side, the gap (own - benchmark) and the ratio (own ÷ benchmark).

    The benchmark's side is its snapshot of the day (null without one). The channel's side
    comes from metrics-svc's own events of the channel (`publish`, `view`, `like`, `follow`,
    `unfollow`), counting every event acknowledged before the call; its followers are a
    running count from MediaOps' first follow event of the channel on (null before one).
    At most 366 days.

    Args:
        benchmark_id (UUID):
        channel_id (str): The workspace's channel to compare (a content-svc channel id, as its
            events carry it).
        from_ (datetime.date | None | Unset): The first day (a date); default 30 days before `to`.
        to (datetime.date | None | Unset): The day after the last (exclusive); default tomorrow in
            `tz`.
        tz (str | Unset): The IANA time zone the channel's days are cut in (its own zone).
            Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComparisonRead | Problem
    """

    return sync_detailed(
        benchmark_id=benchmark_id,
        client=client,
        channel_id=channel_id,
        from_=from_,
        to=to,
        tz=tz,
    ).parsed


async def asyncio_detailed(
    benchmark_id: UUID,
    *,
    client: AuthenticatedClient,
    channel_id: str,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> Response[ComparisonRead | Problem]:
    """Compare Benchmark

     The benchmark's snapshots next to one of the workspace's channels, day by day over the
    same days [`from`, `to`): followers, follower growth, posts, average reads per post and
    likes on each side, the gap (own - benchmark) and the ratio (own ÷ benchmark).

    The benchmark's side is its snapshot of the day (null without one). The channel's side
    comes from metrics-svc's own events of the channel (`publish`, `view`, `like`, `follow`,
    `unfollow`), counting every event acknowledged before the call; its followers are a
    running count from MediaOps' first follow event of the channel on (null before one).
    At most 366 days.

    Args:
        benchmark_id (UUID):
        channel_id (str): The workspace's channel to compare (a content-svc channel id, as its
            events carry it).
        from_ (datetime.date | None | Unset): The first day (a date); default 30 days before `to`.
        to (datetime.date | None | Unset): The day after the last (exclusive); default tomorrow in
            `tz`.
        tz (str | Unset): The IANA time zone the channel's days are cut in (its own zone).
            Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComparisonRead | Problem]
    """

    kwargs = _get_kwargs(
        benchmark_id=benchmark_id,
        channel_id=channel_id,
        from_=from_,
        to=to,
        tz=tz,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    benchmark_id: UUID,
    *,
    client: AuthenticatedClient,
    channel_id: str,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> ComparisonRead | Problem | None:
    """Compare Benchmark

     The benchmark's snapshots next to one of the workspace's channels, day by day over the
    same days [`from`, `to`): followers, follower growth, posts, average reads per post and
    likes on each side, the gap (own - benchmark) and the ratio (own ÷ benchmark).

    The benchmark's side is its snapshot of the day (null without one). The channel's side
    comes from metrics-svc's own events of the channel (`publish`, `view`, `like`, `follow`,
    `unfollow`), counting every event acknowledged before the call; its followers are a
    running count from MediaOps' first follow event of the channel on (null before one).
    At most 366 days.

    Args:
        benchmark_id (UUID):
        channel_id (str): The workspace's channel to compare (a content-svc channel id, as its
            events carry it).
        from_ (datetime.date | None | Unset): The first day (a date); default 30 days before `to`.
        to (datetime.date | None | Unset): The day after the last (exclusive); default tomorrow in
            `tz`.
        tz (str | Unset): The IANA time zone the channel's days are cut in (its own zone).
            Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComparisonRead | Problem
    """

    return (
        await asyncio_detailed(
            benchmark_id=benchmark_id,
            client=client,
            channel_id=channel_id,
            from_=from_,
            to=to,
            tz=tz,
        )
    ).parsed
