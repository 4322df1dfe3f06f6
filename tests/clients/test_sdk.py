"""The checked-in API document and SDK are what `make sdk` writes today: a route or schema
changed without `make sdk` (and a commit of its output) fails here, naming the files."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = Path("clients/openapi.json")
PACKAGE = Path("clients/python/src/mediaops_client")
FIX = "run `make sdk` and commit clients/openapi.json and clients/python"


def differences(left: Path, right: Path) -> list[str]:
    """Files only on one side or different, relative to the package, throughout the tree."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], at: Path) -> None:
        found.extend(f"only in the checked-in SDK: {at / n}" for n in cmp.left_only)
        found.extend(f"missing from the checked-in SDK: {at / n}" for n in cmp.right_only)
        found.extend(f"differs: {at / n}" for n in cmp.diff_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, at / name)

    walk(filecmp.dircmp(left, right, ignore=["__pycache__"]), Path())
    # dircmp compares by size and time; a same-sized edit needs the bytes.
    for path in right.rglob("*.py"):
        twin = left / path.relative_to(right)
        if twin.exists() and twin.read_bytes() != path.read_bytes():
            found.append(f"differs: {path.relative_to(right)}")
    return sorted(set(found))


def test_the_sdk_and_its_document_regenerate_without_a_diff(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "sdk.py"), "sdk", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr

    assert (tmp_path / SPEC).read_text(encoding="utf-8") == (ROOT / SPEC).read_text(
        encoding="utf-8"
    ), f"clients/openapi.json is not the API the services describe today: {FIX}"
    assert differences(ROOT / PACKAGE, tmp_path / PACKAGE) == [], FIX


def test_the_check_sees_a_changed_file(tmp_path: Path) -> None:
    """The comparison is real: one byte changed in a copy is found."""
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(ROOT / PACKAGE), str(copy)], check=True)
    model = copy / "models" / "channel_create.py"
    model.write_text(model.read_text(encoding="utf-8").replace("handle", "handlf"), "utf-8")

    assert differences(copy, ROOT / PACKAGE) == ["differs: models/channel_create.py"]
