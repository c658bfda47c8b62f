"""The XHTML serializer: one Jinja2 environment, used by the EPUB writer (one document per page)
and by the PDF writer (one print document). Only CSS and packaging differ between them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from .. import model as m
from .dates import format_date
from .strings import strings_for

RUNNING_HEAD_MAX = 48


@dataclass(frozen=True)
class Page:
    """One XHTML document of an EPUB: its file name, title, body semantics and text."""

    file_name: str
    title: str
    body_type: str
    xhtml: str
    lang: str | None = None


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared Jinja2 environment (templates are compiled once per process)."""
    env = Environment(
        loader=PackageLoader("publish", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["readable_date"] = _readable_date
    env.filters["running_head"] = running_head
    env.filters["bio_text"] = bio_text
    env.filters["lang_attrs"] = _lang_attrs
    env.globals["image_href"] = _image_href
    return env


@pass_context
def _readable_date(ctx: Context, value: str | None) -> str | None:
    return format_date(value, ctx["lang"])


@pass_context
def _lang_attrs(ctx: Context, article: m.Article) -> Markup:
    """lang/xml:lang on an article that differs from the book's language (bilingual and fallback text)."""
    if article.lang == ctx["lang"]:
        return Markup("")
    return Markup(f' lang="{article.lang}" xml:lang="{article.lang}"')


def image_href(image: m.Image) -> str:
    """Where an image lives inside the EPUB: ``images/<path below manuscript/images, flattened>``."""
    name = image.src.removeprefix("manuscript/").removeprefix("images/")
    return "images/" + name.replace("/", "-")


@pass_context
def _image_href(ctx: Context, image: m.Image) -> str:
    """EPUB pages use the packaged copy; the print document (base URL = project root) the file itself."""
    return image.src if ctx["target"] == "print" else image_href(image)


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


def render(template: str, lang: str, target: str, **context: Any) -> str:
    """Render a template with the book language's string catalogue."""
    env = environment()
    return env.get_template(template).render(s=strings_for(lang), lang=lang, target=target, **context)


def render_fragment(macro: str, lang: str, target: str, *args: Any) -> str:
    """Call one macro of ``_sections.j2`` (e.g. ``article``) and return its XHTML."""
    module = environment().get_template("_sections.j2").make_module(
        {"s": strings_for(lang), "lang": lang, "target": target}
    )
    return str(getattr(module, macro)(*args, strings_for(lang)))


def epub_pages(book: m.Book) -> list[Page]:
    """The XHTML documents of the EPUB spine after cover and nav: title page, colophon, articles, sources."""
    lang = book.lang

    def page(file_name: str, title: str, body_type: str, macro: str, arg: Any, page_lang: str | None = None) -> Page:
        content = Markup(render_fragment(macro, lang, "epub", arg))
        xhtml = render("document.xhtml.j2", lang, "epub", title=title, body_type=body_type, content=content)
        return Page(file_name, title, body_type, xhtml, page_lang)

    s = strings_for(lang)
    pages = [
        page("titlepage.xhtml", book.title, "frontmatter", "titlepage", book),
        page("colophon.xhtml", s["copyright"], "frontmatter", "colophon", book),
    ]
    for number, article in enumerate(book.articles, start=1):
        pages.append(page(f"article-{number:03d}-{article.slug}.xhtml", article.title, "bodymatter", "article",
                          article, article.lang if article.lang != lang else None))
    pages.append(page("sources.xhtml", s["sources"], "backmatter", "sources", book))
    return pages


def print_document(book: m.Book, css: str) -> str:
    """The whole book as one HTML document for WeasyPrint."""
    authors = list(dict.fromkeys(au.name for a in book.articles for au in a.authors))
    return render("print.html.j2", book.lang, "print", book=book, css=Markup(css), authors=authors)
