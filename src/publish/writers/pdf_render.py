"""From print HTML to PDF bytes under a standard and a profile: render (again when the gutter must grow with the
page count), pad to an even page count, then mend the PDF objects before they are written."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ExitCode, PublishError
from .options import Options
from .pdf_fragments import resolve
from .pdf_profiles import IN, PROFILES, Profile, geometry
from .pdf_standards import STANDARDS, claim_pdfua, write_options

HtmlFor = Callable[[dict[str, str]], Any]
"""Page geometry (the trim table's keys) -> a WeasyPrint ``HTML`` of the book."""
CMYK_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
"""Ghostscript's CMYK profile (Debian libgs-common): the output intent of the IngramSpark interior."""
MAX_RENDERS = 3


def pdf_settings(options: Options) -> tuple[dict[str, Any], Profile, Callable[[Any, Any], None]]:
    """WeasyPrint's ``render``/``write_pdf`` options for the standard and profile, the profile, and the finisher
    that mends the PDF objects before they are written (tags, links, bookmarks, bleed)."""
    standard, profile = STANDARDS[options.pdf_standard], PROFILES[options.profile]
    write = write_options(standard)
    base_finisher = write.pop("finisher", None)
    if profile.cmyk:
        write.update(pdf_variant="pdf/x-4", output_intent="device-cmyk")
    if profile.full_fonts:
        write["full_fonts"] = True

    def finish(doc: Any, pdf: Any) -> None:
        if profile.full_fonts:
            mend_full_font_text(doc, pdf)
        if not profile.links:
            strip_links(pdf)
        if base_finisher is not None:
            base_finisher(doc, pdf)
            if write.get("pdf_variant", "").startswith("pdf/x"):
                claim_pdfua(pdf)
        if not profile.bookmarks:
            pdf.catalog.pop("Outlines", None)
            pdf.catalog.pop("PageMode", None)
        if profile.bleed_in:
            bleed_outside_only(pdf, profile)

    return write, profile, finish


def render_pdf(html_for: HtmlFor, sizes: dict[str, str], options: Options, blank_html: Callable[[str], Any]) -> bytes:
    """The whole book in one pass: render, settle the gutter, pad, write. ``blank_html(size_css)`` makes a
    one-page empty document. (``publish build`` renders in parts instead: pdf_book.py.)"""
    write, profile, finish = pdf_settings(options)
    page_box = geometry(sizes, profile, None)
    document = html_for(page_box).render(**write)
    for _ in range(MAX_RENDERS - 1):
        if not profile.gutter_by_pages:
            break
        settled = geometry(sizes, profile, len(document.pages))
        if settled == page_box:
            break
        page_box = settled
        document = html_for(page_box).render(**write)
    if profile.even_pages and len(document.pages) % 2:
        document = document.copy([*document.pages, *blank_html(page_box["page_size"]).render(**write).pages])
    return bytes(document.write_pdf(finisher=finish, **write))


def render_once(html: Any, options: Options, elsewhere: Sequence[str] = ()) -> tuple[bytes, int]:
    """One WeasyPrint document (a part of the book) as PDF bytes, mended like the whole book, and its page count.

    ``elsewhere``: anchors of other parts this one links to (the contents' entries). WeasyPrint drops a link
    to an anchor it cannot find; each gets a stand-in destination on the last page, which the join replaces
    with the real one (pdf_join), so the link is written by name as in a single pass.
    """
    document = lay_out(html, options)
    return write_document(document, options, elsewhere), len(document.pages)


def lay_out(html: Any, options: Options) -> Any:
    """A WeasyPrint ``HTML`` laid out as a document, with the settings of the standard and profile."""
    write, _, _ = pdf_settings(options)
    return html.render(font_config=_font_config(), **write)


def write_document(document: Any, options: Options, elsewhere: Sequence[str] = ()) -> bytes:
    """A laid-out document (or a copy of some of its pages) as PDF bytes, mended (see ``render_once``)."""
    write, _, finish = pdf_settings(options)
    if document.pages:
        known = {name for page in document.pages for name in page.anchors}
        document.pages[-1].anchors.update({name: (0, 0, 0, 0) for name in elsewhere if name not in known})
    return bytes(document.write_pdf(finisher=finish, **write))


@lru_cache(maxsize=1)
def _font_config() -> Any:
    """One font configuration per process for every part it lays out: the same PDF bytes (tested), and the
    fonts are looked up once rather than per part (each new configuration also kept memory a worker never
    gave back: 0.9 MB per part against 0.4)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def cmyk_profile_css() -> str:
    """The ``@color-profile`` rule for device-cmyk(), or a missing-part error naming the package."""
    if not CMYK_ICC.is_file():
        raise PublishError(f"no CMYK colour profile at {CMYK_ICC}",
                           hint="install it with `apt-get install libgs-common` (scripts/setup.sh does).",
                           exit_code=ExitCode.MISSING_PART)
    return f"@color-profile device-cmyk {{ src: url({CMYK_ICC.as_uri()}); components: c, m, y, k; }}\n"


def strip_links(pdf: Any) -> None:
    """No link annotations (KDP, PDF/X): drop them from the pages, and tag their text as plain spans."""
    for ref in pdf.page_references:
        resolve(pdf, ref).pop("Annots", None)
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Type") == "/StructElem" and obj.get("S") == "/Link":
            obj["S"] = "/Span"
            if isinstance(obj.get("K"), list):
                obj["K"][:] = [k for k in obj["K"] if not _is_object_reference(pdf, k)]
    root = resolve(pdf, pdf.catalog.get("StructTreeRoot"))
    if root is not None:
        nums = resolve(pdf, root["ParentTree"])["Nums"]
        pages = len(pdf.page_references)
        nums[2 * pages:] = []  # the entries after the pages' are the annotations'


def _is_object_reference(pdf: Any, kid: object) -> bool:
    target = resolve(pdf, kid)
    return isinstance(target, dict) and target.get("Type") == "/OBJR"


def bleed_outside_only(pdf: Any, profile: Profile) -> None:
    """WeasyPrint bleeds all four edges; a bound page bleeds at the top, bottom and fore-edge, never the spine.
    Page 1 is a recto (spine on its left)."""
    import pydyf

    bleed = profile.bleed_in * IN
    for index, ref in enumerate(pdf.page_references):
        page = resolve(pdf, ref)
        left, top, right, bottom = (float(v) for v in page["TrimBox"])
        if index % 2 == 0:
            box = [left, top - bleed, right + bleed, bottom + bleed]
        else:
            box = [left - bleed, top - bleed, right, bottom + bleed]
        page["MediaBox"] = pydyf.Array(box)
        page["BleedBox"] = pydyf.Array(box)


def _private_use(text: str) -> bool:
    return any(0xE000 <= ord(ch) <= 0xF8FF or ord(ch) >= 0xF0000 for ch in text)


def mend_full_font_text(document: Any, pdf: Any) -> None:
    """With ``full_fonts`` WeasyPrint writes each font's ToUnicode from its cmap alone, so the glyphs the text
    really uses but the cmap does not name (ligatures, small capitals) read as private-use characters or
    nothing. Map every used glyph to the text it was shaped from, and drop the private-use rest."""
    by_name = {font.name: font for font in document.fonts.values()}
    for obj in pdf.objects:
        if not (isinstance(obj, dict) and obj.get("Type") == "/Font" and obj.get("BaseFont") in by_name):
            continue
        stream = resolve(pdf, obj.get("ToUnicode"))
        if stream is None:
            continue
        header, mapping = [], {}
        for line in stream.stream:
            if line.startswith(b"<") and b"> <" in line:
                glyph, text = line[1:-1].split(b"> <")
                mapping[int(glyph, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
            elif line.endswith(b"beginbfchar"):
                break
            else:
                header.append(line)
        mapping = {glyph: text for glyph, text in mapping.items() if not _private_use(text)}
        mapping.update(by_name[obj["BaseFont"]].to_unicode)
        stream.stream[:] = [*header, *_bfchar_lines(mapping), b"endcmap",
                            b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    untag_whole_fonts(pdf)


SUBSET_TAG = re.compile(r"^/[A-Z]{6}\+")


def untag_whole_fonts(pdf: Any) -> None:
    """WeasyPrint names every embedded font ``/ABCDEF+Name``, the mark of a subset, even when it embeds the whole
    font; printers' preflights (and ours) then call it partial. A whole font keeps its own name."""
    for obj in pdf.objects:
        if not isinstance(obj, dict):
            continue
        for key in ("BaseFont", "FontName"):
            value = obj.get(key)
            if obj.get("Type") in ("/Font", "/FontDescriptor") and isinstance(value, (str, bytes)):
                name = value.decode("latin-1") if isinstance(value, bytes) else value
                obj[key] = SUBSET_TAG.sub("/", name)


def _bfchar_lines(mapping: dict[int, str]) -> list[bytes]:
    """``beginbfchar`` blocks of at most 100 entries (the CMap limit)."""
    items, lines = sorted(mapping.items()), []
    for start in range(0, len(items), 100):
        batch = items[start:start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [f"<{glyph:04x}> <{text.encode('utf-16-be').hex()}>".encode() for glyph, text in batch]
        lines.append(b"endbfchar")
    return lines
