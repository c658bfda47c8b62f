"""What ``publish build`` does once its options are known: build, print what happened, return the exit code.

Shared by the Typer command (commands/build.py) and a repeated build that runs without Typer (repeat.py): the
options of each build that writes are recorded in the manifest with the words that gave them.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import repeat


@dataclass(frozen=True)
class BuildArgs:
    """``publish build``'s options as parsed (``jobs`` 0: one per core)."""

    directory: str
    langs: tuple[str, ...]
    formats: tuple[str, ...]
    strict: bool
    jobs: int
    pdf_standard: str
    profile: str
    force: bool

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BuildArgs:
        return cls(str(data["directory"]), tuple(map(str, data["langs"])), tuple(map(str, data["formats"])),
                   bool(data["strict"]), int(data["jobs"]), str(data["pdf_standard"]), str(data["profile"]),
                   bool(data["force"]))


def execute(args: BuildArgs, command: str | None, checked: bool = False) -> int:
    """Build; print the warnings and a line per output; return the exit code. ``command``: this run's words
    (``repeat.current()``), recorded with the outputs together with ``args``; ``checked``: the outputs were
    just found not up to date (build.build)."""
    from .build import build
    from .build_progress import RichBars
    from .outcome import run
    from .writers.options import PdfSettings

    directory = Path(args.directory)
    recorded = (command, args.as_dict()) if command is not None else None
    with RichBars(enabled=sys.stderr.isatty()) as bars:  # a bar per output, pages laid out, ETA; none off a tty
        result = run(lambda: build(directory, args.langs, args.formats, jobs=args.jobs or os.cpu_count() or 1,
                                   progress=bars, pdf=PdfSettings(args.pdf_standard, args.profile),
                                   strict=args.strict, force=args.force, command=recorded, checked=checked))
    return repeat.report(result.outputs, result.up_to_date, result.diagnostics, args.strict, directory.resolve())
