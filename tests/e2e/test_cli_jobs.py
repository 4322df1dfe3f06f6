"""The ``mediaops`` command following real jobs: the console script as a process, talking to
the real gateway in front of the real services, writing to a pipe as in a CI log (one line each
time the job moves). Codes beyond the synchronous cap, an import of a few thousand members with
bad rows, the same commands run again (the same job, nothing done twice), and an export of the
batch written to a file of exactly its codes."""

from __future__ import annotations

import csv
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .conftest import make_token
from .helpers import ok
from .stack import Stack

log = logging.getLogger(__name__)

# Above the synchronous cap (100,000): 15 chunks of 20,000 for the job, and as many for the
# export. Measured on a shared 2-core machine: 17 s for the codes test (generate 6 s, again 2 s,
# export 8 s), 3 s for the import (8 chunks of 1,000 rows), 35 s with the stack's start.
QUANTITY = 300_000
MEMBERS = 8_000
MEDIAOPS = Path(sys.executable).with_name("mediaops")
# What the CLI writes off a terminal each time a job moves: "<label> · <status> 40000/300000
# (13%) 0:00:04".
MOVE = re.compile(r"^(?P<label>.+) · (?P<status>[a-z ]+) (?P<done>\d+)/(?P<total>\d+) \(\d+%\) "
                  r"\d+:\d\d:\d\d$", re.M)  # fmt: skip


def mediaops(
    stack: Stack, workspace: str, home: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    """``mediaops ARGS`` as a script runs it: stdout and stderr are pipes, not a terminal."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MEDIAOPS_", "TTY_", "FORCE_COLOR"))
    }
    env |= {
        "MEDIAOPS_URL": stack.gateway,
        "MEDIAOPS_TOKEN": make_token(workspace),
        "XDG_CONFIG_HOME": str(home),
        "COLUMNS": "160",
    }
    started = time.monotonic()
    done = subprocess.run(
        [str(MEDIAOPS), *args], env=env, capture_output=True, text=True, timeout=180
    )
    log.info("mediaops %s: %.1f s", " ".join(args[:2]), time.monotonic() - started)
    return done


def moves(stderr: str, label: str) -> list[tuple[str, int, int]]:
    """The (status, done, total) lines of the job labelled ``label``, in order."""
    return [
        (m["status"], int(m["done"]), int(m["total"]))
        for m in MOVE.finditer(stderr)
        if m["label"] == label
    ]


def assert_advanced(stderr: str, label: str, total: int) -> None:
    """The job was shown from nothing to ``total`` through values between, never going back."""
    seen = moves(stderr, label)
    assert seen, f"no progress lines for {label!r}:\n{stderr}"
    done = [d for _, d, _ in seen]
    assert {t for _, _, t in seen} == {total}, seen
    assert done == sorted(done), f"progress went back: {seen}"
    assert (seen[0][1], seen[-1]) == (0, ("succeeded", total, total)), seen
    assert [d for d in done if 0 < d < total], f"no value between 0 and {total}: {seen}"


def generate(name: str) -> tuple[str, ...]:
    return ("codes", "generate", "--batch-name", name, "--quantity", str(QUANTITY),
            "--amount-off", "500", "--valid-days", "30", "--code-prefix", "DX",
            "--poll", "0.2")  # fmt: skip


def test_codes_generate_and_export_follow_their_jobs_and_a_rerun_finds_the_same_job(
    stack: Stack, workspace: str, api: httpx.Client, tmp_path: Path
) -> None:
    name = "双11百万券"

    made = mediaops(stack, workspace, tmp_path, *generate(name))

    assert made.returncode == 0, made.stderr
    assert_advanced(made.stderr, f"codes for {name}", QUANTITY)
    found = re.search(
        r"job (campaign-[0-9a-f-]{36}) succeeded: 300,000 of 300,000 done, 0 errors", made.stdout
    )
    assert found, made.stdout
    job = ok(api.get(f"/v1/jobs/{found[1]}"))
    batch_id = job["result"]["batch_id"]
    assert job["kind"] == "generate_coupon_codes"
    assert job["result"] == {"batch_id": batch_id, "generated": QUANTITY}
    assert f"batch_id: {batch_id}" in made.stdout
    assert ok(api.get(f"/v1/coupon-batches/{batch_id}/stats"))["issued"] == QUANTITY

    # The same command again (as after a Ctrl-C): the same Idempotency-Key, the same job.
    again = mediaops(stack, workspace, tmp_path, *generate(name))

    assert again.returncode == 0, again.stderr
    assert "the API answered this request before" in again.stderr
    assert moves(again.stderr, f"codes for {name}") == [("succeeded", QUANTITY, QUANTITY)]
    assert f"job {found[1]} succeeded: 300,000 of 300,000 done" in again.stdout
    assert len(ok(api.get("/v1/coupon-batches"))["items"]) == 1
    assert ok(api.get(f"/v1/coupon-batches/{batch_id}/stats"))["issued"] == QUANTITY

    target = tmp_path / "codes.csv"
    exported = mediaops(stack, workspace, tmp_path, "codes", "export", batch_id,
                        "-o", str(target), "--poll", "0.2")  # fmt: skip

    assert exported.returncode == 0, exported.stderr
    assert_advanced(exported.stderr, f"export of {name}", QUANTITY)
    assert f"wrote 300,000 codes to {target}" in exported.stderr
    with target.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["code", "status", "customer_id", "claimed_at", "valid_until"]
    codes = {row[0] for row in rows[1:]}
    assert len(rows) - 1 == len(codes) == QUANTITY
    assert all(code.startswith("DX") for code in codes)
    assert {row[1] for row in rows[1:]} == {"available"}
    assert not target.with_name("codes.csv.part").exists()


def members_csv() -> tuple[str, dict[int, str]]:
    """``MEMBERS`` rows, some bad: the file and, by line (the header is line 1), what each bad
    row's error names."""
    rows = [f"wx_{n:05d},成员{n},member,宝妈|早鸟" for n in range(MEMBERS)]
    bad = {
        7: (",无名氏,member,", "external_id"),  # no id
        1234: ("wx_90001,国王,king,", "role"),  # no such role
        2500: ("wx_00003,又是三号,member,", "wx_00003"),  # the id of line 5 again
        7999: ("wx_90002," + "长" * 300 + ",member,", "display_name"),  # too long
    }
    for index, (row, _) in bad.items():
        rows[index] = row
    text = "external_id,display_name,role,tags\n" + "\n".join(rows) + "\n"
    return text, {index + 2: named for index, (_, named) in bad.items()}


def test_members_import_follows_its_job_lists_bad_rows_and_a_rerun_imports_nothing_twice(
    stack: Stack, workspace: str, api: httpx.Client, tmp_path: Path
) -> None:
    body = {"name": "双11福利群", "platform": "wechat_group", "kind": "product", "capacity": 10_000}
    group = ok(api.post("/v1/groups", json=body), 201)
    text, bad = members_csv()
    upload = tmp_path / "members.csv"
    upload.write_text(text, encoding="utf-8")
    imported = MEMBERS - len(bad)
    command = ("members", "import", group["id"], str(upload), "--poll", "0.1")

    done = mediaops(stack, workspace, tmp_path, *command)

    assert done.returncode == 0, done.stderr
    assert_advanced(done.stderr, "import into 双11福利群", MEMBERS)
    found = re.search(
        rf"job (community-[0-9a-f-]{{36}}) succeeded: 8,000 of 8,000 done, {len(bad)} errors",
        done.stdout,
    )
    assert found, done.stdout
    assert f"imported: {imported}" in done.stdout
    assert f"rejected: {len(bad)}" in done.stdout
    # Each bad row listed by its line, with what is wrong in it.
    listed = dict(re.findall(r"^│ (line \d+) +│ (.+?) +│$", done.stdout, re.M))
    assert set(listed) == {f"line {line}" for line in bad}, done.stdout
    for line, named in bad.items():
        assert named in listed[f"line {line}"], (line, listed)
    job = ok(api.get(f"/v1/jobs/{found[1]}"))
    assert job["kind"] == "import_members"
    assert job["result"] == {"received": MEMBERS, "imported": imported, "rejected": len(bad)}
    assert ok(api.get(f"/v1/groups/{group['id']}"))["member_count"] == imported

    again = mediaops(stack, workspace, tmp_path, *command)

    assert again.returncode == 0, again.stderr
    assert "the API answered this request before" in again.stderr
    assert moves(again.stderr, "import into 双11福利群") == [("succeeded", MEMBERS, MEMBERS)]
    assert f"job {found[1]} succeeded" in again.stdout
    assert ok(api.get(f"/v1/groups/{group['id']}"))["member_count"] == imported
