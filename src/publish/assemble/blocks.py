"""Cutting a stream of text lines into blocks (what the page showed as one paragraph or line).

Blank lines separate blocks; how many of them came before a block (``gap``) is kept, because copied
pages put bigger gaps between articles and around embedded posts than between paragraphs.
Noise lines are dropped here, before anything else looks at the text, and hard-wrapped text (an
e-mail, a PDF copy) is re-flowed into paragraphs by ``reflow``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .noise import is_noise_line
from .reflow import reflow

# A line of only dashes, equals signs or underscores separates sections (newsletters, mailing
# lists): it counts as a wide gap, never as text.
_RULE = re.compile(r"^\s*[-=_*~#•·]{3,}\s*$")
# '-- ' opens an e-mail signature: the lines under it, up to the next blank line, are not the text.
_SIGNATURE = re.compile(r"^--\s*$")


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of a dump: its text, first line number, and the blank lines before it."""

    text: str
    line: int
    gap: int


@dataclass
class NoiseCount:
    """How many noise lines were dropped, and the first one's line (for the warning)."""

    count: int = 0
    first_line: int | None = None

    def add(self, line: int, count: int = 1) -> None:
        self.count += count
        self.first_line = min(self.first_line or line, line)


def read_blocks(lines: Iterable[tuple[int, str]], noise: NoiseCount,
                folios: frozenset[int] = frozenset()) -> Iterator[Block]:
    """Blocks of non-blank lines, noise (and the running heads numbered in ``folios``) removed; a
    dropped line does not add to the gap."""
    pending: list[tuple[int, str]] = []
    blank_run = 0
    gap_before = 0
    # Blanks on either side of a dropped line are one gap, not two added together.
    blank_before_noise = 0
    in_signature = False
    for number, raw in lines:
        line = raw.rstrip()
        if not line.strip() or _RULE.match(line):
            if pending:
                yield from _finish(pending, gap_before)
                pending = []
                blank_run = 0
            blank_run += 2 if line.strip() else 1
            in_signature = False
            continue
        if in_signature or _SIGNATURE.match(line) or is_noise_line(line) or number in folios:
            in_signature = in_signature or bool(_SIGNATURE.match(line))
            noise.add(number)
            blank_before_noise, blank_run = max(blank_before_noise, blank_run), 0
            continue
        if not pending:
            gap_before, blank_before_noise = max(blank_run, blank_before_noise), 0
        pending.append((number, line))
    if pending:
        yield from _finish(pending, gap_before)


def _finish(pending: list[tuple[int, str]], gap: int) -> Iterator[Block]:
    for index, (number, text) in enumerate(reflow(pending)):
        yield Block(text, number, gap if index == 0 else 0)
