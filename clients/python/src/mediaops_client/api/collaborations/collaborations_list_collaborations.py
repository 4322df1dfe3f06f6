import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collaboration_status import CollaborationStatus
from ...models.page_collaboration_read import PageCollaborationRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    partner_id: None | Unset | UUID = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    status: CollaborationStatus | None | Unset = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    due_from: datetime.date | None | Unset = UNSET,
    due_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_partner_id: None | str | Unset
    if isinstance(partner_id, Unset):
        json_partner_id = UNSET
    elif isinstance(partner_id, UUID):
        json_partner_id = str(partner_id)
    else:
        json_partner_id = partner_id
    params["partner_id"] = json_partner_id

    json_campaign_id: None | str | Unset
    if isinstance(campaign_id, Unset):
        json_campaign_id = UNSET
    elif isinstance(campaign_id, UUID):
        json_campaign_id = str(campaign_id)
    else:
        json_campaign_id = campaign_id
    params["campaign_id"] = json_campaign_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, CollaborationStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_publication_id: None | str | Unset
    if isinstance(publication_id, Unset):
        json_publication_id = UNSET
    elif isinstance(publication_id, UUID):
        json_publication_id = str(publication_id)
    else:
        json_publication_id = publication_id
    params["publication_id"] = json_publication_id

    json_due_from: None | str | Unset
    if isinstance(due_from, Unset):
        json_due_from = UNSET
    elif isinstance(due_from, datetime.date):
        json_due_from = due_from.isoformat()
    else:
        json_due_from = due_from
    params["due_from"] = json_due_from

    json_due_to: None | str | Unset
    if isinstance(due_to, Unset):
        json_due_to = UNSET
    elif isinstance(due_to, datetime.date):
        json_due_to = due_to.isoformat()
    else:
        json_due_to = due_to
    params["due_to"] = json_due_to

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
        "url": "/v1/collaborations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageCollaborationRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageCollaborationRead.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[PageCollaborationRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    partner_id: None | Unset | UUID = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    status: CollaborationStatus | None | Unset = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    due_from: datetime.date | None | Unset = UNSET,
    due_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCollaborationRead | Problem]:
    """List Collaborations

     List collaborations, oldest first, by partner, campaign, status, publication and a
    window of due dates.

    Args:
        partner_id (None | Unset | UUID): Only this partner's.
        campaign_id (None | Unset | UUID): Only this campaign's.
        status (CollaborationStatus | None | Unset): Only those in this status.
        publication_id (None | Unset | UUID): Only the one this publication carries.
        due_from (datetime.date | None | Unset): Only those due on or after this day (YYYY-MM-DD).
        due_to (datetime.date | None | Unset): Only those due on or before this day (YYYY-MM-DD).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCollaborationRead | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        campaign_id=campaign_id,
        status=status,
        publication_id=publication_id,
        due_from=due_from,
        due_to=due_to,
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
    partner_id: None | Unset | UUID = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    status: CollaborationStatus | None | Unset = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    due_from: datetime.date | None | Unset = UNSET,
    due_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCollaborationRead | Problem | None:
    """List Collaborations

     List collaborations, oldest first, by partner, campaign, status, publication and a
    window of due dates.

    Args:
        partner_id (None | Unset | UUID): Only this partner's.
        campaign_id (None | Unset | UUID): Only this campaign's.
        status (CollaborationStatus | None | Unset): Only those in this status.
        publication_id (None | Unset | UUID): Only the one this publication carries.
        due_from (datetime.date | None | Unset): Only those due on or after this day (YYYY-MM-DD).
        due_to (datetime.date | None | Unset): Only those due on or before this day (YYYY-MM-DD).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCollaborationRead | Problem
    """

    return sync_detailed(
        client=client,
        partner_id=partner_id,
        campaign_id=campaign_id,
        status=status,
        publication_id=publication_id,
        due_from=due_from,
        due_to=due_to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    partner_id: None | Unset | UUID = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    status: CollaborationStatus | None | Unset = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    due_from: datetime.date | None | Unset = UNSET,
    due_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCollaborationRead | Problem]:
    """List Collaborations

     List collaborations, oldest first, by partner, campaign, status, publication and a
    window of due dates.

    Args:
        partner_id (None | Unset | UUID): Only this partner's.
        campaign_id (None | Unset | UUID): Only this campaign's.
        status (CollaborationStatus | None | Unset): Only those in this status.
        publication_id (None | Unset | UUID): Only the one this publication carries.
        due_from (datetime.date | None | Unset): Only those due on or after this day (YYYY-MM-DD).
        due_to (datetime.date | None | Unset): Only those due on or before this day (YYYY-MM-DD).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCollaborationRead | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        campaign_id=campaign_id,
        status=status,
        publication_id=publication_id,
        due_from=due_from,
        due_to=due_to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    partner_id: None | Unset | UUID = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    status: CollaborationStatus | None | Unset = UNSET,
    publication_id: None | Unset | UUID = UNSET,
    due_from: datetime.date | None | Unset = UNSET,
    due_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCollaborationRead | Problem | None:
    """List Collaborations

     List collaborations, oldest first, by partner, campaign, status, publication and a
    window of due dates.

    Args:
        partner_id (None | Unset | UUID): Only this partner's.
        campaign_id (None | Unset | UUID): Only this campaign's.
        status (CollaborationStatus | None | Unset): Only those in this status.
        publication_id (None | Unset | UUID): Only the one this publication carries.
        due_from (datetime.date | None | Unset): Only those due on or after this day (YYYY-MM-DD).
        due_to (datetime.date | None | Unset): Only those due on or before this day (YYYY-MM-DD).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCollaborationRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            partner_id=partner_id,
            campaign_id=campaign_id,
            status=status,
            publication_id=publication_id,
            due_from=due_from,
            due_to=due_to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
