"""What a browser needs from every gateway answer: CORS for the configured origins, and the
security headers, added in one place (``BrowserPolicy``, applied by the gateway's edge
middleware, ``gateway.edge``).

- **Preflights** (``OPTIONS`` with ``Origin`` and ``Access-Control-Request-Method``) are
  answered here, before authentication and routing: ``204`` with the allowed methods, request
  headers and max-age when the origin is configured and asks only for what is allowed, else a
  ``403`` problem+json saying why (and no ``Access-Control-Allow-Origin``, so the browser
  blocks the call).
- **Every other answer** (proxied, gateway-made 401/403/404/413/429/5xx, health, metrics)
  gets the security headers; to a configured origin also ``Access-Control-Allow-Origin`` and
  ``Access-Control-Expose-Headers``. With origins configured every answer says
  ``Vary: Origin`` (an answer differs by origin, so caches must keep them apart). No
  ``Access-Control-Allow-Credentials``: the API takes bearer tokens and API keys, not cookies.

The security headers replace any of the same name an upstream sent, so the policy is the
gateway's alone. The hot path pays one pass over the request headers (only when origins are
configured) and one over the answer's.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import Send

from servicekit.problems import problem_response

ALLOWED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
ALLOWED_HEADERS = (
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    "If-Match",
    "X-Api-Key",
    "X-Request-Id",
)
# What a front-end's script may read from an answer (the rest of the CORS-safelisted ones,
# Content-Type among them, it may read anyway).
EXPOSED_HEADERS = (
    "Content-Disposition",
    "ETag",
    "Idempotent-Replayed",
    "Location",
    "RateLimit-Limit",
    "RateLimit-Policy",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "Retry-After",
    "WWW-Authenticate",
    "X-Request-Id",
)
# A JSON API renders nothing: no sources, no framing, no referrer, no sniffing.
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
)
# The API's documentation pages (/docs, /redoc, their assets) do render: their own scripts,
# styles and images, ReDoc's inline styles and blob worker, and calls back to this origin (the
# spec, "Try it out"); still nothing from another origin, and never framed.
DOCS_PATHS = ("/docs", "/redoc")
DOCS_CSP = (
    b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    b"worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def is_docs_page(path: str) -> bool:
    return path in DOCS_PATHS or path.startswith("/docs/")


class BrowserPolicy:
    """The headers to add, worked out once from the settings."""

    def __init__(
        self,
        origins: Iterable[str],
        *,
        max_age_s: int = 600,
        hsts_max_age_s: int | None = None,
        hsts_include_subdomains: bool = False,
    ) -> None:
        self.origins = frozenset(o.encode("latin-1") for o in origins)
        security = list(SECURITY_HEADERS)
        if hsts_max_age_s is not None:
            hsts = f"max-age={hsts_max_age_s}" + (
                "; includeSubDomains" if hsts_include_subdomains else ""
            )
            security.append((b"strict-transport-security", hsts.encode()))
        self.security = tuple(security)
        self.docs_security = tuple(
            (name, DOCS_CSP if name == b"content-security-policy" else value)
            for name, value in security
        )
        self.replaced = frozenset(name for name, _ in security)
        self.cors = ((b"access-control-expose-headers", ", ".join(EXPOSED_HEADERS).encode()),)
        self.preflight = (
            (b"access-control-allow-methods", ", ".join(ALLOWED_METHODS).encode()),
            (b"access-control-allow-headers", ", ".join(ALLOWED_HEADERS).encode()),
            (b"access-control-max-age", str(max_age_s).encode()),
        )
        self._methods = frozenset(m.encode() for m in ALLOWED_METHODS)
        self._headers = frozenset(h.lower().encode() for h in ALLOWED_HEADERS)

    def answer_headers(
        self, headers: Iterable[tuple[bytes, bytes]], origin: bytes | None, *, docs: bool = False
    ) -> list[tuple[bytes, bytes]]:
        """``headers`` of an answer with the security (and, for a configured ``origin``, the
        CORS) headers added."""
        out: list[tuple[bytes, bytes]] = []
        vary: bytes | None = None
        for name, value in headers:
            if name in self.replaced:
                continue
            if name == b"vary" and self.origins:
                vary = value if vary is None else vary + b", " + value
                continue
            out.append((name, value))
        out.extend(self.docs_security if docs else self.security)
        if self.origins:
            out.append((b"vary", _with_origin(vary)))
            if origin is not None and origin in self.origins:
                out.append((b"access-control-allow-origin", origin))
                out.extend(self.cors)
        return out

    def preflight_refusal(
        self, origin: bytes, method: bytes, requested: bytes | None
    ) -> str | None:
        """Why a preflight from ``origin`` for ``method`` with the ``requested`` headers is
        refused, or None when it is allowed."""
        shown = origin.decode("latin-1")
        if origin not in self.origins:
            return (
                f"Browser calls from {shown} are not allowed: the gateway answers cross-origin "
                "requests only from the origins it is configured with (GATEWAY_CORS_ORIGINS)."
            )
        if method not in self._methods:
            return (
                f"{method.decode('latin-1')} is not a method the API takes from a browser; "
                f"allowed: {', '.join(ALLOWED_METHODS)}."
            )
        if requested:
            asked = (h.strip().lower() for h in requested.split(b","))
            extra = sorted(h.decode("latin-1") for h in asked if h and h not in self._headers)
            if extra:
                return (
                    f"The request headers {extra[:5]} are not allowed from a browser; allowed: "
                    f"{', '.join(ALLOWED_HEADERS)}."
                )
        return None


def _with_origin(vary: bytes | None) -> bytes:
    if vary is None:
        return b"Origin"
    tokens = {t.strip().lower() for t in vary.split(b",")}
    return vary if b"origin" in tokens or b"*" in tokens else vary + b", Origin"


async def preflight(
    policy: BrowserPolicy, send: Send, origin: bytes, method: bytes, requested: bytes | None
) -> None:
    """Answer a CORS preflight: 204 with the policy's headers, or 403 problem+json saying why."""
    refusal = policy.preflight_refusal(origin, method, requested)
    if refusal is None:
        # No Content-Length: a 204 has no content (RFC 9110 §8.6).
        headers = policy.answer_headers((), origin)
        headers.extend(policy.preflight)
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    response = problem_response(403, "Forbidden", refusal, slug="cors-refused")
    headers = policy.answer_headers(response.raw_headers, None)
    await send({"type": "http.response.start", "status": 403, "headers": headers})
    await send({"type": "http.response.body", "body": response.body})
