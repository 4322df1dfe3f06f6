from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.sop_run_create import SopRunCreate
from ...models.sop_run_read import SopRunRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SopRunCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sop-runs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SopRunRead | None:
    if response.status_code == 201:
        response_201 = SopRunRead.from_dict(response.json())

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
) -> Response[Problem | SopRunRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SopRunCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SopRunRead]:
    """Start Run

     Apply a template version to a group: its dated steps become tasks at once.

    Each step not anchored on `member_joined` becomes a pending task due at its `time_of_day`
    on its anchor's date plus `offset_days`, in the group's time zone (stored in UTC), assigned
    by its `owner_role` to the group's leader, its assistants in turn, or its current seed or
    KOL members in turn (unassigned when nobody holds the role). While the run is active, each
    member who joins gets a task per `member_joined` step. A group has at most 10 active or
    paused runs. A `sop_run.started` event naming the template goes to metrics-svc: the group
    now counts as a replication of the template (复制成功率).

    Args:
        idempotency_key (str | Unset):
        body (SopRunCreate): Which template version to run in which group, and from which days.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SopRunRead]
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
    body: SopRunCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SopRunRead | None:
    """Start Run

     Apply a template version to a group: its dated steps become tasks at once.

    Each step not anchored on `member_joined` becomes a pending task due at its `time_of_day`
    on its anchor's date plus `offset_days`, in the group's time zone (stored in UTC), assigned
    by its `owner_role` to the group's leader, its assistants in turn, or its current seed or
    KOL members in turn (unassigned when nobody holds the role). While the run is active, each
    member who joins gets a task per `member_joined` step. A group has at most 10 active or
    paused runs. A `sop_run.started` event naming the template goes to metrics-svc: the group
    now counts as a replication of the template (复制成功率).

    Args:
        idempotency_key (str | Unset):
        body (SopRunCreate): Which template version to run in which group, and from which days.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SopRunRead
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SopRunCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SopRunRead]:
    """Start Run

     Apply a template version to a group: its dated steps become tasks at once.

    Each step not anchored on `member_joined` becomes a pending task due at its `time_of_day`
    on its anchor's date plus `offset_days`, in the group's time zone (stored in UTC), assigned
    by its `owner_role` to the group's leader, its assistants in turn, or its current seed or
    KOL members in turn (unassigned when nobody holds the role). While the run is active, each
    member who joins gets a task per `member_joined` step. A group has at most 10 active or
    paused runs. A `sop_run.started` event naming the template goes to metrics-svc: the group
    now counts as a replication of the template (复制成功率).

    Args:
        idempotency_key (str | Unset):
        body (SopRunCreate): Which template version to run in which group, and from which days.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SopRunRead]
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
    body: SopRunCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SopRunRead | None:
    """Start Run

     Apply a template version to a group: its dated steps become tasks at once.

    Each step not anchored on `member_joined` becomes a pending task due at its `time_of_day`
    on its anchor's date plus `offset_days`, in the group's time zone (stored in UTC), assigned
    by its `owner_role` to the group's leader, its assistants in turn, or its current seed or
    KOL members in turn (unassigned when nobody holds the role). While the run is active, each
    member who joins gets a task per `member_joined` step. A group has at most 10 active or
    paused runs. A `sop_run.started` event naming the template goes to metrics-svc: the group
    now counts as a replication of the template (复制成功率).

    Args:
        idempotency_key (str | Unset):
        body (SopRunCreate): Which template version to run in which group, and from which days.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SopRunRead
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
