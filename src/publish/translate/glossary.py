"""The glossary (``translations/<lang>/glossary.yaml``): terms kept as they are, and fixed renderings.

Around the engine, every glossary term in a segment is swapped for a ``⟦gN⟧`` placeholder, so the
engine cannot translate it, and the placeholder comes back as the term (or its fixed rendering).
``violations`` then checks any translation, machine or human, against the same glossary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import GLOSSARY_KEYS, GLOSSARY_TEMPLATE, Bad, read_mapping, text
from ..errors import Diagnostic, PublishError
from ..paths import inside
from ..yamlfile import YamlDoc, load_yaml
from .markup import strip_placeholders

GLOSSARY_NAME = "glossary.yaml"
_TERM_PLACEHOLDER = re.compile(r"⟦g(\d+)⟧")
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


def _pattern(term: str, case_sensitive: bool) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w⟦]){re.escape(term)}(?!\w)", 0 if case_sensitive else re.IGNORECASE)


@dataclass(frozen=True)
class Protected:
    """A segment with its glossary terms swapped out, and what each ``⟦gN⟧`` becomes."""

    text: str
    targets: dict[int, str]


def protect(text: str, glossary: Glossary) -> Protected:
    targets: dict[int, str] = {}
    for term, target, case_sensitive in glossary.terms():
        def swap(match: re.Match[str], target: str = target) -> str:
            number = len(targets) + 1
            targets[number] = _match_case(match.group(0), target)
            return f"⟦g{number}⟧"

        text = _pattern(term, case_sensitive).sub(swap, text)
    return Protected(text, targets)


def restore(text: str, protected: Protected) -> tuple[str, list[str]]:
    """Put the terms back; returns the text and the terms whose placeholder the engine lost."""
    seen: set[int] = set()

    def back(match: re.Match[str]) -> str:
        number = int(match.group(1))
        seen.add(number)
        return protected.targets.get(number, "")

    restored = _TERM_PLACEHOLDER.sub(back, text)
    lost = [protected.targets[n] for n in sorted(protected.targets) if n not in seen]
    return restored, lost


def _match_case(found: str, target: str) -> str:
    if found[:1].isupper() and target[:1].islower():
        return target[:1].upper() + target[1:]
    return target


def violations(source: str, translation: str, glossary: Glossary) -> list[str]:
    """Glossary terms of ``source`` whose required form is missing from ``translation``."""
    if not translation:
        return []
    plain_source, plain_target = strip_placeholders(source), strip_placeholders(translation)
    problems = []
    for term, target, case_sensitive in glossary.terms():
        count = len(_pattern(term, case_sensitive).findall(plain_source))
        if count and len(_pattern(target, case_sensitive).findall(plain_target)) < count:
            problems.append(f"'{term}' should be rendered '{target}'" if term != target else f"'{term}' must stay as is")
    return problems
