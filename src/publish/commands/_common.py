"""What every command shares: the ``-C DIR`` option and turning PublishError into one line + exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from ..errors import Diagnostic, ExitCode, PublishError

T = TypeVar("T")

ProjectDir = Annotated[
    Path,
    typer.Option("-C", "--directory", help="Work on the project in DIR (as git -C does).", show_default=False),
]


def run(action: Callable[[], T]) -> T:
    """Run ``action``; print a PublishError as one line on stderr and exit with its code."""
    try:
        return action()
    except PublishError as exc:
        typer.echo(f"publish: error: {exc.one_line()}", err=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        typer.echo("publish: interrupted; earlier outputs are unchanged.", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:  # a bug, not bad input: still one line, traceback only on request
        if os.environ.get("PUBLISH_DEBUG"):
            raise
        typer.echo(f"publish: internal error: {type(exc).__name__}: {exc}. Hint: earlier outputs are unchanged; "
                   "rerun with PUBLISH_DEBUG=1 for a traceback and report it.", err=True)
        raise typer.Exit(int(ExitCode.FAILURE)) from None


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
