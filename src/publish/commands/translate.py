"""``publish translate``: fill ``translations/<lang>/`` with machine drafts, keeping every human edit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ._common import ProjectDir, print_diagnostics, run, stderr_is_terminal


def translate(
    to: Annotated[str, typer.Option("--to", help="Target language (es).")] = "es",
    engine: Annotated[str, typer.Option(help="auto (Argos if an en->es model is installed, else Apertium), "
                                             "argos or apertium.")] = "auto",
    redo_machine: Annotated[bool, typer.Option("--redo-machine", help="Redraft every machine segment "
                                               "(e.g. after installing Argos); human edits are kept.")] = False,
    directory: ProjectDir = Path("."),
) -> None:
    """Translate new or changed English segments offline; edited and approved segments are never touched."""
    from ..translate.run import RunOptions, translate_project

    with _progress() as bar:
        options = RunOptions(lang=to, engine=engine, redo_machine=redo_machine,
                             on_engine=lambda message: typer.echo(f"publish: {message}", err=True),
                             on_progress=bar)
        report = run(lambda: translate_project(directory, options))
    print_diagnostics(report.diagnostics)
    if report.engine is None:
        typer.echo("publish: translations are up to date; nothing was sent to an engine.", err=True)
    else:
        flagged = f", {report.flagged} flagged for review" if report.flagged else ""
        typer.echo(f"publish: {report.sent} segment(s) translated{flagged}; "
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
