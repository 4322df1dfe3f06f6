"""Tracking codes: the short public code of a publication that links, QR codes and posters carry,
so a lead, a claim, a join or a purchase can say which publication brought it.

Eight characters over an unambiguous upper-case alphabet (no 0/O, no 1/I/L: codes are read off
posters and typed by hand), drawn from the OS CSPRNG (``secrets``): 31^8 ≈ 8.5 * 10^11 codes, so a
code is not guessed from its neighbours. Case-insensitive on the way in: stored and shown in
upper case, looked up by ``normalized``.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
_WELL_FORMED = re.compile(f"[{ALPHABET}]{{{LENGTH}}}")


def new_tracking_code() -> str:
    """A fresh code; uniqueness is the database's unique index (the caller retries a clash)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalized(code: str) -> str | None:
    """``code`` as stored (upper case, surrounding blanks dropped), or None when no tracking code
    can be spelt so: wrong length or a character outside the alphabet."""
    candidate = code.strip().upper()
    return candidate if _WELL_FORMED.fullmatch(candidate) else None
