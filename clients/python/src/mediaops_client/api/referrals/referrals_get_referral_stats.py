from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.referral_stats import ReferralStats
from ...types import UNSET, Response


def _get_kwargs(
    *,
    campaign_id: UUID,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_campaign_id = str(campaign_id)
    params["campaign_id"] = json_campaign_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/referrals/stats",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReferralStats | None:
    if response.status_code == 200:
        response_200 = ReferralStats.from_dict(response.json())

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
) -> Response[Problem | ReferralStats]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    campaign_id: UUID,
) -> Response[Problem | ReferralStats]:
    """Get Referral Stats

     Count a campaign's fission: seeds, invitees, multiplication rate (invitees per seed),
    rewards issued and per-generation counts.

    Args:
        campaign_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReferralStats]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    campaign_id: UUID,
) -> Problem | ReferralStats | None:
    """Get Referral Stats

     Count a campaign's fission: seeds, invitees, multiplication rate (invitees per seed),
    rewards issued and per-generation counts.

    Args:
        campaign_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReferralStats
    """

    return sync_detailed(
        client=client,
        campaign_id=campaign_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    campaign_id: UUID,
) -> Response[Problem | ReferralStats]:
    """Get Referral Stats

     Count a campaign's fission: seeds, invitees, multiplication rate (invitees per seed),
    rewards issued and per-generation counts.

    Args:
        campaign_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReferralStats]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    campaign_id: UUID,
) -> Problem | ReferralStats | None:
    """Get Referral Stats

     Count a campaign's fission: seeds, invitees, multiplication rate (invitees per seed),
    rewards issued and per-generation counts.

    Args:
        campaign_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReferralStats
    """

    return (
        await asyncio_detailed(
            client=client,
            campaign_id=campaign_id,
        )
    ).parsed
