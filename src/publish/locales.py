"""The languages a book can be printed in, read from data: one folder per language under ``publish/locale/``
holding ``messages.po`` (the strings the book prints) and ``locale.yaml`` (dates and numbers through Babel,
quotation marks, no-break spaces, hyphenation). Adding a language is adding a folder; no code names one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import polib

from .errors import PublishError
from .model import Book
from .yamlfile import load_yaml

FALLBACK = "en"
"""The folder whose strings stand in for a language publish has no folder for (and for a missing string)."""

ROOT: Traversable = files("publish") / "locale"
"""Where the language folders live (package data; tests may point it elsewhere and call ``clear()``)."""

QuoteLevels = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Typography:
    """A language's typographic rules, as its ``locale.yaml`` states them."""

    default_quotes: str
    """The quotation style used when ``publish.yaml`` sets none (or one this language lacks)."""
    quote_styles: Mapping[str, QuoteLevels] = field(default_factory=dict)
    """Style name -> (open, close) marks by nesting level, outermost first; deeper levels reuse the last."""
    space_before: Mapping[str, str] = field(default_factory=dict)
    """Mark -> the no-break space set before it (French ``;`` -> U+202F); empty for most languages."""
    short_words: tuple[str, ...] = ()
    """One-letter words bound to the next word by a no-break space (Spanish ``y``, ``o``)."""
    abbreviations: tuple[str, ...] = ()
    """Abbreviations bound to the number after them (``p. 5``)."""
    units: tuple[str, ...] = ()
    """Units bound to the number before them (``47 %``)."""

    def quotes(self, style: str) -> QuoteLevels:
        """The marks of ``style``, or of this language's default when it has no such style."""
        return self.quote_styles.get(style) or self.quote_styles[self.default_quotes]


@dataclass(frozen=True, eq=False)  # compared by identity: one object per folder (``load`` caches it)
class Locale:
    """Everything language-specific that rendering needs, for one language folder."""

    code: str
    """The folder name: a BCP 47 language subtag (``fr``)."""
    cldr: str
    """The Babel/CLDR locale for dates, numbers and language names (``en_GB``, ``fr``)."""
    hyphenation: str
    """The pyphen dictionary for this language."""
    strings: Mapping[str, str]
    """Key -> printed text (``contents`` -> ``Table des matières``)."""
    typography: Typography


@lru_cache(maxsize=1)
def available() -> tuple[str, ...]:
    """The language codes that have a folder with a catalogue, sorted."""
    return tuple(sorted(entry.name for entry in ROOT.iterdir()
                        if entry.is_dir() and (entry / "messages.po").is_file()))


def quote_styles() -> tuple[str, ...]:
    """Every quotation style some language defines (the allowed values of ``quotes:``)."""
    names = {name for code in available() for name in load(code).typography.quote_styles}
    return tuple(sorted(names))


@lru_cache(maxsize=256)  # called for every text run and date: one lookup per tag
def locale_for(lang: str) -> Locale:
    """The locale for a language tag: its own folder, else its primary subtag's (``pt-BR`` -> ``pt``),
    else the fallback's rules with Babel's dates for ``lang`` when Babel knows it. A tag with a region
    (``en-US``, ``pt-BR``) takes that region's CLDR formats when Babel has them."""
    primary = lang.replace("_", "-").split("-")[0].lower()
    if primary in available():
        found = load(primary)
        regional = _cldr_or(lang.replace("-", "_"), found.cldr, region=True) if "-" in lang else found.cldr
        return found if regional == found.cldr else replace(found, cldr=regional)  # pt-BR: Brazilian dates
    fallback = load(FALLBACK)
    return Locale(primary or FALLBACK, _cldr_or(primary, fallback.cldr), fallback.hyphenation,
                  fallback.strings, fallback.typography)


@lru_cache(maxsize=None)
def load(code: str) -> Locale:
    """Read one language folder (cached: the files are package data and do not change while we run)."""
    folder = ROOT / code
    strings = _read_strings(folder / "messages.po", str(folder / "messages.po"))
    if code != FALLBACK:  # a string the folder lacks is printed in the fallback language, never as a key
        strings = {**load(FALLBACK).strings, **strings}
    rel = str(folder / "locale.yaml")
    data = _read_yaml(folder / "locale.yaml", rel)
    quotes = _mapping(data.get("quotes"), rel, "quotes")
    styles = {str(name): _levels(levels, rel, f"quotes.styles.{name}")
              for name, levels in _mapping(quotes.get("styles"), rel, "quotes.styles").items()}
    styles = styles or {"curly": (("“", "”"), ("‘", "’"))}
    default = str(quotes.get("default") or next(iter(styles)))
    if default not in styles:
        raise _bad(rel, f"quotes.default '{default}' is not one of its styles ({', '.join(styles)})")
    typography = Typography(
        default_quotes=default, quote_styles=styles,
        space_before={str(k): _text(v, rel, f"space_before.{k}")
                      for k, v in _mapping(data.get("space_before"), rel, "space_before").items()},
        short_words=_texts(data.get("short_words"), rel, "short_words"),
        abbreviations=_texts(data.get("abbreviations"), rel, "abbreviations"),
        units=_texts(data.get("units"), rel, "units"))
    return Locale(code, str(data.get("cldr") or code), str(data.get("hyphenation") or code), strings, typography)


def _read_strings(path: Traversable, rel: str) -> dict[str, str]:
    try:
        catalogue = polib.pofile(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise _bad(rel, f"cannot be read as a PO catalogue ({error})") from None
    return {entry.msgctxt: entry.msgstr or entry.msgid for entry in catalogue
            if entry.msgctxt and not entry.obsolete and "fuzzy" not in entry.flags}


def _read_yaml(path: Traversable, rel: str) -> dict[str, Any]:
    """``locale.yaml`` as a mapping; a folder without one takes the defaults (curly quotes, no spaces)."""
    if not path.is_file():
        return {}
    try:  # the project's one YAML loader: duplicate keys, bounded aliases, one line arithmetic
        data = load_yaml(path.read_text(encoding="utf-8"), rel).data
    except UnicodeDecodeError:
        raise _bad(rel, "is not UTF-8") from None
    except PublishError as error:
        raise _bad(rel, f"is not valid YAML ({error.message})", line=error.line) from None
    return _mapping(data, rel, "the file")


def _mapping(value: Any, rel: str, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _bad(rel, f"{where} must be a mapping")
    return value


def _levels(value: Any, rel: str, where: str) -> QuoteLevels:
    """Quote marks by level: a non-empty list of [open, close] pairs of text."""
    if not isinstance(value, list) or not value or not all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(mark, str) for mark in pair)
            for pair in value):
        raise _bad(rel, f"{where} must be a list of [open, close] pairs, outermost first")
    return tuple((pair[0], pair[1]) for pair in value)


def _text(value: Any, rel: str, where: str) -> str:
    if not isinstance(value, str):
        raise _bad(rel, f"{where} must be text")
    return value


def _texts(value: Any, rel: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _bad(rel, f"{where} must be a list")
    return tuple(_text(item, rel, where) for item in value)


def _bad(rel: str, message: str, line: int | None = None) -> PublishError:
    return PublishError(message, path=rel, line=line,
                        hint="compare it with one of the shipped language folders (locale/fr/, locale/de/).")


def edition_languages(book: Book) -> tuple[str, ...]:
    """The languages an edition is printed in: its own, or (bilingual) the source's then the translation's.
    Read from the books, never by splitting the edition tag (``en-GB-es`` has two readings)."""
    if book.bilingual and book.original is not None:
        return (book.original.lang, book.tag[len(book.original.lang) + 1:])
    return (book.lang,)


def clear() -> None:
    """Forget the folders read so far (after ``ROOT`` changes)."""
    for cached in (available, locale_for, load):
        cached.cache_clear()


def _cldr_or(code: str, default: str, region: bool = False) -> str:
    """``code`` when Babel has CLDR data for it (and, with ``region``, names a territory), else ``default``."""
    from babel import Locale as BabelLocale, UnknownLocaleError

    try:
        parsed = BabelLocale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return default
    return code if parsed.territory or not region else default
