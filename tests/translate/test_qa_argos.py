"""Argos drafts carry CTranslate2's own score (``return_scores=True``) into the PO's ``publish-mt``
comment, and the review queue reads it back: a real tiny package, translated offline."""

from __future__ import annotations

from pathlib import Path

import polib

from publish.translate import argos_packages
from publish.translate.check import review_translations
from publish.translate.pofile import draft_record, entry_state
from publish.translate.qa_queue import LOW_SCORE, review_queue
from publish.translate.run import RunOptions, translate_project


def test_argos_scores_are_recorded_and_rank_the_queue(tiny_packages: dict[str, Path], argos_home: Path,
                                                      book_root: Path, no_network: list[str]) -> None:
    argos_packages.install_file(tiny_packages["minisbd"])
    translate_project(book_root, RunOptions(engine="argos"))
    po = polib.pofile(str(book_root / "translations" / "es" / "chapare.po"))
    records = [draft_record(e) for e in po if entry_state(e) == "machine"]
    assert records and all(r is not None and r.origin.engine == "argos" for r in records)
    scores = [r.score for r in records if r is not None]
    # Log-probabilities per token: negative, finite, and not all alike (one per sentence, not a constant).
    assert all(s is not None and -50 < s < 0 for s in scores) and len(set(scores)) > 1
    review = review_translations(book_root, "es")
    assert all(r.confidence().startswith("score -") for r in review.segments)
    # The tiny model writes nonsense: its low scores put segments in the queue.
    queue = review_queue(review.segments)
    assert any(r.score is not None and r.score < LOW_SCORE for r in queue) and no_network == []
