from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dashboard_get_dashboard_response_200 import DashboardGetDashboardResponse200
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    tz: str | Unset = "UTC",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["tz"] = tz

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/dashboard",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DashboardGetDashboardResponse200 | Problem | None:
    if response.status_code == 200:
        response_200 = DashboardGetDashboardResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[DashboardGetDashboardResponse200 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    tz: str | Unset = "UTC",
) -> Response[DashboardGetDashboardResponse200 | Problem]:
    """Get Dashboard

     One operator view composed from the four services at once: today's publications, overdue tasks,
    running campaigns, targets at risk and key metrics; a section whose service is down or refuses the
    token says so and the rest answers as usual (gateway/README.md, *The dashboard*).

    Args:
        tz (str | Unset):  Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DashboardGetDashboardResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        tz=tz,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    tz: str | Unset = "UTC",
) -> DashboardGetDashboardResponse200 | Problem | None:
    """Get Dashboard

     One operator view composed from the four services at once: today's publications, overdue tasks,
    running campaigns, targets at risk and key metrics; a section whose service is down or refuses the
    token says so and the rest answers as usual (gateway/README.md, *The dashboard*).

    Args:
        tz (str | Unset):  Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DashboardGetDashboardResponse200 | Problem
    """

    return sync_detailed(
        client=client,
        tz=tz,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    tz: str | Unset = "UTC",
) -> Response[DashboardGetDashboardResponse200 | Problem]:
    """Get Dashboard

     One operator view composed from the four services at once: today's publications, overdue tasks,
    running campaigns, targets at risk and key metrics; a section whose service is down or refuses the
    token says so and the rest answers as usual (gateway/README.md, *The dashboard*).

    Args:
        tz (str | Unset):  Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DashboardGetDashboardResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        tz=tz,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    tz: str | Unset = "UTC",
) -> DashboardGetDashboardResponse200 | Problem | None:
    """Get Dashboard

     One operator view composed from the four services at once: today's publications, overdue tasks,
    running campaigns, targets at risk and key metrics; a section whose service is down or refuses the
    token says so and the rest answers as usual (gateway/README.md, *The dashboard*).

    Args:
        tz (str | Unset):  Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DashboardGetDashboardResponse200 | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            tz=tz,
        )
    ).parsed
