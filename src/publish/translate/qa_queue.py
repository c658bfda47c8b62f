"""What translation QA found in one segment, and the review queue: machine segments ordered by risk.

Each finding adds a weight; the weights say what a reader of the translation trips over first:
source words left in the text, then wrong figures, lost markup and broken glossary terms, then
words no dictionary knows (often two words run together), odd lengths, and low engine confidence.
An engine that gives no confidence (Apertium) adds nothing, and the row says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WEIGHTS = {
    "translation-leftover": 3.0,
    "translation-numbers": 4.0,
    "translation-markup": 4.0,
    "translation-glossary": 3.0,
    "translation-repetition": 4.0,
    "translation-unknown-word": 1.5,
    "translation-length": 2.0,
    "translation-review": 1.0,
}
"""Risk per finding (leftover and unknown words count per word)."""
VISIBILITY = {"title": 1.5, "subtitle": 1.25, "h": 1.25}
"""A flaw in a title is seen in the contents, the running heads and the Sources page as well."""
LOW_SCORE = -0.5
"""CTranslate2 scores are mean log-probabilities per token: a fluent draft scores about -0.1 to -0.4."""
SCORE_WEIGHT = 4.0


@dataclass(frozen=True)
class Finding:
    """One problem of one segment."""

    code: str
    message: str
    hint: str
    words: tuple[str, ...] = ()
    """The words concerned (leftover or unknown words); risk counts each."""


@dataclass(frozen=True)
class SegmentReport:
    """A translated segment with what QA found in it; ``line`` is the entry's line in the PO file."""

    file: str
    line: int
    id: str
    kind: str
    """The segment kind (``title``, ``h``, ``p``, ...): a title is read in the contents, heads and Sources too."""
    state: str
    """``machine``, ``edited`` or ``approved`` (see ``pofile.entry_state``)."""
    source: str
    target: str
    engine: str | None = None
    score: float | None = None
    """The engine's confidence, recorded in the entry's ``publish-mt`` comment; None when it gave none."""
    findings: tuple[Finding, ...] = ()
    leftover: tuple[str, ...] = field(default=())
    """Source-language words left in the translation."""

    @property
    def risk(self) -> float:
        total = sum(WEIGHTS.get(f.code, 1.0) * max(1, len(f.words)) for f in self.findings)
        if self.score is not None and self.score < LOW_SCORE:
            total += SCORE_WEIGHT * (LOW_SCORE - self.score)
        return round(total * VISIBILITY.get(self.kind, 1.0), 2)

    def confidence(self) -> str:
        """The engine's confidence as a reviewer reads it."""
        if self.score is not None:
            return f"score {self.score:.2f}"
        if self.engine == "apertium":
            return "no score (Apertium gives none)"
        return "no score recorded" if self.engine else "not a machine draft"


def review_queue(reports: list[SegmentReport]) -> list[SegmentReport]:
    """Machine drafts (and entries flagged fuzzy) with any risk, riskiest first, then in file order."""
    wanted = [r for r in reports if r.risk > 0 and (r.state == "machine"
                                                    or any(f.code == "translation-review" for f in r.findings))]
    return sorted(wanted, key=lambda r: (-r.risk, r.file, r.line))


def queue_line(report: SegmentReport, width: int = 70) -> str:
    """``file:line  risk  what  |  translation excerpt``: one row a reviewer can jump from."""
    what = "; ".join(_short(f) for f in report.findings) or report.confidence()
    target = report.target if len(report.target) <= width else report.target[:width - 1] + "…"
    return f"{report.file}:{report.line}  risk {report.risk:g}  {what}  [{report.confidence()}]  | {target}"


def _short(finding: Finding) -> str:
    if finding.words:
        label = {"translation-leftover": "left in source language",
                 "translation-unknown-word": "unknown word"}.get(finding.code, finding.code)
        return f"{label}: {', '.join(finding.words)}"
    return finding.message
