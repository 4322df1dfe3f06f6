import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_task_read import PageTaskRead
from ...models.problem import Problem
from ...models.task_status import TaskStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    assignee: None | str | Unset = UNSET,
    status: None | TaskStatus | Unset = UNSET,
    group_id: None | Unset | UUID = UNSET,
    run_id: None | Unset | UUID = UNSET,
    member_id: None | Unset | UUID = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    due_after: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_assignee: None | str | Unset
    if isinstance(assignee, Unset):
        json_assignee = UNSET
    else:
        json_assignee = assignee
    params["assignee"] = json_assignee

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, TaskStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_group_id: None | str | Unset
    if isinstance(group_id, Unset):
        json_group_id = UNSET
    elif isinstance(group_id, UUID):
        json_group_id = str(group_id)
    else:
        json_group_id = group_id
    params["group_id"] = json_group_id

    json_run_id: None | str | Unset
    if isinstance(run_id, Unset):
        json_run_id = UNSET
    elif isinstance(run_id, UUID):
        json_run_id = str(run_id)
    else:
        json_run_id = run_id
    params["run_id"] = json_run_id

    json_member_id: None | str | Unset
    if isinstance(member_id, Unset):
        json_member_id = UNSET
    elif isinstance(member_id, UUID):
        json_member_id = str(member_id)
    else:
        json_member_id = member_id
    params["member_id"] = json_member_id

    json_due_before: None | str | Unset
    if isinstance(due_before, Unset):
        json_due_before = UNSET
    elif isinstance(due_before, datetime.datetime):
        json_due_before = due_before.isoformat()
    else:
        json_due_before = due_before
    params["due_before"] = json_due_before

    json_due_after: None | str | Unset
    if isinstance(due_after, Unset):
        json_due_after = UNSET
    elif isinstance(due_after, datetime.datetime):
        json_due_after = due_after.isoformat()
    else:
        json_due_after = due_after
    params["due_after"] = json_due_after

    params["overdue"] = overdue

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tasks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageTaskRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageTaskRead.from_dict(response.json())

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
) -> Response[PageTaskRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    assignee: None | str | Unset = UNSET,
    status: None | TaskStatus | Unset = UNSET,
    group_id: None | Unset | UUID = UNSET,
    run_id: None | Unset | UUID = UNSET,
    member_id: None | Unset | UUID = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    due_after: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageTaskRead | Problem]:
    """List Tasks

     The operator's to-do list, earliest due first.

    Filter by assignee, status, group, run, member and due window; `overdue=true` keeps the
    pending tasks already past due. Each task's `overdue` is computed when it is read.

    Args:
        assignee (None | str | Unset): Only tasks of this actor id.
        status (None | TaskStatus | Unset): Only tasks in this status.
        group_id (None | Unset | UUID): Only this group's tasks (404 if no such group).
        run_id (None | Unset | UUID): Only this run's tasks.
        member_id (None | Unset | UUID): Only tasks about this membership.
        due_before (datetime.datetime | None | Unset): Only tasks due before this time (RFC 3339).
        due_after (datetime.datetime | None | Unset): Only tasks due at or after this time (RFC
            3339).
        overdue (bool | Unset): only pending tasks past their due time Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTaskRead | Problem]
    """

    kwargs = _get_kwargs(
        assignee=assignee,
        status=status,
        group_id=group_id,
        run_id=run_id,
        member_id=member_id,
        due_before=due_before,
        due_after=due_after,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    assignee: None | str | Unset = UNSET,
    status: None | TaskStatus | Unset = UNSET,
    group_id: None | Unset | UUID = UNSET,
    run_id: None | Unset | UUID = UNSET,
    member_id: None | Unset | UUID = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    due_after: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageTaskRead | Problem | None:
    """List Tasks

     The operator's to-do list, earliest due first.

    Filter by assignee, status, group, run, member and due window; `overdue=true` keeps the
    pending tasks already past due. Each task's `overdue` is computed when it is read.

    Args:
        assignee (None | str | Unset): Only tasks of this actor id.
        status (None | TaskStatus | Unset): Only tasks in this status.
        group_id (None | Unset | UUID): Only this group's tasks (404 if no such group).
        run_id (None | Unset | UUID): Only this run's tasks.
        member_id (None | Unset | UUID): Only tasks about this membership.
        due_before (datetime.datetime | None | Unset): Only tasks due before this time (RFC 3339).
        due_after (datetime.datetime | None | Unset): Only tasks due at or after this time (RFC
            3339).
        overdue (bool | Unset): only pending tasks past their due time Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTaskRead | Problem
    """

    return sync_detailed(
        client=client,
        assignee=assignee,
        status=status,
        group_id=group_id,
        run_id=run_id,
        member_id=member_id,
        due_before=due_before,
        due_after=due_after,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    assignee: None | str | Unset = UNSET,
    status: None | TaskStatus | Unset = UNSET,
    group_id: None | Unset | UUID = UNSET,
    run_id: None | Unset | UUID = UNSET,
    member_id: None | Unset | UUID = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    due_after: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageTaskRead | Problem]:
    """List Tasks

     The operator's to-do list, earliest due first.

    Filter by assignee, status, group, run, member and due window; `overdue=true` keeps the
    pending tasks already past due. Each task's `overdue` is computed when it is read.

    Args:
        assignee (None | str | Unset): Only tasks of this actor id.
        status (None | TaskStatus | Unset): Only tasks in this status.
        group_id (None | Unset | UUID): Only this group's tasks (404 if no such group).
        run_id (None | Unset | UUID): Only this run's tasks.
        member_id (None | Unset | UUID): Only tasks about this membership.
        due_before (datetime.datetime | None | Unset): Only tasks due before this time (RFC 3339).
        due_after (datetime.datetime | None | Unset): Only tasks due at or after this time (RFC
            3339).
        overdue (bool | Unset): only pending tasks past their due time Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTaskRead | Problem]
    """

    kwargs = _get_kwargs(
        assignee=assignee,
        status=status,
        group_id=group_id,
        run_id=run_id,
        member_id=member_id,
        due_before=due_before,
        due_after=due_after,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    assignee: None | str | Unset = UNSET,
    status: None | TaskStatus | Unset = UNSET,
    group_id: None | Unset | UUID = UNSET,
    run_id: None | Unset | UUID = UNSET,
    member_id: None | Unset | UUID = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    due_after: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageTaskRead | Problem | None:
    """List Tasks

     The operator's to-do list, earliest due first.

    Filter by assignee, status, group, run, member and due window; `overdue=true` keeps the
    pending tasks already past due. Each task's `overdue` is computed when it is read.

    Args:
        assignee (None | str | Unset): Only tasks of this actor id.
        status (None | TaskStatus | Unset): Only tasks in this status.
        group_id (None | Unset | UUID): Only this group's tasks (404 if no such group).
        run_id (None | Unset | UUID): Only this run's tasks.
        member_id (None | Unset | UUID): Only tasks about this membership.
        due_before (datetime.datetime | None | Unset): Only tasks due before this time (RFC 3339).
        due_after (datetime.datetime | None | Unset): Only tasks due at or after this time (RFC
            3339).
        overdue (bool | Unset): only pending tasks past their due time Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTaskRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            assignee=assignee,
            status=status,
            group_id=group_id,
            run_id=run_id,
            member_id=member_id,
            due_before=due_before,
            due_after=due_after,
            overdue=overdue,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
