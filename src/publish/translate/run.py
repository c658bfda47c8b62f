"""``publish translate``: bring ``translations/<lang>/`` up to date, sending only new English to the engine.

Order of work: read the book, merge its segments into every PO file (no engine yet), and only if
some segment needs a draft pick and load an engine. Drafts are written back every ``FLUSH_EVERY``
segments, atomically, so a killed run keeps what it finished and the next run resumes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..errors import Diagnostic, ExitCode, PublishError
from ..reader import read_project
from . import fastpath
from .engines import CHOICES, Engine, provenance_of, select_engine
from .glossary import GLOSSARY_NAME, TEMPLATE, Glossary, load_glossary, protect, restore
from .lock import MemoryLock
from .markup import placeholder_problem
from .memory import MemoryFile, language_folder, open_file
from .merge import MergePlan, merge
from .pofile import MT, PROBLEM, SUGGESTION, comment_value, new_po, po_text, set_comments, set_flag, write_atomic
from .reconcile import file_digest, snapshot, take_disk_edits
from .segments import Segment, all_segments

SUPPORTED = {"es": "Spanish"}
FLUSH_EVERY = 1000
"""Segments per engine call and per checkpoint of the PO files."""

Work = list[tuple[MemoryFile, MergePlan]]


@dataclass
class TranslateReport:
    """What a run did: the engine it picked (None when nothing needed one), counts and warnings."""

    engine: str | None = None
    sent: int = 0
    """Segments sent to the engine."""
    flagged: int = 0
    """Machine drafts flagged for review (a lost placeholder or glossary term)."""
    written: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class RunOptions:
    lang: str = "es"
    engine: str = "auto"
    redo_machine: bool = False
    on_engine: Callable[[str], None] | None = None
    """Told which engine was picked, before it loads."""
    on_progress: Callable[[int, int], None] | None = None
    """Called with (segments done, segments to do)."""


def translate_project(root: Path, options: RunOptions | None = None) -> TranslateReport:
    options = options or RunOptions()
    if options.lang not in SUPPORTED:
        raise PublishError(f"publish cannot translate into '{options.lang}' yet", exit_code=ExitCode.USAGE,
                           hint=f"supported: {', '.join(SUPPORTED)}.")
    if options.engine not in CHOICES:
        raise PublishError(f"unknown engine '{options.engine}'", exit_code=ExitCode.USAGE,
                           hint=f"use one of: {', '.join(CHOICES)}.")
    root = root.resolve()
    if not options.redo_machine and fastpath.unchanged(root, options.lang):
        return TranslateReport()
    book, diagnostics = read_project(root)
    report = TranslateReport(diagnostics=list(diagnostics))
    folder, rel = language_folder(root, options.lang)
    with MemoryLock(folder, rel) as lock:
        report.diagnostics.extend(lock.diagnostics)
        glossary = _ensure_glossary(folder, rel, report)
        report.diagnostics.extend(glossary.diagnostics)
        work = [(mf, merge(segs, mf.po, options.redo_machine))
                for mf, segs in ((open_file(root, options.lang, name), segs)
                                 for name, segs in all_segments(book).items())]
        report.diagnostics.extend(w for mf, _ in work for w in mf.warnings)
        pending = [(mf, entry, seg) for mf, plan in work for entry, seg in plan.pending]
        if pending:
            engine, message = select_engine(options.engine, "en", options.lang)
            report.engine = message
            if options.on_engine:
                options.on_engine(message)
            _draft(engine, pending, glossary, work, options, report)
        for mf, plan in work:
            if plan.changed or plan.pending or mf.po is None:
                report.diagnostics.extend(_write(mf, plan, options.lang, None))
                report.written.append(mf.rel)
    report.written = sorted(set(report.written))
    fastpath.record(root, options.lang)
    return report


def _ensure_glossary(folder: Path, rel: str, report: TranslateReport) -> Glossary:
    path = folder / GLOSSARY_NAME
    if not path.exists():
        write_atomic(path, TEMPLATE, f"{rel}/{GLOSSARY_NAME}")
        report.written.append(f"{rel}/{GLOSSARY_NAME}")
    return load_glossary(folder, rel)


def _draft(engine: Engine, pending: list[tuple[MemoryFile, polib.POEntry, Segment]], glossary: Glossary,
           work: Work, options: RunOptions, report: TranslateReport) -> None:
    provenance = provenance_of(engine, dt.date.today().isoformat())
    plans = {id(mf): plan for mf, plan in work}
    done, total = 0, len(pending)
    if options.on_progress:
        options.on_progress(0, total)

    def advance(count: int) -> None:
        if options.on_progress:
            options.on_progress(min(done + count, total), total)

    for start in range(0, total, FLUSH_EVERY):
        chunk = pending[start:start + FLUSH_EVERY]
        protected = [protect(seg.source, glossary) for _, _, seg in chunk]
        outputs = engine.translate_batch([p.text for p in protected], progress=advance)
        for (mf, entry, seg), shield, output in zip(chunk, protected, outputs):
            text, lost = restore(output, shield)
            problem = placeholder_problem(text, seg.slots)
            if lost:
                problem = "; ".join(filter(None, [problem, "glossary term(s) lost: " + ", ".join(lost)]))
            entry.msgstr = text
            set_comments(entry, {MT: provenance.comment(text), PROBLEM: problem})
            set_flag(entry, "fuzzy", bool(problem) or comment_value(entry, SUGGESTION) is not None)
            report.flagged += bool(problem)
        done += len(chunk)
        report.sent += len(chunk)
        engine_line = f"{engine.name} {engine.model_name} {engine.model_version} {engine.model_hash}"
        for mf in {id(mf): mf for mf, _, _ in chunk}.values():
            report.diagnostics.extend(_write(mf, plans[id(mf)], options.lang, engine_line))  # checkpoint: finished work survives a kill


def _write(mf: MemoryFile, plan: MergePlan, lang: str, engine_line: str | None) -> list[Diagnostic]:
    """Write one PO file, first taking in any edit a translator saved to it since this run read it."""
    kept = take_disk_edits(mf.path, mf.rel, mf.seen, mf.baseline, plan.entries)
    po = new_po(lang, {})
    if mf.po is not None:
        po.metadata.update(mf.po.metadata)
        po.header = mf.po.header
    else:
        po.header = ("Segment memory of publish translate. Edit msgstr in any PO editor; publish never "
                     "overwrites a human edit.\nStates: machine (msgstr is the engine's draft), edited, "
                     "approved (flag 'approved').")
    po.metadata["PO-Revision-Date"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
    po.metadata["X-Generator"] = "publish translate"
    if engine_line:
        po.metadata["X-Publish-Engine"] = engine_line
    po.check_for_duplicates = False
    for entry in [*plan.entries, *plan.obsolete]:
        po.append(entry)
    write_atomic(mf.path, po_text(po), mf.rel)
    mf.po = po
    mf.seen, mf.baseline = file_digest(mf.path), snapshot(plan.entries)
    return kept
