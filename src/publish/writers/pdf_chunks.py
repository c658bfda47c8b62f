"""Long lists of the print PDF laid out in chunks, so a worker holds a few pages of one, never all of them: the
sources (an entry per article) and the contents (a line per article).

A WeasyPrint document holds all its pages until it writes them: laid out whole, the sources (334 pages for a
1,000-article book) and the contents (90 pages, its leaders costly) were the largest processes of a big build.
So a long list is laid out ``CHUNK`` entries at a time, each chunk written as a PDF of its own, joined like any
other part: the element holding the entries in every chunk after the first continues the first's, and so do
the elements around it (pdf_join ``Piece.continues``, the list's ``depth``).

Why a chunk gives the pages the whole list gives: entries have no top margin and the page they begin decides
where they go, so a page that begins with an entry depends on nothing before it but its side (left or right)
and the running head. A chunk is laid out from an entry; its pages up to the last right-hand page that begins
with an entry are kept, and the next chunk starts with that entry, again on a right-hand page. A chunk after
the first starts with a page that only sets the running head and a blank left-hand page (the ``continued``
HTML: _sections.j2, print.html.j2), both dropped, so its first kept page is a right-hand page whose running head
was set earlier, as in the whole list. A page begins with an entry when the entry's anchor is at the top of the
page: where the first entry of a chunk after the first is.

Whenever that cannot be found (no page of a chunk begins with an entry at an even index: an entry longer than
a page, a stylesheet with other rules), the chunk is laid out again twice as long, and at worst the rest of the
list as one document: more memory, never other pages. ``test_pdf_split`` checks the pages equal a single pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

ENTRY = "<!--publish:entry-->"
END = "<!--publish:entries-end-->"
CHUNK = 48
"""Entries per chunk: about 16 pages of the sample's sources, 5 of its contents."""
DROPPED = 2
"""Pages a chunk after the first begins with and drops: the running head's, and the blank left-hand page."""
_ID = re.compile(r'\bid="([^"]+)"')


@dataclass(frozen=True)
class Chunked:
    """A list's HTML cut where entries begin: laid out ``head + entries[a:b] + tail`` for a chunk."""

    head: str
    continued: str
    """The head of a chunk after the first (no heading; a page setting the running head first)."""
    tail: str
    entries: tuple[str, ...]
    depth: int = 1
    """How deep in the body the entries' parent element is (the sources' ``section``: 1; the contents' ``ol``,
    in ``nav`` in ``div.front``: 3): as many structure elements a chunk after the first continues."""

    def ids(self) -> list[str]:
        return [match.group(1) if (match := _ID.search(entry)) else "" for entry in self.entries]


def cut(whole: str, continued: str) -> Chunked | None:
    """A list's HTML (``whole``) in chunks, given the HTML of the continued list; None if the list is short
    enough to be laid out at once, or if the two do not hold the entries at the same depth."""
    body, _, tail = whole.partition(END)
    head, *entries = body.split(ENTRY)
    if len(entries) <= CHUNK or END not in continued:
        return None
    carried = continued.partition(END)[0]
    depth = _depth(head)
    if depth < 1 or _depth(carried) != depth:
        return None
    return Chunked(head, carried, END + tail, tuple(entries), depth)


class _Open(HTMLParser):
    """The elements open at the end of some HTML, below ``body``."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]


def _depth(head: str) -> int:
    parser = _Open()
    parser.feed(head)
    stack = parser.stack
    return len(stack) - stack.index("body") - 1 if "body" in stack else -1


def lay_out_chunks(chunked: Chunked, lay_out: Callable[[str], Any],
                   write: Callable[[Any, list[Any]], bytes]) -> list[tuple[bytes, int]]:
    """Each chunk's PDF and page count, in order. ``lay_out(html)`` gives a WeasyPrint document, ``write(document,
    pages)`` the PDF of those pages of it."""
    ids, out, start, size = chunked.ids(), [], 0, CHUNK
    top: float | None = None
    while start < len(ids):
        end = len(ids) if size >= len(ids) - start else start + size
        document = lay_out((chunked.head if start == 0 else chunked.continued)
                           + "".join(chunked.entries[start:end]) + chunked.tail)
        pages = list(document.pages)
        if start:
            index, top = _place(pages, ids[start])
            if index != DROPPED:  # not laid out as this module expects: the whole list at once, as it was
                whole = lay_out(chunked.head + "".join(chunked.entries) + chunked.tail)
                return [(write(whole, list(whole.pages)), len(whole.pages))]
            pages = pages[DROPPED:]
        if end == len(ids):
            out.append((write(document, pages), len(pages)))
            break
        top = top if top is not None else _top(lay_out, chunked, ids)
        keep = _keep(pages, ids[start:end], top)
        if keep is None:
            size *= 2
            continue
        out.append((write(document, pages[:keep]), keep))
        start = ids.index(_first_on(pages[keep], ids[start:end]), start)
        size = CHUNK
    return out


def _place(pages: list[Any], anchor: str) -> tuple[int, float]:
    """The page index an anchor is on and its top (-1 if it is on none)."""
    for index, page in enumerate(pages):
        if anchor in page.anchors:
            return index, float(page.anchors[anchor][1])
    return -1, 0.0


def _top(lay_out: Callable[[str], Any], chunked: Chunked, ids: list[str]) -> float | None:
    """Where an entry at the top of a page is: the first entry laid out as a continued chunk."""
    document = lay_out(chunked.continued + chunked.entries[0] + chunked.tail)
    index, top = _place(list(document.pages), ids[0])
    return top if index == DROPPED else None


def _first_on(page: Any, ids: list[str]) -> str:
    placed = [(float(page.anchors[i][1]), n, i) for n, i in enumerate(ids) if i in page.anchors]
    return min(placed)[2] if placed else ""


def _keep(pages: list[Any], ids: list[str], top: float | None) -> int | None:
    """How many pages to keep: the index of the last right-hand page (even index, past the first) that begins
    with an entry of this chunk other than its first; None if there is none."""
    if top is None:
        return None
    for index in range(len(pages) - 1, 1, -1):
        if index % 2:
            continue
        first = _first_on(pages[index], ids)
        if first and first != ids[0] and abs(float(pages[index].anchors[first][1]) - top) < 1e-3:
            return index
    return None
