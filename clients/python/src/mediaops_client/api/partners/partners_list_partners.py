from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_partner_read import PagePartnerRead
from ...models.partner_platform import PartnerPlatform
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    platform: None | PartnerPlatform | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    min_followers: int | None | Unset = UNSET,
    max_price: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_platform: None | str | Unset
    if isinstance(platform, Unset):
        json_platform = UNSET
    elif isinstance(platform, PartnerPlatform):
        json_platform = platform.value
    else:
        json_platform = platform
    params["platform"] = json_platform

    json_tag: None | str | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    else:
        json_tag = tag
    params["tag"] = json_tag

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_min_followers: int | None | Unset
    if isinstance(min_followers, Unset):
        json_min_followers = UNSET
    else:
        json_min_followers = min_followers
    params["min_followers"] = json_min_followers

    json_max_price: int | None | Unset
    if isinstance(max_price, Unset):
        json_max_price = UNSET
    else:
        json_max_price = max_price
    params["max_price"] = json_max_price

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
        "url": "/v1/partners",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PagePartnerRead | Problem | None:
    if response.status_code == 200:
        response_200 = PagePartnerRead.from_dict(response.json())

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
) -> Response[PagePartnerRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    platform: None | PartnerPlatform | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    min_followers: int | None | Unset = UNSET,
    max_price: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePartnerRead | Problem]:
    """List Partners

     List partner accounts, oldest first, by platform, tone tag, text in the handle or name,
    reach and price; contacts are masked unless the caller holds ``leads:pii``.

    Args:
        platform (None | PartnerPlatform | Unset): Only accounts on this platform.
        tag (None | str | Unset): Only partners with this tone tag.
        q (None | str | Unset): Only partners whose handle or display name contains this text (any
            case).
        min_followers (int | None | Unset): Only accounts with at least this many followers.
        max_price (int | None | Unset): Only accounts whose price per post is at most this (minor
            units).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePartnerRead | Problem]
    """

    kwargs = _get_kwargs(
        platform=platform,
        tag=tag,
        q=q,
        min_followers=min_followers,
        max_price=max_price,
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
    platform: None | PartnerPlatform | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    min_followers: int | None | Unset = UNSET,
    max_price: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePartnerRead | Problem | None:
    """List Partners

     List partner accounts, oldest first, by platform, tone tag, text in the handle or name,
    reach and price; contacts are masked unless the caller holds ``leads:pii``.

    Args:
        platform (None | PartnerPlatform | Unset): Only accounts on this platform.
        tag (None | str | Unset): Only partners with this tone tag.
        q (None | str | Unset): Only partners whose handle or display name contains this text (any
            case).
        min_followers (int | None | Unset): Only accounts with at least this many followers.
        max_price (int | None | Unset): Only accounts whose price per post is at most this (minor
            units).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePartnerRead | Problem
    """

    return sync_detailed(
        client=client,
        platform=platform,
        tag=tag,
        q=q,
        min_followers=min_followers,
        max_price=max_price,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    platform: None | PartnerPlatform | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    min_followers: int | None | Unset = UNSET,
    max_price: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePartnerRead | Problem]:
    """List Partners

     List partner accounts, oldest first, by platform, tone tag, text in the handle or name,
    reach and price; contacts are masked unless the caller holds ``leads:pii``.

    Args:
        platform (None | PartnerPlatform | Unset): Only accounts on this platform.
        tag (None | str | Unset): Only partners with this tone tag.
        q (None | str | Unset): Only partners whose handle or display name contains this text (any
            case).
        min_followers (int | None | Unset): Only accounts with at least this many followers.
        max_price (int | None | Unset): Only accounts whose price per post is at most this (minor
            units).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePartnerRead | Problem]
    """

    kwargs = _get_kwargs(
        platform=platform,
        tag=tag,
        q=q,
        min_followers=min_followers,
        max_price=max_price,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    platform: None | PartnerPlatform | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    min_followers: int | None | Unset = UNSET,
    max_price: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePartnerRead | Problem | None:
    """List Partners

     List partner accounts, oldest first, by platform, tone tag, text in the handle or name,
    reach and price; contacts are masked unless the caller holds ``leads:pii``.

    Args:
        platform (None | PartnerPlatform | Unset): Only accounts on this platform.
        tag (None | str | Unset): Only partners with this tone tag.
        q (None | str | Unset): Only partners whose handle or display name contains this text (any
            case).
        min_followers (int | None | Unset): Only accounts with at least this many followers.
        max_price (int | None | Unset): Only accounts whose price per post is at most this (minor
            units).
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePartnerRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            platform=platform,
            tag=tag,
            q=q,
            min_followers=min_followers,
            max_price=max_price,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
