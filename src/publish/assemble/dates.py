"""Dates as people paste them: finding them in a line, reading them into ISO form, stripping timestamps.

A date is only turned into ``YYYY-MM-DD`` when the text leaves no doubt. ``03/06/2020`` could be
March or June, so it is kept as written and flagged ``ambiguous`` for the caller to warn about.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan enero ene januar jänner janvier janeiro",
        "february feb febrero februar février fevereiro",
        "march mar marzo märz mars março",
        "april apr abril avril",
        "may mayo mai maio",
        "june jun junio juni juin junho",
        "july jul julio juli juillet julho",
        "august aug agosto ago août",
        "september sep sept septiembre setiembre septembre setembro",
        "october oct octubre oktober octobre outubro",
        "november nov noviembre novembre novembro",
        "december dec diciembre dic dezember décembre dezembro",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|º|°|er)?\.?"
_YEAR = r"(?P<year>\d{4})"

# Order matters: the unambiguous written-out forms first, numeric forms last.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b")),
    ("ymd", re.compile(r"\b(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})\b")),
    ("dmy_text", re.compile(rf"\b{_DAY}\s*(?:de\s+)?{_MONTH},?\s+(?:de\s+|del\s+)?{_YEAR}\b", re.IGNORECASE)),
    ("mdy_text", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("numeric", re.compile(r"\b(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>\d{4})\b")),
]

_TIME = re.compile(
    r"(?:,?\s*(?:at|a las|um|à|às|@)\s+)?[,|·•–—-]?\s*\b\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?\s?m\.?)?"
    r"(?:\s*(?:h|hrs|uhr))?(?:\s*\(?(?:UTC|GMT|[A-Z]{2,5})(?:\s?[+-]\d{1,2}(?::?\d{2})?)?\)?)?",
    re.IGNORECASE,
)
_WEEKDAYS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|lunes|martes|"
    r"miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)\b\.?,?",
    re.IGNORECASE,
)
_DATE_LINE_PREFIX = re.compile(
    r"^(?:published|updated|posted|last updated|date|publicado|actualizado|fecha)\s*(?:on|el)?\s*:?\s*", re.IGNORECASE
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: ``value`` is ISO, or the raw text when ``ambiguous``."""

    value: str
    ambiguous: bool
    start: int
    end: int


def strip_times(text: str) -> str:
    """Drop clock times ('14:32', 'at 10:15 am GMT') that sit beside dates in pasted bylines."""
    return _TIME.sub("", text).strip()


def find_dates(text: str) -> list[DateMatch]:
    """Every valid date in ``text``, in order of position (overlapping weaker matches dropped)."""
    found: list[DateMatch] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < f.end and f.start < match.end() for f in found):
                continue
            result = _read(kind, match)
            if result is not None:
                found.append(DateMatch(result[0], result[1], match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def parse_date_line(text: str) -> DateMatch | None:
    """The date when the whole line is a date (with optional weekday, 'Published:' and time), else None."""
    cleaned = _DATE_LINE_PREFIX.sub("", _WEEKDAYS.sub("", strip_times(text))).strip(" ,.|-–—")
    matches = find_dates(cleaned)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end >= len(cleaned.rstrip(" .,")):
        return matches[0]
    return None


def normalise(text: str) -> DateMatch | None:
    """Read a date string from metadata or front matter; None when it holds no date at all."""
    return parse_date_line(text)


def _read(kind: str, match: re.Match[str]) -> tuple[str, bool] | None:
    year = int(match.group("year"))
    if kind == "numeric":
        a, b = int(match.group("a")), int(match.group("b"))
        if a > 12 and b <= 12:
            day, month = a, b
        elif b > 12 and a <= 12:
            day, month = b, a
        elif a == b:
            day = month = a
        else:
            # Day-first or month-first depends on where it was written: do not guess.
            return (match.group(0), True) if a <= 12 and b <= 12 else None
    else:
        raw_month = match.group("month")
        month = int(raw_month) if raw_month.isdigit() else _MONTHS[raw_month.lower().rstrip(".")]
        day = int(match.group("day"))
    try:
        return dt.date(year, month, day).isoformat(), False
    except ValueError:
        return None
