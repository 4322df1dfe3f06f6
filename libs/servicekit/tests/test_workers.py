"""The default worker count: the cores a process may use, capped by its container's CPU limit."""

import subprocess
import sys

import pytest

from servicekit.workers import default_workers, quota_cpus


@pytest.mark.parametrize(
    ("cpu_max", "cpus"),
    [
        ("100000 100000", 1.0),
        ("250000 100000\n", 2.5),
        ("50000 100000", 0.5),
        ("max 100000", None),
        ("", None),
        ("garbage", None),
        ("0 100000", None),
        ("x 100000", None),
    ],
)
def test_the_cgroup_quota_reads_as_cpus(cpu_max: str, cpus: float | None) -> None:
    assert quota_cpus(cpu_max) == cpus


@pytest.mark.parametrize(
    ("cores", "cpu_max", "workers"),
    [
        (32, "100000 100000", 1),  # a pod limited to one core on a 32-core node
        (32, "150000 100000", 2),  # 1.5 cores: the half core is worth a worker
        (2, "800000 100000", 2),  # a limit above the cores the process may use
        (8, "max 100000", 8),
        (8, None, 8),  # no cgroup v2 file: the cores
        (4, "50000 100000", 1),  # half a core: still one worker
    ],
)
def test_workers_are_the_cores_capped_by_the_limit(
    cores: int, cpu_max: str | None, workers: int
) -> None:
    assert default_workers(cores, cpu_max) == workers


def test_the_command_prints_a_positive_count() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "servicekit.workers"], capture_output=True, text=True, check=True
    ).stdout
    assert int(out) >= 1
