"""The gateway's ASGI app: ``uvicorn --factory gateway.main:create_app --port 8100``.

A plain Starlette app: the pass-through route is a bare ASGI endpoint (see ``proxy``), and the
few other routes are health, metrics and the API's documentation (``openapi``, ``docs``). The
aiohttp session, the upstreams (with their circuit breakers) and the merged OpenAPI document
live in the lifespan state.
"""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import jwt
import structlog
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from gateway.auth import TokenVerifier
from gateway.config import MIN_JWT_SECRET_BYTES, Settings
from gateway.dashboard import DashboardEndpoint
from gateway.docs import ASSETS_PREFIX, asset, redoc, swagger_ui
from gateway.health import healthz, readyz
from gateway.observability import resource_label
from gateway.openapi import MergedSpec
from gateway.proxy import ProxyEndpoint
from gateway.ratelimit import RateLimiter
from gateway.state import GatewayState, gateway_state
from gateway.upstreams import build_upstreams, client_session
from servicekit.context import RequestIdMiddleware
from servicekit.logging import configure_logging
from servicekit.observability import MetricsMiddleware, metrics_endpoint
from servicekit.problems import problem_response

log = structlog.get_logger("gateway")

_TITLES = {404: "Not Found", 405: "Method Not Allowed"}


async def _http_error(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = "No such route." if exc.status_code == 404 else str(exc.detail)
    headers = dict(exc.headers) if exc.headers else None
    return problem_response(
        exc.status_code, _TITLES.get(exc.status_code, "Error"), detail, headers=headers
    )


async def _unexpected(_: Request, exc: Exception) -> Response:
    log.exception("unhandled error", exc_info=exc)
    return problem_response(
        500, "Internal Server Error", "An unexpected error occurred; it has been logged."
    )


async def openapi_json(request: Request) -> Response:
    state = gateway_state(request.scope)
    body = await state["openapi"].body(state["session"], state["upstreams"])
    return Response(body, media_type="application/json")


def _warn_if_weak_secret(settings: Settings) -> None:
    if len(settings.jwt_secret.get_secret_value().encode()) >= MIN_JWT_SECRET_BYTES:
        return
    # Said once here, rather than by PyJWT on every request it verifies.
    warnings.filterwarnings("ignore", category=jwt.InsecureKeyLengthWarning)
    log.warning(
        "GATEWAY_JWT_SECRET is shorter than 32 bytes; set a long random secret outside development"
    )


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[GatewayState]:
        configure_logging(settings.log_level, json=settings.log_json, service=settings.service_name)
        _warn_if_weak_secret(settings)
        session = client_session(settings)
        rate_limiter = RateLimiter(settings)
        await rate_limiter.start()
        try:
            yield {
                "settings": settings,
                "session": session,
                "upstreams": build_upstreams(settings),
                "verifier": TokenVerifier(
                    settings.jwt_secret.get_secret_value(),
                    max_ttl_s=settings.max_token_ttl_s,
                    cache_size=settings.token_cache_size,
                ),
                "rate_limiter": rate_limiter,
                "openapi": MergedSpec(
                    internal_token=settings.internal_token.get_secret_value(),
                    timeout_s=settings.openapi_timeout_s,
                    cache_s=settings.openapi_cache_s,
                    retry_s=settings.openapi_retry_s,
                ),
            }
        finally:
            await session.close()

    # Outermost first: the request id wraps everything, so every answer (CORS preflights and
    # gateway-made errors included) carries it.
    middleware = [
        Middleware(RequestIdMiddleware),
        Middleware(
            MetricsMiddleware,
            service=settings.service_name,
            route_label=resource_label,
            log_requests=settings.access_log,
        ),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
                allow_headers=[
                    "Authorization",
                    "Content-Type",
                    "Idempotency-Key",
                    "If-Match",
                    "X-Request-Id",
                ],
                expose_headers=["ETag", "Location", "Retry-After", "X-Request-Id"],
                max_age=600,
            )
        )
    return Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/metrics", metrics_endpoint, methods=["GET"]),
            # The API's documentation, public: it describes the API, every call needs a token.
            Route("/openapi.json", openapi_json, methods=["GET"]),
            Route("/docs", swagger_ui, methods=["GET"]),
            Route("/redoc", redoc, methods=["GET"]),
            Route(ASSETS_PREFIX + "/{name}", asset, methods=["GET"]),
            # The gateway's own resource, before the pass-through to the services.
            Route("/v1/dashboard", DashboardEndpoint()),
            Route("/v1/{path:path}", ProxyEndpoint()),
        ],
        middleware=middleware,
        exception_handlers={HTTPException: _http_error, Exception: _unexpected},
        lifespan=lifespan,
    )
