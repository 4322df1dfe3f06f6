from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.snapshot_batch_result import SnapshotBatchResult
from ...models.snapshot_in import SnapshotIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    benchmark_id: UUID,
    *,
    body: list[SnapshotIn],
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/benchmarks/{benchmark_id}/snapshots".format(
            benchmark_id=quote(str(benchmark_id), safe=""),
        ),
    }

    _kwargs["json"] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SnapshotBatchResult | None:
    if response.status_code == 200:
        response_200 = SnapshotBatchResult.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[Problem | SnapshotBatchResult]:
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
    body: list[SnapshotIn],
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SnapshotBatchResult]:
    """Record Snapshots

     Enter several days of a benchmark's numbers at once (a week read off a ranking site).

    Idempotent per day: a day entered before is replaced by the batch's numbers (a field left
    out or null becomes null), so sending a batch again changes nothing. All or nothing: one
    invalid item, or a day twice in the batch, is a 422 naming it, and nothing is stored.

    Args:
        benchmark_id (UUID):
        idempotency_key (str | Unset):
        body (list[SnapshotIn]): 1 to 3,660 snapshots, each day at most once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SnapshotBatchResult]
    """

    kwargs = _get_kwargs(
        benchmark_id=benchmark_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    benchmark_id: UUID,
    *,
    client: AuthenticatedClient,
    body: list[SnapshotIn],
    idempotency_key: str | Unset = UNSET,
) -> Problem | SnapshotBatchResult | None:
    """Record Snapshots

     Enter several days of a benchmark's numbers at once (a week read off a ranking site).

    Idempotent per day: a day entered before is replaced by the batch's numbers (a field left
    out or null becomes null), so sending a batch again changes nothing. All or nothing: one
    invalid item, or a day twice in the batch, is a 422 naming it, and nothing is stored.

    Args:
        benchmark_id (UUID):
        idempotency_key (str | Unset):
        body (list[SnapshotIn]): 1 to 3,660 snapshots, each day at most once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SnapshotBatchResult
    """

    return sync_detailed(
        benchmark_id=benchmark_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    benchmark_id: UUID,
    *,
    client: AuthenticatedClient,
    body: list[SnapshotIn],
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SnapshotBatchResult]:
    """Record Snapshots

     Enter several days of a benchmark's numbers at once (a week read off a ranking site).

    Idempotent per day: a day entered before is replaced by the batch's numbers (a field left
    out or null becomes null), so sending a batch again changes nothing. All or nothing: one
    invalid item, or a day twice in the batch, is a 422 naming it, and nothing is stored.

    Args:
        benchmark_id (UUID):
        idempotency_key (str | Unset):
        body (list[SnapshotIn]): 1 to 3,660 snapshots, each day at most once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SnapshotBatchResult]
    """

    kwargs = _get_kwargs(
        benchmark_id=benchmark_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    benchmark_id: UUID,
    *,
    client: AuthenticatedClient,
    body: list[SnapshotIn],
    idempotency_key: str | Unset = UNSET,
) -> Problem | SnapshotBatchResult | None:
    """Record Snapshots

     Enter several days of a benchmark's numbers at once (a week read off a ranking site).

    Idempotent per day: a day entered before is replaced by the batch's numbers (a field left
    out or null becomes null), so sending a batch again changes nothing. All or nothing: one
    invalid item, or a day twice in the batch, is a 422 naming it, and nothing is stored.

    Args:
        benchmark_id (UUID):
        idempotency_key (str | Unset):
        body (list[SnapshotIn]): 1 to 3,660 snapshots, each day at most once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SnapshotBatchResult
    """

    return (
        await asyncio_detailed(
            benchmark_id=benchmark_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
