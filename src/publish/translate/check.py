"""``publish check --translations``: lint the segment memory against the current English.

Reports untranslated segments, numbers missing from the target, placeholder mismatches, glossary
violations, repetition loops (a classic neural failure), length-ratio outliers and entries flagged
for review; plus, per article, the share of machine, edited and approved segments.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from ..errors import Diagnostic
from ..reader import read_project
from .apply import load_memory, provenance
from .glossary import Glossary, violations
from .markup import placeholder_problem, strip_placeholders
from .memory import Memory
from .pofile import PROBLEM, comment_value
from .segments import BOOK_FILE, Segment, all_segments

RATIO_LOW, RATIO_HIGH = 0.5, 2.2
"""Spanish runs 10-30% longer than English; outside this band something was dropped or invented."""
MIN_RATIO_LENGTH = 25
_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_LOOP = re.compile(r"\b(\w+(?:\W+\w+){0,2})(?:\W+\1\b){3,}", re.IGNORECASE)


def check_translations(root: Path, lang: str) -> tuple[list[Diagnostic], list[dict[str, object]]]:
    """Diagnostics for every problem found, and one row per article with its state counts and shares."""
    book, _ = read_project(root)
    memory = load_memory(root, lang)
    diagnostics: list[Diagnostic] = list(memory.glossary.diagnostics)
    segments = all_segments(book)
    articles = {a.slug: a for a in book.articles}
    rows: list[dict[str, object]] = []
    for name, file_segments in segments.items():
        diagnostics.extend(_check_file(memory, name, file_segments, lang))
        if name != BOOK_FILE:
            rows.append({"article": name, **provenance(memory, name, articles[name])})
    return diagnostics, rows


def _check_file(memory: Memory, name: str, segments: list[Segment], lang: str) -> list[Diagnostic]:
    memory_file = memory.files.get(name)
    rel = memory_file.rel if memory_file else f"translations/{lang}/{name}.po"
    out: list[Diagnostic] = []
    missing: list[str] = []
    for segment in segments:
        entry = memory.entry(name, segment.id)
        if entry is None or entry.msgid != segment.source or not entry.msgstr:
            missing.append(segment.id)
            continue
        out.extend(Diagnostic(code, f"{segment.id}: {message}", rel, entry.linenum, hint=hint)
                   for code, message, hint in entry_problems(segment, entry, memory.glossary))
    if missing:
        out.append(Diagnostic("translation-untranslated", f"{len(missing)} segment(s) have no translation "
                              f"(first: {missing[0]})", rel, hint=f"run 'publish translate --to {lang}'."))
    return out


def entry_problems(segment: Segment, entry: polib.POEntry, glossary: Glossary) -> list[tuple[str, str, str]]:
    """(code, message, hint) for each problem of one translated entry."""
    source, target = segment.source, entry.msgstr
    found: list[tuple[str, str, str]] = []
    problem = placeholder_problem(target, segment.slots)
    if problem:
        found.append(("translation-markup", problem, "copy every ⟦n⟧ placeholder of msgid into msgstr."))
    lost = _missing_numbers(source, target)
    if lost:
        found.append(("translation-numbers", f"number(s) {', '.join(lost)} missing from the translation",
                      "check the figures against the English."))
    for violation in violations(source, target, glossary):
        found.append(("translation-glossary", violation, f"see {glossary.path}."))
    loop = _LOOP.search(strip_placeholders(target))
    if loop:
        found.append(("translation-repetition", f"repetition loop: '{loop.group(0)[:60]}'",
                      "redraft the sentence by hand; the engine looped."))
    ratio = _ratio(source, target)
    if ratio is not None:
        found.append(("translation-length", f"translation is {ratio:.1f}x the length of the English",
                      "something may be missing or invented."))
    if "fuzzy" in entry.flags:
        why = comment_value(entry, PROBLEM) or "the English changed under a human translation"
        found.append(("translation-review", f"flagged for review: {why}",
                      "fix msgstr if needed, then clear the 'fuzzy' flag in your PO editor."))
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
