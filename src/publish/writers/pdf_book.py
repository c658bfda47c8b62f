"""The print PDF as a job over parts: which parts to lay out (and in what rounds), their page numbers, the join.

A job is a generator. It yields the parts it needs that ``lookup`` (the part cache) does not have, receives
them rendered, and finally returns the joined PDF and every part it used. Whoever drives it decides where parts
are laid out: one after another in this process (``run_serially``, the ``write_pdf`` writer), or spread over
worker processes together with other outputs' parts (render_pool.render_jobs, ``publish build --jobs``).

Rounds: (1) the articles and the sources, each alone; (2) the front matter, whose contents need the articles'
first pages, with the folio documents the page count calls for; (3) again, only if the front matter's own page
count moved the numbers, or if the print-on-demand gutter, which grows with the page count, changed the page
box (every part is then laid out again, as a single pass would be). Parts whose key is cached cost nothing, so
editing one paragraph lays out one article, and an edit that changes an article's page count lays out that
article and the front matter: the parts after it keep their pages, only their folios move.

Limits: a part must start on a right-hand page and take nothing from the parts before it but the page number
(true of print.css: see pdf_parts). Fonts are subset per part, so the joined file holds one subset of each font
per part (the 100-article English PDF: about 4.5 times the single pass's 2.3 MB). Memory holds a few parts'
HTML (made as they are handed out: ``Need.fill``), and in the join one part's objects at a time (pdf_join,
pdf_stream), never the book, which the job lets go before it joins; the parts' bytes are in the build's scratch
files (staging). The contents and the sources of a long book come back in chunks (pdf_chunks), joined as parts
that continue one another's structure.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from ..config import TRIMS
from ..model import Book
from .options import Options
from .pdf_parts import (FOLIO_CHUNK, Part, PartPdf, article_html, body_parts, folio_part, front_part,
                        give_back_memory)
from .pdf_profiles import PROFILES, geometry

if TYPE_CHECKING:
    from .pdf_join_log import Resume
    from .pdf_join import Piece

MAX_ROUNDS = 4


@dataclass(frozen=True)
class Need:
    """Parts to lay out, each with whether it is tagged (folio documents are not). Their HTML is made by ``fill``
    when one is handed to a worker, so a big book's articles are not all held as HTML at once."""

    parts: list[tuple[Part, bool]]
    fill: Callable[[Part], Part]


Job = Generator[Need, dict[str, PartPdf], "Joined"]
Lookup = Callable[[Part], "PartPdf | None"]


@dataclass
class Joined:
    """A finished job: the PDF, and every part (key -> rendered part) it was joined from."""

    pdf: bytes | IO[bytes]
    """The PDF, or the file it was written to (``output``)."""
    parts: dict[str, PartPdf] = field(default_factory=dict)
    front_pages: int = 0
    total_pages: int = 0
    log: bytes | IO[bytes] = b""
    """The join's log (pdf_join_log), for the next build's join, or the file it was written to."""


def pdf_job(book: Book, options: Options, lookup: Lookup, salt: str,
            guesses: tuple[int | None, int | None] = (None, None), output: IO[bytes] | None = None,
            resume: Resume | None = None, log: IO[bytes] | None = None) -> Job:
    """The whole print PDF of ``book``, as a generator of part requests (see the module docstring).

    ``guesses``: the front matter's and the book's page counts last time. A right guess saves laying the front
    matter out twice, and, for a gutter that grows with the page count, the whole book (the cached parts have
    the last build's gutter). Without one, the front matter is first laid out beside the articles with stand-in
    numbers, for its page count. With ``output``, the joined PDF is written there rather than returned."""
    from .pdf import print_css

    profile = PROFILES[options.profile]
    sizes = TRIMS[book.trim]
    page_box = geometry(sizes, profile, guesses[1])
    used: dict[str, PartPdf] = {}
    front_pages = guesses[0]
    for _ in range(MAX_ROUNDS):
        css = print_css(book, page_box, options.profile)
        body = body_parts(book, css, options.root, salt)
        probe = [] if front_pages is not None else [_probe(book, css, options, salt)]
        # The longest parts first (the sources list every article): workers that take them last finish last.
        got = yield from _get([body[-1], *probe, *body[:-1]], used, lookup, tagged={p.key for p in [*body, *probe]},
                              fill=lambda part: article_html(part, book, css))
        front_pages = got[probe[0].key].pages if probe else front_pages
        assert front_pages is not None
        body_pdfs = [got[p.key] for p in body]
        starts, total = _layout(front_pages, [p.pages for p in body_pdfs], profile.even_pages)
        front = front_part(book, css, options.root, salt, _toc_pages(book, starts))
        folios = [folio_part(book, css, first, salt) for first in _folio_firsts(total)]
        got = yield from _get([front, *folios], used, lookup, tagged={front.key})
        if got[front.key].pages != front_pages:
            front_pages = got[front.key].pages
            continue
        if profile.gutter_by_pages and (settled := geometry(sizes, profile, total)) != page_box:
            page_box = settled
            continue
        from .pdf_join import join

        articles = len(book.articles)
        del book, css  # the join needs the parts only: a big book is not held through it (render_jobs)
        give_back_memory()  # the book's memory, for the join's records (1,000 articles: 16 MiB)
        pieces = [*_pieces(front, got[front.key], 0, folios=False),
                  *(piece for n, (p, part) in enumerate(zip(body_pdfs, body))
                    for piece in _pieces(part, p, int(0 < n < articles)))]
        pdf, steps = join(pieces, {f.first: got[f.part.key].pdf for f in _named(folios)}, profile.even_pages,
                          output, resume, log)
        keys = [front.key, *(p.key for p in body), *(f.key for f in folios)]
        return Joined(pdf, {key: used[key] for key in keys}, front_pages, total, steps)
    raise RuntimeError("the front matter's page count did not settle")  # pragma: no cover - four rounds suffice


def _pieces(part: Part, pdf: PartPdf, continues: int, folios: bool = True) -> list[Piece]:
    """A part's PDFs as the join takes them: its chunks after the first carry on its list (pdf_chunks)."""
    from .pdf_join import Piece

    depth = part.chunked.depth if part.chunked is not None else 1
    return [Piece(chunk, folios, depth if c else continues, f"{part.key}-{c}" if c else part.key)
            for c, (chunk, _) in enumerate(pdf.chunks())]


def _probe(book: Book, css: str, options: Options, salt: str) -> Part:
    """The front matter with every contents number a stand-in as wide as the real ones are likely to be."""
    wide = int("8" * len(str(max(len(book.articles), 1) * 8)))
    return front_part(book, css, options.root, salt, {**{f"{a.slug}_article": wide for a in book.articles},
                                                      "sources": wide})


@dataclass(frozen=True)
class _Folio:
    first: int
    part: Part


def _named(folios: Sequence[Part]) -> list[_Folio]:
    return [_Folio(int(p.name.removeprefix("folios-")), p) for p in folios]


def _get(parts: Sequence[Part], used: dict[str, PartPdf], lookup: Lookup, tagged: set[str] | None = None,
         fill: Callable[[Part], Part] = lambda part: part) -> Generator[Need, dict[str, PartPdf], dict[str, PartPdf]]:
    """The rendered parts by key: from ``used`` or the cache, the rest asked of the driver (their HTML made by
    ``fill``, by the driver, as each is laid out)."""
    missing: dict[str, Part] = {}
    for part in parts:
        if part.key not in used and (cached := lookup(part)) is not None:
            used[part.key] = cached
        elif part.key not in used:
            missing[part.key] = part
    if missing:
        got = yield Need([(p, tagged is None or p.key in tagged) for p in missing.values()], fill)
        used.update(got)
    return {p.key: used[p.key] for p in parts}


def _layout(front_pages: int, counts: Sequence[int], even: bool) -> tuple[list[int], int]:
    """Each body part's first page number (a right-hand page: odd), and the book's page count."""
    starts, pages = [], front_pages
    for count in counts:
        pages += pages % 2  # the blank left-hand page before a part that must start on the right
        starts.append(pages + 1)
        pages += count
    return starts, pages + (pages % 2 if even else 0)


def _toc_pages(book: Book, starts: Sequence[int]) -> dict[str, int]:
    pages = {f"{a.slug}_article": start for a, start in zip(book.articles, starts)}
    pages["sources"] = starts[-1]
    return pages


def _folio_firsts(total: int) -> list[int]:
    return list(range(1, total + 1, FOLIO_CHUNK))


def run_serially(job: Job, render: Callable[[Part, bool], PartPdf]) -> Joined:
    """Drive ``job`` in this process, laying out each part it asks for in turn."""
    try:
        need = next(job)
        while True:
            need = job.send({part.key: render(need.fill(part), tagged) for part, tagged in need.parts})
    except StopIteration as done:
        result: Joined = done.value
        return result
