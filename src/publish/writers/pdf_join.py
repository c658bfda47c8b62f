"""Joining separately rendered parts of the print PDF into the one file a single pass would write (pikepdf).

The first part (the front matter) is the base: its catalogue keeps the metadata, language, viewer preferences,
mark info and output intent WeasyPrint wrote for the whole book. Each further part brings:

- its pages, after a blank left-hand page when the part before ended on a right-hand one (WeasyPrint's own
  ``break-before: right`` blank: no content, no running head, no folio);
- its structure elements, moved under the base's body element in order; its parent-tree entries (the page
  ``/StructParents`` and annotation ``/StructParent`` keys) shifted past the ones already taken;
- its named destinations (links between parts, such as the contents', resolve by name) and its bookmarks,
  pointed at the joined pages.

The folios come last: page ``n`` of a part that carries folios gets page ``n`` of a folio document
(pdf_parts.folio_part) drawn over it as a form XObject, marked as a pagination artifact.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

FOLIO = "/PublishFolio"
ARTIFACT = b"Q q /Artifact <</Type /Pagination>> BDC /%s Do EMC Q\n"
"""Drawn after the page's own content, which is wrapped in ``q`` .. ``Q`` first: it leaves its flipped matrix set."""


@dataclass(frozen=True)
class Piece:
    """One rendered part, and whether its pages carry folios (the front matter's do not)."""

    pdf: bytes
    folios: bool = True
    continues: bool = False
    """Its top structure element is the one the part before ended in (the articles' shared ``div.body``)."""


def join(pieces: Sequence[Piece], folio_pdfs: dict[int, bytes], even: bool = False) -> bytes:
    """The parts in order as one PDF. ``folio_pdfs``: first number -> folio document; ``even`` pads the page
    count to even (print-on-demand)."""
    base = pikepdf.open(io.BytesIO(pieces[0].pdf))
    joiner = _Joiner(base)
    joiner.adopt_own(pieces[0].folios)
    for piece in pieces[1:]:
        joiner.append(pikepdf.open(io.BytesIO(piece.pdf)), piece.folios, piece.continues)
    if even and len(base.pages) % 2:
        joiner.blank()
    joiner.finish(folio_pdfs)
    out = io.BytesIO()
    base.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
              compress_streams=True)
    return out.getvalue()


class _Joiner:
    def __init__(self, base: pikepdf.Pdf) -> None:
        self.pdf = base
        self.sources: list[pikepdf.Pdf] = []
        """Parts stay open until the save: pikepdf copies their streams' data then. (Taking the data earlier and
        closing each part was measured: it frees nothing, the joined file's own objects are what weigh.)"""
        self.folio_pages: list[bool] = []
        self.outline: list[tuple[str, int, list[Any], list[Any]]] = []
        self.dests: dict[bytes, Any] = {}
        root = base.Root.get("/StructTreeRoot")
        self.tree = root
        self.document = _document(root) if root is not None else None
        self.nums: list[Any] = list(root.ParentTree.Nums) if root is not None else []
        self.next_key = _next_key(self.nums)

    def adopt_own(self, folios: bool) -> None:
        """The base part's own pages, bookmarks and destinations."""
        self.folio_pages += [folios] * len(self.pdf.pages)
        self._collect(self.pdf, 0, lambda obj: obj)

    def blank(self) -> None:
        """A page with nothing on it, the size and boxes of the last left-hand page (and, as WeasyPrint's pages
        do, the resources its neighbours share)."""
        model = self.pdf.pages[len(self.pdf.pages) - 2 if len(self.pdf.pages) > 1 else 0]
        page = Dictionary(Type=Name.Page, Resources=model.obj.get("/Resources", Dictionary()),
                          Contents=self.pdf.make_stream(b""))
        for box in ("/MediaBox", "/TrimBox", "/BleedBox", "/CropBox", "/ArtBox"):
            if box in model.obj:
                page[box] = Array(list(model.obj[box]))
        self.pdf.pages.append(pikepdf.Page(page))
        self.folio_pages.append(False)

    def append(self, part: pikepdf.Pdf, folios: bool, continues: bool) -> None:
        self.sources.append(part)
        if len(self.pdf.pages) % 2:  # parts start on a right-hand page: an odd count ends on one
            self.blank()
        first = len(self.pdf.pages)
        offset = self.next_key
        for page in part.pages:
            self.pdf.pages.append(page)
        for page in list(self.pdf.pages)[first:]:
            _shift(page.obj, "/StructParents", offset)
            for annot in page.obj.get("/Annots", []):
                _shift(annot, "/StructParent", offset)
        self.folio_pages += [folios] * len(part.pages)
        tree = part.Root.get("/StructTreeRoot")
        if tree is not None and self.document is not None:
            self._adopt_tree(tree, offset, continues)
        self._collect(part, first, self.pdf.copy_foreign)

    def _adopt_tree(self, tree: Any, offset: int, continues: bool) -> None:
        """The part's parent-tree entries, shifted; its top elements after the joined document's, or, when the
        part continues the last one's element, that element's content appended to it (as a single pass's
        fragments of one element are joined: pdf_fragments)."""
        nums = list(tree.ParentTree.Nums)
        for key, value in zip(nums[::2], nums[1::2]):
            self.nums += [int(key) + offset, self._copy(value)]
        self.next_key = max(self.next_key, offset + _next_key(nums))
        tops = [self.pdf.copy_foreign(kid) for kid in _kids(_document(tree))]
        last = _kids(self.document)[-1] if _kids(self.document) else None
        if continues and len(tops) == 1 and last is not None and last.get("/S") == tops[0].get("/S"):
            for kid in _kids(tops[0]):
                if isinstance(kid, Dictionary) and kid.get("/Type") == Name.StructElem:
                    kid.P = last
                last.K.append(kid)
            return
        document = self.document
        assert document is not None
        for top in tops:
            top.P = document
            document.K.append(top)

    def _copy(self, value: Any) -> Any:
        """A parent-tree value (one element, or an array of one per marked-content id) in the joined file."""
        if isinstance(value, Array) and not value.is_indirect:
            return Array([self.pdf.copy_foreign(item) if isinstance(item, Dictionary) else item for item in value])
        return self.pdf.copy_foreign(value)

    def _collect(self, part: pikepdf.Pdf, first: int, copy: Any) -> None:
        """The part's bookmarks (title, joined page index, destination rest, children) and named destinations."""
        index = {page.objgen: n for n, page in enumerate(part.pages)}
        outlines = part.Root.get("/Outlines")
        if outlines is not None and "/First" in outlines:
            self.outline += _items(outlines.First, index, first)
        names = part.Root.get("/Names")
        if names is not None and "/Dests" in names:
            for name, dest in _name_tree(names.Dests):
                target = first + index[dest[0].objgen]
                self.dests[bytes(name)] = (target, [copy(v) if isinstance(v, Dictionary) else v for v in dest[1:]])

    def finish(self, folio_pdfs: dict[int, bytes]) -> None:
        pages = list(self.pdf.pages)
        if self.tree is not None:
            self.tree.ParentTree = Dictionary(Nums=Array(self.nums))
            self.tree.ParentTreeNextKey = self.next_key
        if self.dests:
            flat: list[Any] = []
            for name in sorted(self.dests):
                target, rest = self.dests[name]
                flat += [pikepdf.String(name), Array([pages[target].obj, *rest])]
            self.pdf.Root.Names = Dictionary(Dests=Dictionary(Names=Array(flat)))
        self._write_outline(pages)
        self._overlay_folios(pages, folio_pdfs)

    def _write_outline(self, pages: list[pikepdf.Page]) -> None:
        if not self.outline:
            return
        self.pdf.Root.Outlines = Dictionary(Type=Name.Outlines)
        _link_items(self.pdf, self.pdf.Root.Outlines, self.outline, pages)

    def _overlay_folios(self, pages: list[pikepdf.Page], folio_pdfs: dict[int, bytes]) -> None:
        """Page ``n`` of a part with folios gets page ``n`` of the folio document that holds number ``n``."""
        firsts = sorted(folio_pdfs)
        for first, stop in zip(firsts, [*firsts[1:], len(pages) + 1]):
            chunk = pikepdf.open(io.BytesIO(folio_pdfs[first]))
            self.sources.append(chunk)
            for n in range(first, min(stop, len(pages) + 1)):
                if self.folio_pages[n - 1]:
                    self._overlay(pages[n - 1], chunk.pages[n - first])

    def _overlay(self, page: pikepdf.Page, folio: pikepdf.Page) -> None:
        _own_resources(page).XObject[FOLIO] = self.pdf.copy_foreign(folio.as_form_xobject())
        page.contents_add(self.pdf.make_stream(b"q\n"), prepend=True)
        page.contents_add(self.pdf.make_stream(ARTIFACT % FOLIO[1:].encode()), prepend=False)
        page.contents_coalesce()  # one content stream per page, as WeasyPrint writes it


def _own_resources(page: pikepdf.Page) -> Any:
    """The page's resources as a dictionary of its own (a part's pages share one), with its own XObject map;
    fonts and the rest stay shared by reference."""
    shared = page.obj.get("/Resources", Dictionary())
    own = Dictionary({key: value for key, value in shared.items()})
    own.XObject = Dictionary({key: value for key, value in shared.get("/XObject", Dictionary()).items()})
    page.obj.Resources = own
    return own


def _document(tree: Any) -> Any:
    """The ``/Document`` element under a structure tree root."""
    return tree.K[0] if isinstance(tree.K, Array) else tree.K


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    if not isinstance(kids, Array):
        element.K = Array([kids])
    return list(element.K)


def _next_key(nums: Sequence[Any]) -> int:
    return max((int(k) for k in nums[::2]), default=-1) + 1


def _shift(obj: Any, key: str, offset: int) -> None:
    if key in obj:
        obj[key] = int(obj[key]) + offset


def _name_tree(node: Any) -> list[tuple[Any, Any]]:
    """Every (name, destination array) of a name tree, leaves and kids alike."""
    out: list[tuple[Any, Any]] = []
    if "/Names" in node:
        flat = list(node.Names)
        out += [(name, dest if isinstance(dest, Array) else dest.D) for name, dest in zip(flat[::2], flat[1::2])]
    for kid in node.get("/Kids", []):
        out += _name_tree(kid)
    return out


def _items(item: Any, index: dict[Any, int], first: int) -> list[tuple[str, int, list[Any], list[Any]]]:
    out = []
    while True:
        dest = item.get("/Dest")
        if dest is None and "/A" in item:
            dest = item.A.D
        children = _items(item.First, index, first) if "/First" in item else []
        out.append((str(item.Title), first + index[dest[0].objgen], list(dest[1:]), children))
        if "/Next" not in item:
            return out
        item = item.Next


def _link_items(pdf: pikepdf.Pdf, parent: Any, items: list[tuple[str, int, list[Any], list[Any]]],
                pages: list[pikepdf.Page]) -> int:
    """Write ``items`` as ``parent``'s children (every level open, as WeasyPrint writes them); returns how many
    items are visible under ``parent``."""
    made = []
    for title, page, rest, _ in items:
        made.append(pdf.make_indirect(Dictionary(Title=pikepdf.String(title), Parent=parent,
                                                 Dest=Array([pages[page].obj, *rest]))))
    visible = len(made)
    for n, (node, item) in enumerate(zip(made, items)):
        if n:
            node.Prev = made[n - 1]
        if n + 1 < len(made):
            node.Next = made[n + 1]
        if item[3]:
            count = _link_items(pdf, node, item[3], pages)
            node.Count = count
            visible += count
    parent.First, parent.Last, parent.Count = made[0], made[-1], visible
    return visible
