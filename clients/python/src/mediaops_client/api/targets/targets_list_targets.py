from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_target_read import PageTargetRead
from ...models.problem import Problem
from ...models.target_status import TargetStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    metric: None | str | Unset = UNSET,
    status: None | TargetStatus | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_metric: None | str | Unset
    if isinstance(metric, Unset):
        json_metric = UNSET
    else:
        json_metric = metric
    params["metric"] = json_metric

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, TargetStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/targets",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageTargetRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageTargetRead.from_dict(response.json())

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
) -> Response[PageTargetRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    metric: None | str | Unset = UNSET,
    status: None | TargetStatus | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageTargetRead | Problem]:
    """List Targets

     The workspace's targets, oldest first, each with where it stands now (actual,
    expected, progress, gap, status): the dashboard's goals panel, or with
    `status=at_risk` the goals that need attention.

    Args:
        metric (None | str | Unset): Keep only targets of this metric (`gmv`, …).
        status (None | TargetStatus | Unset): Keep only targets in this status (status is computed
            per page, so a page may hold fewer items than `limit`; follow next_cursor).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTargetRead | Problem]
    """

    kwargs = _get_kwargs(
        metric=metric,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    metric: None | str | Unset = UNSET,
    status: None | TargetStatus | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageTargetRead | Problem | None:
    """List Targets

     The workspace's targets, oldest first, each with where it stands now (actual,
    expected, progress, gap, status): the dashboard's goals panel, or with
    `status=at_risk` the goals that need attention.

    Args:
        metric (None | str | Unset): Keep only targets of this metric (`gmv`, …).
        status (None | TargetStatus | Unset): Keep only targets in this status (status is computed
            per page, so a page may hold fewer items than `limit`; follow next_cursor).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTargetRead | Problem
    """

    return sync_detailed(
        client=client,
        metric=metric,
        status=status,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    metric: None | str | Unset = UNSET,
    status: None | TargetStatus | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageTargetRead | Problem]:
    """List Targets

     The workspace's targets, oldest first, each with where it stands now (actual,
    expected, progress, gap, status): the dashboard's goals panel, or with
    `status=at_risk` the goals that need attention.

    Args:
        metric (None | str | Unset): Keep only targets of this metric (`gmv`, …).
        status (None | TargetStatus | Unset): Keep only targets in this status (status is computed
            per page, so a page may hold fewer items than `limit`; follow next_cursor).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTargetRead | Problem]
    """

    kwargs = _get_kwargs(
        metric=metric,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    metric: None | str | Unset = UNSET,
    status: None | TargetStatus | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageTargetRead | Problem | None:
    """List Targets

     The workspace's targets, oldest first, each with where it stands now (actual,
    expected, progress, gap, status): the dashboard's goals panel, or with
    `status=at_risk` the goals that need attention.

    Args:
        metric (None | str | Unset): Keep only targets of this metric (`gmv`, …).
        status (None | TargetStatus | Unset): Keep only targets in this status (status is computed
            per page, so a page may hold fewer items than `limit`; follow next_cursor).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTargetRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            metric=metric,
            status=status,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
