"""Output profiles of the print PDF (``--profile``): screen, print (the default A5 book), and the two
print-on-demand services, KDP and IngramSpark, with their bleed, gutter table, fonts and colour rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ExitCode, PublishError
from .options import PdfSettings
from .pdf_standards import STANDARDS

IN = 72.0
"""PDF points per inch."""
POD_BLEED_IN = 0.125
"""KDP and IngramSpark: bleed on the top, bottom and outside edges (none at the spine)."""
POD_MIN_OUTSIDE_IN = 0.375
"""KDP's smallest outside margin when the interior bleeds (0.25 in without)."""
# KDP's minimum inside margin by page count (https://kdp.amazon.com/help/topic/GVBQ3CMEQW3W2VL6).
GUTTER_TABLE_IN: tuple[tuple[int, float], ...] = ((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875))


@dataclass(frozen=True)
class Profile:
    """What one ``--profile`` changes in the print PDF."""

    name: str
    bleed_in: float = 0.0
    """Bleed on the outside edges, in inches (the spine edge never bleeds)."""
    mirrored: bool = True
    """Inside and outside margins differ (a bound book); False: equal margins (a screen)."""
    links: bool = True
    """Link annotations (KDP and IngramSpark want none in an interior)."""
    bookmarks: bool = True
    """The outline (KDP wants none)."""
    full_fonts: bool = False
    """Embed whole fonts, not subsets (printers ask for it)."""
    gutter_by_pages: bool = False
    """Inside margin grows with the page count (KDP's table)."""
    even_pages: bool = False
    """Pad with a blank page to an even page count."""
    cmyk: bool = False
    """Colours as device-cmyk() (grey text as K only), with a CMYK output intent and PDF/X-4 identification."""


PROFILES: dict[str, Profile] = {
    "screen": Profile("screen", mirrored=False),
    "print": Profile("print"),
    "kdp": Profile("kdp", bleed_in=POD_BLEED_IN, links=False, bookmarks=False, full_fonts=True,
                   gutter_by_pages=True, even_pages=True),
    "ingramspark": Profile("ingramspark", bleed_in=POD_BLEED_IN, links=False, bookmarks=False, full_fonts=True,
                           gutter_by_pages=True, even_pages=True, cmyk=True),
}


def check_pdf_settings(settings: PdfSettings | None) -> PdfSettings:
    """The settings, or a usage error naming the choices (before anything is rendered)."""
    settings = settings or PdfSettings()
    if settings.profile not in PROFILES:
        raise PublishError(f"unknown profile '{settings.profile}'", hint=f"use one of: {', '.join(PROFILES)}.",
                           exit_code=ExitCode.USAGE)
    if settings.standard not in STANDARDS:
        raise PublishError(f"unknown PDF standard '{settings.standard}'", hint=f"use one of: {', '.join(STANDARDS)}.",
                           exit_code=ExitCode.USAGE)
    if PROFILES[settings.profile].cmyk and STANDARDS[settings.standard].archival:
        raise PublishError(f"--profile {settings.profile} writes PDF/X-4 and cannot also claim PDF/A "
                           f"({settings.standard})", hint="use --pdf-standard ua1 with this profile.",
                           exit_code=ExitCode.USAGE)
    return settings


def gutter_in(pages: int) -> float:
    """KDP's minimum inside margin for ``pages`` pages (the largest entry beyond the table)."""
    return next((gutter for limit, gutter in GUTTER_TABLE_IN if pages <= limit), GUTTER_TABLE_IN[-1][1])


def _inches(length: str) -> float:
    """A CSS length of the trim table (in, mm) in inches."""
    number = float(length[:-2])
    return number if length.endswith("in") else number / 25.4


def geometry(sizes: dict[str, str], profile: Profile, pages: int | None) -> dict[str, str]:
    """The trim table's page box adjusted for the profile (``pages`` is the last render's count, if any)."""
    out = dict(sizes)
    inner, outer = _inches(sizes["margin_inner"]), _inches(sizes["margin_outer"])
    if not profile.mirrored:
        out["margin_inner"] = out["margin_outer"] = f"{(inner + outer) / 2:.3f}in"
    if profile.gutter_by_pages:
        out["margin_inner"] = f"{max(inner, gutter_in(pages or 0)):.3f}in"
        out["margin_outer"] = f"{max(outer, POD_MIN_OUTSIDE_IN):.3f}in"
    return out


def profile_css(profile: Profile) -> str:
    """CSS the profile adds after print.css: bleed, and for CMYK printing every colour in K."""
    css = ""
    if profile.bleed_in:
        css += f"@page {{ bleed: {profile.bleed_in}in; marks: none; }}\n"
    if not profile.bookmarks:
        css += "h1, h2, h3, h4, h5, h6 { bookmark-level: none !important; }\n"
    if profile.cmyk:
        css += "html { color: device-cmyk(0 0 0 1); }\n"
    return css


_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def cmyk_colours(css: str) -> str:
    """Hex colours as ``device-cmyk(0 0 0 k)``: the book's colours are greys, which print as black ink only."""
    def to_k(match: re.Match[str]) -> str:
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        r, g, b = (int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))
        luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
        return f"device-cmyk(0 0 0 {1 - luminance:.3f})"

    return _HEX.sub(to_k, css)
