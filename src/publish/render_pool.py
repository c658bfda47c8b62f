"""Running the writers, serially or in worker processes, and collecting what WeasyPrint and ebooklib warn about.

Workers fork from a fork server (render_server), never from the build: they start small, with WeasyPrint
loaded, and each is replaced by a fresh one after ``WORKER_TASKS`` tasks, so none grows with the book.

Workers must never outlive the build: each asks the kernel for SIGKILL when the server dies (``prctl
PR_SET_PDEATHSIG``), and the server ends as soon as the build does (``kill -9`` of the build included: it sees
its pipe from the build close). Workers ignore SIGINT (a Ctrl-C reaches the whole process group; only the build
reacts, so no worker prints a traceback), and the build kills them all when it is interrupted instead of
waiting for their pages to finish.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import select
import struct
import threading
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import Diagnostic

if TYPE_CHECKING:
    from .writers.options import Options

Report = Callable[[int, int], None]
"""Progress of one part: (its index in the work list, units done so far: pages laid out, for a PDF)."""
Rendered = tuple[bytes | IO[bytes], list[Diagnostic], int]
"""A writer's bytes (or the staged file a joined PDF was written to), its warnings, and the units of work it
took (``_PageCounter``; 1 for an EPUB)."""
PR_SET_PDEATHSIG = 1
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}

HINTS = {
    "image": "use an image file inside the project (publish reads nothing remote or outside it).",
    "stylesheet": "the stylesheet must be a file inside the project.",
}


_WORKER_PIPE: int | None = None
"""In a worker: the pipe its progress goes to (the parent drains it); None in the parent. A record is 8 bytes,
written at once (atomic below PIPE_BUF), so a worker killed mid-write holds no lock the parent could wait on."""
RECORD = struct.Struct("=ii")


def _to_parent(index: int, done: int) -> None:
    if _WORKER_PIPE is not None:
        os.write(_WORKER_PIPE, RECORD.pack(index, done))


class _PageCounter(logging.Handler):
    """Counts the work WeasyPrint reports on its ``weasyprint.progress`` log, in pages laid out, and reports it.

    Writing the PDF and then tagging and finishing it log no page numbers; measured on the 100-article book
    each takes about as long as laying out half the pages, so each is counted as half the pages when done.
    """

    LOGGER = "weasyprint.progress"

    def __init__(self, index: int, report: Report) -> None:
        super().__init__(logging.INFO)
        self.index, self.report, self.pages, self.units = index, report, 0, 0

    def emit(self, record: logging.LogRecord) -> None:
        message = str(record.msg)
        if message.startswith("Step 5 - Creating layout - Page") and "up-to-date" not in message:
            self.pages += 1
            self.add(1)
        elif message.startswith("Step 7"):  # the PDF objects are written
            self.add(self.pages // 2)

    def add(self, units: int) -> None:
        self.units += units
        self.report(self.index, self.units)

    def finish(self) -> int:
        """The part is done (tagged, finished): its last share, and the total for the next build's bar."""
        self.add(max(self.pages // 2, 1))
        return self.units

    @contextmanager
    def listening(self) -> Iterator[None]:
        logger = logging.getLogger(self.LOGGER)
        level, propagate = logger.level, logger.propagate
        logger.addHandler(self)
        logger.setLevel(logging.INFO)
        logger.propagate = False  # page-by-page news is for the bar, not for anyone else's log
        try:
            yield
        finally:
            logger.removeHandler(self)
            logger.setLevel(level)
            logger.propagate = propagate


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


@contextmanager
def counted(output: str, slot: int, report: Report | None = None) -> Iterator[tuple[list[Diagnostic], _PageCounter]]:
    """While a task runs: its library warnings collected against ``output``, its pages counted under ``slot``
    (sent to the parent from a worker, or to ``report`` here)."""
    found: list[Diagnostic] = []
    counter = _PageCounter(slot, report or _to_parent)
    with _collect(found, output), counter.listening():
        yield found, counter


class _Inline:
    """The pool's ``submit`` with no pool: the task runs at once, here, and its future is already done."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, report=self.report))
        return future


@contextmanager
def inline_pool(jobs: int, report: Report) -> Iterator[Any]:
    """Tasks run in this process, in the order they are submitted."""
    yield _Inline(report)


WORKER_TASKS = 64
"""Tasks a worker process takes before a fresh one replaces it. WeasyPrint keeps about 0.15 MiB of C memory
(below Python: Pango, HarfBuzz, fontconfig) per part it lays out, which no collection or ``malloc_trim`` gives
back: a worker that had laid out 500 parts of the 1,000-article book held 75 MiB more than a fresh one. A fresh
worker forks from the fork server (``render_server``) with WeasyPrint loaded, in milliseconds."""


def start_server(jobs: int, wanted: bool) -> None:
    """Start the fork server now, when a PDF may be laid out with workers: it imports WeasyPrint while this
    process reads and typesets the book (``ensure_running`` does not wait for it)."""
    if wanted and jobs > 1:
        from multiprocessing import forkserver

        _context()
        forkserver.ensure_running()


def _context() -> Any:
    """The ``forkserver`` start method, with ``render_server`` loaded in the server before any worker forks.

    Not ``fork``: a worker forked from this process would start as big as it is (the book, the join's records),
    and ``fork`` cannot replace workers while the pool's threads run."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["publish.render_server"])
    return context


@contextmanager
def worker_pool(jobs: int, report: Report) -> Iterator[Workers]:
    """``jobs`` workers at a time, whose page counts reach ``report``; killed at once if the build is
    interrupted. Each is replaced after ``WORKER_TASKS`` tasks (``Workers``)."""
    context = _context()
    reader, writer = context.Pipe(duplex=False)
    stop = threading.Event()
    drain = threading.Thread(target=_drain, args=(reader.fileno(), report, stop), daemon=True)
    drain.start()
    workers = Workers(jobs, context, writer)
    try:
        yield workers
    except BaseException:
        workers.kill()
        raise
    finally:
        stop.set()
        drain.join(timeout=5)
        reader.close()
        writer.close()
    workers.shutdown()


class Workers:
    """The pool's ``submit``. Every ``jobs * WORKER_TASKS`` tasks the tasks go to a new executor, whose workers
    fork fresh from the server; the old one's workers finish what they were given and exit."""

    def __init__(self, jobs: int, context: Any, pipe: Any) -> None:
        self.jobs, self.context, self.pipe = jobs, context, pipe
        self.executors: list[ProcessPoolExecutor] = []
        self.given = 0

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        if not self.executors or self.given >= self.jobs * WORKER_TASKS:
            if self.executors:
                self.executors[-1].shutdown(wait=False)  # its queued tasks still run; then its workers exit
            self.executors.append(ProcessPoolExecutor(max_workers=self.jobs, mp_context=self.context,
                                                      initializer=_worker_start, initargs=(self.pipe, os.getpid())))
            self.given = 0
        self.given += 1
        return self.executors[-1].submit(fn, *args)

    def kill(self) -> None:
        """Kill every worker now."""
        for executor in self.executors:
            _kill_workers(executor)

    def shutdown(self) -> None:
        for executor in self.executors:
            executor.shutdown(wait=True)


def _drain(reader: int, report: Report | None, stop: threading.Event) -> None:
    """In the parent: pass the workers' progress on until the render ends."""
    pending = b""
    while True:
        ready = select.select([reader], [], [], 0.05)[0]
        if not ready and stop.is_set():
            return
        if ready:
            pending += os.read(reader, RECORD.size * 512)
            whole = len(pending) - len(pending) % RECORD.size
            for index, done in RECORD.iter_unpack(pending[:whole]):
                if report:
                    report(index, done)
            pending = pending[whole:]


_PIPE: Any = None
"""In a worker: the progress pipe's connection, kept so that its descriptor stays open."""


def _worker_start(pipe: Any, build: int) -> None:
    """In each worker: die with the build (process ``build``) and with the fork server, leave Ctrl-C to the build,
    and take the default SIGTERM. The server holds both signals (render_server): they wait until this is set."""
    global _WORKER_PIPE, _PIPE
    _PIPE, _WORKER_PIPE = pipe, pipe.fileno()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    server = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the build's own kill on interrupt still applies
        pass
    if os.getppid() != server:  # the server died before prctl took effect
        os._exit(1)
    _die_with(build)
    from .writers import pdf_parts

    pdf_parts.IN_WORKER = True
    try:
        os.nice(5)  # the parent reads and joins the book: it comes first on a shared core
    except OSError:
        pass


def _die_with(build: int) -> None:
    """End this worker as soon as process ``build`` ends, however it ends (``kill -9`` too). The kernel tells a
    worker only of its own parent's death, which is the fork server; the server, in turn, waits for its last
    client, and each worker is one. So each worker watches the build itself (a pidfd, Linux 5.3 and later)."""
    try:
        watched = os.pidfd_open(build)
    except ProcessLookupError:  # the build is gone already
        os._exit(1)
    except (OSError, AttributeError):  # no pidfd here (Linux before 5.3): the build's own kill on interrupt applies
        return

    def watch() -> None:
        select.select([watched], [], [])
        os._exit(1)

    threading.Thread(target=watch, name="publish-watch-build", daemon=True).start()


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
