from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channel_read import ChannelRead
from ...models.channel_update import ChannelUpdate
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    channel_id: UUID,
    *,
    body: ChannelUpdate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/channels/{channel_id}".format(
            channel_id=quote(str(channel_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChannelRead | Problem | None:
    if response.status_code == 200:
        response_200 = ChannelRead.from_dict(response.json())

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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
) -> Response[ChannelRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    channel_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChannelUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[ChannelRead | Problem]:
    """Update Channel

     Change the fields sent (name, handle, time zone, limits, prime-time slots, publisher,
    WeChat account); the platform stays. Send the `ETag` you read as `If-Match` so another
    operator's change is not overwritten.

    Args:
        channel_id (UUID):
        if_match (None | str | Unset):
        body (ChannelUpdate): Every field optional; only the fields sent are changed.

            ``limits`` replaces the channel's overrides as a whole (send ``{}`` to go back to the
            platform profile); ``prime_time_slots`` replaces the list.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelRead | Problem]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    channel_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChannelUpdate,
    if_match: None | str | Unset = UNSET,
) -> ChannelRead | Problem | None:
    """Update Channel

     Change the fields sent (name, handle, time zone, limits, prime-time slots, publisher,
    WeChat account); the platform stays. Send the `ETag` you read as `If-Match` so another
    operator's change is not overwritten.

    Args:
        channel_id (UUID):
        if_match (None | str | Unset):
        body (ChannelUpdate): Every field optional; only the fields sent are changed.

            ``limits`` replaces the channel's overrides as a whole (send ``{}`` to go back to the
            platform profile); ``prime_time_slots`` replaces the list.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelRead | Problem
    """

    return sync_detailed(
        channel_id=channel_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    channel_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChannelUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[ChannelRead | Problem]:
    """Update Channel

     Change the fields sent (name, handle, time zone, limits, prime-time slots, publisher,
    WeChat account); the platform stays. Send the `ETag` you read as `If-Match` so another
    operator's change is not overwritten.

    Args:
        channel_id (UUID):
        if_match (None | str | Unset):
        body (ChannelUpdate): Every field optional; only the fields sent are changed.

            ``limits`` replaces the channel's overrides as a whole (send ``{}`` to go back to the
            platform profile); ``prime_time_slots`` replaces the list.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelRead | Problem]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    channel_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChannelUpdate,
    if_match: None | str | Unset = UNSET,
) -> ChannelRead | Problem | None:
    """Update Channel

     Change the fields sent (name, handle, time zone, limits, prime-time slots, publisher,
    WeChat account); the platform stays. Send the `ETag` you read as `If-Match` so another
    operator's change is not overwritten.

    Args:
        channel_id (UUID):
        if_match (None | str | Unset):
        body (ChannelUpdate): Every field optional; only the fields sent are changed.

            ``limits`` replaces the channel's overrides as a whole (send ``{}`` to go back to the
            platform profile); ``prime_time_slots`` replaces the list.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelRead | Problem
    """

    return (
        await asyncio_detailed(
            channel_id=channel_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
