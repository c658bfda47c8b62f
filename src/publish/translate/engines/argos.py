"""Argos Translate, driven directly: the package's CTranslate2 model and SentencePiece, batched over the book.

argostranslate finds the installed package; translation then skips ``argostranslate.translate``
entirely. publish already splits sentences, so Argos's splitters (stanza, which fetches its
resources index even when the files are present; minisbd, which downloads a model when the
package has none) are never loaded, and a run makes no network connection.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from ...errors import ExitCode, PublishError
from .base import Progress, in_chunks

BEAM_SIZE = 4
"""Argos's own default, so drafts match what ``argostranslate.translate`` would produce."""
LENGTH_PENALTY = 0.2
CHUNK = 256
"""Sentences per ``translate_batch`` call: CTranslate2 sorts and re-batches inside each chunk."""


def cpu_threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class ArgosEngine:
    """Translates with one installed Argos package (``package`` is an argostranslate Package)."""

    name = "argos"

    def __init__(self, package: Any, beam_size: int = BEAM_SIZE) -> None:
        self.path = Path(package.package_path)
        if not (self.path / "sentencepiece.model").is_file():
            raise PublishError(f"the Argos package {self.path.name} has no sentencepiece.model",
                               hint="publish supports SentencePiece packages (all current argospm ones); "
                                    "install a newer package with 'publish models install "
                                    f"{package.from_code} {package.to_code}'.",
                               exit_code=ExitCode.MISSING_PART)
        self.model_name = self.path.name
        self.model_version = str(package.package_version)
        self.model_hash = "sha256:" + _file_hash(self.path / "model" / "model.bin")
        self.target_prefix = str(getattr(package, "target_prefix", "") or "")
        self.beam_size = beam_size
        self._translator: Any = None
        self._sp: Any = None

    def _load(self) -> None:
        import ctranslate2
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(self.path / "sentencepiece.model"))
        # intra_threads above the core count is much slower; one translator, all cores.
        self._translator = ctranslate2.Translator(str(self.path / "model"), device="cpu", inter_threads=1,
                                                  intra_threads=cpu_threads(), compute_type="auto")

    def translate_batch(self, texts: list[str], progress: Progress | None = None) -> list[str]:
        if self._translator is None:
            self._load()
        return in_chunks(texts, CHUNK, self._translate_chunk, progress)

    def translate_scored(self, texts: list[str], progress: Progress | None = None
                         ) -> list[tuple[str, float | None, tuple[str, ...]]]:
        """(text, score, ()) per text; the score is CTranslate2's log-probability per target token."""
        if self._translator is None:
            self._load()
        out: list[tuple[str, float | None, tuple[str, ...]]] = []
        for start in range(0, len(texts), CHUNK):
            out.extend(self._scored_chunk(texts[start:start + CHUNK]))
            if progress:
                progress(len(texts[start:start + CHUNK]))
        return out

    def _translate_chunk(self, texts: list[str]) -> list[str]:
        return [text for text, _, _ in self._scored_chunk(texts)]

    def _scored_chunk(self, texts: list[str]) -> list[tuple[str, float | None, tuple[str, ...]]]:
        tokens = [self._sp.encode(text, out_type=str) for text in texts]
        prefix = [[self.target_prefix]] * len(tokens) if self.target_prefix else None
        results = self._translator.translate_batch(
            tokens, target_prefix=prefix, max_batch_size=64, batch_type="examples", return_scores=True,
            beam_size=self.beam_size, num_hypotheses=1, length_penalty=LENGTH_PENALTY, replace_unknowns=True)
        return [(self._detokenize(r.hypotheses[0]), _per_token(r.scores, len(r.hypotheses[0])), ()) for r in results]

    def _detokenize(self, pieces: list[str]) -> str:
        text = self._sp.decode_pieces(pieces).replace("▁", " ")
        if self.target_prefix and text.startswith(self.target_prefix):
            text = text[len(self.target_prefix):]
        return " ".join(text.split())


def _per_token(scores: list[float], length: int) -> float | None:
    """CTranslate2 divides the log-probability by length**LENGTH_PENALTY; undo that to compare sentences."""
    if not scores:
        return None
    tokens = max(1, length + 1)  # the end-of-sentence token is scored too
    return float(scores[0]) * float(tokens ** LENGTH_PENALTY) / tokens


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]
