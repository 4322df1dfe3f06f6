from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.job_read import JobRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    batch_id: UUID,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/coupon-batches/{batch_id}/exports".format(
            batch_id=quote(str(batch_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> JobRead | Problem | None:
    if response.status_code == 202:
        response_202 = JobRead.from_dict(response.json())

        return response_202

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
) -> Response[JobRead | Problem]:
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
    idempotency_key: str | Unset = UNSET,
) -> Response[JobRead | Problem]:
    """Export a batch's codes (job)

     Write every code of the batch as CSV in a job (20,000 rows a chunk, surviving a
    restart of the service), then download the file as often as needed from the job's
    `result_url` within 7 days. Answered ``202`` with the job and
    ``Location: /v1/jobs/campaign-…``. A batch whose codes are still being made is a 409. With
    the same ``Idempotency-Key``, a retry gets the same job.

    Args:
        batch_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobRead | Problem]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    batch_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> JobRead | Problem | None:
    """Export a batch's codes (job)

     Write every code of the batch as CSV in a job (20,000 rows a chunk, surviving a
    restart of the service), then download the file as often as needed from the job's
    `result_url` within 7 days. Answered ``202`` with the job and
    ``Location: /v1/jobs/campaign-…``. A batch whose codes are still being made is a 409. With
    the same ``Idempotency-Key``, a retry gets the same job.

    Args:
        batch_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobRead | Problem
    """

    return sync_detailed(
        batch_id=batch_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    batch_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[JobRead | Problem]:
    """Export a batch's codes (job)

     Write every code of the batch as CSV in a job (20,000 rows a chunk, surviving a
    restart of the service), then download the file as often as needed from the job's
    `result_url` within 7 days. Answered ``202`` with the job and
    ``Location: /v1/jobs/campaign-…``. A batch whose codes are still being made is a 409. With
    the same ``Idempotency-Key``, a retry gets the same job.

    Args:
        batch_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobRead | Problem]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    batch_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> JobRead | Problem | None:
    """Export a batch's codes (job)

     Write every code of the batch as CSV in a job (20,000 rows a chunk, surviving a
    restart of the service), then download the file as often as needed from the job's
    `result_url` within 7 days. Answered ``202`` with the job and
    ``Location: /v1/jobs/campaign-…``. A batch whose codes are still being made is a 409. With
    the same ``Idempotency-Key``, a retry gets the same job.

    Args:
        batch_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobRead | Problem
    """

    return (
        await asyncio_detailed(
            batch_id=batch_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
