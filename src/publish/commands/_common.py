"""What every command shares: the ``-C DIR`` option and turning PublishError into one line + exit code."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from ..errors import Diagnostic, ExitCode, Interrupted, PublishError

T = TypeVar("T")

ProjectDir = Annotated[
    Path,
    typer.Option("-C", "--directory", help="Work on the project in DIR (as git -C does).", show_default=False),
]


def run(action: Callable[[], T]) -> T:
    """Run ``action``; print a PublishError as one line on stderr and exit with its code.

    SIGINT and SIGTERM become ``Interrupted`` while it runs, so either ends the command with one line and
    exit 130/143 after the ``finally`` blocks (locks, temp files, workers) have run.
    """
    previous = _catch_signals()
    try:
        return action()
    except PublishError as exc:
        typer.echo(f"publish: error: {exc.one_line()}", err=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except typer.Exit:
        raise
    except KeyboardInterrupt as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        name = signal.Signals(signum).name
        typer.echo(f"publish: interrupted ({name}); earlier outputs are unchanged.", err=True)
        raise typer.Exit(128 + signum) from None
    except Exception as exc:  # a bug, not bad input: still one line, traceback only on request
        if os.environ.get("PUBLISH_DEBUG"):
            raise
        typer.echo(f"publish: internal error: {type(exc).__name__}: {exc}. Hint: earlier outputs are unchanged; "
                   "rerun with PUBLISH_DEBUG=1 for a traceback and report it.", err=True)
        raise typer.Exit(int(ExitCode.FAILURE)) from None
    finally:
        _restore_signals(previous)


def _raise_interrupted(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def _catch_signals() -> dict[int, object]:
    """Install the handlers; SIGINT too, because a wrapper may have started publish with SIGINT ignored."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {signum: signal.signal(signum, _raise_interrupted) for signum in (signal.SIGINT, signal.SIGTERM)}


def _restore_signals(previous: dict[int, object]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)  # type: ignore[arg-type]


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
