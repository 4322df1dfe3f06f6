from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.community_goal_read import CommunityGoalRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    group_id: UUID,
    goal_id: UUID,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/groups/{group_id}/goals/{goal_id}/reached".format(
            group_id=quote(str(group_id), safe=""),
            goal_id=quote(str(goal_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CommunityGoalRead | Problem | None:
    if response.status_code == 200:
        response_200 = CommunityGoalRead.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[CommunityGoalRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    group_id: UUID,
    goal_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[CommunityGoalRead | Problem]:
    """Mark Goal Reached

     Mark the goal reached, now: the team's own judgement that the group got there (its
    live standing from metrics-svc may say `achieved` well before anyone marks it).

    A `goal.reached` event goes to metrics-svc, whose replication success rate (复制成功率)
    counts a group started from an SOP template that reached a goal (or the `converting`
    stage) as a replication that worked. A goal is marked once (a second mark is a 409); a
    dissolved group's goals take no more marks.

    Args:
        group_id (UUID):
        goal_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommunityGoalRead | Problem]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        goal_id=goal_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    group_id: UUID,
    goal_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> CommunityGoalRead | Problem | None:
    """Mark Goal Reached

     Mark the goal reached, now: the team's own judgement that the group got there (its
    live standing from metrics-svc may say `achieved` well before anyone marks it).

    A `goal.reached` event goes to metrics-svc, whose replication success rate (复制成功率)
    counts a group started from an SOP template that reached a goal (or the `converting`
    stage) as a replication that worked. A goal is marked once (a second mark is a 409); a
    dissolved group's goals take no more marks.

    Args:
        group_id (UUID):
        goal_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommunityGoalRead | Problem
    """

    return sync_detailed(
        group_id=group_id,
        goal_id=goal_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    group_id: UUID,
    goal_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[CommunityGoalRead | Problem]:
    """Mark Goal Reached

     Mark the goal reached, now: the team's own judgement that the group got there (its
    live standing from metrics-svc may say `achieved` well before anyone marks it).

    A `goal.reached` event goes to metrics-svc, whose replication success rate (复制成功率)
    counts a group started from an SOP template that reached a goal (or the `converting`
    stage) as a replication that worked. A goal is marked once (a second mark is a 409); a
    dissolved group's goals take no more marks.

    Args:
        group_id (UUID):
        goal_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommunityGoalRead | Problem]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        goal_id=goal_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    group_id: UUID,
    goal_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> CommunityGoalRead | Problem | None:
    """Mark Goal Reached

     Mark the goal reached, now: the team's own judgement that the group got there (its
    live standing from metrics-svc may say `achieved` well before anyone marks it).

    A `goal.reached` event goes to metrics-svc, whose replication success rate (复制成功率)
    counts a group started from an SOP template that reached a goal (or the `converting`
    stage) as a replication that worked. A goal is marked once (a second mark is a 409); a
    dissolved group's goals take no more marks.

    Args:
        group_id (UUID):
        goal_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommunityGoalRead | Problem
    """

    return (
        await asyncio_detailed(
            group_id=group_id,
            goal_id=goal_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
