from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.coupon_status import CouponStatus
from ...models.page_coupon_read import PageCouponRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    batch_id: UUID,
    *,
    status: CouponStatus | None | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, CouponStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_customer_id: None | str | Unset
    if isinstance(customer_id, Unset):
        json_customer_id = UNSET
    else:
        json_customer_id = customer_id
    params["customer_id"] = json_customer_id

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
        "url": "/v1/coupon-batches/{batch_id}/codes".format(
            batch_id=quote(str(batch_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageCouponRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageCouponRead.from_dict(response.json())

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
) -> Response[PageCouponRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    batch_id: UUID,
    *,
    client: AuthenticatedClient,
    status: CouponStatus | None | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCouponRead | Problem]:
    """List Coupon Batch Codes

     List a batch's codes, oldest first, optionally by ``status`` or ``customer_id``.

    Args:
        batch_id (UUID):
        status (CouponStatus | None | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCouponRead | Problem]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        status=status,
        customer_id=customer_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    batch_id: UUID,
    *,
    client: AuthenticatedClient,
    status: CouponStatus | None | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCouponRead | Problem | None:
    """List Coupon Batch Codes

     List a batch's codes, oldest first, optionally by ``status`` or ``customer_id``.

    Args:
        batch_id (UUID):
        status (CouponStatus | None | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCouponRead | Problem
    """

    return sync_detailed(
        batch_id=batch_id,
        client=client,
        status=status,
        customer_id=customer_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    batch_id: UUID,
    *,
    client: AuthenticatedClient,
    status: CouponStatus | None | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCouponRead | Problem]:
    """List Coupon Batch Codes

     List a batch's codes, oldest first, optionally by ``status`` or ``customer_id``.

    Args:
        batch_id (UUID):
        status (CouponStatus | None | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCouponRead | Problem]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        status=status,
        customer_id=customer_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    batch_id: UUID,
    *,
    client: AuthenticatedClient,
    status: CouponStatus | None | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCouponRead | Problem | None:
    """List Coupon Batch Codes

     List a batch's codes, oldest first, optionally by ``status`` or ``customer_id``.

    Args:
        batch_id (UUID):
        status (CouponStatus | None | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCouponRead | Problem
    """

    return (
        await asyncio_detailed(
            batch_id=batch_id,
            client=client,
            status=status,
            customer_id=customer_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
