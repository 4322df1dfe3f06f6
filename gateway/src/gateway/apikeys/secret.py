"""The key itself: how one is made, recognised and hashed.

A key reads ``mo_<prefix>_<secret>``:

- ``mo_`` says whose key it is, so a person (or a secret scanner) can recognise a leaked one;
- ``prefix``, 16 hex digits of its own randomness, is not secret: it is stored as it is, finds
  the key's row, and is shown in lists so people can tell their keys apart;
- ``secret``, 32 random bytes (256 bits) from the operating system's CSPRNG in base64url.

Only the SHA-256 of the whole key is stored. A fast hash is the right one here: slow ones
(bcrypt, scrypt, Argon2) exist to make guessing a low-entropy password from its hash costly,
and a 256-bit random key cannot be guessed from its hash at any speed. A slow hash would only
cost the gateway tens of milliseconds of CPU on every request whose key is not cached.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

KEY_PREFIX = "mo_"
PREFIX_HEX_DIGITS = 16
SECRET_BYTES = 32
# mo_ + 16 hex + _ + 43 base64url characters (32 bytes, unpadded).
KEY_PATTERN = re.compile(r"^mo_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$")
KEY_LENGTH = len(KEY_PREFIX) + PREFIX_HEX_DIGITS + 1 + 43
EXAMPLE_KEY = "mo_3f9a1c2b4d5e6f70_" + "Q" * 43


@dataclass(frozen=True, slots=True)
class NewKey:
    """A freshly made key: the whole key (shown once), its prefix and its digest (stored)."""

    key: str
    prefix: str
    digest: bytes


def generate() -> NewKey:
    prefix = secrets.token_hex(PREFIX_HEX_DIGITS // 2)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    return NewKey(key, prefix, digest(key))


def prefix_of(key: str) -> str | None:
    """The prefix of a well-formed key; None for anything else."""
    if len(key) != KEY_LENGTH:  # cheap first: most wrong things are the wrong length
        return None
    match = KEY_PATTERN.match(key)
    return match.group(1) if match else None


def digest(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


def matches(presented: bytes, stored: bytes) -> bool:
    """Whether two digests are equal, in time that does not depend on where they differ."""
    return hmac.compare_digest(presented, stored)


def shown_prefix(prefix: str) -> str:
    """How a key is named where its secret may not be shown: ``mo_3f9a1c2b4d5e6f70``."""
    return f"{KEY_PREFIX}{prefix}"
