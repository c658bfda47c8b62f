"""The full-wrap paperback cover for KDP and IngramSpark: its size from the trim, the interior's page count and
the paper, and its one page (back panel with the blurb and a clear barcode area, spine, front panel)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Book
from ..render.xhtml import environment

TRIM_IN: dict[str, tuple[float, float]] = {"a5": (148 / 25.4, 210 / 25.4), "6x9": (6.0, 9.0), "letter": (8.5, 11.0)}
"""Trim sizes of publish.yaml ``trim:`` in inches (width, height)."""
BLEED_IN = 0.125
PAPER_IN: dict[str, dict[str, float]] = {
    # KDP's published thickness per page (kdp.amazon.com, "Paperback cover calculator").
    "kdp": {"white": 0.002252, "cream": 0.0025, "color": 0.002347},
    # IngramSpark's pages per inch (444 white, 434 cream, 444 standard colour on white) as thickness per page;
    # their cover template generator stays the authority.
    "ingramspark": {"white": 1 / 444, "cream": 1 / 434, "color": 1 / 444},
}
SPINE_TEXT_MIN_IN = 0.25
"""Narrower spines stay blank: KDP asks for 0.0625 in on each side of spine text and more than 79 pages."""
SAFE_IN = 0.25
"""Text keeps this far inside the trim on every panel."""


@dataclass(frozen=True)
class CoverSize:
    """The flat cover in inches: ``width = 2 × trim width + spine + 2 × bleed``, ``height = trim height + 2 × bleed``."""

    trim_w_in: float
    trim_h_in: float
    spine_in: float
    bleed_in: float

    @property
    def width_in(self) -> float:
        return 2 * self.trim_w_in + self.spine_in + 2 * self.bleed_in

    @property
    def height_in(self) -> float:
        return self.trim_h_in + 2 * self.bleed_in


@dataclass(frozen=True)
class BarcodeArea:
    """The white box KDP prints the ISBN barcode in (bottom right of the back panel)."""

    width_in: float = 2.0
    height_in: float = 1.2


def cover_size(trim: str, pages: int, service: str, paper: str) -> CoverSize:
    """Size of the wrap for an interior of ``pages`` pages on ``paper`` at ``service``."""
    width, height = TRIM_IN[trim]
    return CoverSize(width, height, pages * PAPER_IN[service][paper], BLEED_IN)


def cover_html(book: Book, size: CoverSize, blurb: str, spec: str, cmyk_css: str | None) -> str:
    """The cover page as HTML for WeasyPrint; ``cmyk_css`` (the colour profile rule) makes every colour CMYK."""
    names = ", ".join(dict.fromkeys(au.name for a in (book.original or book).articles for au in a.authors)) \
        or ", ".join(book.editors)
    spine_text = size.spine_in >= SPINE_TEXT_MIN_IN
    ink, paper, band = ("device-cmyk(0 0 0 1)", "device-cmyk(0 0 0 0)", "device-cmyk(0.85 0.55 0 0.35)") \
        if cmyk_css is not None else ("#111", "#fff", "#1f3a5f")
    return environment().get_template("cover_wrap.html.j2").render(
        book=book, size=size, safe=SAFE_IN, barcode=BarcodeArea(), spec=spec, names=names,
        blurb=[p.strip() for p in blurb.split("\n\n") if p.strip()], spine_text=spine_text,
        spine_font_pt=min(11.0, (size.spine_in - 2 * 0.0625) * 72 * 0.8), ink=ink, paper_colour=paper,
        band_colour=band, colour_profile=cmyk_css or "")
