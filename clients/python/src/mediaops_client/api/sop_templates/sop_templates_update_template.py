from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.sop_template_read import SopTemplateRead
from ...models.sop_template_update import SopTemplateUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    template_id: UUID,
    *,
    body: SopTemplateUpdate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/sop-templates/{template_id}".format(
            template_id=quote(str(template_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SopTemplateRead | None:
    if response.status_code == 200:
        response_200 = SopTemplateRead.from_dict(response.json())

        return response_200

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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
) -> Response[Problem | SopTemplateRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SopTemplateUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | SopTemplateRead]:
    """Update Template

     Every edit makes a new version; runs already started keep theirs.

    The fields omitted are copied from the newest version. With `If-Match: "<version>"` the edit
    applies only if that is still the newest version (412 otherwise).

    Args:
        template_id (UUID):
        if_match (None | str | Unset):
        body (SopTemplateUpdate): Any change makes a new version; runs already started keep the
            version they began with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SopTemplateRead]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SopTemplateUpdate,
    if_match: None | str | Unset = UNSET,
) -> Problem | SopTemplateRead | None:
    """Update Template

     Every edit makes a new version; runs already started keep theirs.

    The fields omitted are copied from the newest version. With `If-Match: "<version>"` the edit
    applies only if that is still the newest version (412 otherwise).

    Args:
        template_id (UUID):
        if_match (None | str | Unset):
        body (SopTemplateUpdate): Any change makes a new version; runs already started keep the
            version they began with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SopTemplateRead
    """

    return sync_detailed(
        template_id=template_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SopTemplateUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | SopTemplateRead]:
    """Update Template

     Every edit makes a new version; runs already started keep theirs.

    The fields omitted are copied from the newest version. With `If-Match: "<version>"` the edit
    applies only if that is still the newest version (412 otherwise).

    Args:
        template_id (UUID):
        if_match (None | str | Unset):
        body (SopTemplateUpdate): Any change makes a new version; runs already started keep the
            version they began with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SopTemplateRead]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SopTemplateUpdate,
    if_match: None | str | Unset = UNSET,
) -> Problem | SopTemplateRead | None:
    """Update Template

     Every edit makes a new version; runs already started keep theirs.

    The fields omitted are copied from the newest version. With `If-Match: "<version>"` the edit
    applies only if that is still the newest version (412 otherwise).

    Args:
        template_id (UUID):
        if_match (None | str | Unset):
        body (SopTemplateUpdate): Any change makes a new version; runs already started keep the
            version they began with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SopTemplateRead
    """

    return (
        await asyncio_detailed(
            template_id=template_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
