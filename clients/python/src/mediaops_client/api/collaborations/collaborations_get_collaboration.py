from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collaboration_read import CollaborationRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    collaboration_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/collaborations/{collaboration_id}".format(
            collaboration_id=quote(str(collaboration_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CollaborationRead | Problem | None:
    if response.status_code == 200:
        response_200 = CollaborationRead.from_dict(response.json())

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
) -> Response[CollaborationRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    collaboration_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[CollaborationRead | Problem]:
    """Get Collaboration

     Read a collaboration with its publication's tracking code. The ``ETag`` header carries
    its version, for ``If-Match``.

    Args:
        collaboration_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollaborationRead | Problem]
    """

    kwargs = _get_kwargs(
        collaboration_id=collaboration_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    collaboration_id: UUID,
    *,
    client: AuthenticatedClient,
) -> CollaborationRead | Problem | None:
    """Get Collaboration

     Read a collaboration with its publication's tracking code. The ``ETag`` header carries
    its version, for ``If-Match``.

    Args:
        collaboration_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollaborationRead | Problem
    """

    return sync_detailed(
        collaboration_id=collaboration_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    collaboration_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[CollaborationRead | Problem]:
    """Get Collaboration

     Read a collaboration with its publication's tracking code. The ``ETag`` header carries
    its version, for ``If-Match``.

    Args:
        collaboration_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollaborationRead | Problem]
    """

    kwargs = _get_kwargs(
        collaboration_id=collaboration_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    collaboration_id: UUID,
    *,
    client: AuthenticatedClient,
) -> CollaborationRead | Problem | None:
    """Get Collaboration

     Read a collaboration with its publication's tracking code. The ``ETag`` header carries
    its version, for ``If-Match``.

    Args:
        collaboration_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollaborationRead | Problem
    """

    return (
        await asyncio_detailed(
            collaboration_id=collaboration_id,
            client=client,
        )
    ).parsed
