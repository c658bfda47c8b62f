"""Which parts of a Book are translated, cut into segments with stable ids (the PO ``msgctxt``).

Segment id: ``<file>/<kind>.<hash>[.<n>]``. ``hash`` is the first 8 hex digits of the SHA-1 of the
segment's English (placeholder) text, and ``n`` counts repeats of the same text in the same file.
So an id survives paragraphs being inserted, moved or deleted elsewhere; when a sentence's English
changes its id changes too, and the memory pairs old and new by similarity (as ``msgmerge`` does).

One walker serves both directions: ``SegmentMapper`` subclasses either collect segments (extraction)
or return translated inlines (``apply``), so both see exactly the same segments and ids.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass

from .. import model as m
from ..model import plain_text
from .markup import Encoded, decode, encode, renumber
from .sentences import split_sentences

BOOK_FILE = "_book"
"""Name of the PO file (without ``.po``) holding the book's own title, subtitle and description."""


@dataclass(frozen=True)
class Segment:
    """One unit the engine translates and a translator edits: a sentence, heading, title, caption..."""

    id: str
    kind: str
    source: str
    """English with inline markup as placeholders: the PO msgid."""
    slots: dict[int, m.Inline]
    reference: str
    """Where it comes from, for the PO ``#:`` line (manuscript path or publish.yaml)."""


class SegmentMapper:
    """Walks the translatable fields of a Book; subclasses decide what each sentence becomes."""

    def __init__(self, file: str, reference: str) -> None:
        self.file = file
        self.reference = reference
        self._seen: Counter[str] = Counter()

    def segment(self, kind: str, unit: Encoded) -> Segment:
        digest = hashlib.sha1(unit.text.encode("utf-8")).hexdigest()[:8]
        base = f"{self.file}/{kind}.{digest}"
        self._seen[base] += 1
        count = self._seen[base]
        seg_id = base if count == 1 else f"{base}.{count}"
        return Segment(seg_id, kind, unit.text, unit.slots, self.reference)

    def translate_unit(self, segment: Segment) -> tuple[m.Inline, ...]:
        """The inlines that stand for ``segment`` in the output (the source, in the base class)."""
        return decode(segment.source, segment.slots)

    def inlines(self, kind: str, inlines: tuple[m.Inline, ...], split: bool = True) -> tuple[m.Inline, ...]:
        units = split_units(inlines, split)
        out: list[m.Inline] = []
        for index, unit in enumerate(units):
            if index:
                out.append(m.Text(" "))
            out.extend(self.translate_unit(self.segment(kind, unit)))
        return m.merge_text(out) if units else inlines

    def text(self, kind: str, text: str | None, split: bool = False) -> str | None:
        if text is None or not text.strip():
            return text
        return plain_text(self.inlines(kind, (m.Text(text),), split))


def split_units(inlines: tuple[m.Inline, ...], split: bool) -> list[Encoded]:
    """The placeholder texts of ``inlines``: one per sentence, or one in all when ``split`` is False."""
    whole = encode(inlines)
    if not whole.text.strip():
        return []
    pieces = split_sentences(whole.text) if split else [whole.text]
    return [renumber(piece, whole.slots) for piece in pieces]


def map_article(article: m.Article, mapper: SegmentMapper) -> m.Article:
    """The article with every translatable field passed through ``mapper`` (names, URLs, dates kept)."""
    authors = tuple(dataclasses.replace(a, bio=mapper.text("bio", a.bio, split=True)) for a in article.authors)
    return dataclasses.replace(
        article,
        title=mapper.text("title", article.title) or article.title,
        subtitle=mapper.text("subtitle", article.subtitle, split=True),
        authors=authors,
        body=tuple(_map_block(b, mapper) for b in article.body),
        footnotes=tuple(m.Footnote(f.number, tuple(_map_block(b, mapper) for b in f.children))
                        for f in article.footnotes),
    )


def map_book_fields(book: m.Book, mapper: SegmentMapper) -> m.Book:
    """The book's own title, subtitle, description and rights statement passed through ``mapper``."""
    return dataclasses.replace(
        book,
        title=mapper.text("title", book.title) or book.title,
        subtitle=mapper.text("subtitle", book.subtitle, split=True),
        description=mapper.text("description", book.description, split=True),
        rights=mapper.text("rights", book.rights, split=True),
    )


def _map_block(block: m.Block, mapper: SegmentMapper) -> m.Block:
    if isinstance(block, m.Paragraph):
        return m.Paragraph(mapper.inlines("p", block.children))
    if isinstance(block, m.Heading):
        return dataclasses.replace(block, children=mapper.inlines("h", block.children, split=False))
    if isinstance(block, m.Table):
        return m.Table(tuple(mapper.inlines("td", cell, split=False) for cell in block.head),
                       tuple(tuple(mapper.inlines("td", cell, split=False) for cell in row) for row in block.rows),
                       block.aligns)
    if isinstance(block, m.Figure):
        caption = mapper.inlines("cap", block.caption)
        image = block.image
        if image is not None:
            # The reader copies the caption into the alt text; keep them in step.
            if image.alt == plain_text(block.caption):
                image = dataclasses.replace(image, alt=plain_text(caption))
        return m.Figure(image, caption)
    if isinstance(block, m.BlockQuote):
        return m.BlockQuote(tuple(_map_block(b, mapper) for b in block.children))
    if isinstance(block, m.Post):
        return m.Post(block.author, block.handle, tuple(_map_block(b, mapper) for b in block.children))
    if isinstance(block, m.ListBlock):
        return m.ListBlock(block.ordered, tuple(tuple(_map_block(b, mapper) for b in item) for item in block.items))
    return block  # code blocks and breaks are not translated


class _Collector(SegmentMapper):
    def __init__(self, file: str, reference: str) -> None:
        super().__init__(file, reference)
        self.found: list[Segment] = []

    def translate_unit(self, segment: Segment) -> tuple[m.Inline, ...]:
        self.found.append(segment)
        return ()


def article_segments(article: m.Article) -> list[Segment]:
    """Every segment of an article, in reading order."""
    collector = _Collector(article.slug, article.path or article.slug)
    map_article(article, collector)
    return collector.found


def book_segments(book: m.Book) -> list[Segment]:
    """The segments of the book's own metadata (title, subtitle, description)."""
    collector = _Collector(BOOK_FILE, "publish.yaml")
    map_book_fields(book, collector)
    return collector.found


def all_segments(book: m.Book) -> dict[str, list[Segment]]:
    """Segments per PO file name (article slug, or ``_book``), in book order."""
    out = {BOOK_FILE: book_segments(book)}
    for article in book.articles:
        out[article.slug] = article_segments(article)
    return out
