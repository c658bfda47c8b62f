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
import select
import struct
import threading
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
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
def inline_pool(jobs: int, report: Report, preload: bool = False) -> Iterator[Any]:
    """Tasks run in this process, in the order they are submitted."""
    yield _Inline(report)


@contextmanager
def worker_pool(jobs: int, report: Report, preload: bool = False) -> Iterator[Any]:
    """``jobs`` forked workers whose page counts reach ``report``; killed at once if the build is interrupted.
    With ``preload`` one worker imports WeasyPrint as it starts, while this process works out what to lay out;
    the others do once two tasks are out (``Workers``): a one-part rebuild gets a worker with a core of its own."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    held = (context.Value("i", 1), context.Event(), context.Value("i", 0)) if preload else None
    reader, writer = os.pipe()
    # Workers fork on the first submit()s: a signal there would land in a fork hook, where Python swallows the
    # exception, or in a worker before it sets its handlers. Hold signals until the workers exist.
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                   initializer=_worker_start, initargs=(os.getpid(), writer, held))
        for _ in range(jobs):
            pool.submit(int)  # start every worker now, signals held
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    stop = threading.Event()
    drain = threading.Thread(target=_drain, args=(reader, report, stop), daemon=True)
    drain.start()
    workers = Workers(pool, held)
    try:
        yield workers
    except BaseException:
        workers.kill()
        raise
    finally:
        workers.release(warm=False)
        stop.set()
        drain.join(timeout=5)
        os.close(reader)
        os.close(writer)
    pool.shutdown(wait=True)


class Workers:
    """The pool's ``submit``; the workers held back from preloading are let go once two tasks are out."""

    def __init__(self, executor: ProcessPoolExecutor, held: Any) -> None:
        self.executor, self.held = executor, held
        self.out = 0
        self.lock = threading.Lock()
        self.done = False  # released or killed: the shared event is not touched again

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        future = self.executor.submit(fn, *args)
        with self.lock:
            self.out += 1
            many = self.out >= 2
        future.add_done_callback(self._done)
        if many:
            self.release(warm=True)
        return future

    def _done(self, _future: Future[Any]) -> None:
        with self.lock:
            self.out -= 1

    def release(self, warm: bool) -> None:
        """Let the held workers go on: to preload (``warm``), or, at the end, straight to their exit."""
        with self.lock:
            if self.held is None or self.done:
                return
            self.done = True
        self.held[2].value = int(warm)
        self.held[1].set()

    def kill(self) -> None:
        """Kill every worker now. The event is left alone: setting it waits for its sleepers, dead ones too."""
        with self.lock:
            self.done = True
        _kill_workers(self.executor)


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


def _worker_start(parent: int, pipe: int, held: Any = None) -> None:
    """In each worker: die with the parent, leave Ctrl-C to it, and take the default SIGTERM. ``held``: the
    shared flags of ``worker_pool``'s preload (the first worker to start takes the first, and preloads at once;
    the others wait for the event, and preload if the third says so)."""
    global _WORKER_PIPE
    _WORKER_PIPE = pipe
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
    from .writers import pdf_parts

    pdf_parts.IN_WORKER = True
    try:
        os.nice(5)  # the parent reads and joins the book: it comes first on a shared core
    except OSError:
        pass
    if held is not None:
        first, go, warm = held
        with first.get_lock():
            mine, first.value = bool(first.value), 0
        if not mine:
            go.wait()
            if not warm.value:
                return
        _warm_up()


def _warm_up() -> None:
    """Import WeasyPrint (about 0.6 s) and lay out a line, so the fonts are found before the first part comes."""
    import weasyprint

    from .writers.pdf_render import _font_config

    html = '<p style="font-family: serif">Warm <i>up</i> <b>once</b></p>'
    weasyprint.HTML(string=html).render(font_config=_font_config()).write_pdf()


class Relay:
    """The progress callback of a pool started before its receiver exists (``early_pool``)."""

    def __init__(self) -> None:
        self.target: Report | None = None

    def __call__(self, slot: int, units: int) -> None:
        if self.target is not None:
            self.target(slot, units)


@dataclass
class EarlyPool:
    """Workers started before the book is read; ``used`` once the render takes them."""

    pool: Any
    relay: Relay
    used: bool = False


@contextmanager
def early_pool(jobs: int, wanted: bool) -> Iterator[EarlyPool | None]:
    """``jobs`` workers started now, when a PDF may be laid out: they import WeasyPrint while this process
    reads and typesets the book. Workers the build did not use are killed (not waited for) at the end."""
    if not wanted or jobs <= 1:
        yield None
        return
    relay = Relay()
    with worker_pool(jobs, relay, preload=True) as pool:
        early = EarlyPool(pool, relay)
        try:
            yield early
        finally:
            if not early.used:
                pool.kill()


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
