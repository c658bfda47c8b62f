"""Writing a draft as a manuscript file: the front-matter mapping and the Markdown body.

Text from a dump is literal, so characters Markdown would read as syntax (a leading ``#``,
``*stars*``, ``[brackets]``) are backslash-escaped; ordinary prose comes out unchanged.
The file itself is always serialised by ``publish.frontmatter.dump_article``.
"""

from __future__ import annotations

import re
from typing import Any

from ..frontmatter import dump_article
from .model import Draft, Element

_INLINE = re.compile(r"([\\`*_\[\]<])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|:::|~~~|=+\s*$|-+\s*$)")


def escape(text: str) -> str:
    """Literal text as Markdown that reads back as the same text."""
    lines = []
    for line in text.split("\n"):
        line = _ENTITY.sub("&amp;", _INLINE.sub(r"\\\1", line))
        lines.append(_LINE_START.sub(_escape_start, line))
    return _escape_number_list("\n".join(lines))


def _escape_start(match: re.Match[str]) -> str:
    return match.group(1) + "\\" + match.group(2)


def _escape_number_list(text: str) -> str:
    return re.sub(r"^(\s*\d{1,9})([.)])(?=\s|$)", r"\1\\\2", text, flags=re.MULTILINE)


def render_body(elements: list[Element]) -> str:
    """The Markdown body: blocks separated by one blank line."""
    return "\n\n".join(_render(element) for element in elements)


def _render(element: Element) -> str:
    text = escape(element.text)
    if element.kind == "heading":
        return "#" * element.level + " " + " ".join(text.split("\n"))
    if element.kind == "figure":
        return f"::: figure\n{text}\n:::"
    if element.kind == "post":
        info = " ".join(filter(None, [" ".join(element.author.split()), element.handle]))
        inner = "\n\n".join(escape(part) for part in element.parts)
        return f"::: post {info}\n{inner}\n:::"
    if element.kind == "quote":
        return "\n".join("> " + line if line else ">" for line in text.split("\n"))
    if element.kind == "list":
        return "\n".join("- " + escape(item).replace("\n", "\n  ") for item in element.parts)
    return text


def count_paragraphs(elements: list[Element]) -> int:
    return sum(1 for element in elements if element.kind == "paragraph")


def front_matter(draft: Draft) -> dict[str, Any]:
    """The front-matter mapping in the documented key order; unset fields are omitted."""
    front: dict[str, Any] = {"title": draft.title}
    if draft.subtitle:
        front["subtitle"] = draft.subtitle
    if draft.authors:
        front["authors"] = [
            {"name": a.name, **({"bio": a.bio} if a.bio else {})} for a in draft.authors
        ]
    if draft.date:
        front["date"] = draft.date
    source = {key: value for key, value in (("publication", draft.publication), ("url", draft.url),
                                            ("accessed", draft.accessed), ("rights", draft.rights)) if value}
    if source:
        front["source"] = source
    if draft.lang:
        front["lang"] = draft.lang
    front.update(draft.extra)
    return front


def article_text(draft: Draft) -> str:
    body = draft.body_markdown if draft.body_markdown is not None else render_body(draft.body)
    return dump_article(front_matter(draft), body)
