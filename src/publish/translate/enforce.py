"""The glossary enforced around any engine, and what a machine draft carries back (score, unknown words).

Before the engine sees a segment, every glossary term in it (longest first, as ``find_terms``
finds them) becomes a ``⟦gN⟧`` placeholder, which Apertium and SentencePiece pass through; after it,
each placeholder comes back as the ``keep`` term verbatim or as the fixed rendering. So the engine
can neither translate a name nor choose its own word for a fixed term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .engines import Engine, Progress
from .glossary import Glossary, find_terms

_TERM_PLACEHOLDER = re.compile(r"⟦g(\d+)⟧")


@dataclass(frozen=True)
class Protected:
    """A segment with its glossary terms swapped out, and what each ``⟦gN⟧`` becomes."""

    text: str
    targets: dict[int, str]


@dataclass(frozen=True)
class Draft:
    """One machine draft with the glossary applied, and what the engine said about it."""

    text: str
    lost_terms: tuple[str, ...] = ()
    """Glossary terms whose placeholder the engine dropped (the draft is flagged for review)."""
    score: float | None = None
    """The engine's confidence (CTranslate2's length-normalised log-probability); None when it gives none."""
    unknown: tuple[str, ...] = ()
    """Source words the engine did not know and copied through (Apertium's ``*`` marks)."""


def protect(text: str, glossary: Glossary) -> Protected:
    """Swap each glossary term for a numbered placeholder, longest term first, numbered in reading order."""
    targets: dict[int, str] = {}
    parts: list[str] = []
    last = 0
    for number, found in enumerate(find_terms(text, glossary), start=1):
        targets[number] = found.target if found.keep else _match_case(text[found.start:found.end], found.target)
        parts += [text[last:found.start], f"⟦g{number}⟧"]
        last = found.end
    return Protected("".join(parts) + text[last:], targets)


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


def draft_batch(engine: Engine, sources: list[str], glossary: Glossary,
                progress: Progress | None = None) -> list[Draft]:
    """Translate ``sources`` with the glossary enforced: one ``Draft`` per source, in order."""
    protected = [protect(source, glossary) for source in sources]
    outputs = engine_outputs(engine, [p.text for p in protected], progress)
    drafts = []
    for shield, (output, score, unknown) in zip(protected, outputs):
        text, lost = restore(output, shield)
        drafts.append(Draft(text, tuple(lost), score, unknown))
    return drafts


EngineOutput = tuple[str, float | None, tuple[str, ...]]


def engine_outputs(engine: Engine, texts: list[str], progress: Progress | None = None) -> list[EngineOutput]:
    """(text, score, unknown words) per text: from ``translate_scored`` when the engine has it."""
    scored = getattr(engine, "translate_scored", None)
    if callable(scored):
        return list(scored(texts, progress))
    return [(text, None, ()) for text in engine.translate_batch(texts, progress)]
