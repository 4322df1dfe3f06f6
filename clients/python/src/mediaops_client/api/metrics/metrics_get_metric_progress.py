from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.progress_read import ProgressRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    from_: str,
    to: str,
    target: float,
    tz: str | Unset = "UTC",
    channel_id: None | str | Unset = UNSET,
    post_id: None | str | Unset = UNSET,
    publication_id: None | str | Unset = UNSET,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["from"] = from_

    params["to"] = to

    params["target"] = target

    params["tz"] = tz

    json_channel_id: None | str | Unset
    if isinstance(channel_id, Unset):
        json_channel_id = UNSET
    else:
        json_channel_id = channel_id
    params["channel_id"] = json_channel_id

    json_post_id: None | str | Unset
    if isinstance(post_id, Unset):
        json_post_id = UNSET
    else:
        json_post_id = post_id
    params["post_id"] = json_post_id

    json_publication_id: None | str | Unset
    if isinstance(publication_id, Unset):
        json_publication_id = UNSET
    else:
        json_publication_id = publication_id
    params["publication_id"] = json_publication_id

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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/metrics/{name}/progress".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProgressRead | None:
    if response.status_code == 200:
        response_200 = ProgressRead.from_dict(response.json())

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
) -> Response[Problem | ProgressRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str,
    target: float,
    tz: str | Unset = "UTC",
    channel_id: None | str | Unset = UNSET,
    post_id: None | str | Unset = UNSET,
    publication_id: None | str | Unset = UNSET,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
) -> Response[Problem | ProgressRead]:
    """Get Metric Progress

     A live goal without storing a target: the metric over [`from`, `to`) so far against
    `target`, with the targets' status rule (achieved, missed, on_track, at_risk).
    campaign-svc's and community-svc's goals show their progress from this.

    Args:
        name (str): A metric of the catalogue (`GET /v1/metrics`): `ctr`, `gmv`,
            `purchase_conversion_rate`, …
        from_ (str): The period's start: a date (local midnight in `tz`) or an RFC 3339 time.
        to (str): The period's end (exclusive), as `from`.
        target (float): The value to reach, in the metric's unit.
        tz (str | Unset): The IANA time zone that dates in `from`/`to` and the days, weeks and
            months of the answer are read in (a channel's or the workspace's zone). Default: 'UTC'.
        channel_id (None | str | Unset): Count only events of this content-svc channel.
        post_id (None | str | Unset): Count only events of this content-svc post (on any channel).
        publication_id (None | str | Unset): Count only events of this content-svc publication.
        campaign_id (None | str | Unset): Count only events of this campaign-svc campaign.
        group_id (None | str | Unset): Count only events of this community-svc group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProgressRead]
    """

    kwargs = _get_kwargs(
        name=name,
        from_=from_,
        to=to,
        target=target,
        tz=tz,
        channel_id=channel_id,
        post_id=post_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        group_id=group_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str,
    target: float,
    tz: str | Unset = "UTC",
    channel_id: None | str | Unset = UNSET,
    post_id: None | str | Unset = UNSET,
    publication_id: None | str | Unset = UNSET,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
) -> Problem | ProgressRead | None:
    """Get Metric Progress

     A live goal without storing a target: the metric over [`from`, `to`) so far against
    `target`, with the targets' status rule (achieved, missed, on_track, at_risk).
    campaign-svc's and community-svc's goals show their progress from this.

    Args:
        name (str): A metric of the catalogue (`GET /v1/metrics`): `ctr`, `gmv`,
            `purchase_conversion_rate`, …
        from_ (str): The period's start: a date (local midnight in `tz`) or an RFC 3339 time.
        to (str): The period's end (exclusive), as `from`.
        target (float): The value to reach, in the metric's unit.
        tz (str | Unset): The IANA time zone that dates in `from`/`to` and the days, weeks and
            months of the answer are read in (a channel's or the workspace's zone). Default: 'UTC'.
        channel_id (None | str | Unset): Count only events of this content-svc channel.
        post_id (None | str | Unset): Count only events of this content-svc post (on any channel).
        publication_id (None | str | Unset): Count only events of this content-svc publication.
        campaign_id (None | str | Unset): Count only events of this campaign-svc campaign.
        group_id (None | str | Unset): Count only events of this community-svc group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProgressRead
    """

    return sync_detailed(
        name=name,
        client=client,
        from_=from_,
        to=to,
        target=target,
        tz=tz,
        channel_id=channel_id,
        post_id=post_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        group_id=group_id,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str,
    target: float,
    tz: str | Unset = "UTC",
    channel_id: None | str | Unset = UNSET,
    post_id: None | str | Unset = UNSET,
    publication_id: None | str | Unset = UNSET,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
) -> Response[Problem | ProgressRead]:
    """Get Metric Progress

     A live goal without storing a target: the metric over [`from`, `to`) so far against
    `target`, with the targets' status rule (achieved, missed, on_track, at_risk).
    campaign-svc's and community-svc's goals show their progress from this.

    Args:
        name (str): A metric of the catalogue (`GET /v1/metrics`): `ctr`, `gmv`,
            `purchase_conversion_rate`, …
        from_ (str): The period's start: a date (local midnight in `tz`) or an RFC 3339 time.
        to (str): The period's end (exclusive), as `from`.
        target (float): The value to reach, in the metric's unit.
        tz (str | Unset): The IANA time zone that dates in `from`/`to` and the days, weeks and
            months of the answer are read in (a channel's or the workspace's zone). Default: 'UTC'.
        channel_id (None | str | Unset): Count only events of this content-svc channel.
        post_id (None | str | Unset): Count only events of this content-svc post (on any channel).
        publication_id (None | str | Unset): Count only events of this content-svc publication.
        campaign_id (None | str | Unset): Count only events of this campaign-svc campaign.
        group_id (None | str | Unset): Count only events of this community-svc group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProgressRead]
    """

    kwargs = _get_kwargs(
        name=name,
        from_=from_,
        to=to,
        target=target,
        tz=tz,
        channel_id=channel_id,
        post_id=post_id,
        publication_id=publication_id,
        campaign_id=campaign_id,
        group_id=group_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str,
    target: float,
    tz: str | Unset = "UTC",
    channel_id: None | str | Unset = UNSET,
    post_id: None | str | Unset = UNSET,
    publication_id: None | str | Unset = UNSET,
    campaign_id: None | str | Unset = UNSET,
    group_id: None | str | Unset = UNSET,
) -> Problem | ProgressRead | None:
    """Get Metric Progress

     A live goal without storing a target: the metric over [`from`, `to`) so far against
    `target`, with the targets' status rule (achieved, missed, on_track, at_risk).
    campaign-svc's and community-svc's goals show their progress from this.

    Args:
        name (str): A metric of the catalogue (`GET /v1/metrics`): `ctr`, `gmv`,
            `purchase_conversion_rate`, …
        from_ (str): The period's start: a date (local midnight in `tz`) or an RFC 3339 time.
        to (str): The period's end (exclusive), as `from`.
        target (float): The value to reach, in the metric's unit.
        tz (str | Unset): The IANA time zone that dates in `from`/`to` and the days, weeks and
            months of the answer are read in (a channel's or the workspace's zone). Default: 'UTC'.
        channel_id (None | str | Unset): Count only events of this content-svc channel.
        post_id (None | str | Unset): Count only events of this content-svc post (on any channel).
        publication_id (None | str | Unset): Count only events of this content-svc publication.
        campaign_id (None | str | Unset): Count only events of this campaign-svc campaign.
        group_id (None | str | Unset): Count only events of this community-svc group.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProgressRead
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            from_=from_,
            to=to,
            target=target,
            tz=tz,
            channel_id=channel_id,
            post_id=post_id,
            publication_id=publication_id,
            campaign_id=campaign_id,
            group_id=group_id,
        )
    ).parsed
