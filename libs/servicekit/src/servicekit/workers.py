"""How many worker processes an app starts by default: the CPUs it may use.

``python -m servicekit.workers`` prints it; scripts/run and the images' entrypoint export it as
``WEB_CONCURRENCY`` (uvicorn's ``--workers``) unless it is set. The cores this process may run
on (its CPU affinity), capped by the container's CPU limit where there is one: cgroup v2's
``cpu.max`` (Kubernetes' ``limits.cpu``, compose's ``cpus``), rounded up. ``os.cpu_count()``
alone would see every core of a Kubernetes node from a pod limited to one, and start that many
workers, each with its own database pool. Written here because the standard library reads no
cgroup limit (``os.process_cpu_count`` is the affinity only) and no well-kept package does
only this.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

CPU_MAX = Path("/sys/fs/cgroup/cpu.max")


def quota_cpus(cpu_max: str) -> float | None:
    """The CPUs a cgroup v2 ``cpu.max`` line allows (``"100000 100000"`` is 1.0), or None
    when unlimited (``"max 100000"``) or unreadable."""
    parts = cpu_max.split()
    if len(parts) != 2 or parts[0] == "max":
        return None
    try:
        quota, period = int(parts[0]), int(parts[1])
    except ValueError:
        return None
    if quota <= 0 or period <= 0:
        return None
    return quota / period


def default_workers(cores: int, cpu_max: str | None) -> int:
    """``cores`` (the affinity), capped by the cgroup's quota rounded up; at least 1."""
    limit = quota_cpus(cpu_max) if cpu_max is not None else None
    workers = cores if limit is None else min(cores, math.ceil(limit))
    return max(1, workers)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def main() -> None:
    """Print the default worker count of this process (``python -m servicekit.workers``)."""
    try:
        cpu_max: str | None = CPU_MAX.read_text()
    except OSError:
        cpu_max = None
    sys.stdout.write(f"{default_workers(_cores(), cpu_max)}\n")


if __name__ == "__main__":
    main()
