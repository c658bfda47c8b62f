"""Bylines and names: ``By Ollie Vargas - 24. December 2019``, ``Por Ana Quispe y Luis Mamani``.

A line is a byline only when what follows "By" reads as a list of personal names (capitalised
words, name particles, initials) once the date, clock time, e-mail address and footnote marker
are taken off; "By 2020, the economy..." is prose and is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import find_dates, strip_times
from .noise import strip_emails

_BYLINE = re.compile(
    r"^(?:(?:written|posted|words|reported|story|text|escrito|publicado|texto)\s+)?"
    r"(?:by|por|par|von|door)\s*:?\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_SPLIT_NAMES = re.compile(r"\s*(?:,\s*(?:and|y|e|und|et)\s+|,|\s+(?:and|y|e|und|et)\s+|\s*&\s*)\s*")
_PARTICLES = {"de", "del", "della", "da", "das", "do", "dos", "di", "van", "von", "der", "den", "la", "le", "du",
              "bin", "ibn", "al", "el", "zu", "ten", "ter", "y"}
_MARKERS = re.compile(r"\(\s*[*†‡\d]{1,3}\s*\)|[*†‡]+")
_SEPARATORS = " \t,;|·•/–—-"
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_]\.)+$|^[^\W\d_][\w'’.-]*$")
_MAX_NAME_WORDS = 5


@dataclass
class Byline:
    """What a byline states: the names, and the date when it has one (ISO, or raw if ambiguous)."""

    names: list[str]
    date: str | None = None
    date_ambiguous: bool = False
    notes: list[str] = field(default_factory=list)


def parse_byline(text: str) -> Byline | None:
    """The byline's names and date, or None when ``text`` is not a byline."""
    if "\n" in text or len(text) > 250:
        return None
    match = _BYLINE.match(text.strip())
    if not match or not match.group(0)[0].isupper():
        return None
    rest = strip_times(strip_emails(match.group("rest")))
    notes = ["dropped an e-mail address from the byline"] if rest != strip_times(match.group("rest")) else []
    date, ambiguous = None, False
    dates = find_dates(rest)
    if dates:
        last = dates[-1]
        tail = rest[last.end :].strip(_SEPARATORS + ".")
        if tail:  # a date in the middle is not the byline's date
            return None
        date, ambiguous = last.value, last.ambiguous
        rest = rest[: last.start]
        rest = re.sub(r"\s+(?:on|el|le|am|em|published|updated|publicado)\s*$", "", rest.strip(_SEPARATORS))
    names = split_names(rest)
    if not names:
        return None
    return Byline(names, date, ambiguous, notes)


def split_names(text: str) -> list[str]:
    """The personal names in 'A, B and C', or [] when any part is not a name."""
    cleaned = _MARKERS.sub(" ", text).strip(_SEPARATORS)
    parts = [p.strip(_SEPARATORS) for p in _SPLIT_NAMES.split(cleaned)]
    names = [" ".join(p.split()) for p in parts if p]
    return names if names and all(is_name(n) for n in names) else []


def is_name(text: str) -> bool:
    """True for text that reads as one personal name ('Ollie Vargas', 'J. R. Smith', 'Ana de la Cruz')."""
    words = text.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS or text.endswith((".", ":")) and not words[-1][:-1].isalpha():
        return False
    capitalised = 0
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not _NAME_TOKEN.match(word) or not word[0].isupper():
            return False
        capitalised += 1
    return capitalised >= 1


def same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
