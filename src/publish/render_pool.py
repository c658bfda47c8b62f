"""Running the writers, serially or in worker processes, and collecting what WeasyPrint and ebooklib warn about.

Workers must never outlive the build: each asks the kernel for SIGKILL when its parent dies (``prctl
PR_SET_PDEATHSIG``, so even ``kill -9`` of the parent leaves no orphan), ignores SIGINT (a Ctrl-C reaches the
whole process group; only the parent reacts, so no worker prints a traceback), and the parent kills them
all when it is interrupted instead of waiting for their pages to finish.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Diagnostic
from .model import Book

if TYPE_CHECKING:
    from .writers.options import Options

Progress = Callable[[str], None]
Rendered = tuple[bytes, list[Diagnostic]]
PR_SET_PDEATHSIG = 1
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}

HINTS = {
    "image": "use an image file inside the project (publish reads nothing remote or outside it).",
    "stylesheet": "the stylesheet must be a file inside the project.",
}


def render_one(fmt: str, book: Book, options: Options, output: str) -> Rendered:
    """One writer's bytes, and its library warnings as diagnostics against ``output`` (build/...)."""
    from .writers import WRITERS

    found: list[Diagnostic] = []
    with _collect(found, output):
        data = WRITERS[fmt](book, options)
    return data, found


class _ToDiagnostics(logging.Handler):
    def __init__(self, found: list[Diagnostic], output: str) -> None:
        super().__init__(logging.WARNING)
        self.found, self.output = found, output

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "root" and "ebooklib" not in record.pathname:
            return  # another library's logging; only the two writers' messages are diagnostics
        message = " ".join(record.getMessage().split())
        tool = "ebooklib" if record.name == "root" else record.name.split(".")[0]
        hint = next((h for word, h in HINTS.items() if word in message.lower()),
                    f"{tool} reported this while writing; check the input it names.")
        diagnostic = Diagnostic(f"{tool}-warning", f"{tool}: {message}", self.output, hint=hint)
        if diagnostic not in self.found:
            self.found.append(diagnostic)


@contextmanager
def _collect(found: list[Diagnostic], output: str) -> Iterator[None]:
    """Route the ``weasyprint`` and ``ebooklib`` loggers (and ebooklib's root-logger calls and Python
    warnings) into ``found`` while one writer runs."""
    handler = _ToDiagnostics(found, output)
    loggers = [logging.getLogger(name) for name in ("weasyprint", "ebooklib", "root")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        for warning in caught:
            if "ebooklib" in warning.filename or "weasyprint" in warning.filename:
                tool = "ebooklib" if "ebooklib" in warning.filename else "weasyprint"
                handler.emit(logging.LogRecord(tool, logging.WARNING, warning.filename, warning.lineno,
                                               str(warning.message), None, None))
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def render_serial(work: list[tuple[Book, str, Path]], options: Options, progress: Progress | None) -> list[Rendered]:
    out = []
    for book, fmt, path in work:
        if progress:
            progress(f"{book.tag} {fmt}")
        out.append(render_one(fmt, book, options, _rel(path, options.root)))
    return out


def render_parallel(work: list[tuple[Book, str, Path]], options: Options, jobs: int,
                    progress: Progress | None, order: list[int]) -> list[Rendered]:
    """Render in ``jobs`` forked workers, starting in ``order``; results come back in ``work``'s order."""
    import multiprocessing

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_start, initargs=(os.getpid(),))
    try:
        # Workers fork inside submit(): a signal there would land in a fork hook, where Python swallows the
        # exception, or in a worker before it sets its handlers. Hold signals until every worker exists.
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            futures: dict[int, Future[Rendered]] = {
                i: pool.submit(render_one, work[i][1], work[i][0], options, _rel(work[i][2], options.root))
                for i in order}
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        results: dict[int, Rendered] = {}
        for i in order:
            if progress:
                progress(f"{work[i][0].tag} {work[i][1]}")
            results[i] = futures[i].result()
    except BaseException:
        _kill_workers(pool)
        raise
    pool.shutdown(wait=True)
    return [results[i] for i in range(len(work))]


def _worker_start(parent: int) -> None:
    """In each worker: die with the parent, leave Ctrl-C to it, and take the default SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # held by the parent while it forked us
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent's own kill on interrupt still applies
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill every worker now and reap it: an interrupted build must not wait for a page to finish."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=1)
    # With its workers dead the pool's manager thread sees a broken pool and ends at once; waiting for it
    # here keeps it from racing the interpreter's exit (an "Exception ignored" traceback at shutdown).
    pool.shutdown(wait=True, cancel_futures=True)


def _rel(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
