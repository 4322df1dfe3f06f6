from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.message_create import MessageCreate
from ...models.message_read import MessageRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: MessageCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/inbox/messages",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MessageRead | Problem | None:
    if response.status_code == 200:
        response_200 = MessageRead.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = MessageRead.from_dict(response.json())

        return response_201

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
) -> Response[MessageRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: MessageCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[MessageRead | Problem]:
    """Receive Message

     Take in a comment or private message that came in on a channel: it joins its thread
    (made on its first message), reopens it, and starts the SLA clock if nothing waited.

    Idempotent on the platform's message id: the same `external_message_id` on the channel
    again answers 200 with the stored message and changes nothing. A `comment` or `message`
    event goes to metrics-svc.

    Args:
        idempotency_key (str | Unset):
        body (MessageCreate): A comment or private message that came in on a channel (from the
            platform's push, a
            bridge, or a person copying it in); stored once per `external_message_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessageRead | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: MessageCreate,
    idempotency_key: str | Unset = UNSET,
) -> MessageRead | Problem | None:
    """Receive Message

     Take in a comment or private message that came in on a channel: it joins its thread
    (made on its first message), reopens it, and starts the SLA clock if nothing waited.

    Idempotent on the platform's message id: the same `external_message_id` on the channel
    again answers 200 with the stored message and changes nothing. A `comment` or `message`
    event goes to metrics-svc.

    Args:
        idempotency_key (str | Unset):
        body (MessageCreate): A comment or private message that came in on a channel (from the
            platform's push, a
            bridge, or a person copying it in); stored once per `external_message_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessageRead | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MessageCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[MessageRead | Problem]:
    """Receive Message

     Take in a comment or private message that came in on a channel: it joins its thread
    (made on its first message), reopens it, and starts the SLA clock if nothing waited.

    Idempotent on the platform's message id: the same `external_message_id` on the channel
    again answers 200 with the stored message and changes nothing. A `comment` or `message`
    event goes to metrics-svc.

    Args:
        idempotency_key (str | Unset):
        body (MessageCreate): A comment or private message that came in on a channel (from the
            platform's push, a
            bridge, or a person copying it in); stored once per `external_message_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessageRead | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: MessageCreate,
    idempotency_key: str | Unset = UNSET,
) -> MessageRead | Problem | None:
    """Receive Message

     Take in a comment or private message that came in on a channel: it joins its thread
    (made on its first message), reopens it, and starts the SLA clock if nothing waited.

    Idempotent on the platform's message id: the same `external_message_id` on the channel
    again answers 200 with the stored message and changes nothing. A `comment` or `message`
    event goes to metrics-svc.

    Args:
        idempotency_key (str | Unset):
        body (MessageCreate): A comment or private message that came in on a channel (from the
            platform's push, a
            bridge, or a person copying it in); stored once per `external_message_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessageRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
