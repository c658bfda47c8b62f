"""Rendering a build's outputs as tasks: an EPUB is one task, a print PDF is a job of many (its parts, see
writers/pdf_book.py), and every task of every output shares one set of worker processes (``--jobs``).

With one job slot the tasks run here, one after another; with more they run in worker processes (render_pool),
the costliest outputs' tasks submitted first. A PDF job's next round is asked for as soon as its last part
comes back, and its parts are joined in this process. Progress is counted per output: each task reports the
pages it laid out, and an output's bar shows the sum of its tasks'.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Diagnostic
from .model import Book

if TYPE_CHECKING:
    from .render_pool import Rendered, Report
    from .staging import Kept, Stage
    from .writers.options import Options
    from .writers.pdf_book import Job, Joined, Need
    from .writers.pdf_cache import PartCache
    from .writers.pdf_parts import Part, PartPdf

Work = tuple[Book, str, Path]
IN_FLIGHT = 2
"""Tasks handed to the pool beyond one per worker: enough that no worker waits, few enough that a big book's
parts are not all held as HTML (and pickled) at once."""


@dataclass(frozen=True)
class Task:
    """One unit of work for a worker: a whole writer (``part`` None), or one part of a print PDF."""

    output: int
    fmt: str
    book: Book | None = None
    part: Part | None = None
    tagged: bool = True


@dataclass
class _Output:
    """An output being rendered: its PDF job (None for an EPUB), the batch it waits for, what it gathered."""

    job: Job | None
    fill: Callable[[Part], Part] | None = None
    """Makes a part's HTML (pdf_book.Need), as the part is handed out."""
    waiting: set[str] = field(default_factory=set)
    got: dict[str, PartPdf] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    units: int = 0
    result: Rendered | None = None
    joined: Joined | None = None


def run_task(task: Task, options: Options, output: str, slot: int, report: Report | None = None) -> tuple[Any, list[Diagnostic], int]:
    """In a worker (or here): run ``task``; its warnings become diagnostics against ``output`` (build/...)."""
    from .render_pool import counted
    from .writers import WRITERS
    from .writers.pdf_parts import render_part

    with counted(output, slot, report) as (found, counter):
        if task.part is None:
            assert task.book is not None
            data: Any = WRITERS[task.fmt](task.book, options)
        else:
            data = render_part(task.part, options, task.tagged)
    return data, found, counter.finish()


def render_outputs(work: list[Work], options: Options, jobs: int, report: Report | None,
                   done: Callable[[int], None] | None, caches: dict[int, PartCache],
                   stage: Stage) -> tuple[list[Rendered], dict[int, Joined]]:
    """Every output of ``work`` rendered (in ``work``'s order), and the joined PDFs' parts (for the cache).
    ``work`` is emptied as the outputs start: from then on a book is held only by what renders it (a PDF's
    job lets it go before its join: pdf_book), so a big book is not held through the join.
    Parts as they come back, and joined PDFs, are written to ``stage`` rather than held in memory."""
    from .render_pool import inline_pool, worker_pool
    from .writers.pdf_book import pdf_job

    salt = _salt(options) if caches else ""
    outputs = [_Output(pdf_job(book, options, caches[i].lookup, salt, caches[i].guesses(), stage.file(),
                               caches[i].resume(), stage.file())
                       if fmt == "pdf" else None) for i, (book, fmt, _) in enumerate(work)]
    kinds = [(fmt, path) for _, fmt, path in work]
    totals: dict[int, int] = {}
    slots: dict[int, tuple[int, int]] = {}  # slot -> (output, units it reported)

    def on_progress(slot: int, units: int) -> None:
        output, before = slots.get(slot, (0, 0))
        slots[slot] = (output, units)
        totals[output] = totals.get(output, 0) + units - before
        if report:
            report(output, totals[output])

    order = sorted(range(len(work)), key=lambda i: -_cost(work[i][0], work[i][1]))
    pool_of = inline_pool if jobs <= 1 or _task_count_one(work) else worker_pool
    items = dict(enumerate(work))
    work.clear()
    first = {i: _first_tasks(i, items.pop(i), outputs[i]) for i in order}
    with pool_of(jobs, on_progress) as pool:
        pending: dict[Future[Any], tuple[Task, int]] = {}
        queued: deque[Task] = deque()

        def submit(task: Task) -> None:
            queued.append(task)
            pump()

        def pump() -> None:
            while queued and len(pending) < jobs + IN_FLIGHT:
                task = queued.popleft()
                fill = outputs[task.output].fill
                if task.part is not None and fill is not None:
                    task = dataclasses.replace(task, part=fill(task.part))
                slot = len(slots) + 1  # slots only grow: each task reports under its own
                slots[slot] = (task.output, 0)
                rel = _rel(kinds[task.output][1], options.root)
                pending[pool.submit(run_task, task, options, rel, slot)] = (task, slot)

        for i in order:
            for task in first.pop(i):
                submit(task)
        while pending:
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in finished:
                task, _ = pending.pop(future)
                out = outputs[task.output]
                data, found, units = future.result()
                out.diagnostics += [d for d in found if d not in out.diagnostics]
                out.units += units
                if task.part is None:
                    out.result = (data, out.diagnostics, out.units)
                else:
                    out.got[task.part.key] = _part_pdf([(stage.keep(pdf), pages) for pdf, pages in data], found)
                    out.waiting.discard(task.part.key)
                    if not out.waiting:
                        for follow in _advance(task.output, kinds[task.output], out):
                            submit(follow)
                if out.result is not None and done:
                    done(task.output)
            pump()
    return [out.result for out in outputs if out.result is not None], \
        {i: out.joined for i, out in enumerate(outputs) if out.joined is not None}


def _first_tasks(index: int, item: Work, out: _Output) -> list[Task]:
    book, fmt, path = item
    if out.job is None:
        return [Task(index, fmt, book=book)]
    return _advance(index, (fmt, path), out, first=True)


def _advance(index: int, kind: tuple[str, Path], out: _Output, first: bool = False) -> list[Task]:
    """Hand the job the batch it waited for (start it, if ``first``): its next batch's tasks, or none when it
    has joined the PDF (at once, when every part was cached)."""
    assert out.job is not None
    got, out.got = out.got, {}
    try:
        return _ask(index, kind[0], out, next(out.job) if first else out.job.send(got))
    except StopIteration as finished:
        joined: Joined = finished.value
        out.joined = joined
        for part in joined.parts.values():
            out.diagnostics += [d for d in _diagnostics(part, kind[1]) if d not in out.diagnostics]
        out.result = (joined.pdf, out.diagnostics, out.units)
        return []


def _ask(index: int, fmt: str, out: _Output, need: Need) -> list[Task]:
    out.waiting, out.fill = {part.key for part, _ in need.parts}, need.fill
    return [Task(index, fmt, part=part, tagged=tagged) for part, tagged in need.parts]


def _part_pdf(chunks: list[tuple[Kept, int]], found: list[Diagnostic]) -> PartPdf:
    from .writers.pdf_parts import part_pdf

    return part_pdf(chunks, tuple((d.code, d.message, d.hint or "") for d in found))


def _diagnostics(part: PartPdf, path: Path) -> list[Diagnostic]:
    """A part's warnings (cached or fresh) against the output they belong to."""
    return [Diagnostic(code, message, f"build/{path.name}", hint=hint or None) for code, message, hint in part.diagnostics]


def _salt(options: Options) -> str:
    from .buildcache import environment_digest

    return environment_digest({"part": "pdf", "standard": options.pdf_standard, "profile": options.profile,
                               "modified": options.modified.isoformat()})


def _cost(book: Book, fmt: str) -> float:
    return (10.0 if fmt == "pdf" else 1.0) * (2.2 if book.bilingual else 1.0)


def _task_count_one(work: Sequence[Work]) -> bool:
    return len(work) == 1 and work[0][1] != "pdf"


def _rel(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
