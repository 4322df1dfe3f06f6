import datetime
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    benchmark_id: UUID,
    snapshot_date: datetime.date,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/benchmarks/{benchmark_id}/snapshots/{snapshot_date}".format(
            benchmark_id=quote(str(benchmark_id), safe=""),
            snapshot_date=quote(str(snapshot_date), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    benchmark_id: UUID,
    snapshot_date: datetime.date,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Problem]:
    """Delete Snapshot

     Remove one day's snapshot (entered by mistake); the comparison then shows that day's
    benchmark numbers as null.

    Args:
        benchmark_id (UUID):
        snapshot_date (datetime.date): The day the numbers are of (`2026-11-16`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        benchmark_id=benchmark_id,
        snapshot_date=snapshot_date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    benchmark_id: UUID,
    snapshot_date: datetime.date,
    *,
    client: AuthenticatedClient,
) -> Any | Problem | None:
    """Delete Snapshot

     Remove one day's snapshot (entered by mistake); the comparison then shows that day's
    benchmark numbers as null.

    Args:
        benchmark_id (UUID):
        snapshot_date (datetime.date): The day the numbers are of (`2026-11-16`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        benchmark_id=benchmark_id,
        snapshot_date=snapshot_date,
        client=client,
    ).parsed


async def asyncio_detailed(
    benchmark_id: UUID,
    snapshot_date: datetime.date,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Problem]:
    """Delete Snapshot

     Remove one day's snapshot (entered by mistake); the comparison then shows that day's
    benchmark numbers as null.

    Args:
        benchmark_id (UUID):
        snapshot_date (datetime.date): The day the numbers are of (`2026-11-16`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        benchmark_id=benchmark_id,
        snapshot_date=snapshot_date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    benchmark_id: UUID,
    snapshot_date: datetime.date,
    *,
    client: AuthenticatedClient,
) -> Any | Problem | None:
    """Delete Snapshot

     Remove one day's snapshot (entered by mistake); the comparison then shows that day's
    benchmark numbers as null.

    Args:
        benchmark_id (UUID):
        snapshot_date (datetime.date): The day the numbers are of (`2026-11-16`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            benchmark_id=benchmark_id,
            snapshot_date=snapshot_date,
            client=client,
        )
    ).parsed
