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


def _run_once(name: str, command: Sequence[str], cwd: Path | None, env: dict[str, str] | None) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one run; wait4 gives the child's own peak, not the bench's."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{name} failed: {' '.join(command)}\n{proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
    return seconds, usage.ru_maxrss / 1024


def measure(name: str, command: Sequence[str], runs: int, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> Measure:
    """Run ``command`` ``runs`` times and keep the medians."""
    results = [_run_once(name, command, cwd, env) for _ in range(runs)]
    return Measure(name, statistics.median(r[0] for r in results), statistics.median(r[1] for r in results), runs)


def measure_pair(ours: tuple[str, Sequence[str]], anchor: tuple[str, Sequence[str]], runs: int) -> tuple[Measure, Measure]:
    """Alternate ours and the anchor (ABAB...), so drift in the machine's speed hits both alike."""
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []
    for _ in range(runs):
        a.append(_run_once(ours[0], ours[1], None, None))
        b.append(_run_once(anchor[0], anchor[1], None, None))
    return tuple(Measure(name, statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs), runs)
                 for name, rs in ((ours[0], a), (anchor[0], b)))  # type: ignore[return-value]


def table(rows: list[tuple[Measure, Measure]]) -> str:
    """Ours beside the anchor, with the ratios the issues set targets for."""
    lines = [f"{'what':<34}{'median s':>10}{'peak MiB':>10}   {'anchor':<26}{'median s':>10}{'peak MiB':>10}"
             f"{'time x':>8}{'mem x':>8}"]
    for ours, anchor in rows:
        lines.append(f"{ours.name:<34}{ours.seconds:>10.2f}{ours.peak_mib:>10.0f}   {anchor.name:<26}"
                     f"{anchor.seconds:>10.2f}{anchor.peak_mib:>10.0f}{ours.seconds / anchor.seconds:>8.2f}"
                     f"{ours.peak_mib / anchor.peak_mib:>8.2f}")
    return "\n".join(lines)
