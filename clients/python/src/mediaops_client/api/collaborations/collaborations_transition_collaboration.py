from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collaboration_read import CollaborationRead
from ...models.collaboration_transition import CollaborationTransition
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    collaboration_id: UUID,
    *,
    body: CollaborationTransition,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/collaborations/{collaboration_id}/status".format(
            collaboration_id=quote(str(collaboration_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CollaborationRead | Problem | None:
    if response.status_code == 200:
        response_200 = CollaborationRead.from_dict(response.json())

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
    body: CollaborationTransition,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[CollaborationRead | Problem]:
    """Transition Collaboration

     Move a collaboration: proposed → agreed → published → paid, or to cancelled from any
    but paid (409 names the moves allowed from where it is). Published needs the publication
    that carries the post. ``If-Match`` is honoured as on ``PATCH``.

    Args:
        collaboration_id (UUID):
        if_match (None | str | Unset):
        idempotency_key (str | Unset):
        body (CollaborationTransition): A move of the collaboration's status.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollaborationRead | Problem]
    """

    kwargs = _get_kwargs(
        collaboration_id=collaboration_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    collaboration_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CollaborationTransition,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> CollaborationRead | Problem | None:
    """Transition Collaboration

     Move a collaboration: proposed → agreed → published → paid, or to cancelled from any
    but paid (409 names the moves allowed from where it is). Published needs the publication
    that carries the post. ``If-Match`` is honoured as on ``PATCH``.

    Args:
        collaboration_id (UUID):
        if_match (None | str | Unset):
        idempotency_key (str | Unset):
        body (CollaborationTransition): A move of the collaboration's status.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollaborationRead | Problem
    """

    return sync_detailed(
        collaboration_id=collaboration_id,
        client=client,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    collaboration_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CollaborationTransition,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[CollaborationRead | Problem]:
    """Transition Collaboration

     Move a collaboration: proposed → agreed → published → paid, or to cancelled from any
    but paid (409 names the moves allowed from where it is). Published needs the publication
    that carries the post. ``If-Match`` is honoured as on ``PATCH``.

    Args:
        collaboration_id (UUID):
        if_match (None | str | Unset):
        idempotency_key (str | Unset):
        body (CollaborationTransition): A move of the collaboration's status.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollaborationRead | Problem]
    """

    kwargs = _get_kwargs(
        collaboration_id=collaboration_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    collaboration_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CollaborationTransition,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> CollaborationRead | Problem | None:
    """Transition Collaboration

     Move a collaboration: proposed → agreed → published → paid, or to cancelled from any
    but paid (409 names the moves allowed from where it is). Published needs the publication
    that carries the post. ``If-Match`` is honoured as on ``PATCH``.

    Args:
        collaboration_id (UUID):
        if_match (None | str | Unset):
        idempotency_key (str | Unset):
        body (CollaborationTransition): A move of the collaboration's status.

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
            body=body,
            if_match=if_match,
            idempotency_key=idempotency_key,
        )
    ).parsed
