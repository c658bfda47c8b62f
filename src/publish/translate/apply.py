"""English Book + segment memory -> translated Book (pure), per-segment pairs and provenance.

This is what the Spanish and bilingual editions use; only ``load_memory`` does I/O.
A segment with no usable translation stays in English, wrapped in ``model.Foreign("en", ...)``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from .. import model as m
from ..errors import Diagnostic
from .markup import MarkupError, decode
from .memory import Memory, read_memory
from .pofile import entry_state, mt_record
from .segments import BOOK_FILE, Segment, SegmentMapper, article_segments, map_article, map_book_fields

load_memory = read_memory
"""``load_memory(root, lang) -> Memory``: read ``translations/<lang>/*.po`` and the glossary."""


class _Applier(SegmentMapper):
    def __init__(self, file: str, reference: str, memory: Memory, source_lang: str) -> None:
        super().__init__(file, reference)
        self.memory = memory
        self.source_lang = source_lang
        self.missing: list[str] = []
        self.diagnostics: list[Diagnostic] = []

    def translate_unit(self, segment: Segment) -> tuple[m.Inline, ...]:
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
    diagnostics: list[Diagnostic] = [w for memory_file in memory.files.values() for w in memory_file.warnings]
    diagnostics.extend(memory.glossary.diagnostics)
    book_applier = _Applier(BOOK_FILE, "publish.yaml", memory, book.lang)
    translated = map_book_fields(book, book_applier)
    book_applier.report_missing(lang)
    diagnostics.extend(book_applier.diagnostics)
    articles = []
    for article in book.articles:
        applier = _Applier(article.slug, article.path, memory, article.lang)
        articles.append(dataclasses.replace(map_article(article, applier), lang=lang))
        applier.report_missing(lang)
        diagnostics.extend(applier.diagnostics)
    return dataclasses.replace(translated, lang=lang, articles=tuple(articles)), diagnostics


def provenance(memory: Memory, article_slug: str, article: m.Article | None = None) -> dict[str, object]:
    """Engine/model/version/hash/date and the counts and shares of each state, for an attribution page.

    With ``article``, segments of the current English that the memory lacks count as untranslated.
    """
    memory_file = memory.files.get(article_slug)
    entries = list(memory_file.by_id.values()) if memory_file else []
    if article is not None:
        wanted = {s.id: s.source for s in article_segments(article)}
        entries = [e for e in entries if wanted.get(e.msgctxt) == e.msgid]
        missing = len(wanted) - len(entries)
    else:
        missing = 0
    counts = Counter(entry_state(e) for e in entries)
    counts["untranslated"] += missing
    fuzzy = sum("fuzzy" in e.flags for e in entries)
    total = len(entries) + missing
    engines = _engines(entries)
    main = engines[0] if engines else {}
    return {
        "file": memory_file.rel if memory_file else None,
        "engine": main.get("engine"), "model": main.get("model"), "version": main.get("version"),
        "hash": main.get("hash"), "date": main.get("last_date"),
        "engines": engines, "segments": total, "fuzzy": fuzzy,
        **{state: counts[state] for state in ("machine", "edited", "approved", "untranslated")},
        "shares": {state: (counts[state] / total if total else 0.0)
                   for state in ("machine", "edited", "approved", "untranslated")} | {
                   "fuzzy": fuzzy / total if total else 0.0},
    }


def _engines(entries: list) -> list[dict[str, object]]:  # type: ignore[type-arg]
    groups: dict[tuple[str, ...], list[str]] = {}
    for entry in entries:
        record = mt_record(entry)
        if record:
            key = tuple(record.get(k, "") for k in ("engine", "model", "version", "hash"))
            groups.setdefault(key, []).append(record.get("date", ""))
    rows = [{"engine": k[0], "model": k[1], "version": k[2], "hash": k[3], "segments": len(dates),
             "first_date": min(dates), "last_date": max(dates)} for k, dates in groups.items()]
    return sorted(rows, key=lambda row: -int(row["segments"]))  # type: ignore[call-overload]
