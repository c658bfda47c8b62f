"""``publish check --print FILE.pdf``: a print-on-demand preflight that re-reads a PDF (pikepdf) and reports,
with page numbers, what KDP or IngramSpark would refuse: fonts, type size, image resolution, page boxes,
annotations, transparency, RGB in a CMYK file, page count parity, and a cover's size against its interior."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import Diagnostic, ExitCode, PublishError

MIN_FONT_PT = 7.0
MIN_DPI = 300.0
BLEED_PT = 0.125 * 72
TOLERANCE_PT = 0.01 * 72
"""Sizes are checked to 0.01 in."""
SUBSET_TAG = re.compile(r"^/?[A-Z]{6}\+")


def preflight(path: Path, profile: str | None = None) -> list[Diagnostic]:
    """Every problem found in ``path`` for ``profile`` (kdp or ingramspark; guessed from the file when None)."""
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, OSError) as exc:
        raise PublishError(f"cannot read {path.name} as a PDF: {exc}", path=str(path),
                           hint="give the path of a PDF that publish built.", exit_code=ExitCode.INPUT) from None
    with pdf:
        profile = profile or ("ingramspark" if _is_pdfx(pdf) else "kdp")
        cover = _cover_spec(pdf)
        where = str(path)
        found = [*_fonts(pdf, where), *_content(pdf, where, profile == "ingramspark"), *_boxes(pdf, where, cover),
                 *_annotations(pdf, where), *_transparency(pdf, where)]
        if cover is None and len(pdf.pages) % 2:
            found.append(_error("odd-pages", f"{len(pdf.pages)} pages: print interiors need an even page count",
                                where, "build with --profile kdp or ingramspark, which pads with a blank page."))
        if cover is not None:
            found += _cover_size(pdf, path, cover)
    return found


def _error(code: str, message: str, where: str, hint: str, severity: str = "error") -> Diagnostic:
    return Diagnostic(f"print-{code}", message, where, severity=severity, hint=hint)


def _pages_text(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:8])
    return f"page {shown}" if len(pages) == 1 else f"pages {shown}{' …' if len(pages) > 8 else ''}"


def _is_pdfx(pdf: Any) -> bool:
    intents = pdf.Root.get("/OutputIntents")
    return bool(intents) and any(str(i.get("/S")) == "/GTS_PDFX" for i in intents)


def _cover_spec(pdf: Any) -> list[str] | None:
    """``[service, paper, pages, trim]`` that ``publish cover`` recorded, or None for an interior."""
    from .print_cover import COVER_KEY

    value = pdf.docinfo.get(f"/{COVER_KEY}") if pdf.trailer.get("/Info") is not None else None
    parts = str(value).split() if value is not None else []
    return parts if len(parts) == 4 else None


# ------------------------------------------------------------------ fonts


def _fonts(pdf: Any, where: str) -> Iterator[Diagnostic]:
    """Each font embedded, and whole (a subset tag ``ABCDEF+`` marks a partial font)."""
    missing: dict[str, list[int]] = {}
    partial: dict[str, list[int]] = {}
    for number, page in enumerate(pdf.pages, 1):
        for font in _page_fonts(page.obj):
            name = str(font.get("/BaseFont", "?"))
            if str(font.get("/Subtype")) == "/Type3":
                continue
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.setdefault(name, []).append(number)
            elif SUBSET_TAG.match(name):
                partial.setdefault(name, []).append(number)
    for name, pages in missing.items():
        yield _error("font-not-embedded", f"font {name} is not embedded ({_pages_text(pages)})", where,
                     "rebuild with publish build --profile kdp or ingramspark.")
    for name, pages in partial.items():
        yield _error("font-subset", f"font {name} is a subset, not embedded whole ({_pages_text(pages)})", where,
                     "rebuild with --profile kdp or ingramspark, which embed whole fonts.")


def _page_fonts(resources_owner: Any, seen: set[tuple[int, int]] | None = None) -> Iterator[Any]:
    """Fonts of a page and of the form XObjects it draws."""
    seen = seen if seen is not None else set()
    resources = resources_owner.get("/Resources") or {}
    yield from (resources.get("/Font") or {}).values()
    for xobject in (resources.get("/XObject") or {}).values():
        if str(xobject.get("/Subtype")) == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _page_fonts(xobject, seen)


# ------------------------------------------------------------------ content: type size, images, colour


def _content(pdf: Any, where: str, cmyk: bool) -> Iterator[Diagnostic]:
    from .check_print_content import pages_by_report

    small: list[int] = []
    low: list[str] = []
    rgb_vector: list[int] = []
    rgb_images: list[int] = []
    smallest = float("inf")
    for number, report in pages_by_report(pdf):
        if report.smallest_pt < MIN_FONT_PT - 0.05:
            small.append(number)
            smallest = min(smallest, report.smallest_pt)
        low += [f"{name} on page {number} ({dpi:.0f} dpi)" for name, dpi in report.image_dpi if dpi < MIN_DPI - 0.5]
        if any(not what.startswith("image") for what in report.rgb):
            rgb_vector.append(number)
        if any(what.startswith("image") for what in report.rgb):
            rgb_images.append(number)
    if small:
        yield _error("small-type", f"text set at {smallest:.1f} pt, under {MIN_FONT_PT:g} pt ({_pages_text(small)})",
                     where, f"set no text smaller than {MIN_FONT_PT:g} pt.")
    if low:
        yield _error("low-resolution", f"images under {MIN_DPI:g} dpi as printed: {'; '.join(low[:5])}", where,
                     "use larger images or print them smaller.", severity="warning")
    if cmyk and rgb_vector:
        yield _error("rgb", f"RGB colour in a CMYK interior ({_pages_text(rgb_vector)})", where,
                     "build with --profile ingramspark, which sets every colour in CMYK.")
    if cmyk and rgb_images:
        yield _error("rgb-image", f"RGB images in a CMYK interior ({_pages_text(rgb_images)}): WeasyPrint does not "
                     "convert images", where, "convert the images to CMYK or greyscale before building.",
                     severity="warning")


# ------------------------------------------------------------------ boxes, annotations, transparency


def _boxes(pdf: Any, where: str, cover: list[str] | None) -> Iterator[Diagnostic]:
    """TrimBox and BleedBox on every page, nested, one trim size, bleed on the outside edges only (a cover
    bleeds on all four)."""
    wrong: dict[str, list[int]] = {}
    trims: set[tuple[int, int]] = set()
    for index, page in enumerate(pdf.pages):
        problem = _box_problem(page.obj, index, cover is not None)
        if problem:
            wrong.setdefault(problem, []).append(index + 1)
        elif "/TrimBox" in page.obj:
            trim = [float(v) for v in page.obj.TrimBox]
            trims.add((round(trim[2] - trim[0]), round(trim[3] - trim[1])))
    for problem, pages in wrong.items():
        yield _error("boxes", f"{problem} ({_pages_text(pages)})", where,
                     "build with --profile kdp or ingramspark, which set TrimBox and BleedBox.")
    if len(trims) > 1:
        yield _error("boxes", f"pages have {len(trims)} different trim sizes", where, "use one trim size.")


def _box_problem(page: Any, index: int, cover: bool) -> str | None:
    if "/TrimBox" not in page or "/BleedBox" not in page:
        return "no TrimBox or BleedBox"
    media, bleed, trim = ([float(v) for v in page[key]] for key in ("/MediaBox", "/BleedBox", "/TrimBox"))
    if not (_inside(bleed, media) and _inside(trim, bleed)):
        return "TrimBox, BleedBox and MediaBox are not nested"
    margins = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
    expected = [BLEED_PT] * 4
    if not cover:
        expected[0 if index % 2 == 0 else 2] = 0.0  # the spine edge of a recto is its left, of a verso its right
    if any(abs(m - e) > TOLERANCE_PT for m, e in zip(margins, expected)):
        return "the bleed is not 0.125 in on the outside edges (and none at the spine)"
    return None


def _inside(inner: list[float], outer: list[float]) -> bool:
    return (inner[0] >= outer[0] - 0.01 and inner[1] >= outer[1] - 0.01 and inner[2] <= outer[2] + 0.01
            and inner[3] <= outer[3] + 0.01)


def _annotations(pdf: Any, where: str) -> Iterator[Diagnostic]:
    pages = [n for n, page in enumerate(pdf.pages, 1)
             if any(str(a.get("/Subtype")) != "/PrinterMark" for a in page.obj.get("/Annots") or [])]
    if pages:
        yield _error("annotations", f"link or other annotations ({_pages_text(pages)})", where,
                     "build with --profile kdp or ingramspark, which write none.")


def _transparency(pdf: Any, where: str) -> Iterator[Diagnostic]:
    """Soft masks, constant alpha under 1, blend modes, transparency groups."""
    pages = transparent_pages(pdf)
    if pages:
        yield _error("transparency", f"transparency ({_pages_text(pages)})", where,
                     "remove opacity and semi-transparent colours or images with an alpha channel.")


def transparent_pages(pdf: Any) -> list[int]:
    """Numbers of the pages that use transparency (PDF/A-1 and print masters want none)."""
    return [n for n, page in enumerate(pdf.pages, 1) if _transparent(page.obj)]


def _transparent(page: Any) -> bool:
    group = page.get("/Group")
    if group is not None and str(group.get("/S")) == "/Transparency":
        return True
    resources = page.get("/Resources") or {}
    for state in (resources.get("/ExtGState") or {}).values():
        if float(state.get("/CA", 1)) < 1 or float(state.get("/ca", 1)) < 1:
            return True
        if str(state.get("/SMask", "/None")) != "/None" or str(state.get("/BM", "/Normal")) not in ("/Normal",
                                                                                                 "/Compatible"):
            return True
    for xobject in (resources.get("/XObject") or {}).values():
        if "/SMask" in xobject or (str(xobject.get("/Subtype")) == "/Form" and _transparent(xobject)):
            return True
    return False


# ------------------------------------------------------------------ cover


def _cover_size(pdf: Any, path: Path, spec: list[str]) -> Iterator[Diagnostic]:
    """The wrap's width, height and recorded page count against the interior beside it."""
    from .writers.cover_wrap import PAPER_IN, TRIM_IN, cover_size

    service, paper, recorded, trim = spec
    where = str(path)
    if service not in PAPER_IN or paper not in PAPER_IN[service] or trim not in TRIM_IN or not recorded.isdigit():
        yield _error("cover", f"unreadable cover record '{' '.join(spec)}'", where, "rebuild with publish cover.")
        return
    interior = path.with_name(path.name.removesuffix(".cover.pdf") + ".pdf")
    pages = int(recorded)
    if path.name.endswith(".cover.pdf") and interior.is_file():
        import pikepdf

        with pikepdf.open(interior) as inner:
            pages = len(inner.pages)
        if pages != int(recorded):
            yield _error("cover", f"the cover was made for {recorded} pages; {interior.name} has {pages}", where,
                         "rebuild the cover with publish cover.")
    size = cover_size(trim, pages, service, paper)
    media = [float(v) for v in pdf.pages[0].obj.MediaBox]
    width, height = (media[2] - media[0]) / 72, (media[3] - media[1]) / 72
    if abs(width - size.width_in) > 0.01 or abs(height - size.height_in) > 0.01:
        yield _error("cover", f"the cover is {width:.3f} × {height:.3f} in; {pages} pages on {paper} paper at "
                     f"{service} need {size.width_in:.3f} × {size.height_in:.3f} in (spine {size.spine_in:.3f} in)",
                     where, "rebuild the cover with publish cover.")
