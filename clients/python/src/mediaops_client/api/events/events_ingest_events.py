from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.events_ingest_events_event_in import EventsIngestEventsEventIn
from ...models.ingest_result import IngestResult
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: list[EventsIngestEventsEventIn],
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/events",
    }

    _kwargs["json"] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IngestResult | Problem | None:
    if response.status_code == 200:
        response_200 = IngestResult.from_dict(response.json())

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
) -> Response[IngestResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: list[EventsIngestEventsEventIn],
    idempotency_key: str | Unset = UNSET,
) -> Response[IngestResult | Problem]:
    """Ingest Events

     Record what people did: a JSON array of 1 to 1,000 events (views, reads, clicks,
    likes, leads, purchases, …), as a tracking SDK, a script or another service sends them.

    Each event is validated on its own: good events are stored, bad ones come back in
    `rejected` with their index and reasons, so a bad event never sinks the good ones. An id
    already stored (in this batch or any earlier one, however late) is counted in
    `duplicates` and changes no number: any batch can be re-sent safely. Late and
    out-of-order events are fine. A batch of which no event is good is a 422 listing
    `rejected` the same way.

    With an `Idempotency-Key` a retry replays the first answer byte for byte (without one, a
    retry is still harmless: it answers with the events as `duplicates`). Every read counts
    every event acknowledged here before the read began.

    Args:
        idempotency_key (str | Unset):
        body (list[EventsIngestEventsEventIn]): 1 to 1,000 events, each validated on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IngestResult | Problem]
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
    body: list[EventsIngestEventsEventIn],
    idempotency_key: str | Unset = UNSET,
) -> IngestResult | Problem | None:
    """Ingest Events

     Record what people did: a JSON array of 1 to 1,000 events (views, reads, clicks,
    likes, leads, purchases, …), as a tracking SDK, a script or another service sends them.

    Each event is validated on its own: good events are stored, bad ones come back in
    `rejected` with their index and reasons, so a bad event never sinks the good ones. An id
    already stored (in this batch or any earlier one, however late) is counted in
    `duplicates` and changes no number: any batch can be re-sent safely. Late and
    out-of-order events are fine. A batch of which no event is good is a 422 listing
    `rejected` the same way.

    With an `Idempotency-Key` a retry replays the first answer byte for byte (without one, a
    retry is still harmless: it answers with the events as `duplicates`). Every read counts
    every event acknowledged here before the read began.

    Args:
        idempotency_key (str | Unset):
        body (list[EventsIngestEventsEventIn]): 1 to 1,000 events, each validated on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IngestResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: list[EventsIngestEventsEventIn],
    idempotency_key: str | Unset = UNSET,
) -> Response[IngestResult | Problem]:
    """Ingest Events

     Record what people did: a JSON array of 1 to 1,000 events (views, reads, clicks,
    likes, leads, purchases, …), as a tracking SDK, a script or another service sends them.

    Each event is validated on its own: good events are stored, bad ones come back in
    `rejected` with their index and reasons, so a bad event never sinks the good ones. An id
    already stored (in this batch or any earlier one, however late) is counted in
    `duplicates` and changes no number: any batch can be re-sent safely. Late and
    out-of-order events are fine. A batch of which no event is good is a 422 listing
    `rejected` the same way.

    With an `Idempotency-Key` a retry replays the first answer byte for byte (without one, a
    retry is still harmless: it answers with the events as `duplicates`). Every read counts
    every event acknowledged here before the read began.

    Args:
        idempotency_key (str | Unset):
        body (list[EventsIngestEventsEventIn]): 1 to 1,000 events, each validated on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IngestResult | Problem]
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
    body: list[EventsIngestEventsEventIn],
    idempotency_key: str | Unset = UNSET,
) -> IngestResult | Problem | None:
    """Ingest Events

     Record what people did: a JSON array of 1 to 1,000 events (views, reads, clicks,
    likes, leads, purchases, …), as a tracking SDK, a script or another service sends them.

    Each event is validated on its own: good events are stored, bad ones come back in
    `rejected` with their index and reasons, so a bad event never sinks the good ones. An id
    already stored (in this batch or any earlier one, however late) is counted in
    `duplicates` and changes no number: any batch can be re-sent safely. Late and
    out-of-order events are fine. A batch of which no event is good is a 422 listing
    `rejected` the same way.

    With an `Idempotency-Key` a retry replays the first answer byte for byte (without one, a
    retry is still harmless: it answers with the events as `duplicates`). Every read counts
    every event acknowledged here before the read began.

    Args:
        idempotency_key (str | Unset):
        body (list[EventsIngestEventsEventIn]): 1 to 1,000 events, each validated on its own.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IngestResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
