"""Dates as people paste them: finding them in a line, reading them into ISO form, stripping timestamps.

A date is only turned into ``YYYY-MM-DD`` when the text leaves no doubt. ``03/06/2020`` could be
March or June, so it is kept as written and flagged ``ambiguous`` for the caller to warn about.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_LOCALES = ("en", "es", "fr", "pt", "de", "it", "nl", "ca")
# Spellings CLDR does not list but people write: 'setiembre' (Peru, Uruguay), 'Sept'.
_EXTRA_MONTHS = {"setiembre": 9, "sept": 9, "jänner": 1}


def _names() -> tuple[dict[str, int], list[str]]:
    """Month names (wide and abbreviated, every listed locale; a name two months share is left out)
    and weekday names (wide, plus the English abbreviations), from Babel's CLDR data."""
    from babel import Locale

    months: dict[str, set[int]] = {}
    weekdays: set[str] = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
    for code in _LOCALES:
        locale = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    months.setdefault(name.lower().rstrip("."), set()).add(number)
            weekdays.update(name.lower() for name in locale.days[context]["wide"].values())
    table = {name: numbers.pop() for name, numbers in months.items() if len(numbers) == 1 and len(name) >= 3}
    table.update(_EXTRA_MONTHS)
    # Accents are often lost in copies ('sabado', 'miercoles', 'marco').
    for name in list(weekdays):
        weekdays.add(_plain(name))
    for name, number in list(table.items()):
        table.setdefault(_plain(name), number)
    return table, sorted(weekdays, key=len, reverse=True)


def _plain(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


_MONTHS, _WEEKDAY_NAMES = _names()

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
    r"(?:,?\s*(?:at|a las|um|à|às|en|em|@)\s+)?[,|·•–—-]?\s*\b\d{1,2}(?:(?::\d{2}){1,2}|h\d{2}\b|\.\d{2}\b(?![.\d]))(?:\s*[ap]\.?\s?m\.?)?"
    r"(?:\s*(?:h|hrs|uhr))?(?:\s*\(?(?:UTC|GMT|[A-Z]{2,5})(?:\s?[+-]\d{1,2}(?::?\d{2})?)?\)?|\s*[+-]\d{4}\b)?",
    re.IGNORECASE,
)
_WEEKDAYS = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in _WEEKDAY_NAMES) + r")\b\.?,?", re.IGNORECASE)
_DATE_LINE_PREFIX = re.compile(
    r"^(?:(?:first |originally )?(?:published|posted)|publication date|fecha de publicación|date de publication|"
    r"data de publicação|date|dated|publicado|publicada|publicación|fecha|publié|publiée|"
    r"data|posté|le|el|em|on)\b\s*(?:on|el|le|em|:)?\s*:?\s*",
    re.IGNORECASE,
)
# 'Updated ...', 'Actualizado ...', 'mis à jour le ...': the date after it is not the publication date.
_UPDATE = re.compile(r"\b(?:last\s+)?(?:updated|modified|edited|actualizad[oa]|atualizad[oa]|modificad[oa]|"
                     r"mis à jour|modifié)\b", re.IGNORECASE)
# '5 min read', '8 minute read', 'Temps de lecture : 3 min', '4 minutos de lectura'.
_READING_TIME = re.compile(
    r"[•·|,–—-]?\s*(?:(?:temps de|tiempo de|tempo de) (?:lecture|lectura|leitura)\s*:?\s*)?\d+\s*"
    r"(?:minutos?|minutes?|mins?)\b\.?(?:\s*(?:read|reading|de lectura|de leitura|de lecture))?",
    re.IGNORECASE,
)
# 'Updated 5 years ago', 'Atualizado há 2 anos', 'hace 3 horas': a relative stamp, no date in it.
_RELATIVE = re.compile(r"\b(?:ago|há|hace|il y a)\b", re.IGNORECASE)
# 'March 4, 2018 | Leave a comment', '12 mai 2023 · 3 commentaires': a comment count beside a date.
_COMMENT_COUNT = re.compile(r"\s*[|·•–—-]\s*(?:leave a comment|no comments|\d+ (?:comments?|comentarios?|comentários?|"
                            r"commentaires?)|deja un comentario|sin comentarios)\s*$", re.IGNORECASE)
_PLACE = re.compile(r"^[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*){0,2},\s+")
# '• 2h', '3 d', '5 hours ago', 'hace 3 horas': how old a story is, as aggregators print it.
_AGE = re.compile(r"^[•·]?\s*(?:(?:published|posted|updated|publicado|actualizado|atualizado|publié|mis à jour)\s+)?"
                  r"(?:hace\s+|il y a\s+|há\s+)?\d{1,3}\s*(?:h|d|m|min|mins|hrs?|hours?|days?|minutes?|"
                  r"horas?|días?|dias?|minutos?|heures?|jours?)\.?(?:\s+ago)?$", re.IGNORECASE)
_DMY_LANGS = {"es", "pt", "fr", "de", "it", "nl", "ca"}


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
    """The publication date when the whole line is a date (with optional weekday, 'Published:', time,
    reading time and a trailing 'updated ...' stamp), else None. An 'Updated ...' line gives None."""
    found = read_date_line(text)
    return found[0] if found is not None and not found[1] else None


def read_date_line(text: str) -> tuple[DateMatch, bool] | None:
    """(date, is_update) when the whole line states a date; ``is_update`` for 'Updated ...' lines."""
    if "\n" in text or len(text) > 160:
        return None
    line = _READING_TIME.sub(" ", text).strip()
    update = _UPDATE.search(line)
    if update is None:
        found = _whole_date(line)
        return (found, False) if found else None
    before = line[: update.start()].strip(" ,;|·•–—-(")
    if before:
        found = _whole_date(before)
        return (found, False) if found else None
    found = _whole_date(line[update.end():].lstrip(" :"))
    return (found, True) if found else None


def is_date_furniture(text: str) -> bool:
    """A line that only carries an update stamp, an age or a reading time: 'Updated 5 years ago', '• 2h',
    '8 minute read'."""
    if _AGE.match(text.strip()):
        return True
    line = _READING_TIME.sub(" ", text).strip(" ,;|·•–—-")
    if not line:
        return bool(text.strip())
    update = _UPDATE.match(line)
    return update is not None and (bool(_RELATIVE.search(line)) or read_date_line(line) is not None)


def _whole_date(text: str) -> DateMatch | None:
    cleaned = _COMMENT_COUNT.sub("", text)
    cleaned = _WEEKDAYS.sub("", strip_times(cleaned)).strip(" ,.|-–—·•")
    cleaned = _DATE_LINE_PREFIX.sub("", cleaned).strip(" ,.|-–—")
    cleaned = _WEEKDAYS.sub("", cleaned).strip(" ,.|-–—")
    matches = find_dates(cleaned)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end >= len(cleaned.rstrip(" .,")):
        return matches[0]
    place = _PLACE.match(cleaned)  # 'Lima, martes 14 de enero de 2025'
    return _whole_date(cleaned[place.end():]) if place and any(c.isdigit() for c in cleaned[place.end():]) else None


def resolve_day_first(raw: str, lang: str | None) -> str | None:
    """The ISO date for an ambiguous '05/03/2022' written in a language that puts the day first."""
    if lang not in _DMY_LANGS:
        return None
    match = _PATTERNS[-1][1].fullmatch(raw.strip())
    if match is None:
        return None
    try:
        return dt.date(int(match.group("year")), int(match.group("b")), int(match.group("a"))).isoformat()
    except ValueError:
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
