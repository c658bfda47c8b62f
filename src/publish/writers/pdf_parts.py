"""The print PDF's parts: what each one is (front matter, one article, the sources), the HTML WeasyPrint lays it
out from, the key it is cached under, and rendering one part in whatever process runs it.

Why the book can be cut here: every article and the sources start on a right-hand page (``break-before: right``)
and set their own running heads (``string-set``); nothing in print.css counts across them but the page number.
So a part laid out alone, starting on a right-hand page, gives the pages the whole book gives it, except:

- its folios, which depend on where it starts: parts are rendered without them (``NO_FOLIOS``) and the folios
  come from their own small documents (``folio_part``), one page per number, overlaid at the join;
- the contents' page numbers (``target-counter`` sees only its own document): the front part is rendered last,
  with the numbers the parts' page counts give, written as data (``TOC_NUMBERS``).

A part's key covers everything that can change its pages: its HTML (the CSS is inside it), the local files it
links (images), the PDF standard and profile, and the toolchain and system fonts (``environment_digest``).
An article's key is taken from what its HTML is made of rather than from the HTML, so an unchanged article is
not templated at all (``article_html`` makes it for the parts that are laid out): the article itself, the book
without its articles, every author's name (the head lists them), the stylesheet and the digests of the book's
images. The sources, which list every article, keep the key of their HTML. Model objects are digested as pickled (never unpickled: nothing read back from build/ can run code); the
article templates must take nothing else from the book (``test_pdf_split`` checks that equal keys mean equal
HTML).
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..model import Book
from ..staging import Kept
from ..render.xhtml import print_document
from .options import Options
from . import pdf_chunks
from .pdf_chunks import Chunked, cut, lay_out_chunks

NO_FOLIOS = "\n@page { @bottom-center { content: none !important; } }\n"
TOC_NUMBERS = '\nnav.print-toc a::after { content: leader(". ") attr(data-page) !important; }\n'
FOLIO_ONLY = ("\n@page {{ @top-left {{ content: none !important; }} @top-right {{ content: none !important; }} }}"
              "\n@page :first {{ counter-reset: page {first}; }}\n")
FOLIO_CHUNK = 64
"""Folio pages per folio document: numbers 1-64, 65-128, ... (each starts on an odd number, a right-hand page)."""
_LINKED = re.compile(r'\b(?:src|href)="([^"#:]+)"')


@dataclass(frozen=True)
class Part:
    """One separately laid-out piece of the print PDF."""

    name: str
    """``front``, ``article-007`` (the article's place in the book), ``back``, or ``folios-0065``."""
    html: str
    """Empty for an article until it is to be laid out (``article_html``)."""
    key: str
    elsewhere: tuple[str, ...] = ()
    """Anchors in other parts that this part links to (the front matter's contents)."""
    chunked: Chunked | None = None
    """A long sources list, laid out in chunks (pdf_chunks); ``html`` is then empty."""


@dataclass(frozen=True)
class PartPdf:
    """A rendered part: its PDF, its page count, and what WeasyPrint warned about while making it."""

    pdf: bytes | Path | Kept
    """The PDF, or where it is: a cached part's file, or the build's scratch space (staging.Kept)."""
    pages: int
    """All its pages, ``more``'s too."""
    diagnostics: tuple[tuple[str, str, str], ...] = ()
    """(code, message, hint) of each warning; kept with the cached part so an unchanged part still warns."""
    more: tuple[tuple[bytes | Path | Kept, int], ...] = ()
    """The further chunks of a part laid out in chunks (pdf_chunks), each PDF with its page count."""

    def chunks(self) -> list[tuple[bytes | Path | Kept, int]]:
        """Each PDF of the part with its page count, in order."""
        return [(self.pdf, self.pages - sum(pages for _, pages in self.more)), *self.more]


def body_parts(book: Book, css: str, root: Path, salt: str) -> list[Part]:
    """The articles and the sources, each a document of its own (no folios). The articles' HTML is left to
    ``article_html``."""
    css += NO_FOLIOS
    source = book.original or book
    shell = dataclasses.replace(book, articles=(), original=dataclasses.replace(source, articles=())
                                if book.original else None)
    authors = [au.name for a in source.articles for au in a.authors]
    images = "".join(f"{image.src}\0{_file_digest(root, image.src)}\n" for image in book.images)
    common = pickle.dumps((shell, authors, css, images), protocol=5)
    parts = [Part(f"article-{n:03d}", "", _digest_bytes(common + pickle.dumps((n, article), protocol=5), salt))
             for n, article in enumerate(book.articles, start=1)]
    return [*parts, _back(book, css, root, salt)]


def _back(book: Book, css: str, root: Path, salt: str) -> Part:
    """The sources; in chunks when they are long."""
    return _in_chunks(book, "back", print_document(book, css, "back"),
                      lambda: print_document(book, css, "back-continued"), root, salt)


def _in_chunks(book: Book, name: str, whole: str, continued: Callable[[], str], root: Path, salt: str) -> Part:
    """A part holding a list of every article (pdf_chunks), in chunks when the book is long (the key then covers
    the chunk size: it shapes the PDFs)."""
    chunked = cut(whole, continued()) if len(book.articles) > pdf_chunks.CHUNK else None
    if chunked is None:
        return _part(name, whole, root, salt)
    part = _part(name, whole + f"\0chunks of {pdf_chunks.CHUNK}", root, salt)
    return dataclasses.replace(part, html="", chunked=chunked)


def article_html(part: Part, book: Book, css: str) -> Part:
    """An article part (from ``body_parts``, given the same ``css``) with its HTML."""
    if part.html or not part.name.startswith("article-"):
        return part
    article = book.articles[int(part.name.removeprefix("article-")) - 1]
    return dataclasses.replace(part, html=print_document(book, css + NO_FOLIOS, "article", article))


def front_part(book: Book, css: str, root: Path, salt: str, toc_pages: dict[str, int]) -> Part:
    """Title page, colophon, notice and contents, the contents' numbers given (anchor id -> folio); a long
    contents in chunks."""
    css += NO_FOLIOS + TOC_NUMBERS
    part = _in_chunks(book, "front", print_document(book, css, "front", toc_pages=toc_pages),
                      lambda: print_document(book, css, "front-continued"), root, salt)
    return dataclasses.replace(part, elsewhere=tuple(toc_pages))


def folio_part(book: Book, css: str, first: int, salt: str) -> Part:
    """Pages numbered ``first`` .. ``first + FOLIO_CHUNK - 1`` with nothing on them but the folio."""
    style = css + FOLIO_ONLY.format(first=first)
    pages = '<div style="break-before: page"></div>' * FOLIO_CHUNK
    html = f'<!DOCTYPE html><html lang="{book.lang}"><head><meta charset="utf-8"/><style>{style}</style></head>' \
           f'<body>{pages}</body></html>'
    return Part(f"folios-{first:04d}", html, _digest(html, salt))


def _part(name: str, html: str, root: Path, salt: str) -> Part:
    linked = sorted(set(_LINKED.findall(html)))
    files = "".join(f"{ref}\0{_file_digest(root, ref)}\n" for ref in linked)
    return Part(name, html, _digest(html + "\0" + files, salt))


def _file_digest(root: Path, ref: str) -> str:
    path = (root / unquote(ref)).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        return "absent"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def part_pdf(chunks: Sequence[tuple[bytes | Path | Kept, int]],
             diagnostics: tuple[tuple[str, str, str], ...] = ()) -> PartPdf:
    """A rendered part from its PDFs and their page counts (one, or one per chunk)."""
    (first, _), *more = chunks
    return PartPdf(first, sum(pages for _, pages in chunks), diagnostics, tuple(more))


def pdf_bytes(pdf: bytes | Path | Kept) -> bytes:
    """A part's PDF bytes, wherever they are kept."""
    return pdf if isinstance(pdf, bytes) else pdf.read_bytes() if isinstance(pdf, Path) else pdf.read()


def _digest(text: str, salt: str) -> str:
    return _digest_bytes(text.encode("utf-8"), salt)


def _digest_bytes(data: bytes, salt: str) -> str:
    return hashlib.sha256(salt.encode() + b"\0" + data).hexdigest()[:32]


def render_part(part: Part, options: Options, tagged: bool = True) -> list[tuple[bytes, int]]:
    """Lay out and write one part (in a worker, or in the build's own process): its PDF and page count, or each
    chunk's (pdf_chunks). Folio documents are written untagged: the join marks their content as a pagination
    artifact."""
    from weasyprint import HTML

    from .pdf import project_fetcher
    from .pdf_render import lay_out, render_once, write_document

    def html(text: str) -> Any:
        return HTML(string=text, base_url=str(options.root) + "/", url_fetcher=project_fetcher(options.root))

    if not tagged:
        options = dataclasses.replace(options, pdf_standard="none")
    if part.chunked is not None:
        def write(document: Any, pages: list[Any]) -> bytes:
            try:
                return write_document(document.copy(pages), options, part.elsewhere)
            finally:
                if IN_WORKER:
                    _give_back()

        return lay_out_chunks(part.chunked, lambda text: lay_out(html(text), options), write)
    try:
        return [render_once(html(part.html), options, part.elsewhere)]
    finally:
        if IN_WORKER:
            _give_back()


IN_WORKER = False
"""Set in build workers (render_pool): they lay out hundreds of parts each, and nothing else."""
_laid_out = 0


def _give_back() -> None:
    """Every few parts, collect the box trees (full of cycles) and hand the freed memory back to the system, so
    a worker stays the size of one part (glibc only). Not in a process that holds more than parts: a full
    collection there costs in proportion to everything else it holds."""
    global _laid_out
    _laid_out += 1
    if not _laid_out % 8:
        give_back_memory()


def give_back_memory() -> None:
    """Collect what is garbage and hand the freed memory back to the system (glibc only)."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
