"""``publish translate``: fill ``translations/<lang>/`` with machine drafts, keeping every human edit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..errors import Diagnostic
from ._common import ProjectDir, print_diagnostics, run, stderr_is_terminal


def translate(
    to: Annotated[Optional[str], typer.Option("--to", "--lang", help="Target language, one of publish.yaml's "
                                              "translations. Default: each of them in turn.")] = None,
    engine: Annotated[str, typer.Option(help="auto (an Argos package for the pair, else an Apertium pair, else "
                                             "Argos through English), argos or apertium.")] = "auto",
    redo_machine: Annotated[bool, typer.Option("--redo-machine", help="Redraft every machine segment "
                                               "(e.g. after installing Argos); human edits are kept.")] = False,
    directory: ProjectDir = Path("."),
) -> None:
    """Translate new or changed segments offline; edited and approved segments are never touched."""
    from ..translate.run import project_languages

    targets: list[str | None] = [to] if to else [*run(lambda: project_languages(directory.resolve()))[1]] or [None]
    shown: set[Diagnostic] = set()  # the book's reading warnings come back with every language: print them once
    for target in targets:
        _translate_one(directory, target, engine, redo_machine, len(targets) > 1, shown)


def _translate_one(directory: Path, target: str | None, engine: str, redo_machine: bool, named: bool,
                   shown: set[Diagnostic]) -> None:
    from ..translate.run import RunOptions, translate_project

    prefix = f"publish: {target}: " if named else "publish: "
    with _progress() as bar:
        options = RunOptions(lang=target, engine=engine, redo_machine=redo_machine,
                             on_engine=lambda message: typer.echo(f"{prefix}{message}", err=True),
                             on_progress=bar)
        report = run(lambda: translate_project(directory, options))
    print_diagnostics([d for d in dict.fromkeys(report.diagnostics) if d not in shown])
    shown.update(report.diagnostics)
    if report.engine is None:
        typer.echo(f"{prefix}translations are up to date; nothing was sent to an engine.", err=True)
    else:
        flagged = f", {report.flagged} flagged for review" if report.flagged else ""
        typer.echo(f"{prefix}{report.sent} segment(s) translated{flagged}; "
                   f"{len(report.written)} file(s) written.", err=True)


class _progress:
    """A Rich progress bar on stderr, created on the first report (so a no-op run shows nothing)."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _progress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), disable=not stderr_is_terminal(), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("translating", total=total)
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
