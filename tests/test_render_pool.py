"""The build's worker processes: forked from the fork server with WeasyPrint already loaded (never from the
build itself, which may be big by then), and replaced by fresh ones every ``WORKER_TASKS`` tasks (WeasyPrint
keeps C memory a worker never gives back: render_pool)."""

from __future__ import annotations

import os
import sys
from collections import Counter

import pytest

from publish import render_pool


def _who() -> tuple[int, int, bool]:
    """In a worker: its pid, its parent's, and whether WeasyPrint is loaded."""
    return os.getpid(), os.getppid(), "weasyprint" in sys.modules


def test_workers_fork_from_the_loaded_server_and_are_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_pool, "WORKER_TASKS", 2)
    with render_pool.worker_pool(2, lambda slot, units: None) as pool:
        seen = [pool.submit(_who).result() for _ in range(12)]
    assert all(parent != os.getpid() for _, parent, _ in seen), "a worker was forked from the build"
    assert all(loaded for _, _, loaded in seen), "a worker started without WeasyPrint"
    tasks = Counter(pid for pid, _, _ in seen)
    assert len(tasks) >= 3 and max(tasks.values()) <= 2 * 2, tasks  # 12 tasks, 4 per set of workers at most
