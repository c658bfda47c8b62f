"""Two engines in a row (X->en, then en->Y): how Argos reaches a pair it has no direct package for.

The drafts carry both models in their provenance (``first+second``), so a reader of the PO file can
tell a bridged draft from a direct one.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .base import Engine, Progress

Scored = tuple[str, float | None, tuple[str, ...]]


class PivotEngine:
    """Translates with ``first`` and then translates its output with ``second``."""

    def __init__(self, first: Engine, second: Engine) -> None:
        self.first, self.second = first, second
        self.name = first.name if first.name == second.name else f"{first.name}+{second.name}"
        self.model_name = f"{first.model_name}+{second.model_name}"  # one token: PO comments split on spaces
        self.model_version = f"{first.model_version}+{second.model_version}"
        both = f"{first.model_hash} {second.model_hash}".encode()
        self.model_hash = "sha256:" + hashlib.sha256(both).hexdigest()[:16]

    def translate_batch(self, texts: list[str], progress: Progress | None = None) -> list[str]:
        # Progress is reported on the second leg only: a segment is done when it reaches the target.
        return self.second.translate_batch(self.first.translate_batch(texts), progress)

    def translate_scored(self, texts: list[str], progress: Progress | None = None) -> list[Scored]:
        """(text, score, unknown words): the lower of the two legs' scores (a weak first leg spoils the
        second), and the words either leg could not translate."""
        middle = _scored(self.first, texts, None)
        final = _scored(self.second, [text for text, _, _ in middle], progress)
        return [(text, _lower(first_score, score), (*first_unknown, *unknown))
                for (_, first_score, first_unknown), (text, score, unknown) in zip(middle, final)]


def _scored(engine: Engine, texts: list[str], progress: Progress | None) -> list[Scored]:
    scored: Any = getattr(engine, "translate_scored", None)
    if callable(scored):
        return list(scored(texts, progress))
    return [(text, None, ()) for text in engine.translate_batch(texts, progress)]


def _lower(first: float | None, second: float | None) -> float | None:
    known = [score for score in (first, second) if score is not None]
    return min(known) if known else None
