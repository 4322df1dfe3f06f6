import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.member_role import MemberRole
from ...models.membership_status import MembershipStatus
from ...models.page_member_read import PageMemberRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    group_id: UUID,
    *,
    status: MembershipStatus | Unset = UNSET,
    role: MemberRole | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    tier: None | str | Unset = UNSET,
    source_channel: None | str | Unset = UNSET,
    source_campaign_id: None | str | Unset = UNSET,
    source_referral_code: None | str | Unset = UNSET,
    source_publication_id: None | Unset | UUID = UNSET,
    source_tracking_code: None | str | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    joined_from: datetime.datetime | None | Unset = UNSET,
    joined_to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_role: None | str | Unset
    if isinstance(role, Unset):
        json_role = UNSET
    elif isinstance(role, MemberRole):
        json_role = role.value
    else:
        json_role = role
    params["role"] = json_role

    json_tag: None | str | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    else:
        json_tag = tag
    params["tag"] = json_tag

    json_tier: None | str | Unset
    if isinstance(tier, Unset):
        json_tier = UNSET
    else:
        json_tier = tier
    params["tier"] = json_tier

    json_source_channel: None | str | Unset
    if isinstance(source_channel, Unset):
        json_source_channel = UNSET
    else:
        json_source_channel = source_channel
    params["source_channel"] = json_source_channel

    json_source_campaign_id: None | str | Unset
    if isinstance(source_campaign_id, Unset):
        json_source_campaign_id = UNSET
    else:
        json_source_campaign_id = source_campaign_id
    params["source_campaign_id"] = json_source_campaign_id

    json_source_referral_code: None | str | Unset
    if isinstance(source_referral_code, Unset):
        json_source_referral_code = UNSET
    else:
        json_source_referral_code = source_referral_code
    params["source_referral_code"] = json_source_referral_code

    json_source_publication_id: None | str | Unset
    if isinstance(source_publication_id, Unset):
        json_source_publication_id = UNSET
    elif isinstance(source_publication_id, UUID):
        json_source_publication_id = str(source_publication_id)
    else:
        json_source_publication_id = source_publication_id
    params["source_publication_id"] = json_source_publication_id

    json_source_tracking_code: None | str | Unset
    if isinstance(source_tracking_code, Unset):
        json_source_tracking_code = UNSET
    else:
        json_source_tracking_code = source_tracking_code
    params["source_tracking_code"] = json_source_tracking_code

    json_external_id: None | str | Unset
    if isinstance(external_id, Unset):
        json_external_id = UNSET
    else:
        json_external_id = external_id
    params["external_id"] = json_external_id

    json_joined_from: None | str | Unset
    if isinstance(joined_from, Unset):
        json_joined_from = UNSET
    elif isinstance(joined_from, datetime.datetime):
        json_joined_from = joined_from.isoformat()
    else:
        json_joined_from = joined_from
    params["joined_from"] = json_joined_from

    json_joined_to: None | str | Unset
    if isinstance(joined_to, Unset):
        json_joined_to = UNSET
    elif isinstance(joined_to, datetime.datetime):
        json_joined_to = joined_to.isoformat()
    else:
        json_joined_to = joined_to
    params["joined_to"] = json_joined_to

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
        "url": "/v1/groups/{group_id}/members".format(
            group_id=quote(str(group_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageMemberRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageMemberRead.from_dict(response.json())

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
) -> Response[PageMemberRead | Problem]:
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
    status: MembershipStatus | Unset = UNSET,
    role: MemberRole | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    tier: None | str | Unset = UNSET,
    source_channel: None | str | Unset = UNSET,
    source_campaign_id: None | str | Unset = UNSET,
    source_referral_code: None | str | Unset = UNSET,
    source_publication_id: None | Unset | UUID = UNSET,
    source_tracking_code: None | str | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    joined_from: datetime.datetime | None | Unset = UNSET,
    joined_to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageMemberRead | Problem]:
    """List Members

     Members in joining order; `status=all` includes past memberships (re-joins included).

    Args:
        group_id (UUID):
        status (MembershipStatus | Unset): Which memberships a list shows: current ones, past ones
            (left), or every stay.
        role (MemberRole | None | Unset): Only members with this role.
        tag (None | str | Unset): Only members carrying this tag.
        tier (None | str | Unset): Only this tier.
        source_channel (None | str | Unset): Only members from this source channel.
        source_campaign_id (None | str | Unset): Only members brought by this campaign.
        source_referral_code (None | str | Unset): Only members with this referral code.
        source_publication_id (None | Unset | UUID): Only members brought by this publication.
        source_tracking_code (None | str | Unset): Only members who joined with this tracking
            code.
        external_id (None | str | Unset): Only this person's memberships.
        joined_from (datetime.datetime | None | Unset): Only members who joined at or after this
            time (RFC 3339).
        joined_to (datetime.datetime | None | Unset): Only members who joined before this time
            (RFC 3339).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageMemberRead | Problem]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        status=status,
        role=role,
        tag=tag,
        tier=tier,
        source_channel=source_channel,
        source_campaign_id=source_campaign_id,
        source_referral_code=source_referral_code,
        source_publication_id=source_publication_id,
        source_tracking_code=source_tracking_code,
        external_id=external_id,
        joined_from=joined_from,
        joined_to=joined_to,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    group_id: UUID,
    *,
    client: AuthenticatedClient,
    status: MembershipStatus | Unset = UNSET,
    role: MemberRole | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    tier: None | str | Unset = UNSET,
    source_channel: None | str | Unset = UNSET,
    source_campaign_id: None | str | Unset = UNSET,
    source_referral_code: None | str | Unset = UNSET,
    source_publication_id: None | Unset | UUID = UNSET,
    source_tracking_code: None | str | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    joined_from: datetime.datetime | None | Unset = UNSET,
    joined_to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageMemberRead | Problem | None:
    """List Members

     Members in joining order; `status=all` includes past memberships (re-joins included).

    Args:
        group_id (UUID):
        status (MembershipStatus | Unset): Which memberships a list shows: current ones, past ones
            (left), or every stay.
        role (MemberRole | None | Unset): Only members with this role.
        tag (None | str | Unset): Only members carrying this tag.
        tier (None | str | Unset): Only this tier.
        source_channel (None | str | Unset): Only members from this source channel.
        source_campaign_id (None | str | Unset): Only members brought by this campaign.
        source_referral_code (None | str | Unset): Only members with this referral code.
        source_publication_id (None | Unset | UUID): Only members brought by this publication.
        source_tracking_code (None | str | Unset): Only members who joined with this tracking
            code.
        external_id (None | str | Unset): Only this person's memberships.
        joined_from (datetime.datetime | None | Unset): Only members who joined at or after this
            time (RFC 3339).
        joined_to (datetime.datetime | None | Unset): Only members who joined before this time
            (RFC 3339).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageMemberRead | Problem
    """

    return sync_detailed(
        group_id=group_id,
        client=client,
        status=status,
        role=role,
        tag=tag,
        tier=tier,
        source_channel=source_channel,
        source_campaign_id=source_campaign_id,
        source_referral_code=source_referral_code,
        source_publication_id=source_publication_id,
        source_tracking_code=source_tracking_code,
        external_id=external_id,
        joined_from=joined_from,
        joined_to=joined_to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    group_id: UUID,
    *,
    client: AuthenticatedClient,
    status: MembershipStatus | Unset = UNSET,
    role: MemberRole | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    tier: None | str | Unset = UNSET,
    source_channel: None | str | Unset = UNSET,
    source_campaign_id: None | str | Unset = UNSET,
    source_referral_code: None | str | Unset = UNSET,
    source_publication_id: None | Unset | UUID = UNSET,
    source_tracking_code: None | str | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    joined_from: datetime.datetime | None | Unset = UNSET,
    joined_to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageMemberRead | Problem]:
    """List Members

     Members in joining order; `status=all` includes past memberships (re-joins included).

    Args:
        group_id (UUID):
        status (MembershipStatus | Unset): Which memberships a list shows: current ones, past ones
            (left), or every stay.
        role (MemberRole | None | Unset): Only members with this role.
        tag (None | str | Unset): Only members carrying this tag.
        tier (None | str | Unset): Only this tier.
        source_channel (None | str | Unset): Only members from this source channel.
        source_campaign_id (None | str | Unset): Only members brought by this campaign.
        source_referral_code (None | str | Unset): Only members with this referral code.
        source_publication_id (None | Unset | UUID): Only members brought by this publication.
        source_tracking_code (None | str | Unset): Only members who joined with this tracking
            code.
        external_id (None | str | Unset): Only this person's memberships.
        joined_from (datetime.datetime | None | Unset): Only members who joined at or after this
            time (RFC 3339).
        joined_to (datetime.datetime | None | Unset): Only members who joined before this time
            (RFC 3339).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageMemberRead | Problem]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        status=status,
        role=role,
        tag=tag,
        tier=tier,
        source_channel=source_channel,
        source_campaign_id=source_campaign_id,
        source_referral_code=source_referral_code,
        source_publication_id=source_publication_id,
        source_tracking_code=source_tracking_code,
        external_id=external_id,
        joined_from=joined_from,
        joined_to=joined_to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    group_id: UUID,
    *,
    client: AuthenticatedClient,
    status: MembershipStatus | Unset = UNSET,
    role: MemberRole | None | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    tier: None | str | Unset = UNSET,
    source_channel: None | str | Unset = UNSET,
    source_campaign_id: None | str | Unset = UNSET,
    source_referral_code: None | str | Unset = UNSET,
    source_publication_id: None | Unset | UUID = UNSET,
    source_tracking_code: None | str | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    joined_from: datetime.datetime | None | Unset = UNSET,
    joined_to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageMemberRead | Problem | None:
    """List Members

     Members in joining order; `status=all` includes past memberships (re-joins included).

    Args:
        group_id (UUID):
        status (MembershipStatus | Unset): Which memberships a list shows: current ones, past ones
            (left), or every stay.
        role (MemberRole | None | Unset): Only members with this role.
        tag (None | str | Unset): Only members carrying this tag.
        tier (None | str | Unset): Only this tier.
        source_channel (None | str | Unset): Only members from this source channel.
        source_campaign_id (None | str | Unset): Only members brought by this campaign.
        source_referral_code (None | str | Unset): Only members with this referral code.
        source_publication_id (None | Unset | UUID): Only members brought by this publication.
        source_tracking_code (None | str | Unset): Only members who joined with this tracking
            code.
        external_id (None | str | Unset): Only this person's memberships.
        joined_from (datetime.datetime | None | Unset): Only members who joined at or after this
            time (RFC 3339).
        joined_to (datetime.datetime | None | Unset): Only members who joined before this time
            (RFC 3339).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageMemberRead | Problem
    """

    return (
        await asyncio_detailed(
            group_id=group_id,
            client=client,
            status=status,
            role=role,
            tag=tag,
            tier=tier,
            source_channel=source_channel,
            source_campaign_id=source_campaign_id,
            source_referral_code=source_referral_code,
            source_publication_id=source_publication_id,
            source_tracking_code=source_tracking_code,
            external_id=external_id,
            joined_from=joined_from,
            joined_to=joined_to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
