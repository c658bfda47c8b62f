"""The print PDF writer: the shared print XHTML rendered by WeasyPrint, fetching only files inside the project."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from ..model import Book
from ..render.xhtml import environment, print_document
from ..stackroom import call_with_room
from .options import Options
from .pdf_standards import pdf_standard, write_options

TRIMS: dict[str, dict[str, str]] = {
    "a5": {"page_size": "A5", "margin_top": "17mm", "margin_bottom": "19mm", "margin_inner": "20mm",
           "margin_outer": "14mm", "font_size": "10.5pt"},
    "6x9": {"page_size": "6in 9in", "margin_top": "0.75in", "margin_bottom": "0.8in", "margin_inner": "0.85in",
            "margin_outer": "0.6in", "font_size": "11pt"},
    "letter": {"page_size": "letter", "margin_top": "0.9in", "margin_bottom": "1in", "margin_inner": "1.25in",
               "margin_outer": "1in", "font_size": "12pt"},
}


def print_css(book: Book) -> str:
    """base.css plus print.css, with the trim size's page box filled in."""
    css = files("publish").joinpath("templates/css")
    base = css.joinpath("base.css").read_text("utf-8")
    template = environment().from_string(css.joinpath("print.css").read_text("utf-8"))
    title = book.title.replace("\\", "\\\\").replace('"', '\\"')
    sizes = TRIMS[book.trim]
    smaller = f"{float(sizes['font_size'].removesuffix('pt')) - 1.5}pt"
    return base + "\n" + template.render(book_title=title, bilingual=book.bilingual, bilingual_font_size=smaller,
                                         **sizes)


def print_html(book: Book) -> str:
    """The exact HTML the PDF writer hands to WeasyPrint (the benchmark renders it raw too)."""
    return print_document(book, print_css(book))


def project_fetcher(root: Path) -> Any:
    """A WeasyPrint URL fetcher that serves files under ``root`` and refuses everything else (no network)."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    base = root.resolve()

    class ProjectFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "file" and Path(unquote(parts.path)).resolve().is_relative_to(base):
                return super().fetch(url, headers)
            raise ValueError(f"refused {url}: publish reads only files inside the project")

    return ProjectFetcher(allowed_protocols={"file"}, allow_redirects=False)


def write_pdf(book: Book, options: Options) -> bytes:
    """Render the print PDF and return its bytes."""
    from weasyprint import HTML

    html = HTML(string=print_html(book), base_url=str(options.root) + "/",
                url_fetcher=project_fetcher(options.root))
    # No pdf_identifier: pydyf computes the /ID by serialising and compressing every object a second time.
    extra = write_options(pdf_standard(options.pdf_standard))
    return bytes(call_with_room(lambda: html.write_pdf(**extra)))
