"""The XHTML serializer: one Jinja2 environment, used by the EPUB writer (one document per page)
and by the PDF writer (one print document). Only CSS and packaging differ between them."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import (Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, pass_context,
                    select_autoescape)
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup

from .. import model as m
from .anchors import scope as id_scope
from .dates import format_date
from .facing import groups_for_trim
from .strings import book_strings, colon, hyphenation_css, language_name, percent, strings_for

RUNNING_HEAD_MAX = 48


@dataclass(frozen=True)
class Page:
    """One XHTML document of an EPUB: its file name, title, body semantics, and how to make its text (made when
    it is written, so a big book's pages are not all held as text at once)."""

    file_name: str
    title: str
    body_type: str
    make: Callable[[], str]
    lang: str | None = None

    @property
    def xhtml(self) -> str:
        return self.make()


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared Jinja2 environment. Templates are compiled once per process, and their compiled code is kept
    beside publish's own bytecode (``__pycache__/jinja`` in the package, as Python keeps its ``.pyc`` files;
    never in a project): compiling them took 0.2 s of every build. Where that folder cannot be written, nothing
    is kept."""
    env = Environment(
        loader=PackageLoader("publish", "templates"),
        bytecode_cache=_KeptBytecode(_bytecode_folder()),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["readable_date"] = _readable_date
    env.filters["running_head"] = running_head
    env.filters["bio_text"] = bio_text
    env.filters["lang_attrs"] = _lang_attrs
    env.filters["zip"] = lambda first, second: list(zip(first, second, strict=True))
    env.filters["spreads"] = groups_for_trim
    env.filters["engine_label"] = engine_label
    env.filters["percent"] = _percent
    env.filters["language_name"] = _language_name
    env.filters["reviewed_share"] = reviewed_share
    env.filters["segment_count"] = lambda book: sum(a.provenance.segments for a in book.articles if a.provenance)
    env.filters["flagged_count"] = lambda book: sum(a.provenance.flagged for a in book.articles if a.provenance)
    env.globals["image_href"] = _image_href
    env.globals["id_scope"] = id_scope
    env.globals["strings"] = strings_for
    env.globals["hyphenation_css"] = hyphenation_css
    return env


class _KeptBytecode(FileSystemBytecodeCache):
    """Jinja's file cache, quiet when the folder cannot be written (a read-only installation)."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_folder() -> str:
    folder = Path(__file__).resolve().parent.parent / "__pycache__" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # a read-only installation: nothing is found there, and nothing written (_KeptBytecode)
    return str(folder)


@pass_context
def _readable_date(ctx: Context, value: str | None) -> str | None:
    return format_date(value, ctx["lang"])


@pass_context
def _lang_attrs(ctx: Context, article: m.Article) -> Markup:
    """lang/xml:lang on an article that differs from the book's language (bilingual and fallback text)."""
    if article.lang == ctx["lang"]:
        return Markup("")
    return Markup(f' lang="{article.lang}" xml:lang="{article.lang}"')


@pass_context
def _percent(ctx: Context, share: float) -> str:
    return percent(share, ctx["lang"])  # a bilingual edition: as its first language writes it


@pass_context
def _language_name(ctx: Context, code: str) -> str:
    return language_name(code, ctx["lang"])


@pass_context
def engine_label(ctx: Context, record: m.EngineRecord) -> str:
    """"Apertium (apertium-eng-spa 0.8.1-2, sha256:c004…), 28 November 2026" style engine credit."""
    name = {"apertium": "Apertium", "argos": "Argos Translate"}.get(record.engine, record.engine)
    return f"{name} ({record.model} {record.version}, {record.hash}), {format_date(record.last_date, ctx['lang'])}"


def reviewed_share(book: m.Book) -> float:
    """The share of the whole book's segments that a person edited or approved."""
    counted = [a.provenance for a in book.articles if a.provenance]
    total = sum(p.segments for p in counted)
    return sum(p.reviewed for p in counted) / total if total else 0.0


def needs_machine_notice(book: m.Book) -> bool:
    """A translated edition with anything less than every segment reviewed says so at the front."""
    return book.original is not None and any(a.provenance for a in book.articles) and reviewed_share(book) < 1.0


def image_href(image: m.Image) -> str:
    """Where an image lives inside the EPUB: ``images/<path below manuscript/images, flattened>``.

    Names with spaces or non-ASCII letters get an ASCII name plus a short hash (EPUBCheck warns about
    such names in the container), so the href needs no escaping; the file on disk keeps its name.
    """
    name = image.src.removeprefix("manuscript/").removeprefix("images/").replace("/", "-")
    safe = re.sub(r"[^A-Za-z0-9._-]", "-", name)
    if safe != name:
        stem, dot, ext = safe.rpartition(".")
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        safe = f"{stem}-{digest}.{ext}" if dot else f"{safe}-{digest}"
    return "images/" + safe


@pass_context
def _image_href(ctx: Context, image: m.Image) -> str:
    """EPUB pages use the packaged copy; the print document (base URL = project root) the file itself."""
    return quote(image.src) if ctx["target"] == "print" else image_href(image)


def running_head(article: m.Article) -> str:
    """A short form of the title for page heads: up to a colon, else cut at a word boundary."""
    title = article.title
    if len(title) <= RUNNING_HEAD_MAX:
        return title
    head = re.split(r"[:;—]", title, maxsplit=1)[0].strip()
    if len(head) <= RUNNING_HEAD_MAX:
        return head
    cut = title[:RUNNING_HEAD_MAX].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def bio_text(author: m.Author) -> str:
    """The bio after the author's name: ' is a …' when the source starts mid-sentence, else ' — bio'."""
    bio = author.bio or ""
    if bio.startswith(author.name):
        bio = bio[len(author.name):].lstrip(" ,")
        return (", " if not bio[:1].islower() or bio.startswith("a ") else " ") + bio
    return " " + bio if bio[:1].islower() else ". " + bio


def _context(book: m.Book, target: str) -> dict[str, Any]:
    """What every template sees: the book language, its string catalogue and label colon, the target and the
    edition kind."""
    return {"s": book_strings(book), "lang": book.lang, "target": target, "bilingual": book.bilingual,
            "colon": colon(book.lang)}


def render(template: str, book: m.Book, target: str, **context: Any) -> str:
    """Render a whole-document template for ``book``."""
    return environment().get_template(template).render(book=book, **_context(book, target), **context)


def render_fragment(macro: str, book: m.Book, target: str, arg: Any) -> str:
    """Call one macro of ``_sections.j2`` (e.g. ``article``) and return its XHTML."""
    context = _context(book, target)
    module = environment().get_template("_sections.j2").make_module(context)
    return str(getattr(module, macro)(arg, context["s"]))


def epub_pages(book: m.Book) -> list[Page]:
    """The XHTML documents of the EPUB spine after cover and nav: title page, colophon, (translation notice),
    articles, sources."""
    s = book_strings(book)

    def page(file_name: str, title: str, body_type: str, macro: str, arg: Any, page_lang: str | None = None) -> Page:
        def make() -> str:
            content = Markup(render_fragment(macro, book, "epub", arg))
            return render("document.xhtml.j2", book, "epub", title=title, body_type=body_type, content=content)

        return Page(file_name, title, body_type, make, page_lang)

    pages = [
        page("titlepage.xhtml", book.title, "frontmatter", "titlepage", book),
        page("colophon.xhtml", s["copyright"], "frontmatter", "colophon", book),
    ]
    if needs_machine_notice(book):
        pages.append(page("notice.xhtml", s["machine_notice_title"], "frontmatter", "notice", book))
    for number, article in enumerate(book.articles, start=1):
        title = f"{article.original.title} / {article.title}" if book.bilingual and article.original else article.title
        lang = article.lang if article.lang != book.lang and not book.bilingual else None
        pages.append(page(f"article-{number:03d}-{article.slug}.xhtml", title, "bodymatter", "article", article, lang))
    pages.append(page("sources.xhtml", s["sources"], "backmatter", "sources", book))
    return pages


def print_document(book: m.Book, css: str, part: str | None = None, part_article: m.Article | None = None,
                   toc_pages: dict[str, int] | None = None) -> str:
    """The whole book as one HTML document for WeasyPrint; or one part of it (``front``, ``article`` with
    ``part_article``, ``back``), with the same head, for the split render (writers/pdf_parts.py)."""
    source = book.original or book
    authors = list(dict.fromkeys(au.name for a in source.articles for au in a.authors))
    return render("print.html.j2", book, "print", css=Markup(css), authors=authors,
                  notice=needs_machine_notice(book), part=part, part_article=part_article, toc_pages=toc_pages)
