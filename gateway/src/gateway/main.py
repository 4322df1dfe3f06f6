"""The gateway's ASGI app: ``uvicorn --factory gateway.main:create_app --port 8100``.

A Starlette app (``GatewayApp``: the pass-through goes straight to its middleware, skipping
Starlette's error, exception and routing layers): the pass-through is a bare ASGI endpoint (see
``proxy``), and the few other routes are health, metrics, the API's documentation (``openapi``,
``docs``), the dashboard and the API keys (``apikeys``). The pass-through's connection pool
(``hop``), the aiohttp session for its reads of the services' health and OpenAPI documents, the
upstreams (with their circuit breakers), the token verifier (with the identity provider's keys,
when configured), the gateway's own database and API key checker, and the merged OpenAPI
document live in the lifespan state. CORS and the security headers are added in one place
(``browser``), to every answer, the 500 of an unexpected error included.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import jwt
import structlog
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.apikeys.app import api_keys_state, create_api_keys_app
from gateway.apikeys.endpoint import ApiKeysEndpoint
from gateway.apikeys.models import IdempotencyKey
from gateway.apikeys.verifier import ApiKeyVerifier
from gateway.auth import ClaimMapping, IdentityProvider, TokenVerifier
from gateway.browser import BrowserPolicy
from gateway.config import MIN_JWT_SECRET_BYTES, Settings
from gateway.dashboard import DashboardEndpoint
from gateway.docs import ASSETS_PREFIX, asset, redoc, swagger_ui
from gateway.edge import GatewayEdgeMiddleware
from gateway.health import BREAKERS, healthz, probing, readyz, upstreams_health
from gateway.hop import HopPool
from gateway.jwks import JwksKeys
from gateway.observability import metrics_endpoint, resource_label
from gateway.openapi import MergedSpec
from gateway.proxy import ProxyEndpoint
from gateway.ratelimit import RateLimiter
from gateway.state import GatewayState, gateway_state
from gateway.upstreams import build_upstreams, client_session
from servicekit import tracing
from servicekit.db import Database
from servicekit.idempotency import purging
from servicekit.logging import configure_logging
from servicekit.problems import problem_response

log = structlog.get_logger("gateway")

_TITLES = {404: "Not Found", 405: "Method Not Allowed"}
# The gateway's own resources under /v1/, routed before the pass-through.
DASHBOARD_PATH = "/v1/dashboard"
API_KEYS_PATH = "/v1/api-keys"


async def _http_error(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = "No such route." if exc.status_code == 404 else str(exc.detail)
    headers = dict(exc.headers) if exc.headers else None
    return problem_response(
        exc.status_code, _TITLES.get(exc.status_code, "Error"), detail, headers=headers
    )


def _unexpected_handler(policy: BrowserPolicy) -> Callable[[Request, Exception], Response]:
    # Starlette answers an unhandled error outside every middleware: the headers are added here.
    def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error", exc_info=exc)
        response = problem_response(
            500, "Internal Server Error", "An unexpected error occurred; it has been logged."
        )
        origin = request.headers.get("origin")
        response.raw_headers = policy.answer_headers(
            response.raw_headers, origin.encode("latin-1") if origin else None
        )
        return response

    return unexpected


class _ProxyErrors:
    """What Starlette's ``ServerErrorMiddleware`` does for the pass-through: an unexpected error
    is logged and answered 500 problem+json (with the browser headers) unless the answer has
    begun, then raised on for the server."""

    def __init__(self, app: ASGIApp, handler: Callable[[Request, Exception], Response]) -> None:
        self.app = app
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def send_started(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_started)
        except Exception as exc:
            response = self.handler(Request(scope), exc)
            if not started:
                await response(scope, receive, send)
            raise


def _proxied(path: str) -> bool:
    """Whether the route table sends ``path`` to the pass-through (``/v1/{path:path}``): under
    ``/v1/`` and not one of the gateway's own resources routed before it."""
    return (
        path.startswith("/v1/")
        and path != DASHBOARD_PATH
        and path != API_KEYS_PATH
        and not path.startswith(API_KEYS_PATH + "/")
    )


class GatewayApp(Starlette):
    """The Starlette app, with the pass-through taken straight to its own middleware.

    Profiling the gateway under load (bench/RESULTS.md) found a proxied request walking
    Starlette's error and exception middleware, the router's match of every route before the
    catch-all, and a send wrapper per layer, for a route that never raises ``HTTPException``.
    A pass-through request now goes through the same request-id, metrics/access-log and browser
    middleware and the same 500 handling, built once, and nothing else; every other request
    takes the full Starlette stack as before.
    """

    def __init__(self, *, proxy: ASGIApp, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._proxy = proxy

    def build_middleware_stack(self) -> ASGIApp:
        full = super().build_middleware_stack()
        proxy = self._proxy

        async def dispatch(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http" and not scope.get("root_path") and _proxied(scope["path"]):
                await proxy(scope, receive, send)
            else:
                await full(scope, receive, send)

        return dispatch


def _identity_provider(settings: Settings) -> IdentityProvider | None:
    if settings.jwks_url is None:
        return None
    # The settings' validator saw to both.
    assert settings.jwt_issuer is not None
    assert settings.jwt_audience is not None
    keys = JwksKeys(
        str(settings.jwks_url),
        algorithms=settings.jwt_algorithms,
        cache_ttl_s=settings.jwks_cache_ttl_s,
        min_refetch_s=settings.jwks_min_refetch_s,
        timeout_s=settings.jwks_timeout_s,
    )
    claims = ClaimMapping(
        subject=settings.jwt_subject_claim,
        workspace=settings.jwt_workspace_claim,
        scopes=settings.jwt_scopes_claim,
    )
    return IdentityProvider(
        keys, settings.jwt_issuer, settings.jwt_audience, settings.jwt_leeway_s, claims
    )


async def openapi_json(request: Request) -> Response:
    state = gateway_state(request.scope)
    body = await state["openapi"].body(state["session"], state["upstreams"])
    return Response(body, media_type="application/json")


def _warn_if_weak_secret(settings: Settings) -> None:
    if not settings.jwt_hs256_enabled:
        return
    if len(settings.jwt_secret.get_secret_value().encode()) >= MIN_JWT_SECRET_BYTES:
        return
    # Said once here, rather than by PyJWT on every request it verifies.
    warnings.filterwarnings("ignore", category=jwt.InsecureKeyLengthWarning)
    log.warning(
        "GATEWAY_JWT_SECRET is shorter than 32 bytes; set a long random secret outside development"
    )


def _database(settings: Settings) -> Database | None:
    if settings.database_url is None:
        log.info("GATEWAY_DATABASE_URL is not set: API keys are off, tokens work as usual")
        return None
    # Lazy: nothing connects until a key is checked, so a database that is down at start-up
    # keeps no token caller out.
    return Database(
        settings.database_url,
        pool_size=settings.db_pool_size,
        application_name=settings.service_name,
        connect_timeout_s=settings.database_timeout_s,
    )


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    # Before the database and the client session are made: they are traced as they are made.
    tracing.configure(settings.service_name)
    api_keys_app = create_api_keys_app(settings.max_body_bytes)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[GatewayState]:
        configure_logging(settings.log_level, json=settings.log_json, service=settings.service_name)
        _warn_if_weak_secret(settings)
        session = client_session(settings)
        hop = HopPool(limit=settings.max_connections, keepalive_s=settings.upstream_keepalive_s)
        dashboard_hop = HopPool(
            limit=settings.max_connections, keepalive_s=settings.upstream_keepalive_s
        )
        rate_limiter = RateLimiter(settings)
        await rate_limiter.start()
        identity_provider = _identity_provider(settings)
        if identity_provider is not None:
            await identity_provider.keys.start()
        database = _database(settings)
        api_keys = ApiKeyVerifier(
            database,
            cache_s=settings.api_key_cache_s,
            cache_size=settings.api_key_cache_size,
            touch_every_s=settings.api_key_touch_every_s,
            timeout_s=settings.database_timeout_s,
        )
        # Expired Idempotency-Key answers are deleted at start and hourly, as in each service.
        housekeeping = asyncio.create_task(purging(IdempotencyKey)(database)) if database else None
        state: GatewayState = {
            "settings": settings,
            "session": session,
            "hop": hop,
            "dashboard_hop": dashboard_hop,
            "upstreams": build_upstreams(settings),
            "verifier": TokenVerifier(
                settings.jwt_secret.get_secret_value() if settings.jwt_hs256_enabled else None,
                identity_provider=identity_provider,
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
            "database": database,
            "api_keys": api_keys,
            "api_keys_state": api_keys_state(database, api_keys) if database else None,
        }
        BREAKERS.upstreams = state["upstreams"]
        probe = asyncio.create_task(probing(state)) if settings.upstream_probe_s else None
        try:
            yield state
        finally:
            if probe is not None:
                probe.cancel()
                await asyncio.gather(probe, return_exceptions=True)
            if housekeeping is not None:
                housekeeping.cancel()
                await asyncio.gather(housekeeping, return_exceptions=True)
            await api_keys.close()
            if database is not None:
                await database.dispose()
            if identity_provider is not None:
                await identity_provider.keys.close()
            hop.close()
            dashboard_hop.close()
            await session.close()

    policy = BrowserPolicy(
        settings.cors_origins,
        max_age_s=settings.cors_max_age_s,
        hsts_max_age_s=settings.hsts_max_age_s,
        hsts_include_subdomains=settings.hsts_include_subdomains,
    )
    # One edge (gateway.edge): the request id wraps everything, so every answer (CORS
    # preflights and gateway-made errors included) carries it; preflights are counted and
    # logged, then answered before any route (so before authentication).
    middleware = [
        Middleware(
            GatewayEdgeMiddleware,
            service=settings.service_name,
            route_label=resource_label,
            log_requests=settings.access_log,
            policy=policy,
        ),
    ]
    if tracing.provider() is not None:
        # Outermost: the gateway's server span covers every answer, its own refusals included.
        middleware.insert(0, Middleware(tracing.TracingMiddleware, route_name=resource_label))
    unexpected = _unexpected_handler(policy)
    # The pass-through's own stack: the same middleware, outermost first, around the endpoint.
    proxy: ASGIApp = ProxyEndpoint()
    for layer in reversed(middleware):
        proxy = layer.cls(proxy, *layer.args, **layer.kwargs)
    return GatewayApp(
        proxy=_ProxyErrors(proxy, unexpected),
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/health/upstreams", upstreams_health, methods=["GET"]),
            Route("/metrics", metrics_endpoint, methods=["GET"]),
            # The API's documentation, public: it describes the API, every call needs a token.
            Route("/openapi.json", openapi_json, methods=["GET"]),
            Route("/docs", swagger_ui, methods=["GET"]),
            Route("/redoc", redoc, methods=["GET"]),
            Route(ASSETS_PREFIX + "/{name}", asset, methods=["GET"]),
            # The gateway's own resources, before the pass-through to the services.
            Route(DASHBOARD_PATH, DashboardEndpoint()),
            Route(API_KEYS_PATH, ApiKeysEndpoint(api_keys_app)),
            Route(API_KEYS_PATH + "/{rest:path}", ApiKeysEndpoint(api_keys_app)),
            Route("/v1/{path:path}", ProxyEndpoint()),
        ],
        middleware=middleware,
        exception_handlers={HTTPException: _http_error, Exception: unexpected},
        lifespan=lifespan,
    )
