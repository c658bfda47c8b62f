"""``publish check --translations``: lint the segment memory against the current English.

Reports untranslated segments and, per translated segment, what ``qa_segment`` finds (glossary,
leftover source words, garbled words, numbers, placeholders, loops, length, fuzzy flags); plus, per
article, the share of machine, edited and approved segments. ``qa_queue`` orders them for review.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from .. import model as m
from ..errors import Diagnostic
from ..reader import read_project
from .apply import load_memory, provenance
from .memory import Memory
from .qa_lexicon import install_hint
from .qa_queue import SegmentReport, review_queue
from .qa_segment import Languages, book_names, file_reports, languages_named
from .segments import BOOK_FILE, Segment, all_segments


@dataclass
class TranslationReview:
    """Everything ``check --translations`` found: diagnostics, review shares per article, every segment."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    rows: list[dict[str, object]] = field(default_factory=list)
    """Per article: ``article_row`` of its ``model.Provenance``."""
    segments: list[SegmentReport] = field(default_factory=list)


def check_translations(root: Path, lang: str) -> tuple[list[Diagnostic], list[dict[str, object]]]:
    """Diagnostics for every problem found, and one row per article with its state counts and shares."""
    review = review_translations(root, lang)
    return review.diagnostics, review.rows


def review_translations(root: Path, lang: str) -> TranslationReview:
    """Check every translated segment of ``translations/<lang>/`` against the current source."""
    book, _ = read_project(root)
    memory = load_memory(root, lang)
    segments = all_segments(book)
    languages = languages_named(book.lang, lang, book_names([s for segs in segments.values() for s in segs]))
    review = TranslationReview(list(memory.glossary.diagnostics))
    if languages.target_lex is None:
        review.diagnostics.append(Diagnostic(
            "translation-dictionary", f"no Hunspell dictionary for '{lang}' is installed, so leftover "
            f"{languages.source_name()} words are found only where the engine marked or copied them",
            hint=f"{install_hint(lang)} (and pip install spylls)."))
    articles = {a.slug: a for a in book.articles}
    for name, file_segments in segments.items():
        flagged = len(review_queue(_check_file(memory, name, file_segments, languages, review)))
        if name != BOOK_FILE:
            review.rows.append(article_row(name, provenance(memory, name, articles[name], flagged, file_segments)))
    return review


def article_row(slug: str, record: m.Provenance) -> dict[str, object]:
    """The article's ``Provenance`` as JSON-ready data (``dataclasses.asdict``), with each state's share."""
    total = record.segments
    counts = {"machine": record.machine, "edited": record.edited, "approved": record.approved,
              "untranslated": record.untranslated, "fuzzy": record.fuzzy, "flagged": record.flagged}
    return {"article": slug, **dataclasses.asdict(record),
            "shares": {state: (count / total if total else 0.0) for state, count in counts.items()}}


def _check_file(memory: Memory, name: str, segments: list[Segment], languages: Languages,
                review: TranslationReview) -> list[SegmentReport]:
    """Check one PO file into ``review``; its segments' reports are returned too (the article's queue)."""
    memory_file = memory.files.get(name)
    rel = memory_file.rel if memory_file else f"translations/{languages.target}/{name}.po"
    reports, missing = file_reports(rel, segments, memory_file.by_id if memory_file else {}, memory.glossary,
                                    languages)
    for report in reports:
        review.segments.append(report)
        review.diagnostics.extend(Diagnostic(f.code, f"{report.id}: {f.message}", rel, report.line or None,
                                             hint=f.hint) for f in report.findings)
    if missing:
        review.diagnostics.append(Diagnostic(
            "translation-untranslated", f"{len(missing)} segment(s) have no translation (first: {missing[0]})",
            rel, hint=f"run 'publish translate --to {languages.target}'."))
    return reports
