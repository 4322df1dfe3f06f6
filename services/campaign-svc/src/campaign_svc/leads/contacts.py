"""Normalising and masking contact details.

Hand-written rather than with ``phonenumbers``: adding a dependency means changing the
workspace lock file, which this service's change may not touch; the rules below cover mainland
China mobiles and landlines and any number written with its country code, which is what the
capture forms send. Swap in ``phonenumbers`` when the lock file can change.
"""

import re

_PHONE_NOISE = re.compile(r"[\s\-().·]")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_WECHAT_ID = re.compile(r"^[a-z][a-z0-9_-]{5,19}$")


def normalise_phone(raw: str) -> str:
    """E.164 (``+8613812345678``); raises ``ValueError`` with what to fix."""
    digits = _PHONE_NOISE.sub("", raw.strip())
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+"):
        national = digits[1:]
        if not national.isdigit() or not 8 <= len(national) <= 15:
            raise ValueError(f"{raw!r} is not a phone number: after the + give 8 to 15 digits")
        if national.startswith("86") and not re.fullmatch(r"86(1\d{10}|[2-9]\d{8,10})", national):
            raise ValueError(f"{raw!r} is not a valid mainland China number")
        return "+" + national
    if not digits.isdigit():
        raise ValueError(f"{raw!r} is not a phone number: use digits, spaces, dashes or a + prefix")
    if re.fullmatch(r"1[3-9]\d{9}", digits):  # mainland mobile
        return "+86" + digits
    if re.fullmatch(r"0[1-9]\d{8,10}", digits):  # mainland landline with area code
        return "+86" + digits[1:]
    raise ValueError(
        f"{raw!r} is not a mainland China mobile (11 digits starting with 1) or landline "
        "(0 + area code); write other numbers with their country code, e.g. +44 20 7946 0958"
    )


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
