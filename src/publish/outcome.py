"""Running a command's action: a PublishError becomes one line on stderr and its exit code, a signal one line
and ``128 + signum``, anything else one "internal error" line. No Typer here: a repeated build runs without it
(repeat.py).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

from .errors import ExitCode, Interrupted, PublishError

T = TypeVar("T")


def run(action: Callable[[], T]) -> T:
    """Run ``action``; print a PublishError as one line on stderr and exit with its code.

    SIGINT and SIGTERM become ``Interrupted`` while it runs, so either ends the command with one line and
    exit 130/143 after the ``finally`` blocks (locks, temp files, workers) have run.
    """
    previous = _catch_signals()
    try:
        return action()
    except PublishError as exc:
        _say(f"publish: error: {exc.one_line()}")
        raise SystemExit(int(exc.exit_code)) from None
    except KeyboardInterrupt as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        name = signal.Signals(signum).name
        _say(f"publish: interrupted ({name}); earlier outputs are unchanged.")
        raise SystemExit(128 + signum) from None
    except Exception as exc:  # a bug, not bad input: still one line, traceback only on request
        if os.environ.get("PUBLISH_DEBUG"):
            raise
        _say(f"publish: internal error: {type(exc).__name__}: {exc}. Hint: earlier outputs are unchanged; "
             "rerun with PUBLISH_DEBUG=1 for a traceback and report it.")
        raise SystemExit(int(ExitCode.FAILURE)) from None
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


def _say(line: str) -> None:
    sys.stdout.flush()
    print(line, file=sys.stderr, flush=True)
