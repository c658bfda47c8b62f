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
from ..frontmatter import read_front_matter, split_front_matter
from .body import set_date
from .dates import normalise
from .decode import open_text
from .model import AuthorDraft, Draft, Skipped, SourceResult
from .slugs import clean_slug

MARKDOWN_SUFFIXES = (".md", ".markdown")
_KNOWN = ("title", "subtitle", "authors", "date", "source", "lang")


def parse_markdown_file(path: Path, display: str) -> SourceResult:
    source = open_text(path, display)
    text = source.read()
    if not text.startswith("---"):
        raise PublishError("a Markdown source must start with YAML front matter ('---')", path=display, line=1,
                           hint="add front matter with at least 'title:', or rename the file to .txt to assemble "
                           "it as a plain-text dump.")
    # The one schema first: wrong types, impossible dates and unsafe URLs are judged as the reader will.
    checked, body, _ = read_front_matter(text, display)
    front, _, _ = split_front_matter(text, display)
    draft = Draft(display, 1, " ".join(checked.title.split()), body_markdown=body.strip())
    draft.subtitle = " ".join(checked.subtitle.split()) if checked.subtitle else None
    draft.authors = [AuthorDraft(a.name, a.bio) for a in checked.authors]
    _date(front.get("date"), draft, display)
    draft.publication, draft.url = checked.source.publication, checked.source.url or checked.source.url_text
    draft.accessed, draft.rights = checked.source.accessed, checked.source.rights
    draft.lang = checked.lang
    draft.extra = {k: v for k, v in front.items() if k not in _KNOWN}
    for key in draft.extra:
        draft.warn(f"unknown front-matter key '{key}' copied as it is (publish does not use it)")
    top_level = {f"unknown key '{str(key)[:40]}' is ignored" for key in draft.extra}
    for diagnostic in checked.diagnostics:
        if diagnostic.message not in top_level:
            draft.warn(f"line {diagnostic.line}: {diagnostic.message}")
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


def _slug_from_name(path: Path) -> str | None:
    stem = re.sub(r"^\d+-", "", path.stem)
    return clean_slug(stem) or None
