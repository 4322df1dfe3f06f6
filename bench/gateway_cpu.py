"""The gateway's own cost per proxied request, counted in CPU instructions (callgrind) or
profiled (cProfile): the gateway as ``make bench`` starts it (one uvicorn process, rate limits
that never refuse), in front of a stand-in upstream, sent requests one at a time, as a claim
load's requests reach it.

    uv run --frozen --all-packages python bench/gateway_cpu.py [--tool callgrind|cprofile|cpu]
        [--kind claim|list] [--requests 300] [--env GATEWAY_ACCESS_LOG=false]
        [--profile var/gateway-cpu.pstats]

``callgrind`` (the default) runs the gateway under ``valgrind --tool=callgrind``, sends
warm-up requests, zeroes the counters (``callgrind_control -z``), sends ``--requests`` more and
dumps the counters (``callgrind_control -d``): the instructions of that window divided by the
requests. Instruction counts do not move with the machine's other load, so two versions of the
gateway compare on a shared machine where CPU time does not; the window includes the server
(uvicorn, httptools), the event loop and the idle wake-ups between requests, as in production.
``cprofile`` runs it under cProfile and writes the statistics to ``--profile`` (cProfile
inflates call-heavy code: read its shares); ``cpu`` reads the process's CPU time per request
(in 10 ms ticks: send 2,000 or more for a figure to read). ``--env`` changes one of the
gateway's settings for the run (repeatable).

``claim`` sends ``POST /v1/coupon-batches/{id}/claims`` with a JSON body, a bearer token and an
``Idempotency-Key`` (as ``make bench``'s claims load); ``list`` sends ``GET /v1/channels?limit=3``.
The stand-in upstream (this module's ``upstream_app``) answers both as the services would in
size and status. ``callgrind`` needs valgrind (``apt-get install valgrind``);
``tests/e2e/test_bench.py`` runs the ``cpu`` tool.
"""

from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
import tempfile
import uuid
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))

from bench.gateway_overhead import (  # noqa: E402
    GATEWAY_APP,
    _base_env,
    _gateway_env,
    _token,
    serve,
)
from bench.stack import gateway_bench_env  # noqa: E402

BATCH_ID = "0190a0b0-0000-7000-8000-000000000001"
CLAIM_PATH = f"/v1/coupon-batches/{BATCH_ID}/claims"
LIST_PATH = "/v1/channels?limit=3"
WARMUP = 60


async def _claim(request: Request) -> Response:
    body = await request.json()
    return JSONResponse(
        {
            "id": str(uuid.uuid4()),
            "batch_id": request.path_params["batch_id"],
            "campaign_id": "0190a0b0-0000-7000-8000-000000000002",
            "code": "MO-7K4Q-2X9P",
            "status": "claimed",
            "customer_id": body["customer_id"],
            "claimed_at": "2026-11-11T00:00:01.123456Z",
            "redeemed_at": None,
            "expires_at": "2026-11-30T15:59:59Z",
            "discount": {"kind": "amount_off", "amount_off": "20.00", "currency": "CNY"},
        },
        status_code=201,
    )


async def _channels(_: Request) -> Response:
    channel = {
        "id": "0190a0b0-0000-7000-8000-000000000003",
        "platform": "wechat",
        "name": "Brand official account",
        "handle": "brand_official",
        "status": "active",
        "created_at": "2026-11-01T08:00:00Z",
        "updated_at": "2026-11-01T08:00:00Z",
    }
    return JSONResponse({"items": [channel] * 3, "next_cursor": None})


async def _ready(_: Request) -> Response:
    return JSONResponse({"status": "ready"})


upstream_app = Starlette(
    routes=[
        Route("/v1/coupon-batches/{batch_id}/claims", _claim, methods=["POST"]),
        Route("/v1/channels", _channels),
        Route("/readyz", _ready),
    ]
)


def _send(client: httpx.Client, kind: str, n: int, start: int) -> Counter[int]:
    """``n`` requests one at a time, counted by status; RuntimeError at any the upstream's
    stand-in would not answer (the gateway refused or failed it)."""
    expected = 201 if kind == "claim" else 200
    statuses: Counter[int] = Counter()
    for i in range(start, start + n):
        if kind == "claim":
            response = client.post(
                CLAIM_PATH,
                json={"customer_id": f"c-{i}"},
                headers={"Idempotency-Key": f"k-{i}"},
            )
        else:
            response = client.get(LIST_PATH)
        if response.status_code != expected:
            raise RuntimeError(f"{kind}: {response.status_code} {response.text[:300]}")
        statuses[response.status_code] += 1
    return statuses


def _callgrind_control(command: str, pid: int) -> None:
    """``callgrind_control -z`` or ``-d`` for the gateway's process; it exits 0 also when it
    reached nothing, so its answer is read."""
    done = subprocess.run(
        ["callgrind_control", command, str(pid)], check=True, capture_output=True, text=True
    )
    if f"PID {pid}" not in done.stdout or "OK" not in done.stdout:
        raise RuntimeError(f"callgrind_control {command} {pid}: {done.stdout}{done.stderr}")


def _instructions(out_prefix: Path) -> int:
    """The instructions of the last dump (``<out>.1``, the window between zero and dump)."""
    text = Path(f"{out_prefix}.1").read_text()
    match = re.search(r"^summary: (\d+)", text, re.MULTILINE) or re.search(
        r"^totals: (\d+)", text, re.MULTILINE
    )
    if match is None:
        raise RuntimeError(f"no instruction count in {out_prefix}.1")
    return int(match.group(1))


def _settings(parser: argparse.ArgumentParser, items: list[str]) -> dict[str, str]:
    settings = {}
    for item in items:
        name, equals, value = item.partition("=")
        if not equals or not name:
            parser.error(f"--env takes NAME=VALUE, not {item!r}")
        settings[name] = value
    return settings


def _stop_on_sigterm() -> None:
    """SIGTERM (a caller's timeout) ends the run through its ``finally`` blocks, so the gateway
    and the upstream it started stop too."""

    def stop(*_: object) -> None:
        raise SystemExit(1)

    signal.signal(signal.SIGTERM, stop)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--tool", choices=["callgrind", "cprofile", "cpu"], default="callgrind")
    parser.add_argument("--kind", choices=["claim", "list"], default="claim")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--profile", default="var/gateway-cpu.pstats", help="cProfile's output file"
    )
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting of the gateway for this run (GATEWAY_ACCESS_LOG=false…); repeatable",
    )
    args = parser.parse_args()
    settings = _settings(parser, args.env)
    _stop_on_sigterm()

    token = _token(["content:read", "campaign:read", "campaign:write"])
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="gateway-cpu-")))
        upstream, _ = stack.enter_context(
            serve(["gateway_cpu:upstream_app"], _base_env(), "/readyz")
        )
        out = tmp / "callgrind.out"
        profile = Path(args.profile).resolve()
        if args.tool == "cprofile":
            profile.parent.mkdir(parents=True, exist_ok=True)
        prefix = {
            "callgrind": [
                "valgrind", "-q", "--tool=callgrind", f"--callgrind-out-file={out}",
                sys.executable,
            ],
            "cprofile": [sys.executable, "-m", "cProfile", "-o", str(profile)],
            "cpu": [sys.executable],
        }[args.tool]  # fmt: skip
        env = _gateway_env(
            upstream, gateway_bench_env() | {"GATEWAY_CAMPAIGN_URL": upstream} | settings
        )
        url, process = stack.enter_context(
            serve(
                GATEWAY_APP,
                env,
                "/readyz",
                prefix=prefix,
                stop_signal=signal.SIGINT,
                ready_timeout_s=900 if args.tool == "callgrind" else 120,
            )
        )
        client = stack.enter_context(
            httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=120)
        )
        _send(client, args.kind, WARMUP, 0)
        if args.tool == "callgrind":
            _callgrind_control("-z", process.pid)
        t0 = process.cpu_times()
        statuses = _send(client, args.kind, args.requests, WARMUP)
        t1 = process.cpu_times()
        answers = ", ".join(f"{n} answered {status}" for status, n in sorted(statuses.items()))
        if args.tool == "callgrind":
            _callgrind_control("-d", process.pid)
            per = _instructions(out) / args.requests
            print(
                f"{args.kind}: {per / 1000:,.1f}k instructions per request (callgrind), {answers}"
            )
        else:
            cpu = (t1.user + t1.system) - (t0.user + t0.system)
            print(
                f"{args.kind}: {cpu * 1000 / args.requests:.3f} ms CPU per request ({args.tool}), "
                f"{answers}"
            )
    if args.tool == "cprofile":
        print(f"cProfile statistics written to {profile}")


if __name__ == "__main__":
    main()
