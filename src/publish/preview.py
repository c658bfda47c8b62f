"""What ``publish preview`` shows: one edition of the book as the EPUB's XHTML pages and CSS (the shared
serializer), plus a print-preview page with the print stylesheet, kept current as the project changes.

A change re-reads the project (the reader is the only way to a Book); pages are then rendered only when a browser
asks for them, and an article page whose article did not change is served from the last rendering. A bad edit
keeps the last good book on show, with the one-line error on every page, until the next good edit.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from . import model as m
from .errors import Diagnostic, ExitCode, PublishError

RELOAD_SCRIPT = "/_preview/reload.js"
EVENTS = "/_preview/events"
PRINT_PAGE = "print.html"


@dataclass(frozen=True)
class PageSource:
    """One page of the preview: its file name, title, and how to render it (an article, if it is one)."""

    file_name: str
    title: str
    render: Callable[[], str]
    article: m.Article | None = None


@dataclass(frozen=True)
class Response:
    """What the server sends for one path."""

    status: int
    media_type: str
    body: bytes


def _not_found() -> Response:
    return Response(404, "text/plain; charset=utf-8", b"not found\n")


@dataclass
class PreviewSite:
    """The book of one edition, re-read on change; thread-safe (the server answers from several threads)."""

    root: Path
    spec: str = ""
    book: m.Book | None = None
    error: str | None = None
    warnings: tuple[Diagnostic, ...] = ()
    version: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)
    _pages: dict[str, PageSource] = field(default_factory=dict)
    _images: dict[str, Path] = field(default_factory=dict)
    _memo: dict[str, tuple[m.Article | None, int, str]] = field(default_factory=dict)

    def reload(self, changed: Collection[Path] = ()) -> None:
        """Read the project again; on bad input keep the last good book and remember the error.

        When ``changed`` holds only article or segment files, unchanged article pages keep their rendering;
        any other change (publish.yaml, a template or stylesheet) renders every page afresh.
        """
        if not changed or not all(self._article_level(path) for path in changed):
            _forget_templates()
            self._memo.clear()
        try:
            book, warnings = read_edition(self.root, self.spec)
        except PublishError as exc:
            if exc.exit_code == ExitCode.USAGE and self.book is None:
                raise  # --lang names no edition: nothing to show, and no edit will fix it
            self.fail(exc.one_line())
            return
        pages = {p.file_name: p for p in page_sources(book)}
        images = _image_files(self.root, book)
        with self.changed:
            self.book, self.error, self.warnings = book, None, tuple(warnings)
            self._pages, self._images = pages, images
            self._bump()

    def fail(self, message: str) -> None:
        """Show ``message`` on every page (the last good book stays on show)."""
        with self.changed:
            self.error = message
            self._bump()

    def _article_level(self, path: Path) -> bool:
        rel = path.relative_to(self.root) if path.is_relative_to(self.root) else None
        return rel is not None and rel.parts[0] in ("manuscript", "translations") and rel.suffix in (".md", ".po")

    def _bump(self) -> None:
        self.version += 1
        self.changed.notify_all()

    def respond(self, path: str) -> Response:
        """The response for a request path (query strings already removed); 404 for anything not in the book."""
        with self.changed:
            version, error, book, pages = self.version, self.error, self.book, list(self._pages.values())
            page, image = self._pages.get(path.lstrip("/")), self._images.get(path.lstrip("/"))
        if path == RELOAD_SCRIPT:
            return Response(200, "text/javascript; charset=utf-8", _reload_script().encode())
        if path == "/css/book.css":
            return Response(200, "text/css; charset=utf-8", _epub_css().encode())
        if image is not None:
            return _image_response(image)
        if book is None:
            return _error_page(error or "the book could not be read", version) if path in ("/", "/index.html") \
                else _not_found()
        if path in ("/", "/index.html"):
            return _html(_with_reload(_index(book, pages), version, error))
        if path == "/" + PRINT_PAGE:
            return _html(_with_reload(self._rendered(PRINT_PAGE, None, version, lambda: _print_page(book)),
                                      version, error))
        if page is not None:
            text = self._rendered(page.file_name, page.article, version, page.render)
            return Response(200, "application/xhtml+xml; charset=utf-8",
                            _with_reload(text, version, error).encode())
        return _not_found()

    def _rendered(self, name: str, article: m.Article | None, version: int, render: Callable[[], str]) -> str:
        """A page's XHTML; an article page is rendered again only when its article changed."""
        memo = self._memo.get(name)
        if memo is not None and (memo[1] == version or (article is not None and memo[0] == article)):
            return memo[2]
        text = render()
        self._memo[name] = (article, version, text)
        return text


def _forget_templates() -> None:
    """Templates are compiled once per process: drop them so an edited template or stylesheet is read again."""
    from .render.xhtml import environment

    environment.cache_clear()


def read_edition(root: Path, spec: str) -> tuple[m.Book, list[Diagnostic]]:
    """The Book of edition ``spec`` (the book's language when empty), and its reading warnings."""
    from .editions import load_edition
    from .reader import read_project

    source, warnings = read_project(root)
    if spec.strip().lower() == "all":
        raise PublishError("preview shows one edition at a time", exit_code=ExitCode.USAGE,
                           hint=f"use --lang {source.lang}, a translation, or a pair such as {source.lang}+es.")
    edition, found = load_edition(root, source, spec or source.lang)
    return edition, [*warnings, *found]


def page_sources(book: m.Book) -> list[PageSource]:
    """The EPUB's XHTML pages in reading order, each rendered on demand (same file names as the EPUB)."""
    from .render.strings import book_strings
    from .render.xhtml import render, render_fragment

    s = book_strings(book)  # as the EPUB writer does: a pt-BR tag names one language, not pt and br

    def source(file_name: str, title: str, body_type: str, macro: str, arg: Any,
               article: m.Article | None = None) -> PageSource:
        def draw() -> str:
            content = render_fragment(macro, book, "epub", arg)
            from markupsafe import Markup

            return render("document.xhtml.j2", book, "epub", title=title, body_type=body_type, content=Markup(content))
        return PageSource(file_name, title, draw, article)

    from .render.xhtml import needs_machine_notice

    pages = [source("titlepage.xhtml", book.title, "frontmatter", "titlepage", book),
             source("colophon.xhtml", s["copyright"], "frontmatter", "colophon", book)]
    if needs_machine_notice(book):
        pages.append(source("notice.xhtml", s["machine_notice_title"], "frontmatter", "notice", book))
    for number, article in enumerate(book.articles, start=1):
        title = f"{article.original.title} / {article.title}" if book.bilingual and article.original else article.title
        pages.append(source(f"article-{number:03d}-{article.slug}.xhtml", title, "bodymatter", "article", article,
                            article))
    pages.append(source("sources.xhtml", s["sources"], "backmatter", "sources", book))
    return pages


def _image_files(root: Path, book: m.Book) -> dict[str, Path]:
    """URL path -> file, for the images the book links: under the EPUB's name and, for the print page, their own."""
    from .render.xhtml import image_href

    found: dict[str, Path] = {}
    for image in book.images:
        path = root / image.src
        found[image_href(image)] = path
        found[image.src] = path
    return found


def _image_response(path: Path) -> Response:
    from .reader.images import MEDIA_TYPES

    try:
        return Response(200, MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream"), path.read_bytes())
    except OSError:
        return _not_found()


def _epub_css() -> str:
    css = files("publish").joinpath("templates/css")
    return css.joinpath("base.css").read_text("utf-8") + "\n" + css.joinpath("epub.css").read_text("utf-8")


def _print_page(book: m.Book) -> str:
    """The print document with the print stylesheet (the browser shows it as one long page, no page boxes)."""
    from .writers.pdf import print_html

    return print_html(book)


def _index(book: m.Book, pages: list[PageSource]) -> str:
    items = "".join(f'<li><a href="/{html.escape(p.file_name)}">{html.escape(p.title)}</a></li>' for p in pages)
    return (f'<!DOCTYPE html><html lang="{html.escape(book.lang)}"><head><meta charset="utf-8"/>'
            f"<title>{html.escape(book.title)} (preview)</title></head><body><h1>{html.escape(book.title)}</h1>"
            f'<p><a href="/{PRINT_PAGE}">Print preview</a> (the print stylesheet, without page boxes)</p>'
            f"<ol>{items}</ol></body></html>")


def _html(text: str) -> Response:
    return Response(200, "text/html; charset=utf-8", text.encode())


def _error_page(error: str, version: int) -> Response:
    page = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>publish preview</title></head>' \
           "<body><p>The book could not be read.</p></body></html>"
    return _html(_with_reload(page, version, error))


_HEAD_END = re.compile(r"</head\s*>", re.I)
_BODY_START = re.compile(r"<body\b[^>]*>", re.I)


def _with_reload(text: str, version: int, error: str | None) -> str:
    """The page with the reload script (which knows the version it shows) and, after a bad edit, the error."""
    script = f'<script src="{RELOAD_SCRIPT}" data-version="{version}"></script>'
    text = _HEAD_END.sub(lambda match: script + match.group(0), text, count=1)
    if error:
        banner = (f'<div id="publish-preview-error" role="alert" style="background:#fee;color:#900;padding:0.5em;'
                  f'border:2px solid #900;font:14px sans-serif;white-space:pre-wrap">{html.escape(error)}</div>')
        text = _BODY_START.sub(lambda match: match.group(0) + banner, text, count=1)
    return text


def _reload_script() -> str:
    """Reload when the server's version moves past the page's; keep the reader's place across the reload."""
    return """(function () {
  var me = document.currentScript, shown = me.getAttribute("data-version"), key = "publish-preview:" + location.pathname;
  var y = sessionStorage.getItem(key);
  if (y !== null) { sessionStorage.removeItem(key); addEventListener("load", function () { scrollTo(0, +y); }); }
  var events = new EventSource("/_preview/events");
  events.onmessage = function (e) {
    if (e.data !== shown) { events.close(); sessionStorage.setItem(key, String(scrollY)); location.reload(); }
  };
})();
"""
