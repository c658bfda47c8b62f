"""Hunspell dictionaries for translation QA: is a word a word of this language, and which stems it inflects.

The dictionaries are Debian's (``hunspell-es``, ``hunspell-en-us``, ...) in ``/usr/share/hunspell``,
read with spylls (a pure-Python port of Hunspell), so no C library has to build. A missing
dictionary is not an error: the checks that need it say so once and work with less.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
_DEBIAN_PACKAGE = {"en": "hunspell-en-us", "pt": "hunspell-pt-pt", "de": "hunspell-de-de"}
"""Debian names most dictionaries ``hunspell-<lang>``; these are the exceptions (by region)."""


@dataclass(frozen=True)
class Lexicon:
    """One language's Hunspell dictionary."""

    lang: str
    path: str
    dictionary: Any
    """A ``spylls.hunspell.Dictionary``."""

    def knows(self, word: str) -> bool:
        """True when Hunspell accepts the word as written or in lower case (a capitalised sentence start)."""
        return _lookup(self, word) or (word[:1].isupper() and _lookup(self, word.lower()))

    def stems(self, word: str) -> frozenset[str]:
        """The dictionary stems the word is a form of (``golpistas`` -> ``golpista``); empty when unknown."""
        return _stems(self, word.lower())


@functools.lru_cache(maxsize=65536)
def _lookup(lexicon: Lexicon, word: str) -> bool:
    try:
        return bool(lexicon.dictionary.lookup(word))
    except Exception:  # noqa: BLE001 - spylls trips on some odd tokens; an unreadable word is not a known one
        return False


@functools.lru_cache(maxsize=65536)
def _stems(lexicon: Lexicon, word: str) -> frozenset[str]:
    try:
        return frozenset(str(form.stem).lower() for form in lexicon.dictionary.lookuper.good_forms(word))
    except Exception:  # noqa: BLE001 - as in _lookup
        return frozenset()


def dictionary_path(lang: str) -> Path | None:
    """The ``.dic``/``.aff`` stem for a language: ``es`` -> es_ES (the language's own country first)."""
    base = lang.split("-")[0].lower()
    region = lang.split("-")[1].upper() if "-" in lang else ""
    for folder in HUNSPELL_DIRS:
        wanted = [f"{base}_{region}" if region else "", base, f"{base}_{base.upper()}", f"{base}_US"]
        for name in filter(None, wanted):
            if (folder / f"{name}.dic").is_file() and (folder / f"{name}.aff").is_file():
                return folder / name
        found = sorted(folder.glob(f"{base}_*.dic"))
        if found:
            return found[0].with_suffix("")
    return None


@functools.lru_cache(maxsize=8)
def load_lexicon(lang: str) -> Lexicon | None:
    """The language's dictionary (loaded once per process, about 0.5 s), or None when none is installed."""
    path = dictionary_path(lang)
    if path is None:
        return None
    try:
        from spylls.hunspell import Dictionary  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    return Lexicon(lang, str(path), Dictionary.from_files(str(path)))


def install_hint(lang: str) -> str:
    base = lang.split("-")[0].lower()
    return f"apt-get install {_DEBIAN_PACKAGE.get(base, f'hunspell-{base}')}"
