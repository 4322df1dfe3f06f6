from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.revision_read import RevisionRead
from ...types import Response


def _get_kwargs(
    post_id: UUID,
    number: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/posts/{post_id}/revisions/{number}".format(
            post_id=quote(str(post_id), safe=""),
            number=quote(str(number), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RevisionRead | None:
    if response.status_code == 200:
        response_200 = RevisionRead.from_dict(response.json())

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
) -> Response[Problem | RevisionRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    post_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RevisionRead]:
    """Get Revision

     The post's content as revision `number` left it.

    Args:
        post_id (UUID):
        number (int): The revision's number: 1 is the first

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RevisionRead]
    """

    kwargs = _get_kwargs(
        post_id=post_id,
        number=number,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    post_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Problem | RevisionRead | None:
    """Get Revision

     The post's content as revision `number` left it.

    Args:
        post_id (UUID):
        number (int): The revision's number: 1 is the first

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RevisionRead
    """

    return sync_detailed(
        post_id=post_id,
        number=number,
        client=client,
    ).parsed


async def asyncio_detailed(
    post_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RevisionRead]:
    """Get Revision

     The post's content as revision `number` left it.

    Args:
        post_id (UUID):
        number (int): The revision's number: 1 is the first

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RevisionRead]
    """

    kwargs = _get_kwargs(
        post_id=post_id,
        number=number,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    post_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Problem | RevisionRead | None:
    """Get Revision

     The post's content as revision `number` left it.

    Args:
        post_id (UUID):
        number (int): The revision's number: 1 is the first

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RevisionRead
    """

    return (
        await asyncio_detailed(
            post_id=post_id,
            number=number,
            client=client,
        )
    ).parsed
