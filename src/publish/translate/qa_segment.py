"""What translation QA finds in one translated segment: the checks behind ``check --translations``.

Each check is a ``Finding`` (code, message, hint, words): glossary, leftover source words, words no
dictionary knows, numbers, placeholders, repetition loops, length ratio, and the ``fuzzy`` flag.
``segment_report`` adds the engine's own record of the draft (score, unknown words) from the PO.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import polib

from .glossary import Glossary, same_word_by_endings, violations
from .markup import placeholder_problem, strip_placeholders
from .pofile import PROBLEM, comment_value, draft_record, entry_state
from .qa_lexicon import Lexicon, load_lexicon
from .qa_queue import Finding, SegmentReport
from .qa_words import leftover_words, names_in, unknown_words
from .segments import Segment

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
    names: frozenset[str] = field(default=frozenset())
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


def book_names(sources: list[Segment]) -> frozenset[str]:
    """The names QA allows in every segment: words the book's running text (headlines excluded) capitalises
    mid-sentence. Pass every segment of the book, its own title and description included."""
    return names_in([s.source for s in sources if s.kind not in HEADLINES])


def languages_named(source: str, target: str, names: frozenset[str]) -> Languages:
    """The pair with its dictionaries (loaded here, once per process) and the book's ``names``."""
    return Languages(source, target, load_lexicon(source), load_lexicon(target), names)


def file_reports(rel: str, segments: list[Segment], entries: Mapping[str, polib.POEntry], glossary: Glossary,
                 languages: Languages) -> tuple[list[SegmentReport], list[str]]:
    """What QA finds in each translated segment of one PO file (``entries`` by segment id), and the ids of
    the segments it has no translation for (no entry, an entry for other English, or an empty msgstr)."""
    reports: list[SegmentReport] = []
    missing: list[str] = []
    for segment in segments:
        entry = entries.get(segment.id)
        if entry is None or entry.msgid != segment.source or not entry.msgstr:
            missing.append(segment.id)
        else:
            reports.append(segment_report(rel, segment, entry, glossary, languages))
    return reports, missing


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
                         record.origin.engine if record else None, record.score if record else None,
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
