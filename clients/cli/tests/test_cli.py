"""The ``mediaops`` command as a user runs it: a real process talking real HTTP to a small
server that speaks the API's jobs contract (``contract.py``)."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .contract import BATCH, EXPORT, EXPORT_CSV, GROUP, TOKEN, Contract, serve

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# 250000/1000000 as Rich's progress column writes it (padded to the total's width).
DONE_OF = re.compile(r"(\d+)/(\d+)")


@pytest.fixture
def contract() -> Iterator[Contract]:
    with serve() as running:
        yield running


def mediaops(
    *args: str,
    url: str,
    home: Path,
    token: str | None = TOKEN,
    env: dict[str, str] | None = None,
    terminal: bool = True,
) -> subprocess.CompletedProcess[str]:
    """``mediaops ARGS`` with a terminal's progress bars (Rich draws each frame; ``terminal``
    False: the pipe it really writes to) and the credential in the environment unless
    ``token`` is None (then the config file's)."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MEDIAOPS_") and k not in ("TTY_INTERACTIVE", "TTY_COMPATIBLE")
    }
    base |= {"XDG_CONFIG_HOME": str(home), "COLUMNS": "120"}
    if terminal:
        base |= {"TTY_INTERACTIVE": "1", "TTY_COMPATIBLE": "1"}
    if token is not None:
        base |= {"MEDIAOPS_URL": url, "MEDIAOPS_TOKEN": token}
    done = subprocess.run(
        [sys.executable, "-m", "mediaops_cli", *args],
        env=base | (env or {}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    if not terminal:
        return done
    return subprocess.CompletedProcess(
        done.args, done.returncode, ANSI.sub("", done.stdout), ANSI.sub("", done.stderr)
    )


def progress(stderr: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in DONE_OF.findall(stderr)]


GENERATE = ("codes", "generate", "--batch-name", "满199减20", "--quantity", "1000000",
            "--amount-off", "2000", "--valid-days", "30", "--poll", "0.05")  # fmt: skip


def test_codes_generate_follows_the_job_with_a_progress_bar(
    contract: Contract, tmp_path: Path
) -> None:
    done = mediaops(*GENERATE, url=contract.url, home=tmp_path)

    assert done.returncode == 0, done.stderr
    (job,) = contract.jobs.values()
    assert job.looks == [250_000, 500_000, 750_000, 1_000_000]
    # Every step of the job drawn on the bar, in order, up to the whole.
    seen = [d for d, total in progress(done.stderr) if total == 1_000_000]
    assert {250_000, 500_000, 750_000, 1_000_000} <= set(seen)
    assert seen == sorted(seen)
    assert f"job {job.id} succeeded: 1,000,000 of 1,000,000 done, 0 errors" in done.stdout
    assert "generated: 1000000" in done.stdout
    (post,) = [r for r in contract.requests if r["method"] == "POST"]
    assert json.loads(post["body"])["total_quantity"] == 1_000_000
    assert post["headers"]["Idempotency-Key"].startswith("mediaops-cli-")


def test_off_a_terminal_each_move_of_the_job_is_a_line(contract: Contract, tmp_path: Path) -> None:
    done = mediaops(*GENERATE, url=contract.url, home=tmp_path, terminal=False)

    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert [re.sub(r" \d+:\d\d:\d\d$", "", line) for line in lines] == [
        "codes for 满199减20 · queued 0/1000000 (0%)",
        "codes for 满199减20 · running 250000/1000000 (25%)",
        "codes for 满199减20 · running 500000/1000000 (50%)",
        "codes for 满199减20 · running 750000/1000000 (75%)",
        "codes for 满199减20 · succeeded 1000000/1000000 (100%)",
    ]
    assert "\x1b" not in done.stderr + done.stdout  # no bar frames, no colours in a log


def test_a_service_restarting_mid_job_is_waited_for(contract: Contract, tmp_path: Path) -> None:
    contract.outage = 3  # the next three looks at the job: 503 from the gateway

    done = mediaops(*GENERATE, url=contract.url, home=tmp_path, terminal=False)

    assert done.returncode == 0, done.stderr
    assert "codes for 满199减20 · waiting for the service 0/1000000 (0%)" in done.stderr
    (job,) = contract.jobs.values()
    assert job.looks == [250_000, 500_000, 750_000, 1_000_000]
    assert f"job {job.id} succeeded: 1,000,000 of 1,000,000 done" in done.stdout


def test_the_same_command_again_follows_the_same_job(contract: Contract, tmp_path: Path) -> None:
    first = mediaops(*GENERATE, url=contract.url, home=tmp_path)
    again = mediaops(*GENERATE, url=contract.url, home=tmp_path)

    assert first.returncode == again.returncode == 0, again.stderr
    assert len(contract.jobs) == 1
    keys = {r["headers"]["Idempotency-Key"] for r in contract.requests if r["method"] == "POST"}
    assert len(keys) == 1
    (job,) = contract.jobs.values()
    assert f"job {job.id} succeeded" in again.stdout
    assert "answered this request before" in again.stderr


def test_a_small_batch_is_created_at_once_without_a_job(contract: Contract, tmp_path: Path) -> None:
    small = [*GENERATE]
    small[small.index("1000000")] = "5000"

    done = mediaops(*small, "--quiet", url=contract.url, home=tmp_path)

    assert done.returncode == 0, done.stderr
    assert contract.jobs == {}
    assert re.fullmatch(r"[0-9a-f-]{36}\n", done.stdout)


def test_a_failed_job_exits_non_zero_with_its_error(contract: Contract, tmp_path: Path) -> None:
    contract.fail_next = True

    done = mediaops(*GENERATE, url=contract.url, home=tmp_path)

    assert done.returncode == 1
    assert "failed: 500,000 of 1,000,000 done, 1 errors" in done.stdout
    assert "the database went away" in done.stdout


def test_members_import_sends_the_csv_and_shows_progress_and_bad_rows(
    contract: Contract, tmp_path: Path
) -> None:
    rows = [f"wx_{n},成员{n},member,,," for n in range(1, 9)]
    rows[2] = ",no id,member,,,"
    csv = "external_id,display_name,role,tags,tier,source_channel\n" + "\n".join(rows) + "\n"
    (tmp_path / "members.csv").write_text(csv, encoding="utf-8")

    done = mediaops(
        "members", "import", GROUP["id"], str(tmp_path / "members.csv"), "--poll", "0.05",
        url=contract.url, home=tmp_path,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    (post,) = [r for r in contract.requests if r["method"] == "POST"]
    assert post["path"] == f"/v1/groups/{GROUP['id']}/member-imports"
    assert post["headers"]["Content-Type"].startswith("text/csv")
    assert post["body"] == csv.encode()
    assert [d for d, total in progress(done.stderr) if total == 8][-1] == 8
    assert f"import into {GROUP['name']}" in done.stderr
    assert "8 of 8 done, 1 errors" in done.stdout
    assert "line 4" in done.stdout
    assert "external_id: Field required" in done.stdout
    assert "imported: 7" in done.stdout


def test_codes_export_streams_the_jobs_result_to_the_file(
    contract: Contract, tmp_path: Path
) -> None:
    target = tmp_path / "codes.csv"

    done = mediaops(
        "codes", "export", BATCH["id"], "-o", str(target), "--poll", "0.05",
        url=contract.url, home=tmp_path,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == EXPORT_CSV.encode()
    assert not (tmp_path / "codes.csv.part").exists()
    (job,) = contract.jobs.values()
    assert job.kind == EXPORT
    assert job.looks == [1, 2, 3]
    assert "wrote 3 codes" in done.stderr


def test_a_refusal_shows_the_problem_and_exits_1(contract: Contract, tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("external_id\nwx_1\n", encoding="utf-8")
    unknown = "00000000-0000-4000-8000-000000000000"

    done = mediaops("members", "import", unknown, str(tmp_path / "m.csv"),
                    url=contract.url, home=tmp_path)  # fmt: skip

    assert done.returncode == 1
    assert f"error: 404 Not Found: /v1/groups/{unknown} not found in this workspace" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr
    assert not [r for r in contract.requests if r["method"] == "POST"]  # nothing uploaded


def test_a_bad_token_is_a_401_problem(contract: Contract, tmp_path: Path) -> None:
    done = mediaops("codes", "export", BATCH["id"], "-o", str(tmp_path / "c.csv"),
                    url=contract.url, home=tmp_path, token="wrong")  # fmt: skip

    assert done.returncode == 1
    assert "error: 401 Unauthorized: no valid bearer token" in done.stderr


def test_login_keeps_the_credential_in_an_owner_only_file(
    contract: Contract, tmp_path: Path
) -> None:
    done = mediaops("login", "--url", contract.url + "/", "--api-key", TOKEN,
                    url=contract.url, home=tmp_path, token=None)  # fmt: skip

    assert done.returncode == 0, done.stderr
    path = tmp_path / "mediaops" / "config.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert json.loads(path.read_text()) == {"url": contract.url, "secret": TOKEN, "kind": "api_key"}
    # The next command needs no credential of its own.
    target = tmp_path / "c.csv"
    export = mediaops("codes", "export", BATCH["id"], "-o", str(target), "--poll", "0.05",
                      url=contract.url, home=tmp_path, token=None)  # fmt: skip
    assert export.returncode == 0, export.stderr
    assert target.read_bytes() == EXPORT_CSV.encode()


def test_login_refuses_a_credential_the_gateway_refuses(contract: Contract, tmp_path: Path) -> None:
    done = mediaops("login", "--url", contract.url, "--token", "wrong",
                    url=contract.url, home=tmp_path, token=None)  # fmt: skip

    assert done.returncode == 1
    assert "401 Unauthorized" in done.stderr
    assert not (tmp_path / "mediaops" / "config.json").exists()


def test_the_environment_overrides_the_file(contract: Contract, tmp_path: Path) -> None:
    login = mediaops("login", "--url", "http://127.0.0.1:9", "--token", "old", "--no-check",
                     url=contract.url, home=tmp_path, token=None)  # fmt: skip
    assert login.returncode == 0, login.stderr

    done = mediaops("whoami", "--json", url=contract.url, home=tmp_path)

    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["url"] == contract.url
    assert found["source"] == "environment"
    assert found["accepted"] is True


def test_without_a_login_the_command_says_how(tmp_path: Path) -> None:
    done = mediaops("channels", "list", url="", home=tmp_path, token=None)

    assert done.returncode == 1
    assert "not logged in: run `mediaops login --url" in done.stderr


def test_an_unreachable_gateway_is_named(tmp_path: Path) -> None:
    done = mediaops("dashboard", url="http://127.0.0.1:9", home=tmp_path)

    assert done.returncode == 1
    assert "error: cannot reach http://127.0.0.1:9" in done.stderr
    assert "Traceback" not in done.stderr
