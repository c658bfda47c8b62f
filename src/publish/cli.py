"""The console-script entry point: ``publish ...``.

A ``publish build`` repeated word for word, in the same directory, with nothing changed since the build that
recorded it, is answered from the manifest before Typer is even imported (``repeat.py``): that is what makes a
no-op build take a few tens of milliseconds, and a rebuild after an edit skip Typer's start-up. Everything else
goes to the Typer app (``app.py``).
"""

from __future__ import annotations

import os
import signal
import sys

from . import repeat

_INTERRUPTED = (128 + signal.SIGINT, 128 + signal.SIGTERM)


def run() -> None:
    """The ``publish`` console script: ``main``. A repeated build that has finished (its files in place, its
    workers gone) leaves without tearing the interpreter down, about 0.1 s of a one-article rebuild."""
    try:
        main()
    except SystemExit as done:
        if repeat.answered():
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(done.code if isinstance(done.code, int) else 1)
        raise


def main() -> None:
    """What ``publish`` runs (tests call it in-process: it always ends by raising SystemExit or returning).

    An interrupted command has already run its ``finally`` blocks (locks, temp files, workers) and printed
    its line; it then leaves at once. Tearing down the interpreter (WeasyPrint, Babel, the dictionaries)
    took about 0.9 s, time a Ctrl-C should not have to wait for.
    """
    argv = sys.argv[1:]
    try:
        answered = repeat.answer(argv, os.getcwd())
        if answered is not None:
            sys.exit(answered)
        repeat.invoked(argv, os.getcwd())
        from .app import app

        app()
    except SystemExit as done:
        if done.code in _INTERRUPTED:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(int(done.code))
        raise
