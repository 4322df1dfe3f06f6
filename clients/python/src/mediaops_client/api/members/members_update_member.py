from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.member_read import MemberRead
from ...models.member_update import MemberUpdate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    member_id: UUID,
    *,
    body: MemberUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/members/{member_id}".format(
            member_id=quote(str(member_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MemberRead | Problem | None:
    if response.status_code == 200:
        response_200 = MemberRead.from_dict(response.json())

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
) -> Response[MemberRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    member_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MemberUpdate,
) -> Response[MemberRead | Problem]:
    """Update Member

     Change a member's display name, role, tags or tier; the fields omitted stay as they are.
    A new role counts for SOP tasks dated from now on.

    Args:
        member_id (UUID):
        body (MemberUpdate): The fields to change; those omitted (or null) stay as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MemberRead | Problem]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    member_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MemberUpdate,
) -> MemberRead | Problem | None:
    """Update Member

     Change a member's display name, role, tags or tier; the fields omitted stay as they are.
    A new role counts for SOP tasks dated from now on.

    Args:
        member_id (UUID):
        body (MemberUpdate): The fields to change; those omitted (or null) stay as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MemberRead | Problem
    """

    return sync_detailed(
        member_id=member_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    member_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MemberUpdate,
) -> Response[MemberRead | Problem]:
    """Update Member

     Change a member's display name, role, tags or tier; the fields omitted stay as they are.
    A new role counts for SOP tasks dated from now on.

    Args:
        member_id (UUID):
        body (MemberUpdate): The fields to change; those omitted (or null) stay as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MemberRead | Problem]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    member_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MemberUpdate,
) -> MemberRead | Problem | None:
    """Update Member

     Change a member's display name, role, tags or tier; the fields omitted stay as they are.
    A new role counts for SOP tasks dated from now on.

    Args:
        member_id (UUID):
        body (MemberUpdate): The fields to change; those omitted (or null) stay as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MemberRead | Problem
    """

    return (
        await asyncio_detailed(
            member_id=member_id,
            client=client,
            body=body,
        )
    ).parsed
