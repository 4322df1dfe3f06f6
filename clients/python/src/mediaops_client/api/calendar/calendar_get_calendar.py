import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.calendar import Calendar
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.datetime,
    to: datetime.datetime,
    channel_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_channel_id: None | str | Unset
    if isinstance(channel_id, Unset):
        json_channel_id = UNSET
    elif isinstance(channel_id, UUID):
        json_channel_id = str(channel_id)
    else:
        json_channel_id = channel_id
    params["channel_id"] = json_channel_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/calendar",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Calendar | Problem | None:
    if response.status_code == 200:
        response_200 = Calendar.from_dict(response.json())

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
) -> Response[Calendar | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    channel_id: None | Unset | UUID = UNSET,
) -> Response[Calendar | Problem]:
    """Get Calendar

     The publishing calendar: publications (at published_at, else scheduled_at) in the
    window, grouped by the local day in each channel's time zone; cancelled ones are left out.

    A window is at most 93 days; an unknown `channel_id` is a 404.

    Args:
        from_ (datetime.datetime): window start, inclusive
        to (datetime.datetime): window end, exclusive
        channel_id (None | Unset | UUID): Only this channel's

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Calendar | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        channel_id=channel_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    channel_id: None | Unset | UUID = UNSET,
) -> Calendar | Problem | None:
    """Get Calendar

     The publishing calendar: publications (at published_at, else scheduled_at) in the
    window, grouped by the local day in each channel's time zone; cancelled ones are left out.

    A window is at most 93 days; an unknown `channel_id` is a 404.

    Args:
        from_ (datetime.datetime): window start, inclusive
        to (datetime.datetime): window end, exclusive
        channel_id (None | Unset | UUID): Only this channel's

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Calendar | Problem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        channel_id=channel_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    channel_id: None | Unset | UUID = UNSET,
) -> Response[Calendar | Problem]:
    """Get Calendar

     The publishing calendar: publications (at published_at, else scheduled_at) in the
    window, grouped by the local day in each channel's time zone; cancelled ones are left out.

    A window is at most 93 days; an unknown `channel_id` is a 404.

    Args:
        from_ (datetime.datetime): window start, inclusive
        to (datetime.datetime): window end, exclusive
        channel_id (None | Unset | UUID): Only this channel's

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Calendar | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        channel_id=channel_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    channel_id: None | Unset | UUID = UNSET,
) -> Calendar | Problem | None:
    """Get Calendar

     The publishing calendar: publications (at published_at, else scheduled_at) in the
    window, grouped by the local day in each channel's time zone; cancelled ones are left out.

    A window is at most 93 days; an unknown `channel_id` is a 404.

    Args:
        from_ (datetime.datetime): window start, inclusive
        to (datetime.datetime): window end, exclusive
        channel_id (None | Unset | UUID): Only this channel's

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Calendar | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            channel_id=channel_id,
        )
    ).parsed
