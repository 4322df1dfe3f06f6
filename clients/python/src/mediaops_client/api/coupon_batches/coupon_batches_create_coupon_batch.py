from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.coupon_batch_create import CouponBatchCreate
from ...models.coupon_batch_read import CouponBatchRead
from ...models.job_read import JobRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CouponBatchCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/coupon-batches",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CouponBatchRead | JobRead | Problem | None:
    if response.status_code == 201:
        response_201 = CouponBatchRead.from_dict(response.json())

        return response_201

    if response.status_code == 202:
        response_202 = JobRead.from_dict(response.json())

        return response_202

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
) -> Response[CouponBatchRead | JobRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CouponBatchCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[CouponBatchRead | JobRead | Problem]:
    """Create Coupon Batch

     Create a batch and its ``total_quantity`` codes. Up to 100,000 codes are made in the
    request (about a second), answered ``201`` with the batch and ``Location``. A bigger batch
    (up to 10,000,000) is answered ``202`` with a job (``Location: /v1/jobs/campaign-…``) that
    makes the codes 20,000 at a time; the batch's ``generated_count`` and the job's ``done``
    show how far it is, and a claim may take any code already made. Amounts are integer minor
    units (fen: ``amount_off: 3000`` is ¥30 off); validity is a fixed window or ``valid_days``
    from each claim. Send ``Idempotency-Key``: a retry gets the same batch, or the same job.

    Args:
        idempotency_key (str | Unset):
        body (CouponBatchCreate): A coupon batch: its discount, stock, validity and code format.
            Validity is either a
            fixed window (`valid_from` and `valid_until`) or `valid_days` after each claim.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CouponBatchRead | JobRead | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CouponBatchCreate,
    idempotency_key: str | Unset = UNSET,
) -> CouponBatchRead | JobRead | Problem | None:
    """Create Coupon Batch

     Create a batch and its ``total_quantity`` codes. Up to 100,000 codes are made in the
    request (about a second), answered ``201`` with the batch and ``Location``. A bigger batch
    (up to 10,000,000) is answered ``202`` with a job (``Location: /v1/jobs/campaign-…``) that
    makes the codes 20,000 at a time; the batch's ``generated_count`` and the job's ``done``
    show how far it is, and a claim may take any code already made. Amounts are integer minor
    units (fen: ``amount_off: 3000`` is ¥30 off); validity is a fixed window or ``valid_days``
    from each claim. Send ``Idempotency-Key``: a retry gets the same batch, or the same job.

    Args:
        idempotency_key (str | Unset):
        body (CouponBatchCreate): A coupon batch: its discount, stock, validity and code format.
            Validity is either a
            fixed window (`valid_from` and `valid_until`) or `valid_days` after each claim.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CouponBatchRead | JobRead | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CouponBatchCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[CouponBatchRead | JobRead | Problem]:
    """Create Coupon Batch

     Create a batch and its ``total_quantity`` codes. Up to 100,000 codes are made in the
    request (about a second), answered ``201`` with the batch and ``Location``. A bigger batch
    (up to 10,000,000) is answered ``202`` with a job (``Location: /v1/jobs/campaign-…``) that
    makes the codes 20,000 at a time; the batch's ``generated_count`` and the job's ``done``
    show how far it is, and a claim may take any code already made. Amounts are integer minor
    units (fen: ``amount_off: 3000`` is ¥30 off); validity is a fixed window or ``valid_days``
    from each claim. Send ``Idempotency-Key``: a retry gets the same batch, or the same job.

    Args:
        idempotency_key (str | Unset):
        body (CouponBatchCreate): A coupon batch: its discount, stock, validity and code format.
            Validity is either a
            fixed window (`valid_from` and `valid_until`) or `valid_days` after each claim.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CouponBatchRead | JobRead | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CouponBatchCreate,
    idempotency_key: str | Unset = UNSET,
) -> CouponBatchRead | JobRead | Problem | None:
    """Create Coupon Batch

     Create a batch and its ``total_quantity`` codes. Up to 100,000 codes are made in the
    request (about a second), answered ``201`` with the batch and ``Location``. A bigger batch
    (up to 10,000,000) is answered ``202`` with a job (``Location: /v1/jobs/campaign-…``) that
    makes the codes 20,000 at a time; the batch's ``generated_count`` and the job's ``done``
    show how far it is, and a claim may take any code already made. Amounts are integer minor
    units (fen: ``amount_off: 3000`` is ¥30 off); validity is a fixed window or ``valid_days``
    from each claim. Send ``Idempotency-Key``: a retry gets the same batch, or the same job.

    Args:
        idempotency_key (str | Unset):
        body (CouponBatchCreate): A coupon batch: its discount, stock, validity and code format.
            Validity is either a
            fixed window (`valid_from` and `valid_until`) or `valid_days` after each claim.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CouponBatchRead | JobRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
