from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.best_times import BestTimes
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    channel_id: str,
    tz: str | Unset = "UTC",
    days: int | Unset = 90,
    limit: int | Unset = 5,
    min_exposures: int | Unset = 10,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["channel_id"] = channel_id

    params["tz"] = tz

    params["days"] = days

    params["limit"] = limit

    params["min_exposures"] = min_exposures

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/insights/best-times",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BestTimes | Problem | None:
    if response.status_code == 200:
        response_200 = BestTimes.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[BestTimes | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    channel_id: str,
    tz: str | Unset = "UTC",
    days: int | Unset = 90,
    limit: int | Unset = 5,
    min_exposures: int | Unset = 10,
) -> Response[BestTimes | Problem]:
    """Get Best Times

     When to publish on a channel: the hours of the week (in its time zone) whose content
    drew the most engagement (clicks, likes, favourites, comments, shares) per exposure
    (impressions and views) over the last `days` days. content-svc schedules a publication
    at the channel's next best slot from this.

    Args:
        channel_id (str): The content-svc channel to look at.
        tz (str | Unset): The channel's IANA time zone: weekdays and hours are read in it.
            Default: 'UTC'.
        days (int | Unset): How many days of history to read, up to now. Default: 90.
        limit (int | Unset): How many slots to answer. Default: 5.
        min_exposures (int | Unset): Leave out hours with fewer exposures than this: one lucky
            view is not a pattern. Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BestTimes | Problem]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        tz=tz,
        days=days,
        limit=limit,
        min_exposures=min_exposures,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    channel_id: str,
    tz: str | Unset = "UTC",
    days: int | Unset = 90,
    limit: int | Unset = 5,
    min_exposures: int | Unset = 10,
) -> BestTimes | Problem | None:
    """Get Best Times

     When to publish on a channel: the hours of the week (in its time zone) whose content
    drew the most engagement (clicks, likes, favourites, comments, shares) per exposure
    (impressions and views) over the last `days` days. content-svc schedules a publication
    at the channel's next best slot from this.

    Args:
        channel_id (str): The content-svc channel to look at.
        tz (str | Unset): The channel's IANA time zone: weekdays and hours are read in it.
            Default: 'UTC'.
        days (int | Unset): How many days of history to read, up to now. Default: 90.
        limit (int | Unset): How many slots to answer. Default: 5.
        min_exposures (int | Unset): Leave out hours with fewer exposures than this: one lucky
            view is not a pattern. Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BestTimes | Problem
    """

    return sync_detailed(
        client=client,
        channel_id=channel_id,
        tz=tz,
        days=days,
        limit=limit,
        min_exposures=min_exposures,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    channel_id: str,
    tz: str | Unset = "UTC",
    days: int | Unset = 90,
    limit: int | Unset = 5,
    min_exposures: int | Unset = 10,
) -> Response[BestTimes | Problem]:
    """Get Best Times

     When to publish on a channel: the hours of the week (in its time zone) whose content
    drew the most engagement (clicks, likes, favourites, comments, shares) per exposure
    (impressions and views) over the last `days` days. content-svc schedules a publication
    at the channel's next best slot from this.

    Args:
        channel_id (str): The content-svc channel to look at.
        tz (str | Unset): The channel's IANA time zone: weekdays and hours are read in it.
            Default: 'UTC'.
        days (int | Unset): How many days of history to read, up to now. Default: 90.
        limit (int | Unset): How many slots to answer. Default: 5.
        min_exposures (int | Unset): Leave out hours with fewer exposures than this: one lucky
            view is not a pattern. Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BestTimes | Problem]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        tz=tz,
        days=days,
        limit=limit,
        min_exposures=min_exposures,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    channel_id: str,
    tz: str | Unset = "UTC",
    days: int | Unset = 90,
    limit: int | Unset = 5,
    min_exposures: int | Unset = 10,
) -> BestTimes | Problem | None:
    """Get Best Times

     When to publish on a channel: the hours of the week (in its time zone) whose content
    drew the most engagement (clicks, likes, favourites, comments, shares) per exposure
    (impressions and views) over the last `days` days. content-svc schedules a publication
    at the channel's next best slot from this.

    Args:
        channel_id (str): The content-svc channel to look at.
        tz (str | Unset): The channel's IANA time zone: weekdays and hours are read in it.
            Default: 'UTC'.
        days (int | Unset): How many days of history to read, up to now. Default: 90.
        limit (int | Unset): How many slots to answer. Default: 5.
        min_exposures (int | Unset): Leave out hours with fewer exposures than this: one lucky
            view is not a pattern. Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BestTimes | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            channel_id=channel_id,
            tz=tz,
            days=days,
            limit=limit,
            min_exposures=min_exposures,
        )
    ).parsed
