"""Markdown files that already have front matter: validated, then copied into the manuscript.

The front matter is checked against the documented fields (wrong types are errors, unknown keys
are kept with a warning), dates are normalised to ISO when they are unambiguous, and the body is
copied unchanged. A file named ``NN-slug.md`` or ``slug.md`` keeps its slug.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..errors import PublishError
from ..frontmatter import split_front_matter
from .body import set_date
from .dates import normalise
from .decode import open_text
from .model import AuthorDraft, Draft, Skipped, SourceResult
from .slugs import clean_slug

MARKDOWN_SUFFIXES = (".md", ".markdown")
_KNOWN = ("title", "subtitle", "authors", "date", "source", "lang")
_SOURCE_KEYS = ("publication", "url", "accessed", "rights")


def parse_markdown_file(path: Path, display: str) -> SourceResult:
    source = open_text(path, display)
    text = source.read()
    if not text.startswith("---"):
        raise PublishError("a Markdown source must start with YAML front matter ('---')", path=display, line=1,
                           hint="add front matter with at least 'title:', or rename the file to .txt to assemble "
                           "it as a plain-text dump.")
    front, body, _ = split_front_matter(text, display)
    title = front.get("title")
    if not isinstance(title, str) or not title.strip():
        raise PublishError("the front matter has no title", path=display, line=1, hint="add 'title: ...'.")
    draft = Draft(display, 1, " ".join(title.split()), body_markdown=body.strip())
    draft.subtitle = _text(front, "subtitle", display)
    draft.authors = _authors(front.get("authors"), display)
    _date(front.get("date"), draft, display)
    _source(front.get("source"), draft, display)
    draft.lang = _text(front, "lang", display)
    draft.extra = {k: v for k, v in front.items() if k not in _KNOWN}
    for key in draft.extra:
        draft.warn(f"unknown front-matter key '{key}' copied as it is (publish does not use it)")
    draft.slug_hint = _slug_from_name(path)
    for message in source.warnings:
        draft.warn(message)
    if not body.strip():
        return SourceResult(skipped=[Skipped(display, 1, draft.title, "a title with no body under it")])
    return SourceResult(drafts=[draft])


def count_markdown_paragraphs(body: str) -> int:
    """Paragraphs of a Markdown body: blank-line separated blocks outside ``:::`` containers that are
    not headings, quotes, lists, images or footnotes."""
    count, depth = 0, 0
    for block in re.split(r"\n\s*\n", body.strip()):
        lines = block.strip().split("\n")
        outside = depth == 0
        for line in lines:
            if line.startswith(":::"):
                depth = depth + 1 if line.strip() != ":::" else max(depth - 1, 0)
        if outside and lines[0] and not lines[0].startswith((":::", "#", "[^", "![", ">", "- ", "* ", "+ ")):
            count += 1
    return count


def _text(front: dict[str, Any], key: str, display: str) -> str | None:
    value = front.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise PublishError(f"'{key}' must be text", path=display, hint=f"write '{key}: ...' on one line.")
    return " ".join(value.split()) or None


def _authors(value: Any, display: str) -> list[AuthorDraft]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, str) and item.strip():
            out.append(AuthorDraft(item.strip()))
        elif isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
            bio = item.get("bio")
            if bio is not None and not isinstance(bio, str):
                raise PublishError("an author's 'bio' must be text", path=display, hint="write 'bio: ...'.")
            out.append(AuthorDraft(item["name"].strip(), bio.strip() if bio else None))
        else:
            raise PublishError("an author has no name", path=display,
                               hint="write each author as '- name: ...' (and optionally 'bio: ...').")
    return out


def _date(value: Any, draft: Draft, display: str) -> None:
    if value is None:
        return
    if isinstance(value, (dt.date, dt.datetime)):
        draft.date = value.isoformat()[:10]
        return
    found = normalise(str(value))
    if found is None:
        draft.date = str(value)
        draft.warn(f"date '{value}' is not a date assemble can read; kept as written")
    else:
        set_date(draft, found.value, found.ambiguous, 1)


def _source(value: Any, draft: Draft, display: str) -> None:
    if value is None:
        return
    if not isinstance(value, dict) or any(k not in _SOURCE_KEYS for k in value):
        raise PublishError("'source' must be a mapping of publication, url, accessed and rights", path=display,
                           hint="write those keys under 'source:' and remove any others.")
    fields = {k: (v.isoformat()[:10] if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in value.items()}
    if any(v is not None and not isinstance(v, str) for v in fields.values()):
        raise PublishError("the fields under 'source' must be text", path=display, hint="quote them if needed.")
    draft.publication, draft.url = fields.get("publication"), fields.get("url")
    draft.accessed, draft.rights = fields.get("accessed"), fields.get("rights")


def _slug_from_name(path: Path) -> str | None:
    stem = re.sub(r"^\d+-", "", path.stem)
    return clean_slug(stem) or None
