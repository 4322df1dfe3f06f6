from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_sop_run_read import PageSopRunRead
from ...models.problem import Problem
from ...models.run_status import RunStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    group_id: None | Unset | UUID = UNSET,
    template_id: None | Unset | UUID = UNSET,
    status: None | RunStatus | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_group_id: None | str | Unset
    if isinstance(group_id, Unset):
        json_group_id = UNSET
    elif isinstance(group_id, UUID):
        json_group_id = str(group_id)
    else:
        json_group_id = group_id
    params["group_id"] = json_group_id

    json_template_id: None | str | Unset
    if isinstance(template_id, Unset):
        json_template_id = UNSET
    elif isinstance(template_id, UUID):
        json_template_id = str(template_id)
    else:
        json_template_id = template_id
    params["template_id"] = json_template_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, RunStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

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
        "url": "/v1/sop-runs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageSopRunRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageSopRunRead.from_dict(response.json())

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
) -> Response[PageSopRunRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    group_id: None | Unset | UUID = UNSET,
    template_id: None | Unset | UUID = UNSET,
    status: None | RunStatus | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageSopRunRead | Problem]:
    """List Runs

     The workspace's SOP runs, oldest first, filtered by group, template or status.

    Args:
        group_id (None | Unset | UUID): Only this group's runs (404 if no such group).
        template_id (None | Unset | UUID): Only runs of this template.
        status (None | RunStatus | Unset): Only runs in this status.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSopRunRead | Problem]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        template_id=template_id,
        status=status,
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
    group_id: None | Unset | UUID = UNSET,
    template_id: None | Unset | UUID = UNSET,
    status: None | RunStatus | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageSopRunRead | Problem | None:
    """List Runs

     The workspace's SOP runs, oldest first, filtered by group, template or status.

    Args:
        group_id (None | Unset | UUID): Only this group's runs (404 if no such group).
        template_id (None | Unset | UUID): Only runs of this template.
        status (None | RunStatus | Unset): Only runs in this status.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSopRunRead | Problem
    """

    return sync_detailed(
        client=client,
        group_id=group_id,
        template_id=template_id,
        status=status,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    group_id: None | Unset | UUID = UNSET,
    template_id: None | Unset | UUID = UNSET,
    status: None | RunStatus | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageSopRunRead | Problem]:
    """List Runs

     The workspace's SOP runs, oldest first, filtered by group, template or status.

    Args:
        group_id (None | Unset | UUID): Only this group's runs (404 if no such group).
        template_id (None | Unset | UUID): Only runs of this template.
        status (None | RunStatus | Unset): Only runs in this status.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSopRunRead | Problem]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        template_id=template_id,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    group_id: None | Unset | UUID = UNSET,
    template_id: None | Unset | UUID = UNSET,
    status: None | RunStatus | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageSopRunRead | Problem | None:
    """List Runs

     The workspace's SOP runs, oldest first, filtered by group, template or status.

    Args:
        group_id (None | Unset | UUID): Only this group's runs (404 if no such group).
        template_id (None | Unset | UUID): Only runs of this template.
        status (None | RunStatus | Unset): Only runs in this status.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSopRunRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            group_id=group_id,
            template_id=template_id,
            status=status,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
