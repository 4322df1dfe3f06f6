from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    channel_id: UUID,
    *,
    signature: None | str | Unset = UNSET,
    timestamp: None | str | Unset = UNSET,
    nonce: None | str | Unset = UNSET,
    echostr: None | str | Unset = UNSET,
    openid: None | str | Unset = UNSET,
    encrypt_type: None | str | Unset = UNSET,
    msg_signature: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_signature: None | str | Unset
    if isinstance(signature, Unset):
        json_signature = UNSET
    else:
        json_signature = signature
    params["signature"] = json_signature

    json_timestamp: None | str | Unset
    if isinstance(timestamp, Unset):
        json_timestamp = UNSET
    else:
        json_timestamp = timestamp
    params["timestamp"] = json_timestamp

    json_nonce: None | str | Unset
    if isinstance(nonce, Unset):
        json_nonce = UNSET
    else:
        json_nonce = nonce
    params["nonce"] = json_nonce

    json_echostr: None | str | Unset
    if isinstance(echostr, Unset):
        json_echostr = UNSET
    else:
        json_echostr = echostr
    params["echostr"] = json_echostr

    json_openid: None | str | Unset
    if isinstance(openid, Unset):
        json_openid = UNSET
    else:
        json_openid = openid
    params["openid"] = json_openid

    json_encrypt_type: None | str | Unset
    if isinstance(encrypt_type, Unset):
        json_encrypt_type = UNSET
    else:
        json_encrypt_type = encrypt_type
    params["encrypt_type"] = json_encrypt_type

    json_msg_signature: None | str | Unset
    if isinstance(msg_signature, Unset):
        json_msg_signature = UNSET
    else:
        json_msg_signature = msg_signature
    params["msg_signature"] = json_msg_signature

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/wechat/{channel_id}/callback".format(
            channel_id=quote(str(channel_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

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
) -> Response[Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    signature: None | str | Unset = UNSET,
    timestamp: None | str | Unset = UNSET,
    nonce: None | str | Unset = UNSET,
    echostr: None | str | Unset = UNSET,
    openid: None | str | Unset = UNSET,
    encrypt_type: None | str | Unset = UNSET,
    msg_signature: None | str | Unset = UNSET,
) -> Response[Problem | str]:
    """Verify Server Url

     The platform's check of the server URL, when an operator saves the account's server
    configuration (服务器配置): answers `echostr` when `signature` is the SHA-1 of the channel's
    callback token, `timestamp` and `nonce`. Called by WeChat, without a MediaOps token.

    Args:
        channel_id (UUID):
        signature (None | str | Unset): SHA-1 (hex) of the callback token, `timestamp` and
            `nonce`, sorted and joined; every call has it.
        timestamp (None | str | Unset): Unix seconds, as the platform signed them.
        nonce (None | str | Unset): A random number the platform signed.
        echostr (None | str | Unset): The echo check only: the string to answer when the signature
            matches.
        openid (None | str | Unset): Pushes only: the follower's OpenID (also in the XML).
        encrypt_type (None | str | Unset): `aes` when the push is encrypted (safe mode).
        msg_signature (None | str | Unset): Safe mode: SHA-1 (hex) of the token, `timestamp`,
            `nonce` and the push's `Encrypt` text, sorted and joined.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        signature=signature,
        timestamp=timestamp,
        nonce=nonce,
        echostr=echostr,
        openid=openid,
        encrypt_type=encrypt_type,
        msg_signature=msg_signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    signature: None | str | Unset = UNSET,
    timestamp: None | str | Unset = UNSET,
    nonce: None | str | Unset = UNSET,
    echostr: None | str | Unset = UNSET,
    openid: None | str | Unset = UNSET,
    encrypt_type: None | str | Unset = UNSET,
    msg_signature: None | str | Unset = UNSET,
) -> Problem | str | None:
    """Verify Server Url

     The platform's check of the server URL, when an operator saves the account's server
    configuration (服务器配置): answers `echostr` when `signature` is the SHA-1 of the channel's
    callback token, `timestamp` and `nonce`. Called by WeChat, without a MediaOps token.

    Args:
        channel_id (UUID):
        signature (None | str | Unset): SHA-1 (hex) of the callback token, `timestamp` and
            `nonce`, sorted and joined; every call has it.
        timestamp (None | str | Unset): Unix seconds, as the platform signed them.
        nonce (None | str | Unset): A random number the platform signed.
        echostr (None | str | Unset): The echo check only: the string to answer when the signature
            matches.
        openid (None | str | Unset): Pushes only: the follower's OpenID (also in the XML).
        encrypt_type (None | str | Unset): `aes` when the push is encrypted (safe mode).
        msg_signature (None | str | Unset): Safe mode: SHA-1 (hex) of the token, `timestamp`,
            `nonce` and the push's `Encrypt` text, sorted and joined.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return sync_detailed(
        channel_id=channel_id,
        client=client,
        signature=signature,
        timestamp=timestamp,
        nonce=nonce,
        echostr=echostr,
        openid=openid,
        encrypt_type=encrypt_type,
        msg_signature=msg_signature,
    ).parsed


async def asyncio_detailed(
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    signature: None | str | Unset = UNSET,
    timestamp: None | str | Unset = UNSET,
    nonce: None | str | Unset = UNSET,
    echostr: None | str | Unset = UNSET,
    openid: None | str | Unset = UNSET,
    encrypt_type: None | str | Unset = UNSET,
    msg_signature: None | str | Unset = UNSET,
) -> Response[Problem | str]:
    """Verify Server Url

     The platform's check of the server URL, when an operator saves the account's server
    configuration (服务器配置): answers `echostr` when `signature` is the SHA-1 of the channel's
    callback token, `timestamp` and `nonce`. Called by WeChat, without a MediaOps token.

    Args:
        channel_id (UUID):
        signature (None | str | Unset): SHA-1 (hex) of the callback token, `timestamp` and
            `nonce`, sorted and joined; every call has it.
        timestamp (None | str | Unset): Unix seconds, as the platform signed them.
        nonce (None | str | Unset): A random number the platform signed.
        echostr (None | str | Unset): The echo check only: the string to answer when the signature
            matches.
        openid (None | str | Unset): Pushes only: the follower's OpenID (also in the XML).
        encrypt_type (None | str | Unset): `aes` when the push is encrypted (safe mode).
        msg_signature (None | str | Unset): Safe mode: SHA-1 (hex) of the token, `timestamp`,
            `nonce` and the push's `Encrypt` text, sorted and joined.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        signature=signature,
        timestamp=timestamp,
        nonce=nonce,
        echostr=echostr,
        openid=openid,
        encrypt_type=encrypt_type,
        msg_signature=msg_signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    signature: None | str | Unset = UNSET,
    timestamp: None | str | Unset = UNSET,
    nonce: None | str | Unset = UNSET,
    echostr: None | str | Unset = UNSET,
    openid: None | str | Unset = UNSET,
    encrypt_type: None | str | Unset = UNSET,
    msg_signature: None | str | Unset = UNSET,
) -> Problem | str | None:
    """Verify Server Url

     The platform's check of the server URL, when an operator saves the account's server
    configuration (服务器配置): answers `echostr` when `signature` is the SHA-1 of the channel's
    callback token, `timestamp` and `nonce`. Called by WeChat, without a MediaOps token.

    Args:
        channel_id (UUID):
        signature (None | str | Unset): SHA-1 (hex) of the callback token, `timestamp` and
            `nonce`, sorted and joined; every call has it.
        timestamp (None | str | Unset): Unix seconds, as the platform signed them.
        nonce (None | str | Unset): A random number the platform signed.
        echostr (None | str | Unset): The echo check only: the string to answer when the signature
            matches.
        openid (None | str | Unset): Pushes only: the follower's OpenID (also in the XML).
        encrypt_type (None | str | Unset): `aes` when the push is encrypted (safe mode).
        msg_signature (None | str | Unset): Safe mode: SHA-1 (hex) of the token, `timestamp`,
            `nonce` and the push's `Encrypt` text, sorted and joined.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return (
        await asyncio_detailed(
            channel_id=channel_id,
            client=client,
            signature=signature,
            timestamp=timestamp,
            nonce=nonce,
            echostr=echostr,
            openid=openid,
            encrypt_type=encrypt_type,
            msg_signature=msg_signature,
        )
    ).parsed
