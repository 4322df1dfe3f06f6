import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.partner_platform import PartnerPlatform
from ...models.partner_ranking import PartnerRanking
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
    currency: str | Unset = "CNY",
    platform: None | PartnerPlatform | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    params["tz"] = tz

    params["currency"] = currency

    json_platform: None | str | Unset
    if isinstance(platform, Unset):
        json_platform = UNSET
    elif isinstance(platform, PartnerPlatform):
        json_platform = platform.value
    else:
        json_platform = platform
    params["platform"] = json_platform

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/partners/ranking",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PartnerRanking | Problem | None:
    if response.status_code == 200:
        response_200 = PartnerRanking.from_dict(response.json())

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
) -> Response[PartnerRanking | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
    currency: str | Unset = "CNY",
    platform: None | PartnerPlatform | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[PartnerRanking | Problem]:
    """Rank Partners

     Rank partners by the return of their collaborations due in the window (default: the 90
    days up to today) that went out (published or paid): cost (agreed prices), and what their
    publications brought in the window — leads, joins, coupon claims, redemptions, GMV — from
    metrics-svc's attribution; best ROI first. When metrics-svc cannot answer, the partners
    are listed with their cost, unranked, and ``status`` says ``unavailable``.

    Args:
        from_ (datetime.date | None | Unset): The window's first day (YYYY-MM-DD, read in `tz`).
        to (datetime.date | None | Unset): The window's last day, included (YYYY-MM-DD, read in
            `tz`); at most 366 days after `from`.
        tz (str | Unset): The IANA time zone the window's days are read in. Default: 'UTC'.
        currency (str | Unset): Only collaborations agreed in this currency count. Default: 'CNY'.
        platform (None | PartnerPlatform | Unset): Only partners on this platform.
        limit (int | Unset): How many partners, from the best. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartnerRanking | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        tz=tz,
        currency=currency,
        platform=platform,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
    currency: str | Unset = "CNY",
    platform: None | PartnerPlatform | Unset = UNSET,
    limit: int | Unset = 50,
) -> PartnerRanking | Problem | None:
    """Rank Partners

     Rank partners by the return of their collaborations due in the window (default: the 90
    days up to today) that went out (published or paid): cost (agreed prices), and what their
    publications brought in the window — leads, joins, coupon claims, redemptions, GMV — from
    metrics-svc's attribution; best ROI first. When metrics-svc cannot answer, the partners
    are listed with their cost, unranked, and ``status`` says ``unavailable``.

    Args:
        from_ (datetime.date | None | Unset): The window's first day (YYYY-MM-DD, read in `tz`).
        to (datetime.date | None | Unset): The window's last day, included (YYYY-MM-DD, read in
            `tz`); at most 366 days after `from`.
        tz (str | Unset): The IANA time zone the window's days are read in. Default: 'UTC'.
        currency (str | Unset): Only collaborations agreed in this currency count. Default: 'CNY'.
        platform (None | PartnerPlatform | Unset): Only partners on this platform.
        limit (int | Unset): How many partners, from the best. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartnerRanking | Problem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        tz=tz,
        currency=currency,
        platform=platform,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
    currency: str | Unset = "CNY",
    platform: None | PartnerPlatform | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[PartnerRanking | Problem]:
    """Rank Partners

     Rank partners by the return of their collaborations due in the window (default: the 90
    days up to today) that went out (published or paid): cost (agreed prices), and what their
    publications brought in the window — leads, joins, coupon claims, redemptions, GMV — from
    metrics-svc's attribution; best ROI first. When metrics-svc cannot answer, the partners
    are listed with their cost, unranked, and ``status`` says ``unavailable``.

    Args:
        from_ (datetime.date | None | Unset): The window's first day (YYYY-MM-DD, read in `tz`).
        to (datetime.date | None | Unset): The window's last day, included (YYYY-MM-DD, read in
            `tz`); at most 366 days after `from`.
        tz (str | Unset): The IANA time zone the window's days are read in. Default: 'UTC'.
        currency (str | Unset): Only collaborations agreed in this currency count. Default: 'CNY'.
        platform (None | PartnerPlatform | Unset): Only partners on this platform.
        limit (int | Unset): How many partners, from the best. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartnerRanking | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        tz=tz,
        currency=currency,
        platform=platform,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
    currency: str | Unset = "CNY",
    platform: None | PartnerPlatform | Unset = UNSET,
    limit: int | Unset = 50,
) -> PartnerRanking | Problem | None:
    """Rank Partners

     Rank partners by the return of their collaborations due in the window (default: the 90
    days up to today) that went out (published or paid): cost (agreed prices), and what their
    publications brought in the window — leads, joins, coupon claims, redemptions, GMV — from
    metrics-svc's attribution; best ROI first. When metrics-svc cannot answer, the partners
    are listed with their cost, unranked, and ``status`` says ``unavailable``.

    Args:
        from_ (datetime.date | None | Unset): The window's first day (YYYY-MM-DD, read in `tz`).
        to (datetime.date | None | Unset): The window's last day, included (YYYY-MM-DD, read in
            `tz`); at most 366 days after `from`.
        tz (str | Unset): The IANA time zone the window's days are read in. Default: 'UTC'.
        currency (str | Unset): Only collaborations agreed in this currency count. Default: 'CNY'.
        platform (None | PartnerPlatform | Unset): Only partners on this platform.
        limit (int | Unset): How many partners, from the best. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartnerRanking | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            tz=tz,
            currency=currency,
            platform=platform,
            limit=limit,
        )
    ).parsed
