"""Splitting and writing the YAML front matter of a manuscript file (shared by reader and assemble)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import PublishError

FENCE = "---"

ARTICLE_STEM = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
"""A manuscript file name without ``.md``: a number, a dash and the article's slug (``01-chapare``)."""


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number of the body's first line) of a manuscript file."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise PublishError(
            "no YAML front matter: the file must start with a '---' line",
            path=path,
            line=1,
            hint="add a front matter block with at least 'title:' (see docs/manuscript-format.md).",
        )
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip() == FENCE:
            break
    else:
        raise PublishError(
            "the front matter is not closed by a '---' line",
            path=path,
            line=1,
            hint="end the YAML block with a line holding only '---'.",
        )
    yaml_text = "\n".join(lines[1:end])
    try:
        data = yaml.safe_load(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        error_line: int = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise PublishError(
            f"invalid YAML front matter: {problem}",
            path=path,
            line=error_line,
            hint="fix the YAML syntax (quote values that contain ':' or start with a special character).",
        ) from None
    if not isinstance(data, dict):
        raise PublishError(
            "the front matter must be a YAML mapping (key: value lines)",
            path=path,
            line=2,
            hint="write 'title: ...' and the other fields as key: value pairs.",
        )
    return data, "\n".join(lines[end + 1 :]), end + 2


def dump_article(front: dict[str, Any], body: str) -> str:
    """Serialise front matter and body the one canonical way (what ``publish assemble`` writes)."""
    yaml_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=False)
    return f"{FENCE}\n{yaml_text}{FENCE}\n\n{body.strip()}\n"
