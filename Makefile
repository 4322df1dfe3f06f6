# MediaOps — the two commands are `make run` and `make test`.
SHELL := /usr/bin/env bash
PACKAGES := libs/servicekit services/content-svc services/campaign-svc services/community-svc services/metrics-svc gateway
UV ?= $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
TEST_DIRS := $(addsuffix /tests,$(PACKAGES)) clients/cli/tests tests
PYTEST := pytest -q -p no:cacheprovider --import-mode=importlib

.PHONY: help uv sync run demo token openapi sdk backup test test-packages test-e2e test-browser browser lint format clean bench bench-growth deploy-check

help:
	@echo "make run    start the whole stack (embedded PostgreSQL, services, worker, gateway)"
	@echo "make test   run every package's test suite and the end-to-end tests"
	@echo "make demo   load the demo workspace \"demo\" into a running \`make run\` (start it first, in"
	@echo "           another terminal); idempotent. DEMO_ARGS=\"--seed 7 --scale small\" for others"
	@echo "make token  print a development token for workspace demo (WORKSPACE=… for another,"
	@echo "           SCOPES=\"content:read …\" for fewer scopes): export TOKEN=\$$(make token)"
	@echo "make lint   ruff + mypy (sources and tests)"
	@echo "make sdk    rebuild clients/openapi.json (the API's merged document) and regenerate the"
	@echo "           Python SDK clients/python from it (make openapi: the document alone)"
	@echo "make deploy-check   validate docker-compose.yml and the Kubernetes manifests offline"
	@echo "           (deploy/README.md): schemas, settings, secrets, probes, grace periods"
	@echo "make browser test-browser   install Debian's chromium (as root) and run the browser test"
	@echo "           of /docs and /redoc; screenshots in var/test-output/browser/"
	@echo "make backup dump every database of \`make run\` (or the *_DATABASE_URL set) into var/backups/"
	@echo "make bench  start its own stack (embedded PostgreSQL, services, gateway) and run every"
	@echo "           benchmark scenario against its raw baseline (~10 min); one table, written to"
	@echo "           bench/RESULTS.md. BENCH_ARGS=\"--only claims,reads --no-write\" for a part"
	@echo "make bench-growth   metrics ingest and query times at 1M and 10M events (~30 min)"

# A fresh machine has only Python: install uv into a private venv (works where the system
# Python refuses `pip install --user`).
uv:
	@command -v $(UV) >/dev/null 2>&1 || { echo "Installing uv into .tools/…" >&2; \
	  python3 -m venv .tools && .tools/bin/pip install --quiet uv; }

sync: uv
	@$(UV) sync --all-packages --frozen

run: sync
	@./scripts/run

# The demo workspace, through the gateway of a running `make run` (scripts/demo.py --help).
demo: sync
	@$(UV) run --frozen python scripts/demo.py $(DEMO_ARGS)

# A development token (every service's read and write scope, or SCOPES="…", 24 h), signed with
# GATEWAY_JWT_SECRET or the development secret a `make run` gateway accepts. Only the token goes
# to stdout, so `export TOKEN=$(make token)` works.
WORKSPACE ?= demo
SCOPES ?=
token: sync
	@MEDIAOPS_ENV=$${MEDIAOPS_ENV:-development} $(UV) run --frozen python -m gateway.token \
	  --workspace '$(WORKSPACE)' $(if $(SCOPES),--scopes '$(SCOPES)')

# The merged OpenAPI document, built from the apps in this process (no stack needed), and the
# typed client generated from it: run after changing any route or schema, commit both
# (tests/clients/test_sdk.py fails while they differ from what these would write).
openapi: sync
	@MEDIAOPS_ENV=development $(UV) run --frozen python scripts/sdk.py spec

sdk: sync
	@MEDIAOPS_ENV=development $(UV) run --frozen python scripts/sdk.py sdk

# Every app's database dumped (pg_dump, custom format) into var/backups/<UTC time>/<app>.dump:
# the *_DATABASE_URL variables when set, else the embedded databases of `make run`
# (servicekit/backup.py; restoring: deploy/README.md, "Backup and restore").
backup: sync
	@if [ -z "$${CONTENT_DATABASE_URL:-}" ]; then \
	  eval "$$(.venv/bin/python -m servicekit.embedded_pg --data-dir var/pg url --env-prefix-upper \
	    content campaign community metrics gateway | sed 's/^/export /')"; \
	fi; \
	$(UV) run --frozen python -m servicekit.backup dump-all --dir var/backups/$$(date -u +%Y%m%dT%H%M%SZ)

# Each package runs on its own exact environment (its declared dependencies only), so an
# undeclared import fails here; the end-to-end suite drives the stack as real processes. The two
# run side by side: the package suites leave most of a second core idle (65% of one, measured),
# and in turn they made up a third of CI's time. The package suites sync their exact
# environments in a venv of their own (test-packages), and here run their own embedded
# PostgreSQL (var/test-pg-packages):
# a server runs from the binaries of the venv that started it, and the suites' exact syncs
# remove the embedded server's package from theirs (mediaops-cli does not need it), which once
# took the other suite's server's files away mid-run. Their output goes to
# $(TEST_OUTPUT)/packages.log, printed when both have ended. They run as a job of their own
# (set -m: their own process group, where Ctrl-C is not ignored as it is for a plain `&`), and
# an interrupt or a SIGTERM of `make test` stops them too.
TEST_OUTPUT = $${MEDIAOPS_TEST_OUTPUT:-var/test-output}
test: uv
	@mkdir -p "$(TEST_OUTPUT)"; log="$(TEST_OUTPUT)/packages.log"; \
	echo "== package suites: side by side with the end-to-end suite, output in $$log"; \
	set -m; \
	$(MAKE) --no-print-directory test-packages > "$$log" 2>&1 < /dev/null & packages=$$!; \
	set +m; \
	trap 'kill -INT -- -$$packages 2>/dev/null; wait $$packages; exit 130' INT TERM; \
	e2e=0; $(MAKE) --no-print-directory test-e2e || e2e=$$?; \
	suites=0; wait $$packages || suites=$$?; \
	echo "== package suites ($$log)"; cat "$$log"; \
	echo "== make test: package suites $$([ $$suites = 0 ] && echo passed || echo FAILED)," \
	  "end-to-end $$([ $$e2e = 0 ] && echo passed || echo FAILED)"; \
	[ $$suites = 0 ] && [ $$e2e = 0 ]

# The exact environments are synced in var/venv-packages, never in .venv: an exact sync removes
# what the package does not declare (mediaops-cli: the embedded PostgreSQL's package), and a
# `make run` stack's PostgreSQL or the end-to-end suite's runs from .venv's copy of it.
test-packages: export UV_PROJECT_ENVIRONMENT = $(CURDIR)/var/venv-packages
# Their own embedded server (MEDIAOPS_TEST_PG_DIR, var/test-pg by default, with -packages added;
# a trailing slash dropped first), so they never share the end-to-end suite's, whether `make
# test` runs the two or they are started by hand side by side.
test-packages: export MEDIAOPS_TEST_PG_DIR := $(patsubst %/,%,$(or $(MEDIAOPS_TEST_PG_DIR),$(CURDIR)/var/test-pg))-packages
test-packages: uv
	@set -e; for pkg in $(PACKAGES); do \
	  name=$$(basename $$pkg); \
	  echo "== $$name"; \
	  $(UV) run --frozen --exact --package $$name $(PYTEST) $$pkg/tests; \
	done
	@echo "== mediaops-cli"
	@$(UV) run --frozen --exact --package mediaops-cli $(PYTEST) clients/cli/tests

# The browser test of the API docs (tests/e2e/test_docs_browser.py, marked `browser`) drives
# Debian's chromium. It runs with the rest whenever chromium is installed, and always in CI
# (CI=true, or BROWSER_TEST=required), where a missing chromium fails it rather than leaving it
# out; on a machine without chromium the run leaves it out and says so at the end of its
# output (`make test`: before the package suites' log).
# (MEDIAOPS_CHROMIUM names another Chromium binary.)
BROWSER_TEST ?= $(if $(CI),required,auto)

test-e2e: sync
	@echo "== end-to-end"
	@chromium="$${MEDIAOPS_CHROMIUM:-$$(command -v chromium || true)}"; \
	if [ "$(BROWSER_TEST)" = required ] || [ -n "$$chromium" ]; then \
	  $(UV) run --frozen --all-packages $(PYTEST) tests; \
	else \
	  status=0; $(UV) run --frozen --all-packages $(PYTEST) -m "not browser" tests || status=$$?; \
	  echo "Browser test of /docs not run: chromium is not installed; run it with \`make browser test-browser\`"; \
	  exit $$status; \
	fi

# The browser test alone; its screenshots land in var/test-output/browser/
# ($$MEDIAOPS_TEST_OUTPUT/browser when that is set).
test-browser: sync
	@$(UV) run --frozen --all-packages $(PYTEST) tests/e2e/test_docs_browser.py

# Debian's chromium for the browser test, installed with apt-get when missing (as root, or
# through sudo). Playwright's own browser download is never used.
browser:
	@if command -v chromium >/dev/null 2>&1; then \
	  echo "chromium: $$(command -v chromium)"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	  else echo "Installing chromium needs root: run \`apt-get install chromium\` as root" >&2; exit 1; fi; \
	  command -v apt-get >/dev/null 2>&1 || { echo "No apt-get here: install Chromium yourself and" \
	    "set MEDIAOPS_CHROMIUM to its binary" >&2; exit 1; }; \
	  echo "Installing Debian's chromium…" >&2; \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && \
	  echo "chromium: $$(command -v chromium)"; \
	fi

# Benchmarks (bench/run.py; not part of `make test`): each starts its own embedded PostgreSQL in
# var/bench-pg (BENCH_DATABASE_URL for another server) and the apps on free ports, so it runs
# next to a `make run`. Results replace the generated section of bench/RESULTS.md.
BENCH_ARGS ?=
bench: sync
	@$(UV) run --frozen --all-packages python -m bench.run --command "make bench" $(BENCH_ARGS)

bench-growth: sync
	@$(UV) run --frozen --all-packages python -m bench.run --command "make bench-growth" \
	  --only ingest,growth --growth 1000000,10000000 $(BENCH_ARGS)

# docker-compose.yml against the Compose specification, every kustomization under deploy/k8s
# rendered and validated against the Kubernetes schemas, every variable a setting of its app,
# every secret referenced rather than written (scripts/deploy_check.py says what else). Offline:
# the schemas and kubectl's kustomize come from the locked dev dependencies.
deploy-check: sync
	@$(UV) run --frozen --all-packages python scripts/deploy_check.py
	@$(UV) run --frozen --all-packages python scripts/config_reference.py --check

# The tests are type-checked too, one directory a run: each is a package named `tests`, so one
# mypy run over all of them would find the same module name several times.
lint: sync
	@$(UV) run --frozen ruff check .
	@$(UV) run --frozen ruff format --check .
	@$(UV) run --frozen mypy -p servicekit -p content_svc -p campaign_svc -p community_svc -p metrics_svc -p gateway
	@$(UV) run --frozen mypy -p mediaops_cli
	@$(UV) run --frozen mypy scripts/demo.py scripts/demo_plan.py scripts/sdk.py scripts/deploy_check.py scripts/config_reference.py
	@set -e; for dir in $(TEST_DIRS); do \
	  echo "== mypy $$dir"; \
	  $(UV) run --frozen mypy $$dir; \
	done

format: sync
	@$(UV) run --frozen ruff format .
	@$(UV) run --frozen ruff check --fix .

clean:
	rm -rf .venv .tools var .pytest_cache .mypy_cache .ruff_cache
