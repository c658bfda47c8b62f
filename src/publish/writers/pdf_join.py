"""Joining separately rendered parts of the print PDF into the one file a single pass would write.

Parts are read one at a time (pikepdf) and their objects written out at once, renumbered (pdf_stream), so the
join holds one part in memory, never the book. What spans parts is kept aside and written at the end: the page
tree, the structure tree's root, its document element and top elements (the articles' shared ``div.body``
continues from part to part, as a single pass joins the fragments of one element), the parent tree, the
bookmarks, the named destinations and the catalogue. The first part (the front matter) gives the catalogue's
metadata, language, viewer preferences, mark info and output intent, and the document information.

Each further part brings its pages, after a blank left-hand page when the part before ended on a right-hand
one (WeasyPrint's own ``break-before: right`` blank: no content, no running head, no folio); its parent-tree
entries (page ``/StructParents``, annotation ``/StructParent``) shifted past the ones already taken; its named
destinations (links between parts, such as the contents', resolve by name) and its bookmarks.

Folios: page ``n`` of a part that carries folios draws page ``n`` of a folio document (pdf_parts.folio_part)
over its own content, as a form XObject marked as a pagination artifact.

Each part's step is logged (pdf_join_log): the next join copies the last output up to the first part that
changed and goes on from there, with the same bytes a join from the start would write.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from ..staging import Kept
from .pdf_join_log import LogWriter, Resume, Step, piece_digest, raw, text
from .pdf_parts import pdf_bytes
from .pdf_stream import Copier, Writer

FOLIO = "/PublishFolio"
ARTIFACT = b"Q q /Artifact <</Type /Pagination>> BDC /PublishFolio Do EMC Q\n"
"""Drawn after the page's own content, which is wrapped in ``q`` .. ``Q`` first: it leaves its flipped matrix set."""
BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")
SPANNING = ("/Pages", "/StructTreeRoot", "/Outlines", "/Names", "/Type")
BLOCK = 64
"""Each part's objects take whole blocks of numbers (the rest are null objects): a part that gains or loses a few
objects leaves the numbers of the parts after it as they were, so the next join can copy them (pdf_join_log)."""
"""Catalogue entries the join writes itself; the rest come from the first part."""


@dataclass(frozen=True)
class Piece:
    """One rendered part, and whether its pages carry folios (the front matter's do not)."""

    pdf: bytes | Path | Kept
    folios: bool = True
    continues: int = 0
    """How deep its structure carries on the part before's: 1, its top element is the one the part before ended
    in (the articles' shared ``div.body``, a chunk of the sources' section); 3, that element's last kid and that
    kid's last kid are too (a chunk of the contents' list, in ``nav`` in ``div.front``: pdf_chunks)."""
    key: str = ""
    """The part's cache key (pdf_parts), which names its PDF: the join log knows the part by it. Without one,
    the join reads the PDF to digest it."""


@dataclass
class _Top:
    """A top structure element (a child of the document element), written at the end with all its kids; or,
    as a top's ``inner``, its last kid held open the same way, for a part that continues it (``Piece.continues``)."""

    number: int
    role: str
    head: bytes
    kids: list[bytes] = field(default_factory=list)
    inner: _Top | None = None

    def chain(self) -> list[_Top]:
        """This element and the held elements below it, outermost first."""
        return [self, *(self.inner.chain() if self.inner else [])]

    def to_json(self) -> list[Any]:
        return [self.number, self.role, text(self.head), [text(k) for k in self.kids],
                self.inner.to_json() if self.inner else None]

    @classmethod
    def from_json(cls, data: list[Any]) -> _Top:
        number, role, head, kids, inner = data
        return cls(int(number), str(role), raw(head), [raw(k) for k in kids], cls.from_json(inner) if inner else None)


@dataclass
class _Outline:
    title: bytes
    page: int
    rest: list[bytes]
    children: list[_Outline]


def join(pieces: Sequence[Piece], folio_pdfs: dict[int, bytes | Path | Kept], even: bool = False,
         output: IO[bytes] | None = None, resume: Resume | None = None,
         log: IO[bytes] | None = None) -> tuple[bytes | IO[bytes], bytes | IO[bytes]]:
    """The parts in order as one PDF and the join's log (each written to ``output`` and ``log``, and those
    returned, if given). ``folio_pdfs``: first number -> folio document; ``even`` pads the page count to even
    (print-on-demand); ``resume``: the last join's log, whose steps are copied wherever they still apply."""
    out, log_out = output or io.BytesIO(), log or io.BytesIO()
    steps = LogWriter(log_out)
    digests = [piece_digest(p.key.encode() or pdf_bytes(p.pdf), (p.folios, p.continues)) for p in pieces]
    with _open(pieces[0].pdf) as front:
        try:
            joiner = _join_parts(out, front, pieces, digests, folio_pdfs, resume, steps)
        except _Unusable:  # the last output or its log is not what they say: join from the start
            out.seek(0)
            out.truncate()
            steps.restart()
            joiner = _join_parts(out, front, pieces, digests, folio_pdfs, None, steps)
        if even and len(joiner.kids) % 2:
            joiner.blank()
        joiner.finish()
    return (output or out.getvalue()), (log or log_out.getvalue())  # type: ignore[attr-defined]


class _Unusable(Exception):
    """A step of the last join could not be taken back as it was logged."""


def _join_parts(out: IO[bytes], front: pikepdf.Pdf, pieces: Sequence[Piece], digests: list[str],
                folio_pdfs: dict[int, bytes | Path | Kept], resume: Resume | None, steps: LogWriter) -> _Joiner:
    """Every part joined, or copied from the last output when it is the same part and the joiner is where it
    was then (``_Joiner.position``): the same bytes would be written, only at another offset."""
    joiner = _Joiner(Writer(out, str(front.pdf_version)), front, folio_pdfs)
    old = resume.steps if resume else []
    with open(resume.previous, "rb") if resume else contextlib.nullcontext() as previous:
        for n, piece in enumerate(pieces):
            mark, start = joiner.mark(), out.tell()
            if n < len(old) and old[n].digest == digests[n] and joiner.position() == (
                    old[n - 1].after if n else joiner.position()):
                began = old[n - 1].end if n else start
                joiner.writer.put(_logged_bytes(previous, began, old[n]))
                try:
                    joiner.replay(old[n].state(), shift=start - began)
                except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
                    raise _Unusable from exc  # a log not written by this code (hand-edited, or another version)
            else:
                opens = pieces[n + 1].continues if n + 1 < len(pieces) else 0
                with _open(piece.pdf) if n else contextlib.nullcontext(front) as part:
                    joiner.add(part, piece, opens)
            state = joiner.state_since(mark, with_front=n == 0)
            steps.add(Step(digests[n], out.tell(), joiner.writer.step_digest(), state["after"],
                           json.dumps(state, separators=(",", ":"))))
    return joiner


def _logged_bytes(previous: Any, began: int, step: Step) -> bytes:
    """The bytes ``step`` wrote in the last output, if they are still there as they were."""
    try:
        previous.seek(began)
        data = previous.read(step.end - began)
    except (OSError, ValueError) as exc:
        raise _Unusable from exc
    if len(data) != step.end - began or hashlib.sha256(data).hexdigest() != step.sha:
        raise _Unusable
    return bytes(data)


def _open(source: bytes | Path | Kept) -> pikepdf.Pdf:
    return pikepdf.open(source) if isinstance(source, Path) else pikepdf.open(io.BytesIO(pdf_bytes(source)))


class _Joiner:
    def __init__(self, writer: Writer, front: pikepdf.Pdf, folio_pdfs: dict[int, bytes | Path | Kept]) -> None:
        self.writer, self.front = writer, front
        self.catalog, self.pages = writer.reserve(), writer.reserve()
        self.tagged = "/StructTreeRoot" in front.Root
        self.struct_root, self.document, self.parent_tree = writer.reserve(), writer.reserve(), writer.reserve()
        self.kids: list[int] = []
        self.tops: list[_Top] = []
        self.nums: list[bytes] = []
        self.next_key = 0
        self.outline: list[_Outline] = []
        self.dests: list[tuple[bytes, int, bytes]] = []  # name, page, the rest of its array; a later name wins
        self.folio_pdfs = folio_pdfs
        self.folios: dict[int, int] = {}  # page number -> its form XObject's object number (written at the end)
        self.verso: tuple[bytes, bytes] | None = None  # a left-hand page's boxes and resources, for blanks
        self.front_copier: Copier | None = None

    def add(self, part: pikepdf.Pdf, piece: Piece, opens: int = 0) -> None:
        """Write ``part``'s pages and what they draw; keep what spans parts. ``opens``: how deep the next part
        continues this one's structure (``Piece.continues``): the elements it continues are held, not written."""
        if len(self.kids) % 2:  # parts start on a right-hand page: an odd count ends on one
            self.blank()
        tree = part.Root.get("/StructTreeRoot")
        redirect = {part.Root.Pages.objgen: self.pages}
        tops: list[Any] = []
        if tree is not None and self.tagged:
            document = _document(tree)
            redirect.update({tree.objgen: self.struct_root, document.objgen: self.document})
            tops = [kid for kid in _kids(document) if isinstance(kid, Dictionary) and kid.is_indirect]
        merged = self._merged(tops, piece.continues)
        for held, element in merged:
            redirect[element.objgen] = held.number
        if not merged:  # numbered first: a part that continues it refers to it, whatever the part holds besides
            redirect.update({top.objgen: self.writer.reserve() for top in tops})
        # The elements a next part continues, below the deepest one held already: numbered now, written at the end.
        # (Never below a held element that holds one already: that one would then not be written.)
        deepest = merged[-1][1] if merged else tops[-1] if tops else None
        opened = _last_kids(deepest, opens - max(len(merged), 1)) \
            if deepest is not None and not (merged and merged[-1][0].inner) else []
        redirect.update({element.objgen: self.writer.reserve() for element in opened})
        first, offset = len(self.kids), self.next_key
        for n, page in enumerate(part.pages):
            self._mend_page(part, page, len(self.kids) + 1 + n, piece.folios, redirect, offset)
        copier = Copier(self.writer, part, redirect)
        if part is self.front:
            self.front_copier = copier
        for page in part.pages:
            shared = page.obj["/PublishShared"]
            del page.obj["/PublishShared"]
            if len(self.kids) % 2:  # this page is a left-hand one (an even number)
                self.verso = (b"".join(b" %s %s" % (box.encode(), copier.text(page.obj[box]))
                                       for box in BOXES if box in page.obj), copier.ref(shared))
            self.kids.append(copier.number(page.obj.objgen))
        if tree is not None and self.tagged:
            self._adopt_tree(copier, tree, tops, merged, opened, offset)
        self._collect(part, copier, first)
        copier.drain()
        self.writer.pad(BLOCK)

    def _mend_page(self, part: pikepdf.Pdf, page: pikepdf.Page, number: int, folios: bool,
                   redirect: dict[tuple[int, int], int], offset: int) -> None:
        """Shift the page's parent-tree keys; give it its folio (a resources dictionary of its own, naming the
        folio's form, which is written at the end)."""
        obj = page.obj
        _shift(obj, "/StructParents", offset)
        for annot in obj.get("/Annots", []):
            _shift(annot, "/StructParent", offset)
        shared = obj.get("/Resources", Dictionary())
        obj["/PublishShared"] = shared  # kept for a blank page that may follow (removed before writing)
        if not folios:
            return
        placeholder = part.make_indirect(Dictionary())
        redirect[placeholder.objgen] = self._folio(number)
        own = Dictionary({key: value for key, value in shared.items()})
        own["/XObject"] = Dictionary({**dict(shared.get("/XObject", Dictionary()).items()), FOLIO: placeholder})
        obj["/Resources"] = own
        contents = obj.get("/Contents")
        streams = list(contents) if isinstance(contents, Array) else [contents] if contents is not None else []
        obj["/Contents"] = Array([part.make_stream(b"q\n"), *streams, part.make_stream(ARTIFACT)])

    def _folio(self, number: int) -> int:
        if number not in self.folios:
            self.folios[number] = self.writer.reserve()
        return self.folios[number]

    def mark(self) -> tuple[Any, ...]:
        """Where every record stands before a part is added (``state_since`` takes what it added)."""
        held = tuple(len(h.kids) for h in self.tops[-1].chain()) if self.tops else ()
        return (len(self.writer.order), len(self.kids), len(self.tops), held, len(self.nums),
                len(self.outline), len(self.dests), len(self.folios))

    def position(self) -> list[Any]:
        """What the bytes of the next part's step depend on besides the part: object and parent-tree numbers
        taken, pages so far, the last left-hand page (a blank copies it) and the top element a part may
        continue. As JSON values, to compare with a logged step's ``after``."""
        top = [[h.number, h.role] for h in self.tops[-1].chain()] if self.tops else None
        return [self.writer.last, self.next_key, len(self.kids), [text(v) for v in self.verso] if self.verso else None,
                top]

    def state_since(self, mark: tuple[Any, ...], with_front: bool = False) -> dict[str, Any]:
        """What the joiner took from the part added since ``mark``, as JSON values (pdf_join_log); with
        ``with_front``, also the front matter's numbering, which the end of the join goes on with."""
        offsets, kids, tops, held, nums, outline, dests, folios = mark
        chain = self.tops[tops - 1].chain() if tops else []
        front = self.front_copier
        return {
            "last": self.writer.last,
            "offsets": [(n, self.writer.offsets[n]) for n in self.writer.order[offsets:]],
            "kids": self.kids[kids:],
            "extend": [[text(k) for k in h.kids[n:]] for h, n in zip(chain, held)],
            "opened": chain[len(held)].to_json() if len(chain) > len(held) else None,
            "tops": [t.to_json() for t in self.tops[tops:]],
            "nums": [text(n) for n in self.nums[nums:]],
            "next_key": self.next_key,
            "outline": [_outline_json(item) for item in self.outline[outline:]],
            "dests": [[text(name), page, text(rest)] for name, page, rest in self.dests[dests:]],
            "folios": list(itertools.islice(self.folios.items(), folios, None)),
            "verso": [text(v) for v in self.verso] if self.verso else None,
            "after": self.position(),
            "front": None if front is None or not with_front else
            {"numbers": [[*objgen, number] for objgen, number in front.numbers.items()],
             "done": [list(objgen) for objgen in front.done]},
        }

    def replay(self, state: dict[str, Any], shift: int = 0) -> None:
        """Take back what ``state_since`` recorded, the part's bytes being already in the output, ``shift``
        bytes further on than they were."""
        self.writer.last = int(state["last"])
        for number, offset in state["offsets"]:
            self.writer.offsets[int(number)] = int(offset) + shift
            self.writer.order.append(int(number))
        self.kids += [int(k) for k in state["kids"]]
        chain = self.tops[-1].chain() if self.tops else []
        for held, extend in zip(chain, state["extend"], strict=True):
            held.kids += [raw(k) for k in extend]
        if state["opened"] is not None:
            chain[-1].inner = _Top.from_json(state["opened"])
        self.tops += [_Top.from_json(top) for top in state["tops"]]
        self.nums += [raw(n) for n in state["nums"]]
        self.next_key = int(state["next_key"])
        self.outline += [_outline_from(item) for item in state["outline"]]
        self.dests += [(raw(name), int(page), raw(rest)) for name, page, rest in state["dests"]]
        self.folios.update((int(page), int(number)) for page, number in state["folios"])
        self.verso = (raw(state["verso"][0]), raw(state["verso"][1])) if state["verso"] else None
        if state["front"] is not None:
            copier = Copier(self.writer, self.front)
            copier.numbers = {(int(a), int(b)): int(n) for a, b, n in state["front"]["numbers"]}
            copier.done = {(int(a), int(b)) for a, b in state["front"]["done"]}
            self.front_copier = copier

    def blank(self) -> None:
        """A page with nothing on it, the boxes and resources of the last left-hand page."""
        boxes, resources = self.verso or (b"", b"<< >>")
        contents = self.writer.reserve()
        self.writer.write(contents, b"<< /Length 0 >>", b"")
        page = self.writer.reserve()
        self.writer.write(page, b"<< /Type /Page /Parent %d 0 R%s /Resources %s /Contents %d 0 R >>"
                          % (self.pages, boxes, resources, contents))
        self.kids.append(page)

    def _merged(self, tops: list[Any], depth: int) -> list[tuple[_Top, Any]]:
        """The held elements a continuing part's elements are one with, from its top element down to ``depth``
        (each above the deepest holding only the next); none if its structure is not what continuing needs."""
        if not depth or len(tops) != 1 or not self.tops:
            return []
        pairs: list[tuple[_Top, Any]] = []
        held: _Top | None = self.tops[-1]
        element = tops[0]
        for level in range(1, depth + 1):
            if held is None or held.role != str(element.get("/S")):
                return []
            pairs.append((held, element))
            if level < depth:
                kids = _kids(element)
                if len(kids) != 1 or not isinstance(kids[0], Dictionary) or not kids[0].is_indirect:
                    return []
                held, element = held.inner, kids[0]
        return pairs

    def _adopt_tree(self, copier: Copier, tree: Any, tops: list[Any], merged: list[tuple[_Top, Any]],
                    opened: list[Any], offset: int) -> None:
        nums = _nums(tree.ParentTree)
        for key, value in zip(nums[::2], nums[1::2]):
            self.nums.append(b"%d %s" % (int(key) + offset, copier.ref(value)))
        self.next_key = max(self.next_key, offset + max((int(k) for k in nums[::2]), default=-1) + 1)
        inner = _held(copier, opened)
        if merged:
            held, element = merged[-1]
            held.kids += [copier.ref(kid) for kid in _kids(element)]
            held.inner = held.inner or inner
            return
        for top in tops:
            self.tops.append(_Top(copier.number(top.objgen), str(top.get("/S")), _head(copier, top),
                                  [copier.ref(kid) for kid in _kids(top)]))
        if tops:
            self.tops[-1].inner = inner

    def _collect(self, part: pikepdf.Pdf, copier: Copier, first: int) -> None:
        """The part's bookmarks and named destinations, pointed at the joined pages."""
        index = {page.objgen: first + n for n, page in enumerate(part.pages)}
        outlines = part.Root.get("/Outlines")
        if outlines is not None and "/First" in outlines:
            self.outline += _items(outlines.First, index, copier)
        names = part.Root.get("/Names")
        if names is not None and "/Dests" in names:
            for name, dest in _name_tree(names.Dests):
                self.dests.append((bytes(name), index[dest[0].objgen], b" ".join(copier.ref(v) for v in dest[1:])))

    def finish(self) -> None:
        """Write what spans parts, the folios' forms, the catalogue; then the cross-reference table."""
        w = self.writer
        w.write(self.pages, b"<< /Type /Pages /Kids [ %s ] /Count %d >>"
                % (b" ".join(b"%d 0 R" % k for k in self.kids), len(self.kids)))
        entries = b""
        if self.tagged:
            self._write_tree()
            entries += b" /StructTreeRoot %d 0 R" % self.struct_root
        if self.outline:
            entries += b" /Outlines %d 0 R" % self._write_outline()
        if self.dests:
            self.dests.sort(key=lambda dest: dest[0])  # stable: of one name's destinations, the last found is last
            named = ([*group][-1] for _, group in itertools.groupby(self.dests, key=lambda dest: dest[0]))
            flat = b" ".join(pikepdf.String(name).unparse() + b" [ %d 0 R %s ]" % (self.kids[page], rest)
                             for name, page, rest in named)
            self.dests = []
            entries += b" /Names << /Dests << /Names [ %s ] >> >>" % flat
        front = self.front_copier
        assert front is not None
        own = b"".join(b" %s %s" % (key.encode(), front.ref(value)) for key, value in self.front.Root.items()
                       if key not in SPANNING)
        w.write(self.catalog, b"<< /Type /Catalog /Pages %d 0 R%s%s >>" % (self.pages, entries, own))
        info = self.front.trailer.get("/Info")
        info_number = front.number(info.objgen) if info is not None and info.is_indirect else None
        front.drain()
        self._write_folios()
        w.finish(self.catalog, info_number)

    def _write_tree(self) -> None:
        w, front = self.writer, self.front_copier
        assert front is not None
        for top in self.tops:
            parent = self.document
            for element in top.chain():
                w.write(element.number, element.head[:-2] + b"/P %d 0 R /K [ %s ] >>" % (parent, b" ".join(element.kids)))
                parent = element.number
        tree = self.front.Root.StructTreeRoot
        document = _document(tree)
        head = front.text(Dictionary({k: v for k, v in document.items() if k not in ("/K", "/P")}))
        w.write(self.document, head[:-2] + b"/P %d 0 R /K [ %s ] >>"
                % (self.struct_root, b" ".join(b"%d 0 R" % t.number for t in self.tops)))
        root = front.text(Dictionary({k: v for k, v in tree.items()
                                      if k not in ("/K", "/ParentTree", "/ParentTreeNextKey")}))
        w.write(self.struct_root, root[:-2] + b"/K [ %d 0 R ] /ParentTree %d 0 R /ParentTreeNextKey %d >>"
                % (self.document, self.parent_tree, self.next_key))
        w.write(self.parent_tree, b"<< /Nums [ %s ] >>" % b" ".join(self.nums))

    def _write_outline(self) -> int:
        root = self.writer.reserve()
        count = self._write_items(root, self.outline)
        self.writer.write(root, b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (*count[:2], count[2]))
        return root

    def _write_items(self, parent: int, items: list[_Outline]) -> tuple[int, int, int]:
        """Write ``items`` under ``parent`` (every level open, as WeasyPrint writes them): first, last, count."""
        numbers = [self.writer.reserve() for _ in items]
        visible = len(items)
        for n, (number, item) in enumerate(zip(numbers, items)):
            links = b"" if not n else b" /Prev %d 0 R" % numbers[n - 1]
            links += b"" if n + 1 == len(items) else b" /Next %d 0 R" % numbers[n + 1]
            if item.children:
                first, last, count = self._write_items(number, item.children)
                links += b" /First %d 0 R /Last %d 0 R /Count %d" % (first, last, count)
                visible += count
            self.writer.write(number, b"<< /Title %s /Parent %d 0 R /Dest [ %d 0 R %s ]%s >>"
                              % (item.title, parent, self.kids[item.page], b" ".join(item.rest), links))
        return numbers[0], numbers[-1], visible

    def _write_folios(self) -> None:
        """The form XObject of every folio a page draws, from the folio documents (their fonts written once
        per document)."""
        firsts = sorted(self.folio_pdfs)
        for first, stop in zip(firsts, [*firsts[1:], 1 << 30]):
            wanted = {n: number for n, number in self.folios.items() if first <= n < stop}
            if not wanted:
                continue
            with _open(self.folio_pdfs[first]) as chunk:
                forms = {n: chunk.pages[n - first].as_form_xobject() for n in wanted}
                copier = Copier(self.writer, chunk, {forms[n].objgen: number for n, number in wanted.items()})
                for n, number in wanted.items():
                    copier.done.discard(forms[n].objgen)
                    copier.pending.append(forms[n].objgen)
                copier.drain()


def _outline_json(item: _Outline) -> list[Any]:
    return [text(item.title), item.page, [text(r) for r in item.rest], [_outline_json(c) for c in item.children]]


def _outline_from(data: list[Any]) -> _Outline:
    title, page, rest, children = data
    return _Outline(raw(title), int(page), [raw(r) for r in rest], [_outline_from(c) for c in children])


def _document(tree: Any) -> Any:
    """The ``/Document`` element under a structure tree root."""
    return tree.K[0] if isinstance(tree.K, Array) else tree.K


def _last_kids(element: Any, depth: int) -> list[Any]:
    """``element``'s last kid, that one's last kid, and so on, ``depth`` deep (as far as they are elements)."""
    out: list[Any] = []
    for _ in range(depth):
        kids = _kids(element)
        if not kids or not isinstance(kids[-1], Dictionary) or not kids[-1].is_indirect:
            break
        element = kids[-1]
        out.append(element)
    return out


def _held(copier: Copier, elements: list[Any]) -> _Top | None:
    """``elements`` (each the last kid of the one before), held to be written at the end with their kids."""
    if not elements:
        return None
    element, *below = elements
    return _Top(copier.number(element.objgen), str(element.get("/S")), _head(copier, element),
                [copier.ref(kid) for kid in _kids(element)], _held(copier, below))


def _head(copier: Copier, element: Any) -> bytes:
    """A structure element's dictionary without its kids and parent (written with them at the end)."""
    return copier.text(Dictionary({key: value for key, value in element.items() if key not in ("/K", "/P")}))


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _shift(obj: Any, key: str, offset: int) -> None:
    if key in obj:
        obj[key] = int(obj[key]) + offset


def _nums(node: Any) -> list[Any]:
    """A number tree's flat ``[key, value, ...]``, leaves and kids alike."""
    out = list(node.get("/Nums", []))
    for kid in node.get("/Kids", []):
        out += _nums(kid)
    return out


def _name_tree(node: Any) -> list[tuple[Any, Any]]:
    """Every (name, destination array) of a name tree, leaves and kids alike."""
    out: list[tuple[Any, Any]] = []
    if "/Names" in node:
        flat = list(node.Names)
        out += [(name, dest if isinstance(dest, Array) else dest.D) for name, dest in zip(flat[::2], flat[1::2])]
    for kid in node.get("/Kids", []):
        out += _name_tree(kid)
    return out


def _items(item: Any, index: dict[Any, int], copier: Copier) -> list[_Outline]:
    out = []
    while True:
        dest = item.get("/Dest")
        if dest is None and "/A" in item:
            dest = item.A.D
        children = _items(item.First, index, copier) if "/First" in item else []
        out.append(_Outline(item.Title.unparse(), index[dest[0].objgen], [copier.ref(v) for v in dest[1:]],
                            children))
        if "/Next" not in item:
            return out
        item = item.Next
