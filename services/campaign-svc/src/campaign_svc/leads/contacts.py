"""Normalising and masking contact details.

Phone numbers go through ``phonenumbers`` (libphonenumber's rules for every country's number
plans); a number without a country code is read as a mainland China number, which is what the
capture forms send.
"""

import re

import phonenumbers

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_WECHAT_ID = re.compile(r"^[a-z][a-z0-9_-]{5,19}$")
DEFAULT_REGION = "CN"


def normalise_phone(raw: str) -> str:
    """E.164 (``+8613812345678``); raises ``ValueError`` with what to fix."""
    text = raw.strip()
    if text.startswith("00"):  # international prefix written as digits
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(
            f"{raw!r} is not a phone number: use digits, spaces, dashes or a + prefix"
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(
            f"{raw!r} is not a valid phone number: a mainland China mobile (11 digits starting "
            "with 1) or landline (0 + area code), or another number with its country code, "
            "e.g. +44 20 7946 0958"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(raw: str) -> str:
    email = raw.strip().lower()
    if not _EMAIL.fullmatch(email):
        raise ValueError(f"{raw!r} is not an e-mail address (name@example.com)")
    return email


def normalise_wechat_id(raw: str) -> str:
    wechat_id = raw.strip().lower()
    if not _WECHAT_ID.fullmatch(wechat_id):
        raise ValueError(
            f"{raw!r} is not a WeChat id: 6 to 20 letters, digits, _ or -, starting with a letter"
        )
    return wechat_id


def mask_phone(phone: str) -> str:
    """``+8613812345678`` → ``138****5678``; other countries keep their code."""
    national = phone[3:] if phone.startswith("+86") else phone.lstrip("+")
    prefix = "" if phone.startswith("+86") else "+"
    if len(national) <= 7:
        return prefix + "*" * (len(national) - 2) + national[-2:]
    return prefix + national[:3] + "*" * (len(national) - 7) + national[-4:]


def mask_email(email: str) -> str:
    """``alice@example.com`` → ``a***@example.com``."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_wechat_id(wechat_id: str) -> str:
    return f"{wechat_id[:1]}***{wechat_id[-1:]}"


def mask_name(name: str) -> str:
    """``张小明`` → ``张**``: enough to greet, not to identify."""
    return name[:1] + "*" * max(len(name) - 1, 1)
