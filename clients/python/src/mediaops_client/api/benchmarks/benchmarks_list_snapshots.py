import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_snapshot_read import PageSnapshotRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    benchmark_id: UUID,
    *,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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
        "url": "/v1/benchmarks/{benchmark_id}/snapshots".format(
            benchmark_id=quote(str(benchmark_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageSnapshotRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageSnapshotRead.from_dict(response.json())

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
) -> Response[PageSnapshotRead | Problem]:
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
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageSnapshotRead | Problem]:
    """List Snapshots

     The benchmark's snapshots in day order, a cursor page at a time; `from`/`to` narrow
    them to a range of days.

    Args:
        benchmark_id (UUID):
        from_ (datetime.date | None | Unset): Only days on or after this date (`2026-11-01`).
        to (datetime.date | None | Unset): Only days before this date (exclusive).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSnapshotRead | Problem]
    """

    kwargs = _get_kwargs(
        benchmark_id=benchmark_id,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    benchmark_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageSnapshotRead | Problem | None:
    """List Snapshots

     The benchmark's snapshots in day order, a cursor page at a time; `from`/`to` narrow
    them to a range of days.

    Args:
        benchmark_id (UUID):
        from_ (datetime.date | None | Unset): Only days on or after this date (`2026-11-01`).
        to (datetime.date | None | Unset): Only days before this date (exclusive).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSnapshotRead | Problem
    """

    return sync_detailed(
        benchmark_id=benchmark_id,
        client=client,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    benchmark_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageSnapshotRead | Problem]:
    """List Snapshots

     The benchmark's snapshots in day order, a cursor page at a time; `from`/`to` narrow
    them to a range of days.

    Args:
        benchmark_id (UUID):
        from_ (datetime.date | None | Unset): Only days on or after this date (`2026-11-01`).
        to (datetime.date | None | Unset): Only days before this date (exclusive).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSnapshotRead | Problem]
    """

    kwargs = _get_kwargs(
        benchmark_id=benchmark_id,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    benchmark_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageSnapshotRead | Problem | None:
    """List Snapshots

     The benchmark's snapshots in day order, a cursor page at a time; `from`/`to` narrow
    them to a range of days.

    Args:
        benchmark_id (UUID):
        from_ (datetime.date | None | Unset): Only days on or after this date (`2026-11-01`).
        to (datetime.date | None | Unset): Only days before this date (exclusive).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSnapshotRead | Problem
    """

    return (
        await asyncio_detailed(
            benchmark_id=benchmark_id,
            client=client,
            from_=from_,
            to=to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
