from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.redeem_create import RedeemCreate
from ...models.redemption_read import RedemptionRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    code: str,
    *,
    body: RedeemCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/coupons/{code}/redeem".format(
            code=quote(str(code), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RedemptionRead | None:
    if response.status_code == 201:
        response_201 = RedemptionRead.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
) -> Response[Problem | RedemptionRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    code: str,
    *,
    client: AuthenticatedClient,
    body: RedeemCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | RedemptionRead]:
    """Redeem Coupon

     Apply the coupon to an order: ``discount_amount`` and ``final_amount`` in minor units.
    A code is never redeemed twice, whatever the concurrency. Only the customer who claimed it
    redeems it, within its validity, on an order of at least the batch's ``min_spend``. Without
    a ``source`` the purchase is attributed to where the coupon was claimed. Send
    ``Idempotency-Key`` (the order id is a good one) to make retries safe.

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (RedeemCreate): The order a claimed coupon is applied to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RedemptionRead]
    """

    kwargs = _get_kwargs(
        code=code,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    code: str,
    *,
    client: AuthenticatedClient,
    body: RedeemCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | RedemptionRead | None:
    """Redeem Coupon

     Apply the coupon to an order: ``discount_amount`` and ``final_amount`` in minor units.
    A code is never redeemed twice, whatever the concurrency. Only the customer who claimed it
    redeems it, within its validity, on an order of at least the batch's ``min_spend``. Without
    a ``source`` the purchase is attributed to where the coupon was claimed. Send
    ``Idempotency-Key`` (the order id is a good one) to make retries safe.

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (RedeemCreate): The order a claimed coupon is applied to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RedemptionRead
    """

    return sync_detailed(
        code=code,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    code: str,
    *,
    client: AuthenticatedClient,
    body: RedeemCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | RedemptionRead]:
    """Redeem Coupon

     Apply the coupon to an order: ``discount_amount`` and ``final_amount`` in minor units.
    A code is never redeemed twice, whatever the concurrency. Only the customer who claimed it
    redeems it, within its validity, on an order of at least the batch's ``min_spend``. Without
    a ``source`` the purchase is attributed to where the coupon was claimed. Send
    ``Idempotency-Key`` (the order id is a good one) to make retries safe.

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (RedeemCreate): The order a claimed coupon is applied to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RedemptionRead]
    """

    kwargs = _get_kwargs(
        code=code,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    code: str,
    *,
    client: AuthenticatedClient,
    body: RedeemCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | RedemptionRead | None:
    """Redeem Coupon

     Apply the coupon to an order: ``discount_amount`` and ``final_amount`` in minor units.
    A code is never redeemed twice, whatever the concurrency. Only the customer who claimed it
    redeems it, within its validity, on an order of at least the batch's ``min_spend``. Without
    a ``source`` the purchase is attributed to where the coupon was claimed. Send
    ``Idempotency-Key`` (the order id is a good one) to make retries safe.

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (RedeemCreate): The order a claimed coupon is applied to.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RedemptionRead
    """

    return (
        await asyncio_detailed(
            code=code,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
