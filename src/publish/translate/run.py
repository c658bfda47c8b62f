"""``publish translate``: bring ``translations/<lang>/`` up to date, sending only new source text to the engine.

The source language is the book's (``language`` in publish.yaml) and the targets are its
``translations``; which engine serves a pair is decided by what is installed (``engines``).

Order of work: read the book, merge its segments into every PO file (no engine yet), and only if
some segment needs a draft pick and load an engine. Drafts are written back every ``FLUSH_EVERY``
segments, atomically, so a killed run keeps what it finished and the next run resumes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..config import CONFIG, load_project_config
from ..errors import Diagnostic, ExitCode, PublishError
from ..model import Book
from ..reader import read_project
from ..reader.project import read_text
from . import fastpath
from .engines import CHOICES, Engine, origin_of, select_engine
from .enforce import draft_batch
from .glossary import GLOSSARY_NAME, TEMPLATE, Glossary, load_glossary
from .lock import MemoryLock
from .markup import placeholder_problem
from .memory import MemoryFile, language_folder, open_file
from .merge import MergePlan, merge
from .pofile import MT, PROBLEM, SUGGESTION, comment_value, new_po, po_text, set_comments, set_flag, write_atomic
from .reconcile import file_digest, snapshot, take_disk_edits
from .segments import Segment, all_segments

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
    lang: str | None = None
    """The target language; None: the one translation publish.yaml lists (an error if it lists several)."""
    engine: str = "auto"
    redo_machine: bool = False
    on_engine: Callable[[str], None] | None = None
    """Told which engine was picked, before it loads."""
    on_progress: Callable[[int, int], None] | None = None
    """Called with (segments done, segments to do)."""


def translate_project(root: Path, options: RunOptions | None = None) -> TranslateReport:
    options = options or RunOptions()
    if options.engine not in CHOICES:
        raise PublishError(f"unknown engine '{options.engine}'", exit_code=ExitCode.USAGE,
                           hint=f"use one of: {', '.join(CHOICES)}.")
    root = root.resolve()
    source, targets = project_languages(root)
    target = choose_target(source, targets, options.lang)
    if not options.redo_machine and fastpath.unchanged(root, target):
        return TranslateReport()
    book, diagnostics = read_project(root)
    report = TranslateReport(diagnostics=list(diagnostics))
    folder, rel = language_folder(root, target)
    created = [path for path in (folder.parent, folder) if not path.exists()]
    try:
        with MemoryLock(folder, rel) as lock:
            report.diagnostics.extend(lock.diagnostics)
            _update(root, book, (source, target), options, report)
    except BaseException:
        for path in reversed(created):  # a failed first run into a language leaves no empty folder behind
            with contextlib.suppress(OSError):
                path.rmdir()  # only when empty: finished work a checkpoint wrote stays
        raise
    report.written = sorted(set(report.written))
    fastpath.record(root, target)
    return report


def _update(root: Path, book: Book, pair: tuple[str, str], options: RunOptions, report: TranslateReport) -> None:
    """Merge the book into the memory of ``pair``'s target, draft what is pending, write what changed."""
    source, target = pair
    folder, rel = language_folder(root, target)
    glossary = load_glossary(folder, rel)
    report.diagnostics.extend(glossary.diagnostics)
    work = [(mf, merge(segs, mf.po, options.redo_machine))
            for mf, segs in ((open_file(root, target, name), segs) for name, segs in all_segments(book).items())]
    report.diagnostics.extend(w for mf, _ in work for w in mf.warnings)
    pending = [(mf, entry, seg) for mf, plan in work for entry, seg in plan.pending]
    if pending:
        engine, message = select_engine(options.engine, source, target)  # may fail: nothing is written yet
        report.engine = message
        if options.on_engine:
            options.on_engine(message)
        _draft(engine, pending, glossary, work, target, options, report)
    _ensure_glossary(folder, rel, report)
    for mf, plan in work:
        if plan.changed or plan.pending or mf.po is None:
            report.diagnostics.extend(_write(mf, plan, target, None))
            report.written.append(mf.rel)


def project_languages(root: Path) -> tuple[str, tuple[str, ...]]:
    """The book's language and its translations, from publish.yaml alone (the fast path reads no more)."""
    if not (root / CONFIG).is_file():
        read_project(root)  # raises the one-line error for a missing publish.yaml or a folder in its place
    config = load_project_config(read_text(root / CONFIG, root))
    return config.language, config.translations


def choose_target(source: str, targets: tuple[str, ...], requested: str | None) -> str:
    """The target language of a run: ``requested`` if publish.yaml lists it, else the only one listed."""
    if requested is None:
        if len(targets) == 1:
            return targets[0]
        listed = ", ".join(targets)
        raise PublishError(f"say which language to translate into ({listed})" if targets else
                           "publish.yaml lists no translations", exit_code=ExitCode.USAGE,
                           hint=f"run 'publish translate --to {targets[0]}'." if targets else
                           "add a list of target languages to publish.yaml, e.g. 'translations: [fr, pt]'.")
    if requested == source:
        raise PublishError(f"the book is already in '{source}' (publish.yaml: language)", exit_code=ExitCode.USAGE,
                           hint=f"translate into one of its translations ({', '.join(targets) or 'none listed'}).")
    if requested not in targets:
        raise PublishError(f"'{requested}' is not among the translations of publish.yaml", path=CONFIG,
                           exit_code=ExitCode.USAGE,
                           hint=f"add it ('translations: [{', '.join((*targets, _safe(requested)))}]'), "
                                "then run publish translate again.")
    return requested


def _safe(tag: str) -> str:
    return tag if tag.replace("-", "").isalnum() and len(tag) <= 35 else "LANG"


def _ensure_glossary(folder: Path, rel: str, report: TranslateReport) -> None:
    """A new language folder gets the commented glossary template (written with its first PO files)."""
    path = folder / GLOSSARY_NAME
    if not path.exists():
        write_atomic(path, TEMPLATE, f"{rel}/{GLOSSARY_NAME}")
        report.written.append(f"{rel}/{GLOSSARY_NAME}")


def _draft(engine: Engine, pending: list[tuple[MemoryFile, polib.POEntry, Segment]], glossary: Glossary,
           work: Work, target: str, options: RunOptions, report: TranslateReport) -> None:
    origin = origin_of(engine, dt.date.today().isoformat())
    plans = {id(mf): plan for mf, plan in work}
    done, total = 0, len(pending)
    if options.on_progress:
        options.on_progress(0, total)

    def advance(count: int) -> None:
        if options.on_progress:
            options.on_progress(min(done + count, total), total)

    for start in range(0, total, FLUSH_EVERY):
        chunk = pending[start:start + FLUSH_EVERY]
        drafts = draft_batch(engine, [seg.source for _, _, seg in chunk], glossary, progress=advance)
        for (mf, entry, seg), draft in zip(chunk, drafts):
            text = draft.text
            problem = placeholder_problem(text, seg.slots)
            if draft.lost_terms:
                problem = "; ".join(filter(None, [problem, "glossary term(s) lost: " + ", ".join(draft.lost_terms)]))
            entry.msgstr = text
            set_comments(entry, {MT: origin.comment(text, draft.score, draft.unknown), PROBLEM: problem})
            set_flag(entry, "fuzzy", bool(problem) or comment_value(entry, SUGGESTION) is not None)
            report.flagged += bool(problem)
        done += len(chunk)
        report.sent += len(chunk)
        engine_line = f"{engine.name} {engine.model_name} {engine.model_version} {engine.model_hash}"
        for mf in {id(mf): mf for mf, _, _ in chunk}.values():
            report.diagnostics.extend(_write(mf, plans[id(mf)], target, engine_line))  # checkpoint: finished work survives a kill


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
