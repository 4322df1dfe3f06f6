from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.benchmark_platform import BenchmarkPlatform
from ...models.page_benchmark_read import PageBenchmarkRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    platform: BenchmarkPlatform | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_platform: None | str | Unset
    if isinstance(platform, Unset):
        json_platform = UNSET
    elif isinstance(platform, BenchmarkPlatform):
        json_platform = platform.value
    else:
        json_platform = platform
    params["platform"] = json_platform

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
        "url": "/v1/benchmarks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageBenchmarkRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageBenchmarkRead.from_dict(response.json())

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
) -> Response[PageBenchmarkRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    platform: BenchmarkPlatform | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageBenchmarkRead | Problem]:
    """List Benchmarks

     The workspace's benchmark accounts, oldest first, a cursor page at a time.

    Args:
        platform (BenchmarkPlatform | None | Unset): Only the benchmarks on this platform.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageBenchmarkRead | Problem]
    """

    kwargs = _get_kwargs(
        platform=platform,
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
    platform: BenchmarkPlatform | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageBenchmarkRead | Problem | None:
    """List Benchmarks

     The workspace's benchmark accounts, oldest first, a cursor page at a time.

    Args:
        platform (BenchmarkPlatform | None | Unset): Only the benchmarks on this platform.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageBenchmarkRead | Problem
    """

    return sync_detailed(
        client=client,
        platform=platform,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    platform: BenchmarkPlatform | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageBenchmarkRead | Problem]:
    """List Benchmarks

     The workspace's benchmark accounts, oldest first, a cursor page at a time.

    Args:
        platform (BenchmarkPlatform | None | Unset): Only the benchmarks on this platform.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageBenchmarkRead | Problem]
    """

    kwargs = _get_kwargs(
        platform=platform,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    platform: BenchmarkPlatform | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageBenchmarkRead | Problem | None:
    """List Benchmarks

     The workspace's benchmark accounts, oldest first, a cursor page at a time.

    Args:
        platform (BenchmarkPlatform | None | Unset): Only the benchmarks on this platform.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageBenchmarkRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            platform=platform,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
