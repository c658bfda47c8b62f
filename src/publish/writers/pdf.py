"""The print PDF writer: the shared print XHTML rendered by WeasyPrint, fetching only files inside the project."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from ..config import TRIMS
from ..model import Book
from ..render.xhtml import environment, print_document
from ..stackroom import call_with_room
from .options import Options


def print_css(book: Book, sizes: dict[str, str] | None = None, profile: str = "print") -> str:
    """base.css plus print.css, with the page box (the trim size's, or ``sizes``) and the profile's rules."""
    from .pdf_profiles import PROFILES, cmyk_colours, profile_css

    css = files("publish").joinpath("templates/css")
    base = css.joinpath("base.css").read_text("utf-8")
    template = environment().from_string(css.joinpath("print.css").read_text("utf-8"))
    title = book.title.replace("\\", "\\\\").replace('"', '\\"')
    sizes = sizes or TRIMS[book.trim]
    smaller = f"{float(sizes['font_size'].removesuffix('pt')) - 1.5}pt"
    text = base + "\n" + template.render(book_title=title, bilingual=book.bilingual, bilingual_font_size=smaller,
                                         **sizes) + profile_css(PROFILES[profile])
    if PROFILES[profile].cmyk:
        from .pdf_render import cmyk_profile_css

        text = cmyk_profile_css() + cmyk_colours(text)
    return text


def print_html(book: Book) -> str:
    """The exact HTML the PDF writer hands to WeasyPrint (the benchmark renders it raw too)."""
    return print_document(book, print_css(book))


def project_fetcher(root: Path) -> Any:
    """A WeasyPrint URL fetcher that serves files under ``root`` and refuses everything else (no network);
    the one exception is the CMYK colour profile of the IngramSpark interior, a system file like the fonts."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    from .pdf_render import CMYK_ICC

    base = root.resolve()

    class ProjectFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme == "file" and (path.is_relative_to(base) or path == CMYK_ICC):
                return super().fetch(url, headers)
            raise ValueError(f"refused {url}: publish reads only files inside the project")

    return ProjectFetcher(allowed_protocols={"file"}, allow_redirects=False)


def write_pdf(book: Book, options: Options) -> bytes:
    """Render the print PDF (its standard and profile from ``options``) in parts, one after another, uncached,
    and return its bytes (``publish build`` drives the same job with a cache and workers: pdf_book.py)."""
    from .pdf_book import pdf_job, run_serially
    from .pdf_parts import PartPdf, part_pdf, render_part

    def render(part: Any, tagged: bool) -> PartPdf:
        return part_pdf(call_with_room(lambda: render_part(part, options, tagged)))

    pdf = run_serially(pdf_job(book, options, lambda part: None, ""), render).pdf
    assert isinstance(pdf, bytes)  # no output path given: the bytes themselves
    return pdf


def write_pdf_single(book: Book, options: Options) -> bytes:
    """The print PDF laid out in one WeasyPrint pass (what the joined parts must equal; benchmarks' anchor)."""
    from weasyprint import HTML

    from .pdf_render import render_pdf

    def html_for(sizes: dict[str, str]) -> Any:
        return HTML(string=print_document(book, print_css(book, sizes, options.profile)),
                    base_url=str(options.root) + "/", url_fetcher=project_fetcher(options.root))

    def blank_html(page_size: str) -> Any:
        from .pdf_profiles import PROFILES, profile_css

        style = f"@page {{ size: {page_size}; }}\n{profile_css(PROFILES[options.profile])}"
        return HTML(string=f'<html lang="{book.lang}"><head><style>{style}</style></head><body></body></html>',
                    url_fetcher=project_fetcher(options.root))

    # No pdf_identifier: pydyf computes the /ID by serialising and compressing every object a second time.
    return call_with_room(lambda: render_pdf(html_for, TRIMS[book.trim], options, blank_html))
