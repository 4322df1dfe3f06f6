from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_thread_read import PageThreadRead
from ...models.problem import Problem
from ...models.thread_kind import ThreadKind
from ...models.thread_status import ThreadStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    channel_id: None | Unset | UUID = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    status: None | ThreadStatus | Unset = UNSET,
    kind: None | ThreadKind | Unset = UNSET,
    assignee_id: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_channel_id: None | str | Unset
    if isinstance(channel_id, Unset):
        json_channel_id = UNSET
    elif isinstance(channel_id, UUID):
        json_channel_id = str(channel_id)
    else:
        json_channel_id = channel_id
    params["channel_id"] = json_channel_id

    json_publication_id: None | str | Unset
    if isinstance(publication_id, Unset):
        json_publication_id = UNSET
    elif isinstance(publication_id, UUID):
        json_publication_id = str(publication_id)
    else:
        json_publication_id = publication_id
    params["publication_id"] = json_publication_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ThreadStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, ThreadKind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_assignee_id: None | str | Unset
    if isinstance(assignee_id, Unset):
        json_assignee_id = UNSET
    else:
        json_assignee_id = assignee_id
    params["assignee_id"] = json_assignee_id

    json_tag: None | str | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    else:
        json_tag = tag
    params["tag"] = json_tag

    json_overdue: bool | None | Unset
    if isinstance(overdue, Unset):
        json_overdue = UNSET
    else:
        json_overdue = overdue
    params["overdue"] = json_overdue

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
        "url": "/v1/inbox/threads",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageThreadRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageThreadRead.from_dict(response.json())

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
) -> Response[PageThreadRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    channel_id: None | Unset | UUID = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    status: None | ThreadStatus | Unset = UNSET,
    kind: None | ThreadKind | Unset = UNSET,
    assignee_id: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageThreadRead | Problem]:
    """List Threads

     The workspace's inbox threads, oldest first, a page at a time, filtered by channel,
    publication, status, kind, assignee, tag and overdue (judged by the database's clock).

    Args:
        channel_id (None | Unset | UUID): Only on this channel
        publication_id (None | Unset | UUID): Only about this publication
        status (None | ThreadStatus | Unset): Only in this status
        kind (None | ThreadKind | Unset): Only comments or messages
        assignee_id (None | str | Unset): Only threads this operator answers
        tag (None | str | Unset): Only with this tag
        overdue (bool | None | Unset): true: only open threads past their reply_due_at; false: the
            others
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageThreadRead | Problem]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        publication_id=publication_id,
        status=status,
        kind=kind,
        assignee_id=assignee_id,
        tag=tag,
        overdue=overdue,
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
    channel_id: None | Unset | UUID = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    status: None | ThreadStatus | Unset = UNSET,
    kind: None | ThreadKind | Unset = UNSET,
    assignee_id: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageThreadRead | Problem | None:
    """List Threads

     The workspace's inbox threads, oldest first, a page at a time, filtered by channel,
    publication, status, kind, assignee, tag and overdue (judged by the database's clock).

    Args:
        channel_id (None | Unset | UUID): Only on this channel
        publication_id (None | Unset | UUID): Only about this publication
        status (None | ThreadStatus | Unset): Only in this status
        kind (None | ThreadKind | Unset): Only comments or messages
        assignee_id (None | str | Unset): Only threads this operator answers
        tag (None | str | Unset): Only with this tag
        overdue (bool | None | Unset): true: only open threads past their reply_due_at; false: the
            others
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageThreadRead | Problem
    """

    return sync_detailed(
        client=client,
        channel_id=channel_id,
        publication_id=publication_id,
        status=status,
        kind=kind,
        assignee_id=assignee_id,
        tag=tag,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    channel_id: None | Unset | UUID = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    status: None | ThreadStatus | Unset = UNSET,
    kind: None | ThreadKind | Unset = UNSET,
    assignee_id: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageThreadRead | Problem]:
    """List Threads

     The workspace's inbox threads, oldest first, a page at a time, filtered by channel,
    publication, status, kind, assignee, tag and overdue (judged by the database's clock).

    Args:
        channel_id (None | Unset | UUID): Only on this channel
        publication_id (None | Unset | UUID): Only about this publication
        status (None | ThreadStatus | Unset): Only in this status
        kind (None | ThreadKind | Unset): Only comments or messages
        assignee_id (None | str | Unset): Only threads this operator answers
        tag (None | str | Unset): Only with this tag
        overdue (bool | None | Unset): true: only open threads past their reply_due_at; false: the
            others
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageThreadRead | Problem]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        publication_id=publication_id,
        status=status,
        kind=kind,
        assignee_id=assignee_id,
        tag=tag,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    channel_id: None | Unset | UUID = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    status: None | ThreadStatus | Unset = UNSET,
    kind: None | ThreadKind | Unset = UNSET,
    assignee_id: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageThreadRead | Problem | None:
    """List Threads

     The workspace's inbox threads, oldest first, a page at a time, filtered by channel,
    publication, status, kind, assignee, tag and overdue (judged by the database's clock).

    Args:
        channel_id (None | Unset | UUID): Only on this channel
        publication_id (None | Unset | UUID): Only about this publication
        status (None | ThreadStatus | Unset): Only in this status
        kind (None | ThreadKind | Unset): Only comments or messages
        assignee_id (None | str | Unset): Only threads this operator answers
        tag (None | str | Unset): Only with this tag
        overdue (bool | None | Unset): true: only open threads past their reply_due_at; false: the
            others
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageThreadRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            channel_id=channel_id,
            publication_id=publication_id,
            status=status,
            kind=kind,
            assignee_id=assignee_id,
            tag=tag,
            overdue=overdue,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
