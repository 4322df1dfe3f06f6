"""JSON logs on stdout, each line of a request carrying its request id and the service name."""

import io
import json
import logging
import sys
import warnings
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
import structlog
from asgi_lifespan import LifespanManager
from fixture_service.app import Settings, create_app

from servicekit.logging import configure_logging
from servicekit.settings import DEV_INTERNAL_TOKEN


@pytest.fixture
def log_output() -> io.StringIO:
    return io.StringIO()


@pytest.fixture
async def json_logging_client(
    database_url: str, restore_root_logger: None, log_output: io.StringIO
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(database_url=database_url, log_json=True))
    async with LifespanManager(app) as manager:
        # The lifespan configured logging: one handler, on stdout; read what it writes.
        (handler,) = logging.getLogger().handlers
        assert isinstance(handler, logging.StreamHandler)
        assert handler.stream is sys.stdout
        handler.setStream(log_output)
        transport = httpx.ASGITransport(app=manager.app, raise_app_exceptions=False)
        headers = {"X-Internal-Token": DEV_INTERNAL_TOKEN, "X-Workspace-Id": "ws-log"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://svc", headers=headers
        ) as client:
            yield client


def read(output: io.StringIO) -> str:
    text = output.getvalue()
    output.seek(0)
    output.truncate()
    return text


def json_lines(out: str) -> list[dict[str, Any]]:
    lines = [line for line in out.splitlines() if line.strip()]
    return [json.loads(line) for line in lines]  # every line is JSON, or this fails


async def test_lines_logged_during_a_request_carry_its_id_and_the_service(
    json_logging_client: httpx.AsyncClient, log_output: io.StringIO
) -> None:
    read(log_output)
    r = await json_logging_client.get("/v1/probe/context", headers={"X-Request-Id": "req-log-1"})
    assert r.status_code == 200
    records = json_lines(read(log_output))

    app_line = next(rec for rec in records if rec["event"] == "probe.context")
    assert app_line["request_id"] == "req-log-1"
    assert app_line["service"] == "fixture"
    assert app_line["workspace_id"] == "ws-log"
    assert app_line["level"] == "info"
    assert "timestamp" in app_line

    access = next(rec for rec in records if rec["event"] == "request")
    assert access["request_id"] == "req-log-1"
    assert access["service"] == "fixture"
    assert access["method"] == "GET"
    assert access["path"] == "/v1/probe/context"
    assert access["status"] == 200


async def test_every_line_of_a_request_names_its_workspace_and_no_later_one_does(
    json_logging_client: httpx.AsyncClient, log_output: io.StringIO
) -> None:
    read(log_output)
    r = await json_logging_client.get("/v1/probe/context", headers={"X-Request-Id": "req-log-ws"})
    assert r.status_code == 200
    (access,) = [rec for rec in json_lines(read(log_output)) if rec["event"] == "request"]
    assert (access["request_id"], access["workspace_id"]) == ("req-log-ws", "ws-log")
    structlog.get_logger("after").info("after.request")
    (line,) = json_lines(read(log_output))
    assert "workspace_id" not in line


async def test_the_request_id_is_unbound_after_the_request(
    json_logging_client: httpx.AsyncClient, log_output: io.StringIO
) -> None:
    await json_logging_client.get("/healthz", headers={"X-Request-Id": "req-log-2"})
    read(log_output)
    structlog.get_logger("after").info("after.request")
    (line,) = json_lines(read(log_output))
    assert line["event"] == "after.request"
    assert "request_id" not in line


async def test_an_unexpected_error_is_logged_with_its_request_id_and_traceback(
    json_logging_client: httpx.AsyncClient, log_output: io.StringIO
) -> None:
    read(log_output)
    r = await json_logging_client.get("/v1/probe/boom", headers={"X-Request-Id": "req-log-3"})
    assert r.status_code == 500
    records = json_lines(read(log_output))
    error = next(rec for rec in records if rec["event"] == "unhandled error")
    assert error["request_id"] == "req-log-3"
    assert error["level"] == "error"
    assert "RuntimeError: secret internals" in error["exception"]


def test_stdlib_records_are_rendered_as_json_too(
    restore_root_logger: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO", json=True, service="svc-x")
    logging.getLogger("some.library").warning("disk %s is %d%% full", "/var", 93)
    (line,) = json_lines(capsys.readouterr().out)
    assert line["event"] == "disk /var is 93% full"
    assert line["level"] == "warning"
    assert line["service"] == "svc-x"


def test_the_level_filters_records(
    restore_root_logger: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("warning", json=True)
    logging.getLogger("quiet").info("not shown")
    structlog.get_logger("quiet").info("not shown either")
    assert capsys.readouterr().out == ""


def test_structlog_lines_follow_the_latest_configuration(
    restore_root_logger: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """A logger cached at first use still honours a later configuration's level and service."""
    log = structlog.get_logger("cached.early")
    configure_logging("INFO", json=True, service="first")
    log.info("one")
    configure_logging("WARNING", json=True, service="second")
    log.info("dropped")
    log.warning("two %s", "args")
    try:
        raise ValueError("kept")
    except ValueError:
        log.exception("three")
    lines = json_lines(capsys.readouterr().out)
    assert [(line["event"], line["service"], line["level"]) for line in lines] == [
        ("one", "first", "info"),
        ("two args", "second", "warning"),
        ("three", "second", "error"),
    ]
    assert "ValueError: kept" in lines[2]["exception"]


def test_python_warnings_are_json_lines_too(
    restore_root_logger: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO", json=True, service="svc-w")
    warnings.warn("this call goes away next release", DeprecationWarning, stacklevel=1)
    (line,) = json_lines(capsys.readouterr().out)
    assert "this call goes away next release" in line["event"]
    assert (line["level"], line["service"]) == ("warning", "svc-w")


@dataclass
class _Credentials:
    user: str
    secret: str = field(repr=False)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        pytest.param("/v1/posts/\ud800x", "/v1/posts/\ud800x", id="lone surrogate"),
        pytest.param("社群 SOP", "社群 SOP", id="text other than ASCII"),
        pytest.param({1: "one", "two": 2}, {"1": "one", "two": 2}, id="key not a string"),
        pytest.param(2**70, 2**70, id="int beyond 64 bits"),
        pytest.param(
            datetime(2026, 11, 11, 0, 0, 1, tzinfo=UTC), "2026-11-11T00:00:01+00:00", id="datetime"
        ),
        pytest.param(Decimal("9.90"), "Decimal('9.90')", id="no JSON type: its repr"),
        pytest.param(
            _Credentials("ops", "hunter2"), "_Credentials(user='ops')", id="dataclass: its repr"
        ),
        pytest.param(float("nan"), None, id="NaN"),
    ],
)
def test_a_value_is_written_as_compact_ascii_json(
    restore_root_logger: None, capsys: pytest.CaptureFixture[str], value: object, written: object
) -> None:
    """Lines are rendered by orjson, or by json.dumps where orjson refuses a value or would
    write text other than ASCII; either way one compact ASCII JSON line (no stdout encoding can
    fail it), a dataclass by its repr (what it keeps out of it stays out of the logs)."""
    configure_logging("INFO", json=True, service="svc-j")
    structlog.get_logger("values").info("value", value=value)
    out = capsys.readouterr().out
    assert out.isascii()
    assert '": ' not in out  # compact, whichever serializer wrote it
    (line,) = json_lines(out)
    assert (line["event"], line["service"]) == ("value", "svc-j")
    assert line["value"] == written
