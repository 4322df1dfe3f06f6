from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.job_read import JobRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    job_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/jobs/community-{job_id}".format(
            job_id=quote(str(job_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> JobRead | Problem | None:
    if response.status_code == 200:
        response_200 = JobRead.from_dict(response.json())

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
) -> Response[JobRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[JobRead | Problem]:
    """Get a community-svc job

     A job of community-svc (an id `community-…`, from a `202` answer's `Location`): its status, `done`
    of `total`, the errors met so far and, once it has succeeded, its `result` and `result_url`. Poll it
    every second or two.

    Args:
        job_id (str): The UUID of the job's id `community-<uuid>` (the whole id is what `Location`
            and the job's `id` give)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobRead | Problem]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> JobRead | Problem | None:
    """Get a community-svc job

     A job of community-svc (an id `community-…`, from a `202` answer's `Location`): its status, `done`
    of `total`, the errors met so far and, once it has succeeded, its `result` and `result_url`. Poll it
    every second or two.

    Args:
        job_id (str): The UUID of the job's id `community-<uuid>` (the whole id is what `Location`
            and the job's `id` give)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobRead | Problem
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[JobRead | Problem]:
    """Get a community-svc job

     A job of community-svc (an id `community-…`, from a `202` answer's `Location`): its status, `done`
    of `total`, the errors met so far and, once it has succeeded, its `result` and `result_url`. Poll it
    every second or two.

    Args:
        job_id (str): The UUID of the job's id `community-<uuid>` (the whole id is what `Location`
            and the job's `id` give)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobRead | Problem]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> JobRead | Problem | None:
    """Get a community-svc job

     A job of community-svc (an id `community-…`, from a `202` answer's `Location`): its status, `done`
    of `total`, the errors met so far and, once it has succeeded, its `result` and `result_url`. Poll it
    every second or two.

    Args:
        job_id (str): The UUID of the job's id `community-<uuid>` (the whole id is what `Location`
            and the job's `id` give)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobRead | Problem
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
        )
    ).parsed
