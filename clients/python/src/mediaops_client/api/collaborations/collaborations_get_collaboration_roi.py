import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collaboration_roi import CollaborationRoi
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    collaboration_id: UUID,
    *,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/collaborations/{collaboration_id}/roi".format(
            collaboration_id=quote(str(collaboration_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CollaborationRoi | Problem | None:
    if response.status_code == 200:
        response_200 = CollaborationRoi.from_dict(response.json())

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
) -> Response[CollaborationRoi | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    collaboration_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> Response[CollaborationRoi | Problem]:
    """Get Collaboration Roi

     What the collaboration's publication brought — leads, group joins, coupon claims,
    redemptions and GMV made with its tracking code, from metrics-svc's attribution — against
    its cost (the agreed price): ROI = (GMV - cost) / cost, net return and cost per lead.

    The window defaults to the days from the earlier of the collaboration's creation and its
    due date up to today (at most 366). When metrics-svc cannot answer, ``numbers.status`` is
    ``unavailable`` with the reason and the rest of the answer stands; without a linked
    publication it is ``no_publication``.

    Args:
        collaboration_id (UUID):
        from_ (datetime.date | None | Unset): The window's first day (YYYY-MM-DD, read in `tz`).
        to (datetime.date | None | Unset): The window's last day, included (YYYY-MM-DD, read in
            `tz`); at most 366 days after `from`.
        tz (str | Unset): The IANA time zone the window's days are read in. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollaborationRoi | Problem]
    """

    kwargs = _get_kwargs(
        collaboration_id=collaboration_id,
        from_=from_,
        to=to,
        tz=tz,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    collaboration_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> CollaborationRoi | Problem | None:
    """Get Collaboration Roi

     What the collaboration's publication brought — leads, group joins, coupon claims,
    redemptions and GMV made with its tracking code, from metrics-svc's attribution — against
    its cost (the agreed price): ROI = (GMV - cost) / cost, net return and cost per lead.

    The window defaults to the days from the earlier of the collaboration's creation and its
    due date up to today (at most 366). When metrics-svc cannot answer, ``numbers.status`` is
    ``unavailable`` with the reason and the rest of the answer stands; without a linked
    publication it is ``no_publication``.

    Args:
        collaboration_id (UUID):
        from_ (datetime.date | None | Unset): The window's first day (YYYY-MM-DD, read in `tz`).
        to (datetime.date | None | Unset): The window's last day, included (YYYY-MM-DD, read in
            `tz`); at most 366 days after `from`.
        tz (str | Unset): The IANA time zone the window's days are read in. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollaborationRoi | Problem
    """

    return sync_detailed(
        collaboration_id=collaboration_id,
        client=client,
        from_=from_,
        to=to,
        tz=tz,
    ).parsed


async def asyncio_detailed(
    collaboration_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> Response[CollaborationRoi | Problem]:
    """Get Collaboration Roi

     What the collaboration's publication brought — leads, group joins, coupon claims,
    redemptions and GMV made with its tracking code, from metrics-svc's attribution — against
    its cost (the agreed price): ROI = (GMV - cost) / cost, net return and cost per lead.

    The window defaults to the days from the earlier of the collaboration's creation and its
    due date up to today (at most 366). When metrics-svc cannot answer, ``numbers.status`` is
    ``unavailable`` with the reason and the rest of the answer stands; without a linked
    publication it is ``no_publication``.

    Args:
        collaboration_id (UUID):
        from_ (datetime.date | None | Unset): The window's first day (YYYY-MM-DD, read in `tz`).
        to (datetime.date | None | Unset): The window's last day, included (YYYY-MM-DD, read in
            `tz`); at most 366 days after `from`.
        tz (str | Unset): The IANA time zone the window's days are read in. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollaborationRoi | Problem]
    """

    kwargs = _get_kwargs(
        collaboration_id=collaboration_id,
        from_=from_,
        to=to,
        tz=tz,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    collaboration_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    tz: str | Unset = "UTC",
) -> CollaborationRoi | Problem | None:
    """Get Collaboration Roi

     What the collaboration's publication brought — leads, group joins, coupon claims,
    redemptions and GMV made with its tracking code, from metrics-svc's attribution — against
    its cost (the agreed price): ROI = (GMV - cost) / cost, net return and cost per lead.

    The window defaults to the days from the earlier of the collaboration's creation and its
    due date up to today (at most 366). When metrics-svc cannot answer, ``numbers.status`` is
    ``unavailable`` with the reason and the rest of the answer stands; without a linked
    publication it is ``no_publication``.

    Args:
        collaboration_id (UUID):
        from_ (datetime.date | None | Unset): The window's first day (YYYY-MM-DD, read in `tz`).
        to (datetime.date | None | Unset): The window's last day, included (YYYY-MM-DD, read in
            `tz`); at most 366 days after `from`.
        tz (str | Unset): The IANA time zone the window's days are read in. Default: 'UTC'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollaborationRoi | Problem
    """

    return (
        await asyncio_detailed(
            collaboration_id=collaboration_id,
            client=client,
            from_=from_,
            to=to,
            tz=tz,
        )
    ).parsed
