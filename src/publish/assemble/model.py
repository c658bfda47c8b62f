"""The data assemble passes around: a draft article found in a source, a skipped title, a file's result.

Drafts hold only what the source states; an unset field is None and carries a warning instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Element:
    """One body block before it is written as Markdown.

    ``kind`` is paragraph, heading, figure, post, quote or list; ``parts`` holds a post's
    paragraphs or a list's items; ``author``/``handle`` belong to a post, ``level`` to a heading.
    """

    kind: str
    text: str = ""
    parts: tuple[str, ...] = ()
    author: str = ""
    handle: str | None = None
    level: int = 2


@dataclass
class AuthorDraft:
    name: str
    bio: str | None = None


@dataclass
class Draft:
    """An article found in a source, ready to become ``manuscript/NN-slug.md``."""

    source: str
    line: int
    title: str
    subtitle: str | None = None
    authors: list[AuthorDraft] = field(default_factory=list)
    date: str | None = None
    publication: str | None = None
    url: str | None = None
    accessed: str | None = None
    rights: str | None = None
    lang: str | None = None
    body: list[Element] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    slug_hint: str | None = None
    """A slug the source already names (a Markdown file's own name); None to derive one from the title."""
    body_markdown: str | None = None
    """A body already in Markdown (copied Markdown files); otherwise rendered from ``body``."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Front-matter keys assemble does not know, copied through from a Markdown source."""

    lines: dict[str, int] = field(default_factory=dict)
    """The source line each field was read from ('title', 'date', 'authors'...), for a person to check."""

    def mark(self, name: str, line: int | None) -> None:
        if line is not None:
            self.lines.setdefault(name, line)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


@dataclass(frozen=True)
class Skipped:
    """A title found with no body under it: reported, never written."""

    source: str
    line: int
    title: str
    reason: str


@dataclass
class SourceResult:
    """Everything one source file gave."""

    drafts: list[Draft] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    """(line, text) of text that stood under no title; reported, not used."""
