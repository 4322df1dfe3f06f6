from http import HTTPStatus
from typing import Any, cast
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    campaign_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_campaign_id: None | str | Unset
    if isinstance(campaign_id, Unset):
        json_campaign_id = UNSET
    elif isinstance(campaign_id, UUID):
        json_campaign_id = str(campaign_id)
    else:
        json_campaign_id = campaign_id
    params["campaign_id"] = json_campaign_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/leads/export.csv",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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
) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    campaign_id: None | Unset | UUID = UNSET,
) -> Response[Any | Problem]:
    """Export Leads

     Download every lead (of a ``campaign_id``) as CSV, masked unless the caller holds
    ``leads:pii``, streamed as it is read (never built whole in memory). A cell that a
    spreadsheet would read as a formula is prefixed with a single quote (an E.164 phone reads
    ``'+8613812345678``).

    Args:
        campaign_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
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
    campaign_id: None | Unset | UUID = UNSET,
) -> Any | Problem | None:
    """Export Leads

     Download every lead (of a ``campaign_id``) as CSV, masked unless the caller holds
    ``leads:pii``, streamed as it is read (never built whole in memory). A cell that a
    spreadsheet would read as a formula is prefixed with a single quote (an E.164 phone reads
    ``'+8613812345678``).

    Args:
        campaign_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        client=client,
        campaign_id=campaign_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    campaign_id: None | Unset | UUID = UNSET,
) -> Response[Any | Problem]:
    """Export Leads

     Download every lead (of a ``campaign_id``) as CSV, masked unless the caller holds
    ``leads:pii``, streamed as it is read (never built whole in memory). A cell that a
    spreadsheet would read as a formula is prefixed with a single quote (an E.164 phone reads
    ``'+8613812345678``).

    Args:
        campaign_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    campaign_id: None | Unset | UUID = UNSET,
) -> Any | Problem | None:
    """Export Leads

     Download every lead (of a ``campaign_id``) as CSV, masked unless the caller holds
    ``leads:pii``, streamed as it is read (never built whole in memory). A cell that a
    spreadsheet would read as a formula is prefixed with a single quote (an E.164 phone reads
    ``'+8613812345678``).

    Args:
        campaign_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            campaign_id=campaign_id,
        )
    ).parsed
