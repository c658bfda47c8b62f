"""Facing pages for the bilingual print edition: which paragraph pairs share a spread (English verso, translation
recto), decided before WeasyPrint lays the book out.

Why: side-by-side columns lay out about three times the lines of the English book (two texts in half-width
columns), and WeasyPrint's cost grows with the lines: the paired-row PDF cost 2.5-3x the English one. Facing
pages set each text at the full measure, so the book costs about the two texts' lines (bench/bench_bilingual.py).

How: CSS cannot make one text flow over left-hand pages only, so each spread is a group the template emits as
``<div class="spread"><div class="l1">..</div><div class="l2">..</div></div>``, the first side forced onto a
left-hand page and the second onto the right. A group must therefore fit on one page on both sides: block heights
are *estimated* here from the text (character widths of the body font, rounded up) with a safety share of the
page left free, so an estimate that errs leaves white space rather than pushing a paragraph onto the next spread.
Blocks the estimate cannot size (tables, code) and pairs too long for one page keep the side-by-side
row (``Row``), which breaks over pages with both columns starting together.

An article opens on a right-hand page (titles, dek, byline: every PDF part starts on the right, pdf_parts.py),
and its spreads follow from the next left-hand page. The tag tree still reads pair by pair
(writers/pdf_fragments.pair_spreads).

The numbers here mirror print.css's bilingual block (font size of the trim, ``line-height: 1.32``, margins in em);
tests/test_bilingual_layout.py renders a book and checks that every group stays on its spread. Limits: widths
are those of the stylesheet's first font (Linux Libertine, which set-up installs); text in a much wider fallback
font could overflow a side, which then pushes that group's translations one spread on (nothing is lost). The
book is longer than with paired columns (each spread is as long as its longer side, and white space is left
at the foot of most pages): 20 articles, 131 pages in English, 177 as paired rows, 317 as facing pages.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import model as m

LINE_HEIGHT = 1.32
"""``.spread`` line height (print.css), in ems."""
FILL = 0.94
"""Share of the page's estimated height a spread may fill: the rest absorbs estimates that err short."""
RAGGED = 1.04
"""Lines are not filled to the last point: a word that does not fit (after hyphenation) leaves a gap."""
PT_PER_IN = 72.0
IMAGE_MAX = 60 / 25.4 * PT_PER_IN
"""``.spread figure.photo img { max-height: 60mm }`` (print.css): a photo is never taller, whatever its file."""
PAGE_SIZES_IN = {"a5": (148 / 25.4, 210 / 25.4), "a4": (210 / 25.4, 297 / 25.4), "letter": (8.5, 11.0)}


@dataclass(frozen=True)
class Measure:
    """The text block of a page, in points, and the body font size of the facing text."""

    width: float
    height: float
    font_size: float


@dataclass
class Spread:
    """Pairs set on facing pages: ``first`` on the left-hand page, ``second`` on the right."""

    first: list[m.Block] = field(default_factory=list)
    second: list[m.Block] = field(default_factory=list)
    sizes: list[tuple[float, float]] = field(default_factory=list)
    """Each pair's estimated heights (first, second), in points."""
    kind: str = "spread"

    def fits(self, heights: tuple[float, float], room: float) -> bool:
        return all(sum(h[side] for h in self.sizes) + heights[side] <= room for side in (0, 1))

    def add(self, first: m.Block, second: m.Block, heights: tuple[float, float]) -> None:
        self.first.append(first)
        self.second.append(second)
        self.sizes.append(heights)


@dataclass
class Row:
    """One pair set side by side (a block the estimate cannot size, or longer than a page)."""

    first: m.Block
    second: m.Block
    kind: str = "row"


def measure_for(sizes: dict[str, str]) -> Measure:
    """The narrowest text block any output profile gives this trim (a print-on-demand gutter is the widest
    margin), so a spread that fits here fits under every profile."""
    from ..writers.pdf_profiles import GUTTER_TABLE_IN, POD_MIN_OUTSIDE_IN

    width, height = _page_in(sizes["page_size"])
    inner = max(_inches(sizes["margin_inner"]), GUTTER_TABLE_IN[-1][1])
    outer = max(_inches(sizes["margin_outer"]), POD_MIN_OUTSIDE_IN)
    top, bottom = _inches(sizes["margin_top"]), _inches(sizes["margin_bottom"])
    return Measure((width - inner - outer) * PT_PER_IN, (height - top - bottom) * PT_PER_IN,
                   float(sizes["font_size"].removesuffix("pt")))


def spreads(pairs: Sequence[tuple[m.Block, m.Block]], measure: Measure) -> list[Spread | Row]:
    """Group consecutive pairs into spreads that fit one page a side; a heading never ends a spread."""
    room = measure.height * FILL
    out: list[Spread | Row] = []
    current = Spread()
    for first, second in pairs:
        one, two = block_height(first, measure), block_height(second, measure)
        if one is None or two is None or max(one, two) > room:
            carried = _close(out, current)  # headings before a row stay with it, side by side
            out.extend(Row(a, b) for a, b in zip(carried.first, carried.second))
            out.append(Row(first, second))
            current = Spread()
        elif current.fits((one, two), room):
            current.add(first, second, (one, two))
        else:
            current = _close(out, current)
            if not current.fits((one, two), room):  # the carried heading and this pair do not fit together
                out.append(current)
                current = Spread()
            current.add(first, second, (one, two))
    if (last := _close(out, current)).first:
        out.append(last)
    return out


def _close(out: list[Spread | Row], current: Spread) -> Spread:
    """Append ``current`` (if it holds anything) and return the next spread, holding the headings that ended
    ``current``: a heading stays with the text it introduces."""
    carried = Spread()
    while len(current.first) > 1 and current.first[-1].kind == "heading":
        carried.first.insert(0, current.first.pop())
        carried.second.insert(0, current.second.pop())
        carried.sizes.insert(0, current.sizes.pop())
    if current.first:
        out.append(current)
    return carried


def block_height(block: m.Block, measure: Measure, width: float | None = None, size: float | None = None
                 ) -> float | None:
    """Estimated height of ``block`` in points on a full-measure page (None: cannot be estimated)."""
    width = measure.width if width is None else width
    size = measure.font_size if size is None else size
    line = size * LINE_HEIGHT
    if isinstance(block, m.Paragraph):
        return _lines(_text(block.children), width, size, indent=1.2) * line
    if isinstance(block, m.Heading):
        # h2: small capitals, 1.4em above and 0.5em below; h3/h4: italic, 1.2em + 0.4em.
        caps = block.level == 2
        return _lines(_text(block.children), width, size, capitals=caps) * line + (1.9 if caps else 1.6) * size
    if isinstance(block, m.BlockQuote):
        inner = _blocks_height(block.children, measure, width - 3 * size, size * 0.95)
        return None if inner is None else inner + 1.6 * size
    if isinstance(block, m.Post):
        inner = _blocks_height(block.children, measure, width - 4.6 * size, size * 0.95)
        return None if inner is None else inner + (2.4 + 1.2 + 0.4 * len(block.children)) * size + 2 * line
    if isinstance(block, m.ListBlock):
        items = [_blocks_height(item, measure, width - 30, size) for item in block.items]
        return None if None in items else sum(items) + 2 * size  # type: ignore[arg-type]
    if isinstance(block, m.Figure):
        caption = _lines(_text(block.caption), width - 1.6 * size, size * 0.85) * size * 0.85 * 1.3 + 2 * size
        return caption + (IMAGE_MAX if block.image is not None else 0.0)
    if isinstance(block, m.ThematicBreak):
        return line + 2 * size
    return None  # tables and code: the side-by-side row takes them


def _blocks_height(blocks: Sequence[m.Block], measure: Measure, width: float, size: float) -> float | None:
    heights = [block_height(b, measure, width, size) for b in blocks]
    return None if None in heights else sum(heights)  # type: ignore[arg-type]


def _text(inlines: Sequence[m.Inline]) -> str:
    return m.plain_text(list(inlines))


def _lines(text: str, width: float, size: float, indent: float = 0.0, capitals: bool = False) -> int:
    """Lines ``text`` takes at ``size`` points in a ``width``-point measure, rounded up, at least one."""
    ems = indent + sum(_advance(ch.upper() if capitals else ch) for ch in text)
    return max(1, math.ceil(ems * size * RAGGED / width))


def _advance(ch: str) -> float:
    """A generous advance width in ems per character class (Linux Libertine's averages, rounded up: frequent
    letters are narrower than the class average, so text comes out a little wider than it sets)."""
    if ch == " ":
        return 0.25
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    category = unicodedata.category(ch)
    if category == "Lu":
        return 0.65
    if category[0] in ("L", "N"):
        return 0.48
    if category[0] in ("P", "S"):
        return 0.36 if ch not in "—–" else 0.75
    return 0.5


def _page_in(page_size: str) -> tuple[float, float]:
    """``A5``, ``letter`` or ``6in 9in`` (the trim table's forms) in inches, portrait."""
    named = PAGE_SIZES_IN.get(page_size.strip().lower())
    if named:
        return named
    width, height = page_size.split()
    return _inches(width), _inches(height)


def _inches(length: str) -> float:
    number = float(length[:-2])
    return number if length.endswith("in") else number / 25.4


def groups_for_trim(pairs: Sequence[tuple[m.Block, m.Block]], trim: str) -> list[Spread | Row]:
    """``spreads`` on the page of the trim size ``trim`` (the template's filter)."""
    from ..config import TRIMS

    return spreads(pairs, measure_for(TRIMS[trim]))
