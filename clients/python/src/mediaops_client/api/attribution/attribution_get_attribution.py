from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attribution_model import AttributionModel
from ...models.attribution_report import AttributionReport
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
    publication_id: list[str] | None | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    tz: str | Unset = "UTC",
    model: AttributionModel | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_campaign_id: None | str | Unset
    if isinstance(campaign_id, Unset):
        json_campaign_id = UNSET
    else:
        json_campaign_id = campaign_id
    params["campaign_id"] = json_campaign_id

    json_group_id: None | str | Unset
    if isinstance(group_id, Unset):
        json_group_id = UNSET
    else:
        json_group_id = group_id
    params["group_id"] = json_group_id

    json_publication_id: list[str] | None | Unset
    if isinstance(publication_id, Unset):
        json_publication_id = UNSET
    elif isinstance(publication_id, list):
        json_publication_id = publication_id

    else:
        json_publication_id = publication_id
    params["publication_id"] = json_publication_id

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

    params["tz"] = tz

    json_model: str | Unset = UNSET
    if not isinstance(model, Unset):
        json_model = model.value

    params["model"] = json_model

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/attribution",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AttributionReport | Problem | None:
    if response.status_code == 200:
        response_200 = AttributionReport.from_dict(response.json())

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
) -> Response[AttributionReport | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
    publication_id: list[str] | None | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    tz: str | Unset = "UTC",
    model: AttributionModel | Unset = UNSET,
) -> Response[AttributionReport | Problem]:
    """Get Attribution

     Which publications brought a campaign's (or a group's) results: per publication and
    per channel, impressions, clicks, leads, joins, coupon claims, redemptions, GMV and the
    conversion between them.

    A conversion carrying a `publication_id` (a tracking code) is credited to it; one without
    is credited to its actor's first or last touch (an event carrying a publication) at or
    before it, per `model`; with neither it is unattributed. The window is whole UTC hours, at
    most 366 days.

    With `publication_id` (repeated) instead of a campaign or group, the report is of those
    publications: the conversions carrying one of them, in any campaign or group, and their
    impressions and clicks (what campaign-svc measures a partner's collaboration by).

    Args:
        campaign_id (None | str | Unset): The campaign (or give group_id).
        group_id (None | str | Unset): The group (or campaign_id).
        publication_id (list[str] | None | Unset): Instead of a campaign or a group: publications
            (repeat the parameter, up to 100); each is credited with the conversions made with its own
            tracking code, whatever their campaign or group.
        from_ (None | str | Unset): Date (local midnight in tz) or RFC 3339 time; default 30 days
            before `to`.
        to (None | str | Unset): Exclusive end; default now.
        tz (str | Unset): The IANA time zone dates in `from`/`to` are read in. Default: 'UTC'.
        model (AttributionModel | Unset): Which of an actor's touches a conversion without its own
            publication is credited to:
            the earliest in the window before it, or the latest.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttributionReport | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        group_id=group_id,
        publication_id=publication_id,
        from_=from_,
        to=to,
        tz=tz,
        model=model,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
    publication_id: list[str] | None | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    tz: str | Unset = "UTC",
    model: AttributionModel | Unset = UNSET,
) -> AttributionReport | Problem | None:
    """Get Attribution

     Which publications brought a campaign's (or a group's) results: per publication and
    per channel, impressions, clicks, leads, joins, coupon claims, redemptions, GMV and the
    conversion between them.

    A conversion carrying a `publication_id` (a tracking code) is credited to it; one without
    is credited to its actor's first or last touch (an event carrying a publication) at or
    before it, per `model`; with neither it is unattributed. The window is whole UTC hours, at
    most 366 days.

    With `publication_id` (repeated) instead of a campaign or group, the report is of those
    publications: the conversions carrying one of them, in any campaign or group, and their
    impressions and clicks (what campaign-svc measures a partner's collaboration by).

    Args:
        campaign_id (None | str | Unset): The campaign (or give group_id).
        group_id (None | str | Unset): The group (or campaign_id).
        publication_id (list[str] | None | Unset): Instead of a campaign or a group: publications
            (repeat the parameter, up to 100); each is credited with the conversions made with its own
            tracking code, whatever their campaign or group.
        from_ (None | str | Unset): Date (local midnight in tz) or RFC 3339 time; default 30 days
            before `to`.
        to (None | str | Unset): Exclusive end; default now.
        tz (str | Unset): The IANA time zone dates in `from`/`to` are read in. Default: 'UTC'.
        model (AttributionModel | Unset): Which of an actor's touches a conversion without its own
            publication is credited to:
            the earliest in the window before it, or the latest.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttributionReport | Problem
    """

    return sync_detailed(
        client=client,
        campaign_id=campaign_id,
        group_id=group_id,
        publication_id=publication_id,
        from_=from_,
        to=to,
        tz=tz,
        model=model,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
    publication_id: list[str] | None | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    tz: str | Unset = "UTC",
    model: AttributionModel | Unset = UNSET,
) -> Response[AttributionReport | Problem]:
    """Get Attribution

     Which publications brought a campaign's (or a group's) results: per publication and
    per channel, impressions, clicks, leads, joins, coupon claims, redemptions, GMV and the
    conversion between them.

    A conversion carrying a `publication_id` (a tracking code) is credited to it; one without
    is credited to its actor's first or last touch (an event carrying a publication) at or
    before it, per `model`; with neither it is unattributed. The window is whole UTC hours, at
    most 366 days.

    With `publication_id` (repeated) instead of a campaign or group, the report is of those
    publications: the conversions carrying one of them, in any campaign or group, and their
    impressions and clicks (what campaign-svc measures a partner's collaboration by).

    Args:
        campaign_id (None | str | Unset): The campaign (or give group_id).
        group_id (None | str | Unset): The group (or campaign_id).
        publication_id (list[str] | None | Unset): Instead of a campaign or a group: publications
            (repeat the parameter, up to 100); each is credited with the conversions made with its own
            tracking code, whatever their campaign or group.
        from_ (None | str | Unset): Date (local midnight in tz) or RFC 3339 time; default 30 days
            before `to`.
        to (None | str | Unset): Exclusive end; default now.
        tz (str | Unset): The IANA time zone dates in `from`/`to` are read in. Default: 'UTC'.
        model (AttributionModel | Unset): Which of an actor's touches a conversion without its own
            publication is credited to:
            the earliest in the window before it, or the latest.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttributionReport | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        group_id=group_id,
        publication_id=publication_id,
        from_=from_,
        to=to,
        tz=tz,
        model=model,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
    publication_id: list[str] | None | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    tz: str | Unset = "UTC",
    model: AttributionModel | Unset = UNSET,
) -> AttributionReport | Problem | None:
    """Get Attribution

     Which publications brought a campaign's (or a group's) results: per publication and
    per channel, impressions, clicks, leads, joins, coupon claims, redemptions, GMV and the
    conversion between them.

    A conversion carrying a `publication_id` (a tracking code) is credited to it; one without
    is credited to its actor's first or last touch (an event carrying a publication) at or
    before it, per `model`; with neither it is unattributed. The window is whole UTC hours, at
    most 366 days.

    With `publication_id` (repeated) instead of a campaign or group, the report is of those
    publications: the conversions carrying one of them, in any campaign or group, and their
    impressions and clicks (what campaign-svc measures a partner's collaboration by).

    Args:
        campaign_id (None | str | Unset): The campaign (or give group_id).
        group_id (None | str | Unset): The group (or campaign_id).
        publication_id (list[str] | None | Unset): Instead of a campaign or a group: publications
            (repeat the parameter, up to 100); each is credited with the conversions made with its own
            tracking code, whatever their campaign or group.
        from_ (None | str | Unset): Date (local midnight in tz) or RFC 3339 time; default 30 days
            before `to`.
        to (None | str | Unset): Exclusive end; default now.
        tz (str | Unset): The IANA time zone dates in `from`/`to` are read in. Default: 'UTC'.
        model (AttributionModel | Unset): Which of an actor's touches a conversion without its own
            publication is credited to:
            the earliest in the window before it, or the latest.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttributionReport | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            campaign_id=campaign_id,
            group_id=group_id,
            publication_id=publication_id,
            from_=from_,
            to=to,
            tz=tz,
            model=model,
        )
    ).parsed
