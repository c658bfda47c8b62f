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
    r"^(?:(?:texto|reportagem|reportaje|crónica|textos|historia|história|histoire)\s+de|"
    r"(?:(?:written|posted|words|reported|story|text|edited|escrito|publicado|publicada|texto|redactado|"
    r"édité|edité|écrit|rédigé|publié|posté|postado|reportagem|reportaje)\s+)?(?:by|por|par|von|door))"
    r"\s*:?\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# 'Posted on September 2, 2021 by Hannah Pryce', 'Publicado el 3 de mayo de 2020 por Ana Quispe'.
_POSTED_ON = re.compile(r"^(?:posted|published|publicado|publicada|publié|postado)\s+(?:on|el|le|em)\s+"
                        r"(?P<date>.+?)\s+(?:by|por|par)\s+(?P<rest>\S.*)$", re.IGNORECASE)
_SPLIT_NAMES = re.compile(r"\s*(?:,\s*(?:and|y|e|und|et)\s+|,|\s+(?:and|y|e|und|et)\s+|\s*&\s*)\s*")
_PARTICLES = {"de", "del", "della", "da", "das", "do", "dos", "di", "van", "von", "der", "den", "la", "le", "du",
              "bin", "ibn", "al", "el", "zu", "ten", "ter", "y", "wa", "binti", "e", "des", "lo"}
_MARKERS = re.compile(r"\(\s*[*†‡\d]{1,3}\s*\)|[*†‡]+")
_SEPARATORS = " \t,;|·•/–—-"
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_]\.)+$|^[^\W\d_][\w'’.-]*$")
_MAX_NAME_WORDS = 5
# Cloudflare hides e-mail addresses in copied pages as '[email protected]'.
_HIDDEN_EMAIL = re.compile(r"\[\s*email(?:&#160;|\s)*protected\s*\]", re.IGNORECASE)
_HANDLE = re.compile(r"\(?@[A-Za-z0-9_]{1,30}\)?")
_AGENCY = re.compile(r"\s*\((?:AP|AFP|EFE|Reuters|DPA|ANSA|Xinhua|Europa Press|Télam|ABI|Agencias?)\)\s*", re.IGNORECASE)
# A role after the name: 'Emily Tanaka, Staff Writer', 'Ana Souza - Correspondent'.
_ROLES = (r"(?:campaigns?|press|communications|policy|programme|program|research) officer|officer|director[a]?|"
          r"coordinator|coordinador[a]?|manager|spokes(?:wo)?man|spokesperson|analyst|researcher|fellow|"
          r"investigador[a]?|portavoz|responsable|staff writer|staff reporter|reporter|correspondent|senior \w+|editor|contributor|columnist|writer|"
          r"special correspondent|news editor|associated press|the associated press|reuters|afp|efe|redactor[a]?|"
          r"periodista|corresponsal|enviad[oa] especial|colaborador[a]?|repórter|jornalista|correspondente|"
          r"journaliste|correspondant[e]?|envoyée? spéciale?|rédact(?:eur|rice)")
_ROLE = re.compile(rf"(?:\s*[,|–—-]\s*|\s+)(?:(?:{_ROLES})\b.*)$", re.IGNORECASE)
# Bylines that name the desk, not a person: an anchor for the article, but no author.
_STAFF = {"redacción", "la redacción", "redação", "da redação", "rédaction", "la rédaction", "staff", "staff reports",
          "newsroom", "the newsroom", "news desk", "web desk", "agencias", "agencies", "agencia", "the editors",
          "editorial staff", "editorial", "ap", "afp", "efe", "reuters", "redacción web", "staff writer",
          "the associated press", "associated press", "agence france-presse", "europa press", "the canadian press",
          "press association", "pa media", "bloomberg", "bbc news", "agencia efe", "agência brasil", "ansa", "dpa"}


# A byline containing one of these names a desk ('Redacción Central', 'Metro Desk'), not a person.
_STAFF_WORDS = {"redacción", "redação", "rédaction", "newsroom", "desk", "staff", "agencias", "agencies", "editors"}


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
    text = " ".join(text.split())
    posted = _POSTED_ON.match(text)
    if posted is not None:
        found = find_dates(posted.group("date"))
        byline = _read_names(posted.group("rest"))
        if byline is not None and found and byline.date is None:
            byline.date, byline.date_ambiguous = found[0].value, found[0].ambiguous
        return byline
    match = _BYLINE.match(text)
    if not match:
        return None
    return _read_names(match.group("rest"))


def parse_bare_byline(text: str) -> Byline | None:
    """A byline without 'By': names with the evidence of an e-mail, a handle, a role, or two names joined
    ('Julia Mendes and Carlos Huanca'). A lone capitalised phrase is not believed to be a name."""
    if "\n" in text or len(text) > 160 or text.rstrip().endswith((".", ":", "?", "!")):
        return None
    plain = " ".join(text.split())
    evidence = bool(_HIDDEN_EMAIL.search(plain) or "@" in plain or _ROLE.search(plain))
    byline = _read_names(plain)
    if byline is None or not byline.names:
        return None
    if evidence or len(byline.names) >= 2 and re.search(r"\s(?:and|y|e|et|und|&)\s", plain):
        return byline
    return None


_LABELLED = re.compile(r"^(?:authors?|autor(?:a|es|as)?|auteur(?:e|s)?|autrice|written by)\s*:\s*(?P<rest>\S.*)$",
                       re.IGNORECASE)


def parse_labelled_byline(text: str) -> Byline | None:
    """'Autora: Lucía Paredes Mercado', 'Authors: A and B' (under a headline; at the end it opens a bio)."""
    match = _LABELLED.match(" ".join(text.split()))
    return _read_names(match.group("rest")) if match else None


def parse_name_line(text: str) -> Byline | None:
    """A line of personal names and nothing else; believed as a byline only where the caller has other
    evidence (a headline above it and a date line right under it)."""
    if "\n" in text or len(text) > 120 or text.rstrip().endswith((".", ":", "?", "!")):
        return None
    byline = _read_names(" ".join(text.split()))
    if byline is None or byline.date is not None:
        return None
    if not byline.names:
        return byline  # a desk: 'Redacción Central' 
    # A person's name has a given name and a family name; one word is a menu entry or a section.
    return byline if all(len(name.split()) >= 2 for name in byline.names) else None


def _read_names(rest: str) -> Byline | None:
    """Names and an optional date at the end, from what follows 'By'."""
    original = rest
    rest = strip_emails(_HIDDEN_EMAIL.sub(" ", rest))
    emailed = "protected]" in original or bool(re.search(r"[\w.+-]+@[\w-]+\.\w", original))
    rest = strip_times(_HANDLE.sub(" ", rest))
    notes = ["dropped an e-mail address from the byline"] if emailed else []
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
    rest = _AGENCY.sub(" ", rest).strip(_SEPARATORS)
    if " ".join(rest.casefold().split()) in _STAFF:
        return Byline([], date, ambiguous, notes)
    named = _cut_affiliation(rest)
    if any(word in _STAFF_WORDS for word in named.casefold().split()):
        return Byline([], date, ambiguous, notes)
    names = split_names(named)
    if not names:
        return None
    return Byline([_title_case(n) for n in names], date, ambiguous, notes)


def _cut_affiliation(rest: str) -> str:
    """Drop a role, a place or a publication after the names: ', Staff Writer', ' — Belo Horizonte',
    'AMINA WA KARIUKI Associated Press', 'A e B, Portal Gerais' (a comma after the last 'and' name)."""
    rest = re.split(r"\s+[–—|]\s+|\s+-\s+", rest)[0]
    rest = _ROLE.sub("", rest)
    joined = re.search(r"\s(?:and|y|e|und|et|&)\s+[^,]+,", rest)
    if joined:
        rest = rest[: joined.end() - 1]
    words = rest.split()
    if words and words[0].isupper() and sum(c.isalpha() for c in words[0]) > 1:
        # Names printed in capitals: the words after the last capitalised one are an affiliation.
        last = max(i for i, w in enumerate(words) if w.isupper() or w.lower() in _SPLIT_WORDS)
        rest = " ".join(words[: last + 1])
    return rest


_SPLIT_WORDS = {"and", "y", "e", "und", "et", "&"}


def _title_case(name: str) -> str:
    """'JOHN OKELLO' -> 'John Okello', 'ANA DE LA CRUZ' -> 'Ana de la Cruz'; other names as written."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(letters) < 4:
        return name
    words = [w.lower() if i and w.lower() in _PARTICLES else w.title() for i, w in enumerate(name.split())]
    return " ".join(words)


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
