"""Finishing a text dump's articles: what the page header says, day-first dates, file-level warnings.

The publication named by the masthead and a newsletter's issue date fill only the fields an
article does not state itself. A numeric date such as 05/03/2022 is read day-first only when the
article is written in a language that writes dates that way; otherwise it stays as written.
"""

from __future__ import annotations

from .blocks import NoiseCount
from .dates import resolve_day_first
from .decode import TextFile
from .language import detect_lang
from .model import Draft, SourceResult
from .page import PageHeader


def finish_source(result: SourceResult, source: TextFile, noise: NoiseCount, header: PageHeader) -> None:
    """Header fields, day-first dates, then file-level warnings (they go to the file's first article)."""
    for draft in result.drafts:
        if not draft.publication and header.publication:
            draft.publication = header.publication
            draft.mark("publication", header.publication_line)
        if not draft.date and header.issue_date:
            draft.date = header.issue_date
            draft.mark("date", header.issue_date_line)
        _day_first(draft)
        if draft.publication:
            draft.publication = _calm_capitals(draft.publication)
    first = result.drafts[0]
    for message in source.warnings:
        for draft in result.drafts:
            draft.warn(message)
    if noise.count:
        first.warn(f"dropped {noise.count} line(s) of web-page furniture (site header and menus, share buttons, "
                   f"related links, comments, footer), first at line {noise.first_line}")
    for line, text in result.unplaced:
        first.warn(f"text at line {line} is not under any title and was not used: '{text[:50]}'")


_MINOR = {"of", "the", "and", "in", "on", "for", "a", "an", "at", "to", "de", "del", "la", "el", "los", "las", "y",
          "da", "do", "dos", "das", "e", "du", "des", "le", "les", "et", "der", "die", "und"}


def _calm_capitals(name: str) -> str:
    """A masthead copied in capitals, 'THE MOUNTAIN ECHO', as the name is written: 'The Mountain Echo'.
    One word in capitals may be an acronym (BBC, EFE) and stays as it is; so does any name in mixed case."""
    words = name.split()
    letters = [c for c in name if c.isalpha()]
    if len(words) < 2 or not letters or not all(c.isupper() for c in letters):
        return name
    return " ".join(w.lower() if i and w.lower() in _MINOR else w.capitalize() for i, w in enumerate(words))


def _day_first(draft: Draft) -> None:
    if not draft.date or draft.date[:4].isdigit():
        return
    text = " ".join(e.text or " ".join(e.parts) for e in draft.body)
    lang = draft.lang or detect_lang(text)
    resolved = resolve_day_first(draft.date, lang)
    if resolved is None:
        return
    draft.warnings = [w for w in draft.warnings if not (w.startswith(f"date '{draft.date}'") and "ambiguous" in w)]
    draft.date = resolved
