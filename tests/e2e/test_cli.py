"""The CLI and SDK against a real stack: the README's CLI tour runs as written (in bash, as a
newcomer after `make run` would paste it, `mediaops` from .venv/bin), and the checked-in API
document is exactly what the real gateway serves."""

from __future__ import annotations

import json
import re
import subprocess
import uuid
from pathlib import Path

import httpx

from .conftest import make_token
from .stack import ROOT, Stack
from .test_readme import README_GATEWAY, newcomer_env

# The codes the tour generates: past the synchronous cap (100,000), so a job and its progress.
TOUR_CODES = 150_000
TOUR = re.compile(r"<!-- cli-tour -->\s*```bash\n(?P<script>.*?)```\s*<!-- /cli-tour -->", re.S)


def tour() -> str:
    found = TOUR.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(found) == 1, "README.md marks one ```bash block with <!-- cli-tour -->"
    return str(found[0])


def run_tour(
    stack: Stack, script: str, workspace: str, home: Path
) -> subprocess.CompletedProcess[str]:
    assert script.count(README_GATEWAY) == 1, "the tour logs in to the `make run` gateway once"
    env = newcomer_env(workspace)
    env["XDG_CONFIG_HOME"] = str(home)  # the login's file, not the machine user's
    env["COLUMNS"] = "120"
    return subprocess.run(
        ["bash", "-c", "set -xeo pipefail\n" + script.replace(README_GATEWAY, stack.gateway)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_readme_cli_tour_runs_as_written(stack: Stack, tmp_path: Path) -> None:
    workspace = f"ws-{uuid.uuid4().hex[:12]}"

    done = run_tour(stack, tour(), workspace, tmp_path)

    assert done.returncode == 0, f"a tour command failed:\n{done.stderr}\n{done.stdout}"
    config = tmp_path / "mediaops" / "config.json"
    assert config.stat().st_mode & 0o777 == 0o600
    assert json.loads(config.read_text())["url"] == stack.gateway
    # What the tour says it did, read back through the gateway.
    api = httpx.Client(
        base_url=stack.gateway, headers={"Authorization": f"Bearer {make_token(workspace)}"}
    )
    with api:
        (channel,) = api.get("/v1/channels").json()["items"]
        assert (channel["platform"], channel["handle"]) == ("xiaohongshu", "brand_xhs")
        (campaign,) = api.get("/v1/campaigns").json()["items"]
        (batch,) = api.get("/v1/coupon-batches").json()["items"]
        assert batch["campaign_id"] == campaign["id"]
        assert batch["total_quantity"] == batch["generated_count"] == TOUR_CODES
        stats = api.get(f"/v1/coupon-batches/{batch['id']}/stats").json()
        assert stats["issued"] == TOUR_CODES
        (group,) = api.get("/v1/groups").json()["items"]
        members = api.get(f"/v1/groups/{group['id']}/members").json()["items"]
        assert {m["external_id"]: m["display_name"] for m in members} == {
            "wx_1001": "小王",
            "wx_1002": "小李",
        }
    assert "wrote 150,000 codes to codes.csv" in done.stderr
    # The codes and their export were jobs, followed (off a terminal: a line each move).
    for label in ("codes for 满199减20", "export of 满199减20"):
        moves = rf"^{label} · [a-z]+ (\d+)/{TOUR_CODES} "
        seen = [int(d) for d in re.findall(moves, done.stderr, re.M)]
        assert seen[-1:] == [TOUR_CODES], (label, done.stderr)
        assert seen == sorted(seen), (label, done.stderr)
        assert [d for d in seen if 0 < d < TOUR_CODES], (label, done.stderr)
    assert re.search(r"job campaign-\S+ succeeded: 150,000 of 150,000 done", done.stdout)
    assert "import into 双11福利群 · succeeded 2/2 (100%)" in done.stderr
    assert workspace in done.stdout  # whoami
    assert re.search(r"publications +│ ok", done.stdout), done.stdout  # the dashboard
    assert "joins (count)" in done.stdout  # the metric's chart
    listed = json.loads(done.stdout[done.stdout.rindex('{\n  "items"') :])
    assert [c["id"] for c in listed["items"]] == [channel["id"]]


def test_a_refused_tour_command_fails_the_run_with_the_problem(
    stack: Stack, tmp_path: Path
) -> None:
    script = tour().replace("--amount-off 2000", "--amount-off -5")
    assert script != tour()

    done = run_tour(stack, script, f"ws-{uuid.uuid4().hex[:12]}", tmp_path)

    assert done.returncode == 1
    assert "error: 422 Unprocessable Content" in done.stderr
    assert "amount_off" in done.stderr


def test_the_checked_in_document_is_what_the_gateway_serves(stack: Stack) -> None:
    served = httpx.get(stack.gateway + "/openapi.json", timeout=30.0)
    assert served.status_code == 200, served.text

    checked_in = json.loads((ROOT / "clients" / "openapi.json").read_text(encoding="utf-8"))
    assert served.json() == checked_in, "run `make sdk` and commit clients/"
