"""The gateway's guard against guessing codes, as campaign-svc's document tells a caller.

The gateway counts the failed answers one caller gets from the routes that take a coupon or
referral code (a claim, a redemption, an accept, a coupon looked up by its code) and, past a
threshold, refuses that caller's further calls to those routes with 429 and ``Retry-After``
before they reach this service (``gateway/src/gateway/ratelimit.py``). A caller meets that
answer on these routes, so their documents list it; campaign-svc itself never raises it.
"""

from typing import Any

GUESSING_GUARD: dict[int | str, dict[str, Any]] = {
    429: {
        "description": "Too many failed coupon or referral attempts by this caller: the "
        "gateway's code-guessing guard refuses its calls to the code routes until older "
        "failures leave its window; wait `Retry-After` seconds."
    }
}
