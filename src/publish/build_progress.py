"""How a build reports progress: one part per output to render, measured in pages laid out (an EPUB is one
unit), with the expected total taken from the last build of that output, so the bar can show an honest ETA.

``RichBars`` draws it on a terminal (one Rich bar per part); on anything else it draws nothing at all.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from types import TracebackType
from typing import Any, Protocol


class PartProgress(Protocol):
    """What ``build`` tells about the parts it renders (indices follow the ``begin`` list)."""

    def begin(self, parts: Sequence[tuple[str, int | None]]) -> None:
        """The parts about to be rendered: a name (``en pdf``) and the units expected (None: not known yet)."""

    def advance(self, index: int, done: int) -> None:
        """Part ``index`` has done ``done`` units (pages laid out) so far."""

    def end(self, index: int) -> None:
        """Part ``index`` is finished."""


class RichBars:
    """A Rich bar per part with elapsed time and ETA; disabled (no output, no Rich import) off a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.lock = threading.Lock()  # the parallel renderer reports from a reader thread
        self.bars: Any = None
        self.tasks: list[Any] = []
        self.totals: list[int | None] = []
        self.reading: Any = None

    def __enter__(self) -> RichBars:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self.bars = Progress(TextColumn("{task.description:<14}"), BarColumn(), TaskProgressColumn(),
                                 TimeElapsedColumn(), TimeRemainingColumn(), transient=True,
                                 console=Console(stderr=True))
            self.bars.start()
            self.reading = self.bars.add_task("reading", total=None)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.bars is not None:
            self.bars.stop()

    def begin(self, parts: Sequence[tuple[str, int | None]]) -> None:
        if self.bars is None:
            return
        with self.lock:
            self.bars.remove_task(self.reading)
            self.totals = [total for _, total in parts]
            self.tasks = [self.bars.add_task(name, total=total) for name, total in parts]

    def advance(self, index: int, done: int) -> None:
        if self.bars is None:
            return
        with self.lock:
            total = self.totals[index]
            if total is not None and done > total:  # longer than last time: stretch the bar, never overflow it
                self.totals[index] = total = done + max(1, total // 10)
            self.bars.update(self.tasks[index], completed=done, total=total)

    def end(self, index: int) -> None:
        if self.bars is None:
            return
        with self.lock:
            self.bars.update(self.tasks[index], completed=self.totals[index] or 1, total=self.totals[index] or 1)
