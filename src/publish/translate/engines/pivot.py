"""Two engines in a row (X->en, then en->Y): how Argos reaches a pair it has no direct package for.

The drafts carry both models in their provenance (``name + name``), so a reader of the PO file can
tell a bridged draft from a direct one.
"""

from __future__ import annotations

import hashlib

from .base import Engine, Progress


class PivotEngine:
    """Translates with ``first`` and then translates its output with ``second``."""

    def __init__(self, first: Engine, second: Engine) -> None:
        self.first, self.second = first, second
        self.name = first.name if first.name == second.name else f"{first.name}+{second.name}"
        self.model_name = f"{first.model_name} + {second.model_name}"
        self.model_version = f"{first.model_version}+{second.model_version}"
        both = f"{first.model_hash} {second.model_hash}".encode()
        self.model_hash = "sha256:" + hashlib.sha256(both).hexdigest()[:16]

    def translate_batch(self, texts: list[str], progress: Progress | None = None) -> list[str]:
        # Progress is reported on the second leg only: a segment is done when it reaches the target.
        return self.second.translate_batch(self.first.translate_batch(texts), progress)
