"""The Engine protocol every translation engine follows, and what a run needs to know about one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ..pofile import DraftOrigin

Progress = Callable[[int], None]
"""Called with the number of segments just finished."""


class Engine(Protocol):
    """Translates a batch of segments (placeholder text) from the book's language into the target language."""

    name: str
    model_name: str
    model_version: str
    model_hash: str

    def translate_batch(self, texts: list[str], progress: Progress | None = None) -> list[str]:
        """One translation per text, in order; placeholders such as ``⟦1⟧`` should pass through."""
        ...


def in_chunks(texts: list[str], size: int, translate: Callable[[list[str]], list[str]],
              progress: Progress | None = None) -> list[str]:
    """Translate ``texts`` ``size`` at a time (bounded memory, progress after each chunk), in order."""
    out: list[str] = []
    for start in range(0, len(texts), size):
        chunk = texts[start:start + size]
        out.extend(translate(chunk))
        if progress:
            progress(len(chunk))
    return out


def origin_of(engine: Engine, date: str) -> DraftOrigin:
    return DraftOrigin(engine.name, engine.model_name, engine.model_version, engine.model_hash, date)
