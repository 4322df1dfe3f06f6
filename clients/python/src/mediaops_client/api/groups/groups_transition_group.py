from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.group_detail import GroupDetail
from ...models.group_transition import GroupTransition
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    group_id: UUID,
    *,
    body: GroupTransition,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/groups/{group_id}/transitions".format(
            group_id=quote(str(group_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GroupDetail | Problem | None:
    if response.status_code == 200:
        response_200 = GroupDetail.from_dict(response.json())

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
) -> Response[GroupDetail | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    group_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GroupTransition,
    idempotency_key: str | Unset = UNSET,
) -> Response[GroupDetail | Problem]:
    """Transition Group

     Move the group to its next stage; `dissolved` cancels its open tasks and live runs.
    Each move sends a `group.stage_changed` event to metrics-svc (a group reaching
    `converting` counts in the replication success rate, 复制成功率).

    The stages go planning → building → active → converting, one step at a time, and any stage
    can go to `dissolved`, which is final: the group's pending tasks are cancelled and its active
    or paused SOP runs end, in the same transaction, while its members, goals, runs and tasks
    stay readable. A move the current stage does not allow is a 409 naming the allowed ones.

    Args:
        group_id (UUID):
        idempotency_key (str | Unset):
        body (GroupTransition): The stage to move the group to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GroupDetail | Problem]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    group_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GroupTransition,
    idempotency_key: str | Unset = UNSET,
) -> GroupDetail | Problem | None:
    """Transition Group

     Move the group to its next stage; `dissolved` cancels its open tasks and live runs.
    Each move sends a `group.stage_changed` event to metrics-svc (a group reaching
    `converting` counts in the replication success rate, 复制成功率).

    The stages go planning → building → active → converting, one step at a time, and any stage
    can go to `dissolved`, which is final: the group's pending tasks are cancelled and its active
    or paused SOP runs end, in the same transaction, while its members, goals, runs and tasks
    stay readable. A move the current stage does not allow is a 409 naming the allowed ones.

    Args:
        group_id (UUID):
        idempotency_key (str | Unset):
        body (GroupTransition): The stage to move the group to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GroupDetail | Problem
    """

    return sync_detailed(
        group_id=group_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    group_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GroupTransition,
    idempotency_key: str | Unset = UNSET,
) -> Response[GroupDetail | Problem]:
    """Transition Group

     Move the group to its next stage; `dissolved` cancels its open tasks and live runs.
    Each move sends a `group.stage_changed` event to metrics-svc (a group reaching
    `converting` counts in the replication success rate, 复制成功率).

    The stages go planning → building → active → converting, one step at a time, and any stage
    can go to `dissolved`, which is final: the group's pending tasks are cancelled and its active
    or paused SOP runs end, in the same transaction, while its members, goals, runs and tasks
    stay readable. A move the current stage does not allow is a 409 naming the allowed ones.

    Args:
        group_id (UUID):
        idempotency_key (str | Unset):
        body (GroupTransition): The stage to move the group to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GroupDetail | Problem]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    group_id: UUID,
    *,
    client: AuthenticatedClient,
    body: GroupTransition,
    idempotency_key: str | Unset = UNSET,
) -> GroupDetail | Problem | None:
    """Transition Group

     Move the group to its next stage; `dissolved` cancels its open tasks and live runs.
    Each move sends a `group.stage_changed` event to metrics-svc (a group reaching
    `converting` counts in the replication success rate, 复制成功率).

    The stages go planning → building → active → converting, one step at a time, and any stage
    can go to `dissolved`, which is final: the group's pending tasks are cancelled and its active
    or paused SOP runs end, in the same transaction, while its members, goals, runs and tasks
    stay readable. A move the current stage does not allow is a 409 naming the allowed ones.

    Args:
        group_id (UUID):
        idempotency_key (str | Unset):
        body (GroupTransition): The stage to move the group to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GroupDetail | Problem
    """

    return (
        await asyncio_detailed(
            group_id=group_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
