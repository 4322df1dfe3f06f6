# Every MediaOps image: the four services and the gateway, built from the repository root (the uv
# workspace). The build arguments say which app (docker-compose.yml passes them for each):
#   docker build --build-arg APP=services/campaign-svc --build-arg PACKAGE=campaign-svc \
#     --build-arg FACTORY=campaign_svc.main:create_app --build-arg PORT=8102 \
#     -t mediaops/campaign-svc .
#   docker build --build-arg APP=gateway --build-arg PACKAGE=gateway \
#     --build-arg FACTORY=gateway.main:create_app --build-arg PORT=8100 -t mediaops/gateway .
# An image holds its own package's locked dependencies and nothing more. An image serves the API
# by default; `alembic upgrade head`, run from its WORKDIR (the app's folder), migrates the
# database named by <NAME>_DATABASE_URL (the gateway's: GATEWAY_DATABASE_URL, its API keys). A
# container needs that URL: the embedded PostgreSQL is for local development only.
FROM python:3.11-slim

# APP: the app's folder; PACKAGE: its uv package; FACTORY: its create_app; PORT: its port.
ARG APP
ARG PACKAGE
ARG FACTORY
ARG PORT

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH="/app/.venv/bin:$PATH"

RUN test -n "$APP" && test -n "$PACKAGE" && test -n "$FACTORY" && test -n "$PORT" \
    || { echo "build with --build-arg APP=… PACKAGE=… FACTORY=… PORT=… (see the top of this file)" >&2; exit 1; }

RUN pip install --no-cache-dir "uv>=0.9"

WORKDIR /app

# The workspace resolves only with every member's pyproject.toml present. Third-party
# dependencies get their own layer, rebuilt only when a manifest or the lock changes.
COPY pyproject.toml uv.lock ./
COPY libs/servicekit/pyproject.toml libs/servicekit/pyproject.toml
COPY services/content-svc/pyproject.toml services/content-svc/pyproject.toml
COPY services/campaign-svc/pyproject.toml services/campaign-svc/pyproject.toml
COPY services/community-svc/pyproject.toml services/community-svc/pyproject.toml
COPY services/metrics-svc/pyproject.toml services/metrics-svc/pyproject.toml
COPY gateway/pyproject.toml gateway/pyproject.toml
RUN uv sync --frozen --no-dev --no-install-workspace --package "$PACKAGE"

# Workspace members stay editable installs on purpose: a service finds its migrations/ folder
# next to its source (main.MIGRATIONS_DIR) to report readiness against the head revision.
COPY libs/ libs/
COPY ${APP}/ ${APP}/
RUN uv sync --frozen --no-dev --package "$PACKAGE"

RUN useradd --system --uid 10001 --no-create-home mediaops
USER mediaops

WORKDIR /app/${APP}
# uvicorn reads the app and the port from UVICORN_APP and UVICORN_PORT, so one CMD serves all.
# The gateway's pooled upstream connections idle 15 s, well below the servers' keep-alive
# (75 s), so it never reuses a connection a service is closing (services ignore the variable).
ENV UVICORN_APP=${FACTORY} \
    UVICORN_PORT=${PORT} \
    GATEWAY_UPSTREAM_KEEPALIVE_S=15
EXPOSE ${PORT}
# Worker processes: WEB_CONCURRENCY, which uvicorn reads as --workers (and the gateway, to share
# out its in-memory rate limits); the entrypoint defaults it to the cores the container sees.
# The gateway's /metrics sums its workers through PROMETHEUS_MULTIPROC_DIR, emptied at each
# start (services keep one registry per process: README.md, "Worker processes"). The
# entrypoint execs the command, so it stays PID 1.
ENTRYPOINT ["sh", "-c", "export WEB_CONCURRENCY=\"${WEB_CONCURRENCY:-$(nproc)}\"; case \"$UVICORN_APP\" in gateway.*) export PROMETHEUS_MULTIPROC_DIR=\"${PROMETHEUS_MULTIPROC_DIR:-/tmp/prometheus-gateway}\"; rm -rf \"$PROMETHEUS_MULTIPROC_DIR\"; mkdir -p \"$PROMETHEUS_MULTIPROC_DIR\";; esac; exec \"$@\"", "entrypoint"]
# Exec form: uvicorn is PID 1 and receives SIGTERM itself, so shutdown is graceful. Every app
# writes its own access line with the request id, so uvicorn's is off.
CMD ["uvicorn", "--factory", "--host", "0.0.0.0", "--timeout-keep-alive", "75", "--no-access-log", \
     "--http", "servicekit.headercap:HeaderCappedHttpToolsProtocol"]
