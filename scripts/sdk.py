"""The API's merged OpenAPI document and the Python SDK generated from it (`make openapi`,
`make sdk`).

``spec`` builds, in this process and with no stack running, the document the gateway serves at
``GET /openapi.json`` when all four services answer: each service's ``create_app().openapi()``
merged by the gateway's own ``merge``. It is written to ``clients/openapi.json``. ``sdk`` also
runs openapi-python-client (pinned in the root ``pyproject.toml``) on that file, with
``clients/sdk-config.yaml``, into ``clients/python/src/mediaops_client``: the same spec and the
same generator and ruff give the same files, which ``tests/clients/test_sdk.py`` checks.

    python scripts/sdk.py spec [--root DIR]     # the document only
    python scripts/sdk.py sdk [--root DIR]      # the document, then the package

``--root`` writes under another directory (``DIR/clients/...``), for the drift test.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPEC = Path("clients/openapi.json")
CONFIG = ROOT / "clients" / "sdk-config.yaml"
PACKAGE = Path("clients/python/src/mediaops_client")


def merged_spec() -> dict[str, Any]:
    """What the gateway serves when every service answers, built from the apps themselves."""
    # Building an app reads its settings; the development values stand in for the secrets, which
    # no document shows.
    os.environ.setdefault("MEDIAOPS_ENV", "development")
    from gateway.openapi import ServiceSpec, merge
    from gateway.routes import UPSTREAMS

    specs = [
        ServiceSpec(name, importlib.import_module(f"{name}_svc.main").create_app().openapi())
        for name in UPSTREAMS
    ]
    return merge(specs)


def spec_text() -> str:
    return json.dumps(merged_spec(), ensure_ascii=False, indent=2) + "\n"


def write_spec(root: Path) -> Path:
    path = root / SPEC
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(spec_text(), encoding="utf-8")
    return path


def generate(spec: Path, package: Path) -> None:
    """openapi-python-client on ``spec`` into ``package`` (replaced whole)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "mediaops_client"
        # The generator's ruff hooks run from PATH: this environment's ruff, so the formatting
        # is the one `make lint` checks.
        env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        }
        subprocess.run(
            [
                sys.executable, "-m", "openapi_python_client", "generate",
                "--path", str(spec), "--config", str(CONFIG), "--meta", "none",
                "--output-path", str(out),
            ],
            check=True,
            env=env,
        )  # fmt: skip
        if package.exists():
            shutil.rmtree(package)
        package.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(out, package)
    # Typed for mypy in the packages that use it (the generator adds the marker only when it
    # writes a whole project; here it writes the package alone).
    (package / "py.typed").write_text("# Marker file for PEP 561\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["spec", "sdk"])
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    spec = write_spec(args.root)
    print(f"wrote {spec}")
    if args.what == "sdk":
        generate(spec, args.root / PACKAGE)
        print(f"wrote {args.root / PACKAGE}")


if __name__ == "__main__":
    main()
