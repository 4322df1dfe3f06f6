import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.snapshot_read import SnapshotRead
from ...models.snapshot_values import SnapshotValues
from ...types import Response


def _get_kwargs(
    benchmark_id: UUID,
    snapshot_date: datetime.date,
    *,
    body: SnapshotValues,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/benchmarks/{benchmark_id}/snapshots/{snapshot_date}".format(
            benchmark_id=quote(str(benchmark_id), safe=""),
            snapshot_date=quote(str(snapshot_date), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SnapshotRead | None:
    if response.status_code == 200:
        response_200 = SnapshotRead.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
) -> Response[Problem | SnapshotRead]:
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
    body: SnapshotValues,
) -> Response[Problem | SnapshotRead]:
    """Put Snapshot

     Enter a benchmark's numbers for one day, creating the day or replacing it whole (a
    field left out or null becomes null: not known). Idempotent: the same request again
    changes nothing.

    Args:
        benchmark_id (UUID):
        snapshot_date (datetime.date): The day the numbers are of (`2026-11-16`).
        body (SnapshotValues): A benchmark's public numbers for one day; each may be null (not
            known). A `PUT` replaces
            the day's numbers whole: a field left out is null afterwards.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SnapshotRead]
    """

    kwargs = _get_kwargs(
        benchmark_id=benchmark_id,
        snapshot_date=snapshot_date,
        body=body,
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
    body: SnapshotValues,
) -> Problem | SnapshotRead | None:
    """Put Snapshot

     Enter a benchmark's numbers for one day, creating the day or replacing it whole (a
    field left out or null becomes null: not known). Idempotent: the same request again
    changes nothing.

    Args:
        benchmark_id (UUID):
        snapshot_date (datetime.date): The day the numbers are of (`2026-11-16`).
        body (SnapshotValues): A benchmark's public numbers for one day; each may be null (not
            known). A `PUT` replaces
            the day's numbers whole: a field left out is null afterwards.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SnapshotRead
    """

    return sync_detailed(
        benchmark_id=benchmark_id,
        snapshot_date=snapshot_date,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    benchmark_id: UUID,
    snapshot_date: datetime.date,
    *,
    client: AuthenticatedClient,
    body: SnapshotValues,
) -> Response[Problem | SnapshotRead]:
    """Put Snapshot

     Enter a benchmark's numbers for one day, creating the day or replacing it whole (a
    field left out or null becomes null: not known). Idempotent: the same request again
    changes nothing.

    Args:
        benchmark_id (UUID):
        snapshot_date (datetime.date): The day the numbers are of (`2026-11-16`).
        body (SnapshotValues): A benchmark's public numbers for one day; each may be null (not
            known). A `PUT` replaces
            the day's numbers whole: a field left out is null afterwards.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SnapshotRead]
    """

    kwargs = _get_kwargs(
        benchmark_id=benchmark_id,
        snapshot_date=snapshot_date,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    benchmark_id: UUID,
    snapshot_date: datetime.date,
    *,
    client: AuthenticatedClient,
    body: SnapshotValues,
) -> Problem | SnapshotRead | None:
    """Put Snapshot

     Enter a benchmark's numbers for one day, creating the day or replacing it whole (a
    field left out or null becomes null: not known). Idempotent: the same request again
    changes nothing.

    Args:
        benchmark_id (UUID):
        snapshot_date (datetime.date): The day the numbers are of (`2026-11-16`).
        body (SnapshotValues): A benchmark's public numbers for one day; each may be null (not
            known). A `PUT` replaces
            the day's numbers whole: a field left out is null afterwards.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SnapshotRead
    """

    return (
        await asyncio_detailed(
            benchmark_id=benchmark_id,
            snapshot_date=snapshot_date,
            client=client,
            body=body,
        )
    ).parsed
