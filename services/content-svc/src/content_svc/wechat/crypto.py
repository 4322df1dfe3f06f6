"""Safe mode (安全模式): the AES envelope of the callback's messages.

The 43-character EncodingAESKey, with ``=`` appended, is the base64 of a 32-byte AES-256 key;
the IV is the key's first 16 bytes. A message is ``16 random bytes + its length (4 bytes,
big-endian) + the message + the AppID``, padded PKCS#7 to a multiple of **32** bytes (the
platform's block, not AES's 16), encrypted with AES-256-CBC and base64-encoded into the push's
``Encrypt`` element. The AppID at the end must be the channel's: a message encrypted for another
account is refused.

The cipher is the ``cryptography`` package's (well kept, audited); only the framing above, which
is the platform's own, is written here.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

ENCODING_AES_KEY_LENGTH = 43
# The platform generates the key from letters and digits only.
ENCODING_AES_KEY_PATTERN = re.compile(r"^[A-Za-z0-9]{43}$")
_BLOCK = 32
_RANDOM = 16


class CryptoError(Exception):
    """The ``Encrypt`` text is not a message this channel's key and AppID produced; the
    message says why, without any of the content."""


def aes_key(encoding_aes_key: str) -> bytes:
    """The 32-byte AES key an EncodingAESKey stands for; ``ValueError`` for a malformed one."""
    if not ENCODING_AES_KEY_PATTERN.fullmatch(encoding_aes_key):
        raise ValueError("an EncodingAESKey is 43 letters and digits")
    key = base64.b64decode(encoding_aes_key + "=")
    if len(key) != 32:  # cannot happen for 43 base64 characters; kept as the invariant
        raise ValueError("an EncodingAESKey decodes to 32 bytes")
    return key


def _pad(data: bytes) -> bytes:
    n = _BLOCK - len(data) % _BLOCK
    return data + bytes([n]) * n


def _unpad(data: bytes) -> bytes:
    if not data:
        raise CryptoError("the decrypted message is empty")
    n = data[-1]
    if not 1 <= n <= _BLOCK or data[-n:] != bytes([n]) * n:
        raise CryptoError("the decrypted message is not padded as the platform pads it")
    return data[:-n]


class MessageCrypto:
    """Encrypts and decrypts the messages of one account (its EncodingAESKey and AppID)."""

    def __init__(self, encoding_aes_key: str, app_id: str) -> None:
        self._key = aes_key(encoding_aes_key)
        self._app_id = app_id.encode()

    def _cipher(self) -> Cipher[modes.CBC]:
        return Cipher(algorithms.AES(self._key), modes.CBC(self._key[:16]))

    def encrypt(self, message: bytes, random: bytes | None = None) -> str:
        """The ``Encrypt`` text of ``message`` (``random``: the 16 leading bytes, for tests)."""
        prefix = random if random is not None else os.urandom(_RANDOM)
        if len(prefix) != _RANDOM:
            raise ValueError("the random prefix is 16 bytes")
        plain = _pad(prefix + struct.pack(">I", len(message)) + message + self._app_id)
        encryptor = self._cipher().encryptor()
        return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()

    def decrypt(self, encrypted: str) -> bytes:
        """The message inside an ``Encrypt`` text; ``CryptoError`` when it is not one of this
        account's."""
        try:
            data = base64.b64decode(encrypted.strip(), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise CryptoError("Encrypt is not base64") from exc
        if not data or len(data) % 16:
            raise CryptoError("Encrypt is not whole AES blocks")
        decryptor = self._cipher().decryptor()
        plain = _unpad(decryptor.update(data) + decryptor.finalize())
        if len(plain) < _RANDOM + 4:
            raise CryptoError("the decrypted message is too short")
        (length,) = struct.unpack(">I", plain[_RANDOM : _RANDOM + 4])
        body = plain[_RANDOM + 4 :]
        if length > len(body):
            raise CryptoError("the decrypted message is shorter than its stated length")
        message, app_id = body[:length], body[length:]
        if app_id != self._app_id:
            # The key decrypted it, so the AppID is no secret from whoever holds the key; it is
            # still not named, so the answer says nothing about the content.
            raise CryptoError("the message was encrypted for another AppID")
        return message
