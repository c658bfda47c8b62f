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
    """Seconds and peak RSS (MiB) of one run: the largest of the command's processes, its workers included.

    ``wait4`` gives a process's own peak and its waited-for children's, but the build's workers are children of
    its fork server, which outlives the build by a moment and is never waited for by it. So this process
    becomes a subreaper (Linux): the server comes back to it when the build ends, and waiting for it brings the
    peaks of the workers the server waited for."""
    _subreaper()
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    peak = max([usage.ru_maxrss, *_reap_descendants()])
    if status != 0:
        raise SystemExit(f"{name} failed: {' '.join(command)}\n{proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
    return seconds, peak / 1024


PR_SET_CHILD_SUBREAPER = 36


def _subreaper() -> None:
    import ctypes

    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise SystemExit("cannot measure the build's workers: prctl(PR_SET_CHILD_SUBREAPER) failed")


def _reap_descendants(seconds: float = 30.0) -> list[int]:
    """The peak RSS (KiB) of every orphaned descendant as it ends (and of what each waited for)."""
    peaks, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            pid, _, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return peaks
        if pid:
            peaks.append(usage.ru_maxrss)
        else:
            time.sleep(0.01)
    raise SystemExit("a process the build started did not end within 30 s of the build")


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
