"""What every command shares: the ``-C DIR`` option, printing diagnostics and the exit code they call for.
Running a command's action (a PublishError becomes one line and its exit code) is ``outcome.run``."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from ..errors import Diagnostic, ExitCode
from ..outcome import run

__all__ = ["ProjectDir", "exit_for", "print_diagnostics", "run", "stderr_is_terminal"]

ProjectDir = Annotated[
    Path,
    typer.Option("-C", "--directory", help="Work on the project in DIR (as git -C does).", show_default=False),
]


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """Print collected warnings once, at the end of a command."""
    for diagnostic in diagnostics:
        typer.echo(diagnostic.one_line(), err=True)


def exit_for(diagnostics: list[Diagnostic], strict: bool) -> None:
    """Exit 1 when there are errors, or warnings under ``--strict``."""
    failing = [d for d in diagnostics if d.severity == "error" or strict]
    if failing:
        raise typer.Exit(int(ExitCode.FAILURE))


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
