"""Running a command repeatedly and reporting its median wall time and peak resident memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measure:
    """Median seconds and median peak RSS (MiB) of ``runs`` executions of one command."""

    name: str
    seconds: float
    peak_mib: float
    runs: int


def measure(name: str, command: Sequence[str], runs: int, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> Measure:
    """Run ``command`` ``runs`` times; wait4 gives each child's own peak RSS (not the bench's)."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        if status != 0:
            raise SystemExit(f"{name} failed: {' '.join(command)}\n{proc.stderr.read().decode()[-2000:]}")
        peaks.append(usage.ru_maxrss / 1024)
    return Measure(name, statistics.median(times), statistics.median(peaks), runs)


def table(rows: list[tuple[Measure, Measure]]) -> str:
    """Ours beside the anchor, with the ratios the issues set targets for."""
    lines = [f"{'what':<34}{'median s':>10}{'peak MiB':>10}   {'anchor':<26}{'median s':>10}{'peak MiB':>10}"
             f"{'time x':>8}{'mem x':>8}"]
    for ours, anchor in rows:
        lines.append(f"{ours.name:<34}{ours.seconds:>10.2f}{ours.peak_mib:>10.0f}   {anchor.name:<26}"
                     f"{anchor.seconds:>10.2f}{anchor.peak_mib:>10.0f}{ours.seconds / anchor.seconds:>8.2f}"
                     f"{ours.peak_mib / anchor.peak_mib:>8.2f}")
    return "\n".join(lines)
