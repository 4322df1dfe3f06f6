"""`make bench` cannot rot unnoticed: its table and RESULTS.md writer, and one scenario (the hot
reads) with a few requests against a real content-svc process on a real database, through the
same load generator, CPU sampling and raw asyncpg baseline the full run uses."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from servicekit.migrations import upgrade_head
from servicekit.testing import databases

from .stack import ROOT, SERVICES, free_port

# bench/ is a top-level package of the repository (`python -m bench.run`), not installed.
sys.path.insert(0, str(ROOT))
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
    first = bench.render_section(
        rows, command="make bench", started=started, seconds=60, database="db", extra=""
    )
    bench.write_results(results, first)
    rows[0].ours = "11/s"
    second = bench.render_section(
        rows, command="make bench", started=started, seconds=60, database="db", extra=""
    )
    bench.write_results(results, second)
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
    rows = bench.scenario_reads(ctx)

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
