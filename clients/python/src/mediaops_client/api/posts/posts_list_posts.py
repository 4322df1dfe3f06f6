from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_post_read import PagePostRead
from ...models.post_status import PostStatus
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: None | PostStatus | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    author_id: None | str | Unset = UNSET,
    topic_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, PostStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_tag: None | str | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    else:
        json_tag = tag
    params["tag"] = json_tag

    json_author_id: None | str | Unset
    if isinstance(author_id, Unset):
        json_author_id = UNSET
    else:
        json_author_id = author_id
    params["author_id"] = json_author_id

    json_topic_id: None | str | Unset
    if isinstance(topic_id, Unset):
        json_topic_id = UNSET
    elif isinstance(topic_id, UUID):
        json_topic_id = str(topic_id)
    else:
        json_topic_id = topic_id
    params["topic_id"] = json_topic_id

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

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
        "url": "/v1/posts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PagePostRead | Problem | None:
    if response.status_code == 200:
        response_200 = PagePostRead.from_dict(response.json())

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
) -> Response[PagePostRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: None | PostStatus | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    author_id: None | str | Unset = UNSET,
    topic_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePostRead | Problem]:
    """List Posts

     The workspace's posts, oldest first, a page at a time, filtered by status, tag, author,
    topic and text (`q`).

    Args:
        status (None | PostStatus | Unset): Only posts in this status
        tag (None | str | Unset): Only posts with this tag
        author_id (None | str | Unset): Only posts by this author
        topic_id (None | Unset | UUID): Only posts written for this topic
        q (None | str | Unset): text in the title or body, any language
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePostRead | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        tag=tag,
        author_id=author_id,
        topic_id=topic_id,
        q=q,
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
    status: None | PostStatus | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    author_id: None | str | Unset = UNSET,
    topic_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePostRead | Problem | None:
    """List Posts

     The workspace's posts, oldest first, a page at a time, filtered by status, tag, author,
    topic and text (`q`).

    Args:
        status (None | PostStatus | Unset): Only posts in this status
        tag (None | str | Unset): Only posts with this tag
        author_id (None | str | Unset): Only posts by this author
        topic_id (None | Unset | UUID): Only posts written for this topic
        q (None | str | Unset): text in the title or body, any language
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePostRead | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        tag=tag,
        author_id=author_id,
        topic_id=topic_id,
        q=q,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: None | PostStatus | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    author_id: None | str | Unset = UNSET,
    topic_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePostRead | Problem]:
    """List Posts

     The workspace's posts, oldest first, a page at a time, filtered by status, tag, author,
    topic and text (`q`).

    Args:
        status (None | PostStatus | Unset): Only posts in this status
        tag (None | str | Unset): Only posts with this tag
        author_id (None | str | Unset): Only posts by this author
        topic_id (None | Unset | UUID): Only posts written for this topic
        q (None | str | Unset): text in the title or body, any language
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePostRead | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        tag=tag,
        author_id=author_id,
        topic_id=topic_id,
        q=q,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: None | PostStatus | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    author_id: None | str | Unset = UNSET,
    topic_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePostRead | Problem | None:
    """List Posts

     The workspace's posts, oldest first, a page at a time, filtered by status, tag, author,
    topic and text (`q`).

    Args:
        status (None | PostStatus | Unset): Only posts in this status
        tag (None | str | Unset): Only posts with this tag
        author_id (None | str | Unset): Only posts by this author
        topic_id (None | Unset | UUID): Only posts written for this topic
        q (None | str | Unset): text in the title or body, any language
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePostRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            tag=tag,
            author_id=author_id,
            topic_id=topic_id,
            q=q,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
