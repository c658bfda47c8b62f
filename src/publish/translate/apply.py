"""Source Book + segment memory -> translated Book (pure), and each article's ``model.Provenance``.

This is what the Spanish and bilingual editions use; only ``load_memory`` does I/O.
A segment with no usable translation stays in English, wrapped in ``model.Foreign("en", ...)``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import polib

from .. import model as m
from ..errors import Diagnostic
from .markup import MarkupError, decode
from .memory import Memory, read_memory
from .pofile import draft_record, entry_state
from .qa_cache import flagged_counts
from .segments import BOOK_FILE, Segment, SegmentMapper, article_segments, map_article, map_book_fields

load_memory = read_memory
"""``load_memory(root, lang, shared=False) -> Memory``: read ``translations/<lang>/*.po`` and the glossary."""


class _Applier(SegmentMapper):
    def __init__(self, file: str, reference: str, memory: Memory, source_lang: str) -> None:
        super().__init__(file, reference)
        self.memory = memory
        self.source_lang = source_lang
        self.missing: list[str] = []
        self.diagnostics: list[Diagnostic] = []
        self.segments: list[Segment] = []
        """Every segment met, in order (``article_segments`` without a second walk)."""

    def translate_unit(self, segment: Segment) -> tuple[m.Inline, ...]:
        self.segments.append(segment)
        source = decode(segment.source, segment.slots)
        entry = self.memory.entry(self.file, segment.id)
        target: tuple[m.Inline, ...] | None = None
        if entry is not None and entry.msgid == segment.source and entry.msgstr:
            try:
                target = decode(entry.msgstr, segment.slots)
            except MarkupError as exc:
                memory_file = self.memory.files[self.file]
                self.diagnostics.append(Diagnostic(
                    "translation-markup", f"{exc} in {segment.id}; the English is shown instead",
                    memory_file.rel, entry.linenum, hint="copy every ⟦n⟧ placeholder of msgid into msgstr."))
        if target is None:
            self.missing.append(segment.id)
            target = (m.Foreign(self.source_lang, source),)
        return target

    def report_missing(self, lang: str) -> None:
        if self.missing:
            memory_file = self.memory.files.get(self.file)
            self.diagnostics.append(Diagnostic(
                "untranslated", f"{len(self.missing)} segment(s) have no {lang} translation and stay in English "
                f"(first: {self.missing[0]})", memory_file.rel if memory_file else f"translations/{lang}/{self.file}.po",
                hint=f"run 'publish translate --to {lang}'."))


def translate_book(book: m.Book, memory: Memory, lang: str) -> tuple[m.Book, list[Diagnostic]]:
    """A new Book in ``lang``: every translatable field from the memory, English where it has none."""
    translated, diagnostics, _, _ = _translate(book, memory, lang)
    return translated, diagnostics


def translate_edition(book: m.Book, memory: Memory, lang: str) -> tuple[m.Book, dict[str, m.Provenance],
                                                                          list[Diagnostic]]:
    """``translate_book``, and each article's ``provenance`` (by slug) with its review-queue size, in one walk."""
    translated, diagnostics, book_fields, articles = _translate(book, memory, lang)
    flagged = flagged_counts(memory, book.lang, articles, book_fields)
    records = {a.slug: provenance(memory, a.slug, a, flagged[a.slug], articles[a.slug]) for a in book.articles}
    return translated, records, diagnostics


def _translate(book: m.Book, memory: Memory, lang: str) -> tuple[m.Book, list[Diagnostic], list[Segment],
                                                                   dict[str, list[Segment]]]:
    """The translated Book, its reading warnings, and the segments of the book's fields and of each article."""
    diagnostics: list[Diagnostic] = [w for memory_file in memory.files.values() for w in memory_file.warnings]
    diagnostics.extend(memory.glossary.diagnostics)
    book_applier = _Applier(BOOK_FILE, "publish.yaml", memory, book.lang)
    translated = map_book_fields(book, book_applier)
    book_applier.report_missing(lang)
    diagnostics.extend(book_applier.diagnostics)
    articles = []
    segments: dict[str, list[Segment]] = {}
    for article in book.articles:
        applier = _Applier(article.slug, article.path, memory, article.lang)
        articles.append(dataclasses.replace(map_article(article, applier), lang=lang))
        applier.report_missing(lang)
        diagnostics.extend(applier.diagnostics)
        segments[article.slug] = applier.segments
    return (dataclasses.replace(translated, lang=lang, articles=tuple(articles)), diagnostics, book_applier.segments,
            segments)


def provenance(memory: Memory, article_slug: str, article: m.Article | None = None, flagged: int = 0,
               segments: list[Segment] | None = None) -> m.Provenance:
    """How the article's translation was made: engines, and how many segments are in each state.

    With ``article``, segments of the current source that the memory lacks count as untranslated
    (``segments``: the article's, when the caller has them already). ``flagged`` is the size of the
    article's review queue, which translation QA works out (``qa_cache.flagged_counts``).
    """
    memory_file = memory.files.get(article_slug)
    entries = list(memory_file.by_id.values()) if memory_file else []
    if article is not None and segments is None:
        segments = article_segments(article)
    wanted: dict[str, Segment] = {s.id: s for s in segments or ()} if article is not None else {}
    if article is not None:
        entries = [e for e in entries if e.msgctxt in wanted and wanted[e.msgctxt].source == e.msgid]
    missing = len(wanted) - len(entries) if article is not None else 0
    counts = Counter(entry_state(e) for e in entries)
    return m.Provenance(memory.lang, _engines(entries), len(entries) + missing, counts["machine"], counts["edited"],
                        counts["approved"], counts["untranslated"] + missing,
                        sum("fuzzy" in e.flags for e in entries), memory_file.rel if memory_file else None, flagged)


def _engines(entries: list[polib.POEntry]) -> tuple[m.EngineRecord, ...]:
    groups: dict[tuple[str, str, str, str], list[str]] = {}
    for entry in entries:
        record = draft_record(entry)
        if record is not None:
            origin = record.origin
            groups.setdefault((origin.engine, origin.model, origin.version, origin.hash), []).append(origin.date)
    rows = [m.EngineRecord(*key, len(dates), min(dates), max(dates)) for key, dates in groups.items()]
    return tuple(sorted(rows, key=lambda row: -row.segments))
