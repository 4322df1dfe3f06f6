"""`make bench` cannot rot unnoticed: its table and RESULTS.md writer, and one scenario (the hot
reads) with a few requests against a real content-svc process on a real database, through the
same load generator, CPU sampling and raw asyncpg baseline the full run uses."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from servicekit.migrations import upgrade_head
from servicekit.testing import databases

from .stack import ROOT, SERVICES, free_port

# bench/ is a top-level package of the repository (`python -m bench.run`), not installed.
sys.path.insert(0, str(ROOT))
from bench import loadgen
from bench import run as bench
from bench.stack import BenchStack, rss_mb


def test_results_section_is_replaced_not_appended(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text(
        "# Benchmarks\n\nintro\n\n## 2026-12-03 — someone's section\n\nprose naming "
        f"`{bench.BEGIN}` and `{bench.END}` is not the block\n"
    )
    rows = [
        bench.Row("(x) a target met", "10/s", "20/s", 0.5, "≥ 50%", {"svc": 1.25}, 2.0, 9.0, True),
        bench.Row("(y) one missed", "1/s", "20/s", 0.05, "≥ 50%", passed=False, note="why"),
        bench.Row("(z) no target", "3 MB"),
    ]
    started = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)

    def write() -> None:
        section = bench.render_section(
            rows,
            command="make bench",
            started=started,
            seconds=60,
            database="db",
            extra="",
            client="lean",
        )
        bench.write_results(results, section)

    write()
    rows[0].ours = "11/s"
    write()
    text = results.read_text()
    assert text.startswith("# Benchmarks\n\n" + bench.BEGIN)
    assert text.count(bench.BEGIN + "\n") == text.count("\n" + bench.END + "\n") == 1
    assert "| (x) a target met | 11/s | 20/s | 50% | ≥ 50% | svc 1.25 | 2.0 / 9.0 | pass |" in text
    assert "| 10/s |" not in text
    assert "| (y) one missed | 1/s | 20/s | 5% | ≥ 50% |  |  | FAIL |" in text
    assert "- (y) one missed: why" in text
    assert "1 rows meet their target, 1 do not" in text
    assert "intro" in text
    assert text.endswith(
        f"## 2026-12-03 — someone's section\n\nprose naming `{bench.BEGIN}` and `{bench.END}` "
        "is not the block\n"
    )
    assert "Python " in text  # the machine
    assert "bench/loadgen.py (lean client," in text


def _slice(latencies_ms: list[float]) -> loadgen.LoadResult:
    return loadgen.LoadResult(
        requests=len(latencies_ms),
        ok=len(latencies_ms),
        statuses={"200": len(latencies_ms)},
        elapsed_s=1.0,
        latencies_ms=latencies_ms,
        generator_cpu_s=0.0,
        processes=1,
    )


def test_the_gateway_overhead_is_read_pair_by_pair_so_one_stall_decides_one_pair() -> None:
    # Every pair: direct answers in 2 ms, the gateway in 2.5 ms (p99 alike): +0.5 ms. In the
    # fourth pair a stall of the machine held up a tenth of the gateway's answers by 150 ms
    # (at 400 requests a second, a stall of a quarter of a second does).
    direct = [_slice([2.0] * 1000) for _ in range(5)]
    gateway = [_slice([2.5] * 1000) for _ in range(5)]
    gateway[3] = _slice([2.5] * 900 + [150.0] * 100)
    overhead = bench.paired_overhead(direct, gateway)
    assert overhead.p50_ms == pytest.approx(0.5)
    assert overhead.p99_ms == pytest.approx(0.5)
    assert overhead.pairs[3] == pytest.approx((0.5, 148.0))
    # Pooled, the same stall would have been the p99's whole difference.
    pooled = bench._merged(gateway).percentile(0.99) - bench._merged(direct).percentile(0.99)
    assert pooled > 100


def test_a_gateway_slower_in_most_pairs_is_read_as_slower() -> None:
    # The median filters one stalled pair, not a cost the gateway has in most of them.
    direct = [_slice([2.0] * 1000) for _ in range(5)]
    slower = [_slice([2.0] * 990 + [9.0] * 10) for _ in range(3)]
    slower += [_slice([2.5] * 1000) for _ in range(2)]
    assert bench.paired_overhead(direct, slower).p99_ms == pytest.approx(7.0)


def _round(ratio: float, campaign_ms: float, *, sound: bool = True) -> bench.Row:
    return bench.Row(
        "(1) claims",
        f"{ratio * 1000:,.0f}/s",
        "1,000/s",
        ratio,
        "≥ 50% of raw; campaign ≤ 2.5 ms",
        {"campaign": campaign_ms, "gateway": 0.4},
        note=f"round at {ratio:.0%}",
        judge=lambda r: (r.ratio or 0) >= 0.5 and r.cpu_ms["campaign"] <= 2.5 and sound,
    )


def test_a_row_of_rounds_is_the_median_round_with_each_process_median_cpu() -> None:
    # CPU per request of the rounds 2.3, 2.9 (a busy moment), 2.4: the median meets 2.5 ms
    # though one round alone did not; the ratio and what goes with it are the median round's.
    rounds = [[_round(0.62, 2.3)], [_round(0.48, 2.9)], [_round(0.55, 2.4)]]
    assert [r[0].passed for r in rounds] == [True, False, True]
    (row,) = bench.merge_rounds(rounds)
    assert row.ratio == 0.55
    assert row.ours == "550/s"
    assert row.cpu_ms == {"campaign": 2.4, "gateway": 0.4}
    assert row.passed is True
    assert row.note.startswith("median of 3 rounds")
    assert "round 2: ratio 48%, campaign 2.90, gateway 0.40" in row.note
    assert row.note.endswith("round at 55%")


def test_a_row_whose_median_cpu_is_over_its_target_fails() -> None:
    (slow,) = bench.merge_rounds([[_round(0.6, 2.6)], [_round(0.6, 2.4)], [_round(0.6, 2.7)]])
    assert slow.cpu_ms["campaign"] == 2.6
    assert slow.passed is False


def test_a_rounds_own_check_must_hold_in_every_round() -> None:
    # One round's database audit failed: the medians meet the target, the row does not.
    (unsound,) = bench.merge_rounds(
        [[_round(0.6, 2.0)], [_round(0.6, 2.0, sound=False)], [_round(0.6, 2.0)]]
    )
    assert unsound.passed is False


def test_one_round_is_the_row_itself() -> None:
    one = [_round(0.3, 2.0)]
    assert bench.merge_rounds([one]) == one


def test_rounds_that_do_not_match_are_refused() -> None:
    with pytest.raises(ValueError, match="rounds of different rows"):
        bench.merge_rounds(
            [[_round(0.5, 2.0)], [bench.Row("(2) redeem", "1/s")], [_round(0.5, 2.0)]]
        )
    other = _round(0.5, 2.0)
    other.cpu_ms = {"campaign": 2.0}
    with pytest.raises(ValueError, match="rounds measured different processes"):
        bench.merge_rounds([[_round(0.5, 2.0)], [other], [_round(0.5, 2.0)]])
    with pytest.raises(ValueError, match="even number"):
        bench.merge_rounds([[_round(0.5, 2.0)], [_round(0.6, 2.0)]])


@pytest.fixture
def content_only(tmp_path: Path) -> Iterator[BenchStack]:
    """content-svc alone, as `make bench` starts it, on a fresh migrated database."""
    with databases.test_server_url() as (_, admin_url):
        name = databases.run_database_name("bench_test_content")
        url = databases.create_test_database(admin_url, name)
        upgrade_head(ROOT / "services" / "content-svc" / "alembic.ini", url)
        stack = BenchStack({"content": url}, tmp_path)
        for svc in SERVICES:  # the peers content-svc is told about; none is needed here
            stack.ports[svc] = free_port()
        try:
            stack.start("content")
            yield stack
        finally:
            stack.stop_all()
            databases.drop_test_database(admin_url, name)


def test_hot_reads_scenario_measures_a_real_service(
    content_only: BenchStack, tmp_path: Path
) -> None:
    ctx = bench.Context(content_only, bench.Sizes.quick(), tmp_path)
    ctx.idle_rss = {"content": rss_mb(content_only.process("content"))}
    rows = bench.run_rounds(bench.scenario_reads, ctx, ctx.sizes.rounds)

    assert [r.scenario.split(",")[0] for r in rows] == [
        "(3) GET /v1/channels?limit=3",
        "(3) GET /v1/channels/{id}",
    ]
    for load in ctx.loads:
        assert load.ok > 0
        assert set(load.statuses) == {"200"}, load.statuses
        assert load.rate > 0
        assert 0 < load.percentile(0.5) <= load.percentile(0.99)
    for row in rows:
        assert row.cpu_ms["content"] > 0  # the service's CPU time was sampled
        assert row.cpu_ms["raw asyncpg client"] > 0
        assert row.ratio is not None
        assert row.ratio > 0  # the raw baseline answered too
        assert row.passed is (row.cpu_ms["content"] <= 1.2)
        assert row.note.startswith(f"median of {ctx.sizes.rounds} rounds")
    assert len(ctx.loads) == 2 * ctx.sizes.rounds  # each path loaded once a round

    memory = bench.scenario_memory(ctx)
    assert [r.scenario for r in memory] == ["(8) memory: content"]
    assert memory[0].ours.endswith("MB after load")

    generator = bench.generator_row(ctx)
    assert "CPU/request" in generator.ours


def test_the_raw_claim_baseline_gets_every_parameter_its_statement_names() -> None:
    """The claims scenario's raw baseline fills each ``$n`` of the shared baseline statement
    (a statement that gained a parameter once broke `make bench` at its first scenario)."""
    from bench.claims import RAW_CLAIM_PARAMS, RAW_CLAIM_SQL

    args = bench.raw_claim_args("7d4f3c1e-0000-4000-8000-000000000001", 3)
    assert len(args) == len(RAW_CLAIM_PARAMS)
    assert f"${len(args)}" in RAW_CLAIM_SQL
    assert f"${len(args) + 1}" not in RAW_CLAIM_SQL
    assert "raw-7d4f3c1e-3" in args


class _RecordingServer:
    """An HTTP/1.1 server that keeps each request (head and body) and answers 201, closing the
    connection after every ``close_every``-th answer (``Connection: close``) and, with
    ``silent_close_s``, that long after every answer without saying so (as a keep-alive
    timeout does)."""

    def __init__(self, close_every: int = 0, silent_close_s: float | None = None) -> None:
        self.close_every = close_every
        self.silent_close_s = silent_close_s
        self.seen: list[bytes] = []
        self.connections = 0

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                break
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.seen.append(head + await reader.readexactly(length))
            close = bool(self.close_every) and len(self.seen) % self.close_every == 0
            writer.write(
                b"HTTP/1.1 201 Created\r\ncontent-length: 2\r\n"
                + (b"connection: close\r\n" if close else b"")
                + b"\r\n{}"
            )
            await writer.drain()
            if close:
                break
            if self.silent_close_s is not None:
                await asyncio.sleep(self.silent_close_s)
                break
        writer.close()

    def request(self, path: str) -> bytes:
        [request] = [r for r in self.seen if r.startswith(f"POST {path} HTTP/1.1".encode())]
        return request


def _posts(n: int) -> list[loadgen.Request]:
    return [
        ("POST", f"/v1/things/{i}", f'{{"n": {i}}}', {"Idempotency-Key": f"k-{i}"})
        for i in range(n)
    ]


def _run(spec: loadgen.LoadSpec, server: _RecordingServer | None) -> dict[str, Any]:
    async def run() -> dict[str, Any]:
        if server is None:  # nothing listens there
            spec.base_url = f"http://127.0.0.1:{free_port()}"
            return await loadgen._one_process(spec, 0, time.time())
        listening = await asyncio.start_server(server.serve, "127.0.0.1", 0)
        async with listening:
            spec.base_url = f"http://127.0.0.1:{listening.sockets[0].getsockname()[1]}"
            return await loadgen._one_process(spec, 0, time.time())

    return asyncio.run(run())


def _spec(client: str, requests: list[loadgen.Request], **fields: Any) -> loadgen.LoadSpec:
    return loadgen.LoadSpec(
        base_url="",
        requests=requests,
        headers={"Authorization": "Bearer t"},
        concurrency=3,
        duration_s=10,
        warmup_s=0,
        cycle=False,
        ok_statuses=(201,),
        client=client,
        **fields,
    )


@pytest.mark.parametrize("client", loadgen.CLIENTS)
def test_each_client_sends_each_request_whole_and_counts_each_answer(client: str) -> None:
    """The load generator's clients: each request on the wire with the spec's headers, its own
    and its body, over connections reused (a new one only where the server closed one), every
    answer counted once."""
    server = _RecordingServer(close_every=5)
    result = _run(_spec(client, _posts(12)), server)
    assert result["statuses"] == {"201": 12}
    assert result["ok"] == 12
    assert len(server.seen) == 12
    assert server.connections <= 3 + 12 // 5  # one per client, and one per close
    for i in range(12):
        request = server.request(f"/v1/things/{i}")
        body = f'{{"n": {i}}}'.encode()
        assert request.endswith(b"\r\n\r\n" + body)
        assert f"Content-Length: {len(body)}\r\n".encode() in request
        assert b"Authorization: Bearer t\r\n" in request
        assert f"Idempotency-Key: k-{i}\r\n".encode() in request


def test_the_lean_client_at_a_fixed_rate_opens_a_new_connection_for_one_closed_while_idle() -> None:
    """A connection the server closed while it waited for the next request (a keep-alive
    timeout: no ``Connection: close``) is not used again: each request on schedule gets its
    answer over a fresh one."""
    server = _RecordingServer(silent_close_s=0.01)
    result = _run(_spec("lean", _posts(6), rate=20.0), server)
    assert result["statuses"] == {"201": 6}
    assert server.connections == 6
    assert len(result["latencies_ms"]) == 6


@pytest.mark.parametrize(
    ("client", "error"),
    [("lean", "ConnectionRefusedError"), ("aiohttp", "ClientConnectorError")],
)
def test_a_refused_connection_is_an_error_per_request_not_a_hang(client: str, error: str) -> None:
    result = _run(_spec(client, _posts(12)), None)
    assert result["ok"] == 0
    assert result["statuses"] == {error: 12}


@pytest.mark.parametrize(("kind", "status"), [("claim", 201), ("list", 200)])
def test_the_gateway_cpu_bench_proxies_real_requests(kind: str, status: int) -> None:
    """``bench/gateway_cpu.py`` (its CPU-time tool; callgrind needs valgrind) drives the real
    gateway in front of its stand-in upstream, every request answered as the service would.
    200 requests: the process's CPU time is read in 10 ms ticks."""
    command = [sys.executable, "bench/gateway_cpu.py", "--tool", "cpu", "--kind", kind]
    # Its own process group: on a timeout the servers it started end with it.
    bench_run = subprocess.Popen(
        [*command, "--requests", "200"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = bench_run.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        os.killpg(bench_run.pid, signal.SIGKILL)
        bench_run.communicate()
        raise
    assert bench_run.returncode == 0, err[-3000:]
    line = re.fullmatch(
        rf"{kind}: (\d+\.\d+) ms CPU per request \(cpu\), 200 answered (\d+)\n", out
    )
    assert line is not None, out
    assert float(line.group(1)) > 0
    assert int(line.group(2)) == status
