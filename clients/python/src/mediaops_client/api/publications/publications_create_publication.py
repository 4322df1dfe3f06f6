from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.publication_create import PublicationCreate
from ...models.publication_read import PublicationRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PublicationCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/publications",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | PublicationRead | None:
    if response.status_code == 201:
        response_201 = PublicationRead.from_dict(response.json())

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
) -> Response[Problem | PublicationRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PublicationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | PublicationRead]:
    """Create Publication

     Schedule an approved post on a channel: at ``scheduled_at``, at the channel's next best
    slot (``schedule: next_best_slot``), or now when neither is given.

    The piece (the post with this channel's overrides) must meet the channel's limits. The
    answer carries the publication's `tracking_code` for links, QR codes and posters.

    Args:
        idempotency_key (str | Unset):
        body (PublicationCreate): An approved post to go out on one channel, now, at a time, or at
            the channel's next
            best slot; it must meet the channel's limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicationRead]
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
    body: PublicationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | PublicationRead | None:
    """Create Publication

     Schedule an approved post on a channel: at ``scheduled_at``, at the channel's next best
    slot (``schedule: next_best_slot``), or now when neither is given.

    The piece (the post with this channel's overrides) must meet the channel's limits. The
    answer carries the publication's `tracking_code` for links, QR codes and posters.

    Args:
        idempotency_key (str | Unset):
        body (PublicationCreate): An approved post to go out on one channel, now, at a time, or at
            the channel's next
            best slot; it must meet the channel's limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicationRead
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PublicationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | PublicationRead]:
    """Create Publication

     Schedule an approved post on a channel: at ``scheduled_at``, at the channel's next best
    slot (``schedule: next_best_slot``), or now when neither is given.

    The piece (the post with this channel's overrides) must meet the channel's limits. The
    answer carries the publication's `tracking_code` for links, QR codes and posters.

    Args:
        idempotency_key (str | Unset):
        body (PublicationCreate): An approved post to go out on one channel, now, at a time, or at
            the channel's next
            best slot; it must meet the channel's limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicationRead]
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
    body: PublicationCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | PublicationRead | None:
    """Create Publication

     Schedule an approved post on a channel: at ``scheduled_at``, at the channel's next best
    slot (``schedule: next_best_slot``), or now when neither is given.

    The piece (the post with this channel's overrides) must meet the channel's limits. The
    answer carries the publication's `tracking_code` for links, QR codes and posters.

    Args:
        idempotency_key (str | Unset):
        body (PublicationCreate): An approved post to go out on one channel, now, at a time, or at
            the channel's next
            best slot; it must meet the channel's limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicationRead
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
