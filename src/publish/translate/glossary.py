"""The glossary (``translations/<lang>/glossary.yaml``): terms kept as they are, and fixed renderings.

``find_terms`` finds the terms of a text longest first; ``enforce.py`` uses it around the engine, and
``violations`` checks any translation, machine or human, against the same glossary, accepting a
rendering in any inflection of the target language.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import GLOSSARY_KEYS, GLOSSARY_TEMPLATE, Bad, read_mapping, text
from ..errors import Diagnostic, PublishError
from ..paths import inside
from ..yamlfile import YamlDoc, load_yaml
from .markup import strip_placeholders

GLOSSARY_NAME = "glossary.yaml"
TEMPLATE = GLOSSARY_TEMPLATE
"""What a new language folder's glossary starts as: no terms, only comments saying how to add them."""


@dataclass(frozen=True)
class Glossary:
    """Terms to keep and fixed renderings; ``path`` is for messages."""

    keep: tuple[str, ...] = ()
    render: dict[str, str] = field(default_factory=dict)
    path: str = GLOSSARY_NAME
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)
    """Warnings from reading the file (unknown keys, removed characters), for the command to print."""

    def terms(self) -> list[tuple[str, str, bool]]:
        """(English term, required target text, case-sensitive) for every entry, longest first."""
        rows = [(t, t, True) for t in self.keep] + [(s, t, False) for s, t in self.render.items()]
        return sorted(rows, key=lambda row: -len(row[0]))


def load_glossary(folder: Path, rel: str) -> Glossary:
    """Read ``glossary.yaml`` from the language folder; no file means an empty glossary.

    Its keys are declared in ``config.GLOSSARY_KEYS`` and read through the project's one YAML loader.
    """
    rel_path = f"{rel}/{GLOSSARY_NAME}"
    root = folder
    for _ in Path(rel).parts:
        root = root.parent
    if not (folder / GLOSSARY_NAME).is_file():
        return Glossary(path=rel_path)
    path = inside(root, rel_path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise PublishError("the glossary is not UTF-8", path=rel_path, line=line, hint="re-save it as UTF-8.") from None
    doc = load_yaml(text, rel_path)
    if isinstance(doc.data, list):
        raise PublishError("the glossary is a list; it must be a mapping with 'keep:' and 'render:'", path=rel_path,
                           line=doc.line(), hint="put the terms to keep under 'keep:' and 'term: rendering' "
                           "lines under 'render:'.")
    values, unknown = read_mapping(doc, GLOSSARY_KEYS, what="the glossary")
    return Glossary(values["keep"], _render(doc), rel_path, (*doc.diagnostics, *unknown))


def _render(doc: YamlDoc) -> dict[str, str]:
    render = doc.data.get("render") if isinstance(doc.data, dict) else None
    if render is None:
        return {}
    if not isinstance(render, dict):
        raise PublishError("'render' must be a mapping of 'term: rendering' lines", path=doc.path,
                           line=doc.line("render"), hint="write one 'English term: fixed rendering' per line.")
    out: dict[str, str] = {}
    for key, value in render.items():
        try:
            term, target = text(key), text(value)
        except Bad as bad:
            raise PublishError(f"'render': {bad.problem}", path=doc.path, line=doc.line("render", key),
                               hint=f"write it as {bad.form}.") from None
        if not term or not target:
            raise PublishError("a 'render' rule has an empty term or rendering", path=doc.path,
                               line=doc.line("render", key), hint="write 'term: rendering', both non-empty.")
        out[term] = target
    return out


@functools.lru_cache(maxsize=4096)
def _pattern(term: str, case_sensitive: bool) -> re.Pattern[str]:
    # Compiled once per term: QA asks for every term of every segment (350,000 times for 100 articles).
    return re.compile(rf"(?<![\w⟦]){re.escape(term)}(?!\w)", 0 if case_sensitive else re.IGNORECASE)


@dataclass(frozen=True)
class TermMatch:
    """One glossary term found in a text: where, and the form the translation must carry."""

    start: int
    end: int
    term: str
    target: str
    keep: bool


def find_terms(text: str, glossary: Glossary) -> list[TermMatch]:
    """Every glossary term in ``text``, longest first: a longer term hides the shorter terms inside it
    ('coup regime' leaves no 'coup' behind). Returned in text order, never overlapping."""
    taken: list[TermMatch] = []
    for term, target, keep in glossary.terms():
        for match in _pattern(term, keep).finditer(text):
            if not any(match.start() < t.end and t.start < match.end() for t in taken):
                taken.append(TermMatch(match.start(), match.end(), term, target, keep))
    return sorted(taken, key=lambda t: t.start)


SameWord = Callable[[str, str], bool]
"""Whether a word of the translation is a form of a word of a rendering (``golpistas`` of ``golpista``)."""


def violations(source: str, translation: str, glossary: Glossary, same_word: SameWord | None = None) -> list[str]:
    """Glossary terms of ``source`` whose required form is missing from ``translation``.

    A ``keep`` term must appear verbatim; a rendering may appear in any inflection ``same_word`` accepts
    (default: ``same_word_by_endings``; QA adds the target language's Hunspell stems).
    """
    if not translation:
        return []
    same = same_word or same_word_by_endings
    wanted: dict[tuple[str, str, bool], int] = {}
    for found in find_terms(strip_placeholders(source), glossary):
        key = (found.term, found.target, found.keep)
        wanted[key] = wanted.get(key, 0) + 1
    words = _WORD.findall(strip_placeholders(translation))
    plain_target = strip_placeholders(translation)
    used: set[int] = set()
    problems = []
    for (term, target, keep), count in sorted(wanted.items(), key=lambda item: -len(item[0][1])):
        have = (len(_pattern(target, True).findall(plain_target)) if keep
                else _count_rendering(target, words, used, same))
        if have < count:
            problems.append(f"'{term}' must stay as is" if keep else f"'{term}' should be rendered '{target}'")
    return problems


_WORD = re.compile(r"[^\W_]+")


def _count_rendering(target: str, words: list[str], used: set[int], same: SameWord) -> int:
    """Occurrences of the rendering's words in a row, each in any accepted form; claims the words it uses."""
    wanted = _WORD.findall(target)
    count, i = 0, 0
    while wanted and i + len(wanted) <= len(words):
        span = range(i, i + len(wanted))
        if not used.intersection(span) and all(same(w, words[j]) for w, j in zip(wanted, span)):
            used.update(span)
            count += 1
            i += len(wanted)
        else:
            i += 1
    return count


_ENDINGS = re.compile(r"(?:[aeo]?s|[aeo])$")
"""Gender and number endings shared by the Romance languages (-o/-a/-e, plural -s/-es); a fallback
for words no dictionary knows."""


def same_word_by_endings(rendering_word: str, word: str) -> bool:
    """Equal once case, accents (the plural moves them: régimen, regímenes) and endings are set aside."""
    a, b = _fold(rendering_word), _fold(word)
    if a == b:
        return True
    stem_a, stem_b = _ENDINGS.sub("", a), _ENDINGS.sub("", b)
    return len(stem_a) >= 3 and stem_a == stem_b


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
