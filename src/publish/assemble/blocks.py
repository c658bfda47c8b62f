"""Cutting a stream of text lines into blocks (what the page showed as one paragraph or line).

Blank lines separate blocks; how many of them came before a block (``gap``) is kept, because copied
pages put bigger gaps between articles and around embedded posts than between paragraphs.
Noise lines are dropped here, before anything else looks at the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .noise import is_noise_line

# Hard-wrapped text (an e-mail, a PDF copy) has lines of similar, moderate length; anything else
# with several lines per block is one line per paragraph without blank lines between them.
_WRAP_MIN, _WRAP_MAX = 40, 100


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of a dump: its text (lines joined by newlines), first line number, gap."""

    text: str
    line: int
    gap: int

    @property
    def single(self) -> str:
        """The text on one line (for tests on the whole block)."""
        return " ".join(self.text.split("\n"))


@dataclass
class NoiseCount:
    """How many noise lines were dropped, and the first one's line (for the warning)."""

    count: int = 0
    first_line: int | None = None


def read_blocks(lines: Iterable[tuple[int, str]], noise: NoiseCount) -> Iterator[Block]:
    """Blocks of non-blank lines, noise removed; a dropped line does not add to the gap."""
    pending: list[tuple[int, str]] = []
    blank_run = 0
    gap_before = 0
    # Blanks on either side of a dropped line are one gap, not two added together.
    blank_before_noise = 0
    for number, raw in lines:
        line = raw.rstrip()
        if not line.strip():
            if pending:
                yield from _finish(pending, gap_before)
                pending = []
                blank_run = 0
            blank_run += 1
            continue
        if is_noise_line(line):
            noise.count += 1
            noise.first_line = noise.first_line or number
            blank_before_noise, blank_run = max(blank_before_noise, blank_run), 0
            continue
        if not pending:
            gap_before, blank_before_noise = max(blank_run, blank_before_noise), 0
        pending.append((number, line))
    if pending:
        yield from _finish(pending, gap_before)


def _finish(pending: list[tuple[int, str]], gap: int) -> Iterator[Block]:
    texts = [text.strip() for _, text in pending]
    if len(texts) == 1 or _hard_wrapped(texts):
        yield Block("\n".join(texts), pending[0][0], gap)
        return
    for index, (number, _) in enumerate(pending):
        yield Block(texts[index], number, gap if index == 0 else 0)


def _hard_wrapped(texts: list[str]) -> bool:
    return all(_WRAP_MIN <= len(text) <= _WRAP_MAX for text in texts[:-1])
