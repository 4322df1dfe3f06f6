import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_topic_read import PageTopicRead
from ...models.problem import Problem
from ...models.topic_status import TopicStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: None | TopicStatus | Unset = UNSET,
    owner_id: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    due_from: datetime.date | None | Unset = UNSET,
    due_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, TopicStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_owner_id: None | str | Unset
    if isinstance(owner_id, Unset):
        json_owner_id = UNSET
    else:
        json_owner_id = owner_id
    params["owner_id"] = json_owner_id

    json_tag: None | str | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    else:
        json_tag = tag
    params["tag"] = json_tag

    json_due_from: None | str | Unset
    if isinstance(due_from, Unset):
        json_due_from = UNSET
    elif isinstance(due_from, datetime.date):
        json_due_from = due_from.isoformat()
    else:
        json_due_from = due_from
    params["due_from"] = json_due_from

    json_due_to: None | str | Unset
    if isinstance(due_to, Unset):
        json_due_to = UNSET
    elif isinstance(due_to, datetime.date):
        json_due_to = due_to.isoformat()
    else:
        json_due_to = due_to
    params["due_to"] = json_due_to

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
        "url": "/v1/topics",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageTopicRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageTopicRead.from_dict(response.json())

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
) -> Response[PageTopicRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: None | TopicStatus | Unset = UNSET,
    owner_id: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    due_from: datetime.date | None | Unset = UNSET,
    due_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageTopicRead | Problem]:
    """List Topics

     The workspace's topics, oldest first, a page at a time, filtered by status, owner, tag
    and due date (a `due_from` after `due_to` is a 422).

    Args:
        status (None | TopicStatus | Unset): Only topics in this status
        owner_id (None | str | Unset): Only topics this user owns
        tag (None | str | Unset): Only topics with this tag
        due_from (datetime.date | None | Unset): due_date on or after
        due_to (datetime.date | None | Unset): due_date on or before
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTopicRead | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        owner_id=owner_id,
        tag=tag,
        due_from=due_from,
        due_to=due_to,
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
    status: None | TopicStatus | Unset = UNSET,
    owner_id: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    due_from: datetime.date | None | Unset = UNSET,
    due_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageTopicRead | Problem | None:
    """List Topics

     The workspace's topics, oldest first, a page at a time, filtered by status, owner, tag
    and due date (a `due_from` after `due_to` is a 422).

    Args:
        status (None | TopicStatus | Unset): Only topics in this status
        owner_id (None | str | Unset): Only topics this user owns
        tag (None | str | Unset): Only topics with this tag
        due_from (datetime.date | None | Unset): due_date on or after
        due_to (datetime.date | None | Unset): due_date on or before
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTopicRead | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        owner_id=owner_id,
        tag=tag,
        due_from=due_from,
        due_to=due_to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: None | TopicStatus | Unset = UNSET,
    owner_id: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    due_from: datetime.date | None | Unset = UNSET,
    due_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageTopicRead | Problem]:
    """List Topics

     The workspace's topics, oldest first, a page at a time, filtered by status, owner, tag
    and due date (a `due_from` after `due_to` is a 422).

    Args:
        status (None | TopicStatus | Unset): Only topics in this status
        owner_id (None | str | Unset): Only topics this user owns
        tag (None | str | Unset): Only topics with this tag
        due_from (datetime.date | None | Unset): due_date on or after
        due_to (datetime.date | None | Unset): due_date on or before
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTopicRead | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        owner_id=owner_id,
        tag=tag,
        due_from=due_from,
        due_to=due_to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: None | TopicStatus | Unset = UNSET,
    owner_id: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    due_from: datetime.date | None | Unset = UNSET,
    due_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageTopicRead | Problem | None:
    """List Topics

     The workspace's topics, oldest first, a page at a time, filtered by status, owner, tag
    and due date (a `due_from` after `due_to` is a 422).

    Args:
        status (None | TopicStatus | Unset): Only topics in this status
        owner_id (None | str | Unset): Only topics this user owns
        tag (None | str | Unset): Only topics with this tag
        due_from (datetime.date | None | Unset): due_date on or after
        due_to (datetime.date | None | Unset): due_date on or before
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTopicRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            owner_id=owner_id,
            tag=tag,
            due_from=due_from,
            due_to=due_to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
