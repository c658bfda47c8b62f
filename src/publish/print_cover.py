"""``publish cover``: build the print-on-demand interior, then the full-wrap cover sized from its page count."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Diagnostic, ExitCode, PublishError

COVER_KEY = "publishcover"
"""Info-dictionary key (WeasyPrint's custom metadata) holding ``<service> <paper> <pages> <trim>`` of a cover."""


@dataclass(frozen=True)
class CoverResult:
    """The interior and the cover written, and the warnings of the build."""

    outputs: tuple[Path, ...]
    pages: int
    diagnostics: tuple[Diagnostic, ...]


def make_cover(root: Path, service: str, paper: str, lang: str | None = None) -> CoverResult:
    """Build ``build/<slug>.<edition>.pdf`` for ``service`` and ``build/<slug>.<edition>.cover.pdf`` beside it."""
    from .atomic import replace_all
    from .build import build, output_path
    from .editions import load_edition
    from .reader import read_project
    from .writers.cover_wrap import PAPER_IN
    from .writers.options import PdfSettings

    if service not in PAPER_IN:
        raise PublishError(f"no cover for profile '{service}'", hint=f"use one of: {', '.join(PAPER_IN)}.",
                           exit_code=ExitCode.USAGE)
    if paper not in PAPER_IN[service]:
        raise PublishError(f"unknown paper '{paper}'", hint=f"use one of: {', '.join(PAPER_IN[service])}.",
                           exit_code=ExitCode.USAGE)
    root = root.resolve()
    result = build(root, langs=[lang] if lang else [], formats=["pdf"], pdf=PdfSettings("ua1", service))
    interior = result.outputs[0]
    pages = _page_count(interior)
    source, _ = read_project(root)
    book, _ = load_edition(root, source, lang or source.lang)
    blurb, diagnostics = _blurb(root)
    cover = render_cover(root, book, service, paper, pages, blurb)
    path = output_path(root, book, "pdf").with_suffix(".cover.pdf")
    try:
        replace_all([(path, cover)])
    except OSError as exc:
        raise PublishError(f"cannot write {exc.filename}: {exc.strerror}", hint="check the folder's permissions.",
                           exit_code=ExitCode.OUTPUT) from None
    return CoverResult((interior, path), pages, (*result.diagnostics, *diagnostics))


def render_cover(root: Path, book: object, service: str, paper: str, pages: int, blurb: str) -> bytes:
    """The cover PDF: fonts whole, vector only; IngramSpark's in CMYK with PDF/X-4 identification."""
    from weasyprint import HTML

    from .model import Book
    from .writers.cover_wrap import cover_html, cover_size
    from .writers.pdf import project_fetcher
    from .writers.pdf_render import cmyk_profile_css
    from .writers.pdf_standards import STANDARDS, claim_pdfua, write_options

    assert isinstance(book, Book)
    cmyk = service == "ingramspark"
    size = cover_size(book.trim, pages, service, paper)
    html = cover_html(book, size, blurb, f"{service} {paper} {pages} {book.trim}",
                      cmyk_profile_css() if cmyk else None)
    # Tagged like the interior: the cover is read aloud too (title, blurb, names), and checked like it.
    options = write_options(STANDARDS["ua1"])
    tag_finisher = options.pop("finisher")
    options.update(full_fonts=True, custom_metadata=True)
    if cmyk:
        options.update(pdf_variant="pdf/x-4", output_intent="device-cmyk")

    def finish(document: Any, pdf: Any) -> None:
        tag_finisher(document, pdf)
        if cmyk:
            claim_pdfua(pdf)
        _cover_finisher(document, pdf)

    document = HTML(string=html, base_url=str(root) + "/", url_fetcher=project_fetcher(root))
    return bytes(document.write_pdf(finisher=finish, **options))


def _cover_finisher(document: Any, pdf: Any) -> None:
    """Whole fonts that read right under their own names, and the wrap's boxes (0.125 in bleed all round)."""
    import pydyf

    from .writers.cover_wrap import BLEED_IN
    from .writers.pdf_fragments import resolve
    from .writers.pdf_render import mend_full_font_text

    mend_full_font_text(document, pdf)
    bleed = BLEED_IN * 72
    for ref in pdf.page_references:
        page = resolve(pdf, ref)
        left, top, right, bottom = (float(v) for v in page["MediaBox"])
        page["BleedBox"] = pydyf.Array([left, top, right, bottom])
        page["TrimBox"] = pydyf.Array([left + bleed, top + bleed, right - bleed, bottom - bleed])


def _page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _blurb(root: Path) -> tuple[str, list[Diagnostic]]:
    """publish.yaml ``blurb:`` (paragraphs separated by blank lines); its absence is a warning, not an error."""
    from .config import CONFIG, load_project_config

    blurb = load_project_config((root / CONFIG).read_text(encoding="utf-8")).blurb
    if blurb and blurb.strip():
        return blurb, []
    return "", [Diagnostic("no-blurb", "publish.yaml has no blurb: the back cover carries only the barcode area",
                           CONFIG, hint="add `blurb: |` with a paragraph or two about the book.")]
