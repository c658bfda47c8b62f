"""``publish check --translations``: lint the segment memory against the current English.

Reports untranslated segments, numbers missing from the target, placeholder mismatches, glossary
violations, repetition loops (a classic neural failure), length-ratio outliers and entries flagged
for review; plus, per article, the share of machine, edited and approved segments.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..errors import Diagnostic
from ..reader import read_project
from .apply import load_memory, provenance
from .glossary import Glossary, same_word_by_endings, violations
from .markup import placeholder_problem, strip_placeholders
from .memory import Memory
from .pofile import PROBLEM, comment_value, draft_record, entry_state
from .qa_lexicon import Lexicon, install_hint, load_lexicon
from .qa_queue import Finding, SegmentReport
from .qa_words import leftover_words, names_in, unknown_words
from .segments import BOOK_FILE, Segment, all_segments

RATIO_LOW, RATIO_HIGH = 0.5, 2.2
"""Spanish runs 10-30% longer than English; outside this band something was dropped or invented."""
MIN_RATIO_LENGTH = 25
HEADLINES = ("title", "h")
"""Segment kinds that may be set in title case (every word capitalised)."""
_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_LOOP = re.compile(r"\b(\w+(?:\W+\w+){0,2})(?:\W+\1\b){3,}", re.IGNORECASE)


@dataclass(frozen=True)
class Languages:
    """The pair a memory translates, with each side's Hunspell dictionary (None when not installed)."""

    source: str
    target: str
    source_lex: Lexicon | None
    target_lex: Lexicon | None
    names: frozenset[str] = frozenset()
    """Words the book's source capitalises mid-sentence somewhere: names wherever they stand."""

    def same_word(self, rendering_word: str, word: str) -> bool:
        """A glossary rendering's word in any inflection: shared Hunspell stem, or the Romance endings."""
        if same_word_by_endings(rendering_word, word):
            return True
        lex = self.target_lex
        return lex is not None and bool(lex.stems(rendering_word) & lex.stems(word))

    def source_name(self) -> str:
        from babel import Locale, UnknownLocaleError

        try:
            return str(Locale.parse(self.source.replace("-", "_")).get_display_name("en"))
        except (ValueError, UnknownLocaleError):
            return self.source


@dataclass
class TranslationReview:
    """Everything ``check --translations`` found: diagnostics, review shares per article, every segment."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    rows: list[dict[str, object]] = field(default_factory=list)
    segments: list[SegmentReport] = field(default_factory=list)


def check_translations(root: Path, lang: str) -> tuple[list[Diagnostic], list[dict[str, object]]]:
    """Diagnostics for every problem found, and one row per article with its state counts and shares."""
    review = review_translations(root, lang)
    return review.diagnostics, review.rows


def review_translations(root: Path, lang: str) -> TranslationReview:
    """Check every translated segment of ``translations/<lang>/`` against the current source."""
    book, _ = read_project(root)
    memory = load_memory(root, lang)
    languages = Languages(book.lang, lang, load_lexicon(book.lang), load_lexicon(lang))
    review = TranslationReview(list(memory.glossary.diagnostics))
    if languages.target_lex is None:
        review.diagnostics.append(Diagnostic(
            "translation-dictionary", f"no Hunspell dictionary for '{lang}' is installed, so leftover "
            f"{languages.source_name()} words are found only where the engine marked or copied them",
            hint=f"{install_hint(lang)} (and pip install spylls)."))
    articles = {a.slug: a for a in book.articles}
    segments = all_segments(book)
    running = [s.source for segs in segments.values() for s in segs if s.kind not in HEADLINES]
    languages = dataclasses.replace(languages, names=names_in(running))
    for name, file_segments in segments.items():
        _check_file(memory, name, file_segments, languages, review)
        if name != BOOK_FILE:
            review.rows.append({"article": name, **provenance(memory, name, articles[name])})
    return review


def _check_file(memory: Memory, name: str, segments: list[Segment], languages: Languages,
                review: TranslationReview) -> None:
    memory_file = memory.files.get(name)
    rel = memory_file.rel if memory_file else f"translations/{languages.target}/{name}.po"
    missing: list[str] = []
    for segment in segments:
        entry = memory.entry(name, segment.id)
        if entry is None or entry.msgid != segment.source or not entry.msgstr:
            missing.append(segment.id)
            continue
        report = segment_report(rel, segment, entry, memory.glossary, languages)
        review.segments.append(report)
        review.diagnostics.extend(Diagnostic(f.code, f"{segment.id}: {f.message}", rel, entry.linenum, hint=f.hint)
                                  for f in report.findings)
    if missing:
        review.diagnostics.append(Diagnostic(
            "translation-untranslated", f"{len(missing)} segment(s) have no translation (first: {missing[0]})",
            rel, hint=f"run 'publish translate --to {languages.target}'."))


def segment_report(rel: str, segment: Segment, entry: polib.POEntry, glossary: Glossary,
                   languages: Languages) -> SegmentReport:
    """What QA finds in one translated entry, with the engine's record of its draft."""
    record = draft_record(entry)
    state = entry_state(entry)
    # Apertium's own unknown-word marks hold only for the text it wrote, not for a person's edit.
    marked = record.unknown if record is not None and state == "machine" else ()
    findings = entry_problems(segment, entry, glossary, languages, marked)
    leftover = next((f.words for f in findings if f.code == "translation-leftover"), ())
    return SegmentReport(rel, entry.linenum or 0, segment.id, segment.kind, state, segment.source, entry.msgstr,
                         record.provenance.engine if record else None, record.score if record else None,
                         tuple(findings), leftover)


def entry_problems(segment: Segment, entry: polib.POEntry, glossary: Glossary,
                   languages: Languages | None = None, marked: tuple[str, ...] = ()) -> list[Finding]:
    """Each problem of one translated entry."""
    source, target = segment.source, entry.msgstr
    found: list[Finding] = []
    problem = placeholder_problem(target, segment.slots)
    if problem:
        found.append(Finding("translation-markup", problem, "copy every ⟦n⟧ placeholder of msgid into msgstr."))
    lost = _missing_numbers(source, target)
    if lost:
        found.append(Finding("translation-numbers", f"number(s) {', '.join(lost)} missing from the translation",
                             "check the figures against the English."))
    same = languages.same_word if languages else None
    for violation in violations(source, target, glossary, same):
        found.append(Finding("translation-glossary", violation, f"see {glossary.path}."))
    if languages is not None:
        found.extend(_word_findings(source, target, glossary, languages, marked, segment.kind in HEADLINES))
    loop = _LOOP.search(strip_placeholders(target))
    if loop:
        found.append(Finding("translation-repetition", f"repetition loop: '{loop.group(0)[:60]}'",
                             "redraft the sentence by hand; the engine looped."))
    ratio = _ratio(source, target)
    if ratio is not None:
        found.append(Finding("translation-length", f"translation is {ratio:.1f}x the length of the source",
                             "something may be missing or invented."))
    if "fuzzy" in entry.flags:
        why = comment_value(entry, PROBLEM) or "the source changed under a human translation"
        found.append(Finding("translation-review", f"flagged for review: {why}",
                             "fix msgstr if needed, then clear the 'fuzzy' flag in your PO editor."))
    return found


def _word_findings(source: str, target: str, glossary: Glossary, languages: Languages,
                   marked: tuple[str, ...], headline: bool) -> list[Finding]:
    words = leftover_words(source, target, glossary, languages.target_lex, languages.source_lex, marked,
                           languages.names, headline)
    found = []
    if words:
        found.append(Finding("translation-leftover", f"{languages.source_name()} word(s) left in the translation: "
                             f"{', '.join(words)}", "translate them (or add names to the glossary's 'keep').",
                             tuple(words)))
    odd = unknown_words(source, target, glossary, languages.target_lex, words)
    if odd:
        found.append(Finding("translation-unknown-word", f"word(s) no {languages.target} dictionary knows: "
                             f"{', '.join(odd)}", "check the spelling (the engine may have run two words "
                             "together).", tuple(odd)))
    return found


def _missing_numbers(source: str, target: str) -> list[str]:
    # Spanish writes 47,08 and 12.000 where English writes 47.08 and 12,000: compare digits only.
    wanted = [n for n in _NUMBER.findall(strip_placeholders(source))]
    have = [re.sub(r"\D", "", n) for n in _NUMBER.findall(strip_placeholders(target))]
    lost = []
    for number in wanted:
        digits = re.sub(r"\D", "", number)
        if digits in have:
            have.remove(digits)
        else:
            lost.append(number)
    return lost


def _ratio(source: str, target: str) -> float | None:
    plain_source, plain_target = strip_placeholders(source).strip(), strip_placeholders(target).strip()
    if len(plain_source) < MIN_RATIO_LENGTH:
        return None
    ratio = len(plain_target) / len(plain_source)
    return ratio if not RATIO_LOW <= ratio <= RATIO_HIGH else None
