"""Splitting, checking and writing the YAML front matter of a manuscript file (shared by reader and assemble).

The keys and their forms are declared in ``config.FRONT_KEYS``/``SOURCE_KEYS``; this module applies them
to the block between the ``---`` fences, and applies the URL policy to ``source.url`` where it enters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from . import model as m
from .config import ARTICLE_STEM, FRONT_KEYS, SOURCE_KEYS, Bad, read_mapping, text
from .errors import Diagnostic, PublishError
from .urls import url_problem
from .yamlfile import YamlDoc, load_yaml

FENCE = "---"

__all__ = ["ARTICLE_STEM", "FENCE", "FrontMatter", "dump_article", "read_front_matter", "split_front_matter"]


@dataclass(frozen=True)
class FrontMatter:
    """An article's front matter, checked and typed."""

    title: str
    subtitle: str | None = None
    authors: tuple[m.Author, ...] = ()
    date: str | None = None
    source: m.Source = m.Source()
    lang: str | None = None
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)


def _split(text: str, path: str) -> tuple[YamlDoc, str, int]:
    lines = text.removeprefix("\ufeff").split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise PublishError("no YAML front matter: the file must start with a '---' line", path=path, line=1,
                           hint="add a front matter block with at least 'title:' (see docs/manuscript-format.md).")
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip() == FENCE:
            break
    else:
        raise PublishError("the front matter is not closed by a '---' line", path=path, line=1,
                           hint="end the YAML block with a line holding only '---'.")
    doc = load_yaml("\n".join(lines[1:end]), path, first_line=2, what="YAML front matter")
    if doc.data is not None and not isinstance(doc.data, dict):
        raise PublishError("the front matter must be a YAML mapping (key: value lines)", path=path, line=2,
                           hint="write 'title: ...' and the other fields as key: value pairs.")
    return doc, "\n".join(lines[end + 1:]), end + 2


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number of the body's first line) of a manuscript file."""
    doc, body, body_line = _split(text, path)
    return dict(doc.data or {}), body, body_line


def read_front_matter(text: str, path: str) -> tuple[FrontMatter, str, int]:
    """The checked front matter, the body and the body's first line; warnings ride on the front matter."""
    doc, body, body_line = _split(text, path)
    values, diagnostics = read_mapping(doc, FRONT_KEYS, what="the front matter")
    source, source_diags = _source(doc)
    front = FrontMatter(title=values["title"], subtitle=values["subtitle"], authors=_authors(doc),
                        date=values["date"], source=source, lang=values["lang"],
                        diagnostics=(*doc.diagnostics, *diagnostics, *source_diags))
    return front, body, body_line


def _authors(doc: YamlDoc) -> tuple[m.Author, ...]:
    value = doc.data.get("authors") if isinstance(doc.data, dict) else None
    items = [] if value is None else value if isinstance(value, list) else [value]
    out = []
    for index, item in enumerate(items):
        try:
            out.append(_author(item))
        except Bad as bad:
            raise PublishError(f"'authors': {bad.problem}", path=doc.path, line=doc.line("authors", index),
                               hint=f"write each author as {bad.form}.") from None
    return tuple(out)


def _author(item: Any) -> m.Author:
    form = "'- name: ...' (and optionally 'bio: ...') or '- Name'"
    if isinstance(item, dict):
        name, bio = text(item.get("name")), text(item.get("bio"))
    else:
        name, bio = text(item), None
    if not name:
        raise Bad("an author has no name", form)
    return m.Author(name, bio)


def _source(doc: YamlDoc) -> tuple[m.Source, list[Diagnostic]]:
    values, diagnostics = read_mapping(doc, SOURCE_KEYS, where=("source",), what="'source'")
    url, url_text = values["url"], None
    problem = url_problem(url) if url else None
    if url and (problem or url.startswith("#")):
        diagnostics.append(Diagnostic(
            "unsafe-url", f"source url '{url[:80]}' is kept as text, not a link: {problem or 'not an address'}",
            doc.path, doc.line("source", "url"), hint="give the original's https:// address."))
        url, url_text = None, url
    return m.Source(values["publication"], url, values["accessed"], values["rights"], url_text), diagnostics


def dump_article(front: dict[str, Any], body: str) -> str:
    """Serialise front matter and body the one canonical way (what ``publish assemble`` writes)."""
    yaml_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=False)
    return f"{FENCE}\n{yaml_text}{FENCE}\n\n{body.strip()}\n"
