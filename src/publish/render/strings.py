"""The book's printed strings (headings, labels, notices) per edition, from the language folders'
catalogues (``publish/locale/<lang>/messages.po``); templates never hard-code them."""

from __future__ import annotations

import re

from babel import Locale as BabelLocale
from babel.numbers import format_percent
from markupsafe import Markup

from ..locales import available, edition_languages, load, locale_for
from ..model import Book


def strings_for(lang: str) -> dict[str, str]:
    """The strings of one language (a regional tag such as ``pt-BR`` takes its language's folder)."""
    return dict(locale_for(lang).strings)


def book_strings(book: Book) -> dict[str, str]:
    """The strings an edition prints: its language's, or both of a bilingual edition's joined."""
    return joined_strings(*edition_languages(book))


def joined_strings(first: str, second: str = "") -> dict[str, str]:
    """``first``'s strings; with ``second``, each joined with its translation by " / " (strings with
    placeholders take the first language's alone, since they are filled in later)."""
    one = dict(locale_for(first).strings)
    if not second:
        return one
    two = locale_for(second).strings
    return {key: value if value == two.get(key, value) or "{" in value else f"{value} / {two[key]}"
            for key, value in one.items()}


def percent(share: float, lang: str) -> str:
    """A share as readers of ``lang`` write it (CLDR): "12%" in English, "12 %" in Spanish and French."""
    return str(format_percent(share, locale=locale_for(lang).cldr))


def language_name(code: str, in_lang: str) -> str:
    """The name of language ``code`` as readers of ``in_lang`` write it ("anglais" for ``en`` in French)."""
    names = BabelLocale.parse(locale_for(in_lang).cldr).languages
    primary = code.replace("_", "-").split("-")[0].lower()
    return str(names.get(primary, code))


def colon(lang: str) -> str:
    """The colon after a label ("Source:"), with the space the language puts before it ("Source :" in French)."""
    return locale_for(lang).typography.space_before.get(":", "") + ":"


def hyphenation_css() -> Markup:
    """CSS giving WeasyPrint each language folder's pyphen dictionary (it would otherwise take whichever
    dictionary pyphen finds first for a bare tag: ``pt`` -> Brazilian, ``de`` -> Austrian). Only the bare
    tag is matched, so ``pt-BR`` text keeps its own dictionary. Names that are not plain tags are skipped,
    so folder data can never inject CSS."""
    rules = []
    for code in available():
        dictionary = load(code).hyphenation.replace("_", "-")
        if dictionary.lower() != code and _TAG.fullmatch(code) and _TAG.fullmatch(dictionary):
            rules.append(f'[lang="{code}"] {{ -weasy-lang: "{dictionary}"; }}')
    return Markup("\n".join(rules))


_TAG = re.compile(r"[A-Za-z0-9-]{1,35}")
