"""The callback's signatures: SHA-1 of the sorted, concatenated strings.

``signature`` (every push and the echo) is over the callback token, ``timestamp`` and
``nonce``; ``msg_signature`` (safe mode) adds the ``Encrypt`` text. Written here rather than
taken from an SDK: it is one line of the standard library, and the SDKs that have it are
synchronous and unmaintained (see ``client``).
"""

from __future__ import annotations

import hashlib
import hmac


def sign(*parts: str) -> str:
    """Hex SHA-1 of ``parts`` sorted as strings and joined without a separator."""
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def matches(expected: str, given: str | None) -> bool:
    """Whether ``given`` is ``expected``, compared in constant time (case-insensitive hex)."""
    if given is None:
        return False
    return hmac.compare_digest(expected.encode(), given.strip().lower().encode())
