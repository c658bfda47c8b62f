"""The Book model: small immutable dataclasses with no I/O.

Readers build it, transforms (translation) map it to a new one, and writers only read it.
Every block and inline carries a ``kind`` string so templates can dispatch on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Union

# ---------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    """A run of plain text."""

    kind: ClassVar[str] = "text"
    text: str


@dataclass(frozen=True)
class Emph:
    """Emphasis (rendered in italics)."""

    kind: ClassVar[str] = "emph"
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Strong importance (rendered in bold)."""

    kind: ClassVar[str] = "strong"
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    """Inline code, never translated or hyphenated."""

    kind: ClassVar[str] = "code"
    text: str


@dataclass(frozen=True)
class Link:
    """A hyperlink; ``url`` is absolute (http, https, mailto) or a fragment."""

    kind: ClassVar[str] = "link"
    url: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class FootnoteRef:
    """A reference to footnote number ``number`` (1-based, per article).

    A note cited several times gets one reference per citation: ``occurrence`` counts them (1-based), so each
    has its own id and the note can link back to every one.
    """

    kind: ClassVar[str] = "footnote_ref"
    number: int
    occurrence: int = 1


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph."""

    kind: ClassVar[str] = "line_break"


@dataclass(frozen=True)
class Foreign:
    """Inline text in another language than the article around it (``lang`` is a BCP 47 code).

    ``publish.translate.translate_book`` wraps a segment that has no translation yet in
    ``Foreign("en", ...)``, so writers can mark it (``<span lang="en" xml:lang="en">``) and readers
    and screen readers know it was left in English.
    """

    kind: ClassVar[str] = "foreign"
    lang: str
    children: tuple[Inline, ...]


Inline = Union[Text, Emph, Strong, Code, Link, FootnoteRef, LineBreak, Foreign]


def plain_text(inlines: tuple[Inline, ...] | list[Inline]) -> str:
    """The readable text of inlines (code kept, footnote references dropped)."""
    out: list[str] = []
    for inline in inlines:
        if isinstance(inline, (Text, Code)):
            out.append(inline.text)
        elif isinstance(inline, (Emph, Strong, Link, Foreign)):
            out.append(plain_text(inline.children))
        elif isinstance(inline, LineBreak):
            out.append(" ")
    return "".join(out)


def merge_text(items: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent Text runs joined into one."""
    merged: list[Inline] = []
    for item in items:
        if isinstance(item, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + item.text)
        else:
            merged.append(item)
    return tuple(merged)

# ----------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    kind: ClassVar[str] = "paragraph"
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    """A subheading inside an article; ``level`` 2 is the highest (1 is the article title)."""

    kind: ClassVar[str] = "heading"
    level: int
    children: tuple[Inline, ...]
    anchor: str = ""
    """Fragment name in-book links use (``[see](#anchor)``), unique within the article; "" when none."""


@dataclass(frozen=True)
class BlockQuote:
    """A quotation set off from the text."""

    kind: ClassVar[str] = "block_quote"
    children: tuple[Block, ...]


@dataclass(frozen=True)
class Image:
    """An image file inside the project; ``src`` is relative to the project root."""

    src: str
    alt: str
    media_type: str


@dataclass(frozen=True)
class Figure:
    """A photo or illustration with its caption; ``image`` is None when only the caption survives."""

    kind: ClassVar[str] = "figure"
    image: Image | None
    caption: tuple[Inline, ...]


@dataclass(frozen=True)
class Post:
    """An embedded social-media post, quoted with its author and handle."""

    kind: ClassVar[str] = "post"
    author: str
    handle: str | None
    children: tuple[Block, ...]


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; each item is a sequence of blocks."""

    kind: ClassVar[str] = "list"
    ordered: bool
    items: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True)
class CodeBlock:
    """Preformatted text, kept verbatim."""

    kind: ClassVar[str] = "code_block"
    text: str


@dataclass(frozen=True)
class ThematicBreak:
    """A section break (rendered as a centred ornament)."""

    kind: ClassVar[str] = "thematic_break"


@dataclass(frozen=True)
class Table:
    """A table (GFM pipe syntax): one header row, then body rows; every row has one cell per column."""

    kind: ClassVar[str] = "table"
    head: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    aligns: tuple[str, ...]
    """Per column: ``left``, ``center``, ``right`` or "" (the reading system decides)."""


Block = Union[Paragraph, Heading, BlockQuote, Figure, Post, ListBlock, CodeBlock, ThematicBreak, Table]


@dataclass(frozen=True)
class Footnote:
    """A footnote body; ``number`` matches the FootnoteRef that points at it."""

    number: int
    children: tuple[Block, ...]


# ---------------------------------------------------------- article/book


@dataclass(frozen=True)
class Author:
    """A person credited for an article; ``bio`` is the source's own words, or None."""

    name: str
    bio: str | None = None


@dataclass(frozen=True)
class Source:
    """Where an article first appeared. Every field is None when the source does not say."""

    publication: str | None = None
    url: str | None = None
    """The original's address, only when it may be a link (publish.urls)."""
    accessed: str | None = None
    rights: str | None = None
    url_text: str | None = None
    """An address the source gave that may not be a link (``javascript:``, a bare path): shown as text only."""


@dataclass(frozen=True)
class Article:
    """One article of the book, as read from ``manuscript/NN-slug.md``."""

    slug: str
    title: str
    subtitle: str | None
    authors: tuple[Author, ...]
    date: str | None
    source: Source
    body: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = ()
    lang: str = "en"
    path: str = ""
    """Manuscript file, relative to the project root (for messages only)."""
    original: Article | None = None
    """In a translated edition: the source-language article this one translates (block for block)."""
    provenance: Provenance | None = None
    """In a translated edition: how this article's translation was made."""


@dataclass(frozen=True)
class Book:
    """A whole book: the metadata of ``publish.yaml`` plus its articles in reading order."""

    slug: str
    title: str
    subtitle: str | None
    editors: tuple[str, ...]
    lang: str
    identifier: str
    publisher: str | None
    rights: str | None
    date: str
    translations: tuple[str, ...]
    articles: tuple[Article, ...]
    description: str | None = None
    trim: str = "a5"
    """Page size of the print PDF: ``a5``, ``6x9`` or ``letter``."""
    images: tuple[Image, ...] = field(default=())
    """Every image the articles use, once each, in order of first use."""
    edition: str = ""
    """Edition tag used in file names: ``en``, ``es``, or ``en-es`` for the bilingual edition ("" = ``lang``)."""
    original: Book | None = None
    """In a translated or bilingual edition: the source-language book."""
    translators: tuple[str, ...] = ()
    """People credited as translators (MARC ``trl``), from the segment memory or publish.yaml."""
    quotes: str = ""
    """``quotes:`` of publish.yaml: a quotation style the language folders define (``angular``, ``curly``);
    "" (or a style a language lacks) = each language's own default."""

    @property
    def tag(self) -> str:
        """The edition tag (``en``, ``es``, ``en-es``)."""
        return self.edition or self.lang

    @property
    def bilingual(self) -> bool:
        """True for a parallel-text edition: each article's blocks pair with ``original``'s. Its tag names two
        languages (``en-fr``) while its ``lang`` is the source's; a translated edition's tag is its ``lang``
        (which may hold a hyphen itself: ``pt-BR``)."""
        return self.original is not None and self.edition not in ("", self.lang)


@dataclass(frozen=True)
class EngineRecord:
    """One engine that drafted segments of an article, as its PO entries record it."""

    engine: str
    model: str
    version: str
    hash: str
    segments: int
    first_date: str
    last_date: str


@dataclass(frozen=True)
class Provenance:
    """How one article's translation was made, counted from the segment memory (never assumed)."""

    lang: str
    engines: tuple[EngineRecord, ...]
    segments: int
    machine: int
    edited: int
    approved: int
    untranslated: int
    fuzzy: int
    memory_file: str | None
    flagged: int = 0
    """Segments translation QA puts in the review queue (``publish check --translations --queue``)."""

    @property
    def reviewed(self) -> int:
        """Segments a human edited or approved."""
        return self.edited + self.approved

    @property
    def reviewed_share(self) -> float:
        return self.reviewed / self.segments if self.segments else 0.0
