from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.metric_read import MetricRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/metrics",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[MetricRead] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = MetricRead.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[MetricRead]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Problem | list[MetricRead]]:
    """List Metrics

     The metric catalogue: every metric a series, a target or a goal can ask for, with its
    formula over events, its unit and its Chinese name (CTR 点击率, traffic conversion rate
    引流转换率, activity rate 活跃度, purchase conversion rate 成交转化率, repurchase rate 复购率,
    fission rate 裂变倍增率, replication success rate 复制成功率, GMV 成交总额, …). The same for
    every workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[MetricRead]]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> Problem | list[MetricRead] | None:
    """List Metrics

     The metric catalogue: every metric a series, a target or a goal can ask for, with its
    formula over events, its unit and its Chinese name (CTR 点击率, traffic conversion rate
    引流转换率, activity rate 活跃度, purchase conversion rate 成交转化率, repurchase rate 复购率,
    fission rate 裂变倍增率, replication success rate 复制成功率, GMV 成交总额, …). The same for
    every workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[MetricRead]
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Problem | list[MetricRead]]:
    """List Metrics

     The metric catalogue: every metric a series, a target or a goal can ask for, with its
    formula over events, its unit and its Chinese name (CTR 点击率, traffic conversion rate
    引流转换率, activity rate 活跃度, purchase conversion rate 成交转化率, repurchase rate 复购率,
    fission rate 裂变倍增率, replication success rate 复制成功率, GMV 成交总额, …). The same for
    every workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[MetricRead]]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> Problem | list[MetricRead] | None:
    """List Metrics

     The metric catalogue: every metric a series, a target or a goal can ask for, with its
    formula over events, its unit and its Chinese name (CTR 点击率, traffic conversion rate
    引流转换率, activity rate 活跃度, purchase conversion rate 成交转化率, repurchase rate 复购率,
    fission rate 裂变倍增率, replication success rate 复制成功率, GMV 成交总额, …). The same for
    every workspace.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[MetricRead]
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
