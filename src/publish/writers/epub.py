"""The EPUB 3 writer: XHTML pages from the shared serializer, packaged by ebooklib, with accessibility
metadata, a nav with landmarks, an NCX, a generated cover, and byte-identical output."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from importlib.resources import files

from ebooklib import epub

from .. import model as m
from ..render.dates import format_date
from ..render.strings import book_strings, strings_for
from ..render.xhtml import Page, epub_pages, image_href, render
from .cover import cover_png
from .options import Options
from .zipfix import normalise_zip

def write_epub(book: m.Book, options: Options) -> bytes:
    """Build the EPUB in memory and return its bytes."""
    s = book_strings(book)
    doc = epub.EpubBook()
    _metadata(doc, book, options)
    doc.set_cover("images/cover.png", cover_png(book), create_page=False)
    doc.add_item(epub.EpubItem(uid="css", file_name="css/book.css", media_type="text/css", content=_css()))
    for image in book.images:
        doc.add_item(epub.EpubItem(uid=f"img-{len(doc.items)}", file_name=image_href(image),
                                   media_type=image.media_type, content=(options.root / image.src).read_bytes()))
    cover = _item("cover", "cover.xhtml", render("cover.xhtml.j2", book, "epub", cover_href="images/cover.png"))
    pages = epub_pages(book)
    items = [_Lazy(f"page-{n}", p.file_name, p.make) for n, p in enumerate(pages)]
    toc = [{"href": p.file_name, "title": p.title, "lang": p.lang}
           for p in pages if p.body_type in ("bodymatter", "backmatter")]
    landmarks = _landmarks(pages, s)
    nav = _item("nav", "nav.xhtml", render("nav.xhtml.j2", book, "epub", toc=toc, landmarks=landmarks), properties=["nav"])
    for item in [cover, nav, *items]:
        doc.add_item(item)
    doc.add_item(epub.EpubNcx())
    doc.toc = [epub.Link(entry["href"], entry["title"], f"toc-{n}") for n, entry in enumerate(toc)]
    doc.spine = [cover, items[0], items[1], nav, *items[2:]]
    buffer = io.BytesIO()
    writer = _Writer(buffer, doc, {"epub3_landmark": False, "epub2_guide": False, "mtime": options.modified})
    writer.process()
    writer.write()
    return normalise_zip(buffer.getvalue(), options.modified)


class _Writer(epub.EpubWriter):  # type: ignore[misc]
    """ebooklib's writer, plus ``xml:lang`` on the OPF ``package`` (reading systems and Ace need it)."""

    def _write_opf_file(self, root: Any) -> None:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", self.book.language)
        super()._write_opf_file(root)


def _item(uid: str, file_name: str, xhtml: str, properties: list[str] | None = None) -> epub.EpubItem:
    item = epub.EpubItem(uid=uid, file_name=file_name, media_type="application/xhtml+xml",
                         content=xhtml.encode("utf-8"))
    item.properties = properties or []
    return item


class _Lazy(epub.EpubItem):  # type: ignore[misc]
    """An XHTML item whose text is made when ebooklib writes it (``get_content``, once), and not kept: the
    1,000-article book's pages held as text and as bytes at once were half the writer's memory."""

    def __init__(self, uid: str, file_name: str, make: Callable[[], str]) -> None:
        super().__init__(uid=uid, file_name=file_name, media_type="application/xhtml+xml")
        self.make = make

    def get_content(self, default: bytes | None = None) -> bytes:
        return self.make().encode("utf-8")


def _landmarks(pages: list[Page], s: dict[str, str]) -> list[dict[str, str]]:
    first_body = next(p for p in pages if p.body_type == "bodymatter") if any(
        p.body_type == "bodymatter" for p in pages) else pages[-1]
    return [
        {"type": "cover", "href": "cover.xhtml", "title": s["cover"]},
        {"type": "titlepage", "href": "titlepage.xhtml", "title": s["title_page"]},
        {"type": "toc", "href": "nav.xhtml#toc", "title": s["contents"]},
        {"type": "bodymatter", "href": first_body.file_name, "title": first_body.title},
        {"type": "backmatter", "href": "sources.xhtml", "title": s["sources"]},
    ]


def _css() -> bytes:
    css = files("publish").joinpath("templates/css")
    return (css.joinpath("base.css").read_text("utf-8") + "\n" + css.joinpath("epub.css").read_text("utf-8")).encode()


def _metadata(doc: epub.EpubBook, book: m.Book, options: Options) -> None:
    doc.set_identifier(book.identifier)
    doc.set_title(book.title)
    doc.set_language(book.lang)
    authors = list(dict.fromkeys(au.name for a in (book.original or book).articles for au in a.authors))
    for n, name in enumerate(authors):
        doc.add_author(name, role="aut", uid=f"author-{n}")
    for n, name in enumerate(book.editors):
        doc.add_metadata("DC", "contributor", name, {"id": f"editor-{n}"})
        doc.add_metadata(None, "meta", "edt", {"refines": f"#editor-{n}", "property": "role",
                                               "scheme": "marc:relators"})
    if book.publisher:
        doc.add_metadata("DC", "publisher", book.publisher)
    if book.rights:
        doc.add_metadata("DC", "rights", book.rights)
    if book.subtitle or book.description:
        doc.add_metadata("DC", "description", book.description or book.subtitle)
    doc.add_metadata("DC", "date", book.date)
    if book.original is not None:
        doc.add_metadata("DC", "source", book.original.identifier)
        doc.add_metadata("DC", "relation", book.original.identifier)
        _translators(doc, book)
    for article in book.articles:
        doc.add_metadata("DC", "source", _source_line(article.original or article))
    _accessibility(doc, book_strings(book)["a11y_summary"])


def _translators(doc: epub.EpubBook, book: m.Book) -> None:
    """Translators as contributors with the MARC role ``trl``: the people the PO files name, and each
    machine engine that drafted segments, named as such."""
    engines = {f"{r.engine} {r.model} {r.version} (machine translation)"
               for a in book.articles if a.provenance for r in a.provenance.engines}
    for n, name in enumerate([*book.translators, *sorted(engines)]):
        doc.add_metadata("DC", "contributor", name, {"id": f"translator-{n}"})
        doc.add_metadata(None, "meta", "trl", {"refines": f"#translator-{n}", "property": "role",
                                               "scheme": "marc:relators"})


def _source_line(article: m.Article) -> str:
    """dc:source for one article: its URL when recorded, else a citation with only what the source says
    (in the article's own language, as the source gives it)."""
    if article.source.url:
        return article.source.url
    parts = [f"“{article.title}”"]
    if article.authors:
        parts.append(", ".join(a.name for a in article.authors))
    parts.append(article.source.publication or strings_for(article.lang)["unknown_publication"])
    if article.date:
        parts.append(format_date(article.date, article.lang) or article.date)
    return ". ".join(parts)


def _accessibility(doc: epub.EpubBook, summary: str) -> None:
    """The EPUB Accessibility 1.1 metadata; the summary in the edition's language (from its locale folder)."""
    def meta(prop: str, value: str) -> None:
        doc.add_metadata(None, "meta", value, {"property": prop})

    meta("schema:accessMode", "textual")
    meta("schema:accessMode", "visual")
    meta("schema:accessModeSufficient", "textual")
    for feature in ("structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"):
        meta("schema:accessibilityFeature", feature)
    meta("schema:accessibilityHazard", "none")
    meta("schema:accessibilitySummary", summary)
    meta("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
    meta("a11y:certifiedBy", "publish (automated checks)")
