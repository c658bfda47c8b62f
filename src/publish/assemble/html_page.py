"""Saved web pages: trafilatura finds the main text and the page's metadata (title, author, date,
site name, URL); this module turns its XML output into a draft.

trafilatura is imported inside the function, so ``publish --help`` does not pay for it. Its date
is kept only when the page itself states that date (a ``2020-03-06`` string or a date written in
the page), never when it was guessed, e.g. from a year-and-month URL.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..errors import ExitCode, PublishError
from .body import norm
from .bylines import split_names
from .dates import find_dates, normalise
from .decode import check_not_binary
from .model import AuthorDraft, Draft, Element, SourceResult
from .noise import is_noise_line

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MIN_PARAGRAPH_WORDS = 12


def looks_like_html(path: Path, head: bytes) -> bool:
    start = head.lstrip()[:200].lower()
    return path.suffix.lower() in _HTML_SUFFIXES or start.startswith((b"<!doctype html", b"<html"))


def parse_html_page(path: Path, display: str) -> SourceResult:
    """The one article of a saved page."""
    check_not_binary(path, display)
    raw = path.read_bytes()
    doc = _extract(raw, display)
    meta = doc.attrib
    title = " ".join((meta.get("title") or "").split())
    if not title:
        raise PublishError("the page has no title that could be found", path=display,
                           hint="save the article's own page (not a list of articles), or copy its text into a .txt dump.")
    draft = Draft(display, 1, title)
    draft.authors = [AuthorDraft(n) for n in _authors(meta.get("author") or "")]
    draft.publication = _site_name(meta)
    draft.url = meta.get("url") or None
    draft.date = _stated_date(meta.get("date"), raw, draft)
    main = doc.find("main")
    page = _page_tree(raw)  # parsed once for what trafilatura leaves out: captions and a marked dek
    draft.body = _elements(main, title, _figcaptions(page)) if main is not None else []
    # Without an article, the extractor falls back to menus ("Home World About"): not a body.
    if not any(e.kind == "paragraph" and len(e.text.split()) >= _MIN_PARAGRAPH_WORDS for e in draft.body):
        raise _no_body(display)
    draft.subtitle = _dek(meta.get("description"), draft.body) or _marked_dek(page, draft.body)
    return SourceResult(drafts=[draft])


def _extract(raw: bytes, display: str) -> ET.Element:
    try:
        import trafilatura  # heavy: only when a page is assembled
    except ImportError as exc:
        raise PublishError(f"cannot read HTML pages: trafilatura could not be loaded ({exc.msg})", path=display,
                           hint="install the missing package (e.g. 'pip install lxml_html_clean'), "
                           "or copy the article text into a .txt dump.", exit_code=ExitCode.MISSING_PART) from None

    xml = trafilatura.extract(
        raw, output_format="xml", with_metadata=True, include_comments=False, include_images=True,
        include_tables=False, include_formatting=True, include_links=True, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not xml:
        raise _no_body(display)
    try:
        return ET.fromstring(xml)
    except ET.ParseError:
        raise _no_body(display) from None


def _no_body(display: str) -> PublishError:
    return PublishError("no article body found in the HTML page", path=display,
                        hint="save the article's own page, or copy the article text into a .txt dump.")


def _authors(text: str) -> list[str]:
    names: list[str] = []
    for part in text.replace(";", ",").split(","):
        names.extend(split_names(part) or ([" ".join(part.split())] if part.strip() else []))
    return names


def _site_name(meta: dict[str, str]) -> str | None:
    site = (meta.get("sitename") or "").strip()
    # trafilatura falls back to the host name; a host name is not a publication's name.
    return site if site and site.lower() != (meta.get("hostname") or "").lower() and "." not in site else None


def _stated_date(value: str | None, raw: bytes, draft: Draft) -> str | None:
    found = normalise(value) if value else None
    if found is None:
        return None
    text = raw.decode("utf-8", "replace")
    if found.value in text or any(d.value == found.value for d in find_dates(text)):
        return found.value
    draft.warn(f"the extractor guessed the date {found.value}, which the page does not state; not used")
    return None


def _dek(description: str | None, body: list[Element]) -> str | None:
    """The page's description is its dek, unless it merely repeats the start of the text."""
    dek = " ".join((description or "").split())
    first = next((e.text for e in body if e.kind == "paragraph"), "")
    if not dek or norm(first).startswith(norm(dek.rstrip(".…").rstrip())[:80]):
        return None
    return dek


def _page_tree(raw: bytes) -> Any:
    """The page as an lxml tree (trafilatura's own parser, imported with it), or None if it cannot parse."""
    import lxml.html

    try:
        return lxml.html.fromstring(raw)
    except (ValueError, lxml.etree.ParserError):
        return None


def _figcaptions(tree: Any) -> dict[str, str]:
    """The page's own caption (``<figcaption>``) for each image inside a ``<figure>``, by its ``src``:
    trafilatura keeps the image and its alt text but drops the caption the page printed under it."""
    if tree is None:
        return {}
    captions: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption = next(figure.iter("figcaption"), None)
        text = " ".join(caption.text_content().split()) if caption is not None else ""
        for image in figure.iter("img"):
            if text and image.get("src"):
                captions.setdefault(image.get("src", ""), text)
    return captions


_DEK_CLASS = re.compile(r"(?:^|[\s_-])(?:dek|deck|standfirst|subtitle|subhead|subheadline|summary|"
                        r"excerpt|entradilla|bajada|sumario|chapo|chapeau|linha-fina)(?:$|[\s_-])", re.IGNORECASE)


def _marked_dek(tree: Any, body: list[Element]) -> str | None:
    """A dek the page marks as one (``class="dek"``, ``standfirst``, ``bajada``, ``chapo``...) that the
    extractor left as the first paragraph: taken out of the body and made the subtitle."""
    first = next((i for i, e in enumerate(body) if e.kind == "paragraph"), None)
    if tree is None or first is None or any(e.kind == "heading" for e in body[:first]):
        return None
    for node in tree.iter("p", "div", "h2", "span"):
        if _DEK_CLASS.search(node.get("class") or "") and norm(node.text_content()) == norm(body[first].text):
            return body.pop(first).text
    return None


def _elements(main: ET.Element, title: str, captions: dict[str, str]) -> list[Element]:
    out: list[Element] = []
    for node in main:
        text = " ".join(_inline(node).split())
        if node.tag == "head":
            if text and norm(text) != norm(title):
                out.append(Element("heading", text, level=2 if node.get("rend") in (None, "h1", "h2") else 3))
        elif node.tag == "p" and text and not is_noise_line(text):
            out.append(Element("paragraph", text))
        elif node.tag == "graphic" and (caption := captions.get(node.get("src") or "")
                                         or node.get("title") or node.get("alt")):
            out.append(Element("figure", caption))
        elif node.tag == "quote" and text:
            out.append(Element("quote", "\n\n".join(" ".join(_inline(p).split()) for p in node) or text))
        elif node.tag == "list":
            items = tuple(" ".join(_inline(item).split()) for item in node if item.tag == "item")
            out.append(Element("list", parts=tuple(i for i in items if i)))
    return out


def _inline(node: ET.Element) -> str:
    """The text of an element; nested markup is flattened (links and emphasis are not kept)."""
    return "".join(node.itertext())
