import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_publication_read import PagePublicationRead
from ...models.problem import Problem
from ...models.publication_status import PublicationStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: None | PublicationStatus | Unset = UNSET,
    channel_id: None | Unset | UUID = UNSET,
    post_id: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, PublicationStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_channel_id: None | str | Unset
    if isinstance(channel_id, Unset):
        json_channel_id = UNSET
    elif isinstance(channel_id, UUID):
        json_channel_id = str(channel_id)
    else:
        json_channel_id = channel_id
    params["channel_id"] = json_channel_id

    json_post_id: None | str | Unset
    if isinstance(post_id, Unset):
        json_post_id = UNSET
    elif isinstance(post_id, UUID):
        json_post_id = str(post_id)
    else:
        json_post_id = post_id
    params["post_id"] = json_post_id

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
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
        "url": "/v1/publications",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PagePublicationRead | Problem | None:
    if response.status_code == 200:
        response_200 = PagePublicationRead.from_dict(response.json())

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
) -> Response[PagePublicationRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: None | PublicationStatus | Unset = UNSET,
    channel_id: None | Unset | UUID = UNSET,
    post_id: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePublicationRead | Problem]:
    """List Publications

     The workspace's publications, oldest first, a page at a time, filtered by status,
    channel, post and a window of `scheduled_at`.

    Args:
        status (None | PublicationStatus | Unset): Only publications in this status
        channel_id (None | Unset | UUID): Only on this channel
        post_id (None | Unset | UUID): Only of this post
        from_ (datetime.datetime | None | Unset): scheduled_at >= from
        to (datetime.datetime | None | Unset): scheduled_at < to
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePublicationRead | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        channel_id=channel_id,
        post_id=post_id,
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
    *,
    client: AuthenticatedClient,
    status: None | PublicationStatus | Unset = UNSET,
    channel_id: None | Unset | UUID = UNSET,
    post_id: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePublicationRead | Problem | None:
    """List Publications

     The workspace's publications, oldest first, a page at a time, filtered by status,
    channel, post and a window of `scheduled_at`.

    Args:
        status (None | PublicationStatus | Unset): Only publications in this status
        channel_id (None | Unset | UUID): Only on this channel
        post_id (None | Unset | UUID): Only of this post
        from_ (datetime.datetime | None | Unset): scheduled_at >= from
        to (datetime.datetime | None | Unset): scheduled_at < to
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePublicationRead | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        channel_id=channel_id,
        post_id=post_id,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: None | PublicationStatus | Unset = UNSET,
    channel_id: None | Unset | UUID = UNSET,
    post_id: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePublicationRead | Problem]:
    """List Publications

     The workspace's publications, oldest first, a page at a time, filtered by status,
    channel, post and a window of `scheduled_at`.

    Args:
        status (None | PublicationStatus | Unset): Only publications in this status
        channel_id (None | Unset | UUID): Only on this channel
        post_id (None | Unset | UUID): Only of this post
        from_ (datetime.datetime | None | Unset): scheduled_at >= from
        to (datetime.datetime | None | Unset): scheduled_at < to
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePublicationRead | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        channel_id=channel_id,
        post_id=post_id,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: None | PublicationStatus | Unset = UNSET,
    channel_id: None | Unset | UUID = UNSET,
    post_id: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePublicationRead | Problem | None:
    """List Publications

     The workspace's publications, oldest first, a page at a time, filtered by status,
    channel, post and a window of `scheduled_at`.

    Args:
        status (None | PublicationStatus | Unset): Only publications in this status
        channel_id (None | Unset | UUID): Only on this channel
        post_id (None | Unset | UUID): Only of this post
        from_ (datetime.datetime | None | Unset): scheduled_at >= from
        to (datetime.datetime | None | Unset): scheduled_at < to
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePublicationRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            channel_id=channel_id,
            post_id=post_id,
            from_=from_,
            to=to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
