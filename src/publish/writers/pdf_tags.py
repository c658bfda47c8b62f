"""Tagged PDF (PDF/UA): what WeasyPrint's tagger leaves out, added while it builds the structure tree.

WeasyPrint 70 tags a document when a ``pdf/ua-*`` or ``pdf/a-*a`` variant is asked for, but (1) it tags running
heads and folios as content (WeasyPrint #1836: it maps their marked content to structure elements it never links
into the tree), (2) it writes no ``/Lang`` below the catalogue, (3) footnotes are plain list items, (4) link
annotations lack the Print flag and their ``/Contents`` is the anchor name. We mend (2)-(4) by wrapping its
``_build_box_tree`` (the one place that sees both the HTML element and the PDF structure element), and (1) in a
``write_pdf`` finisher that turns every marked-content sequence whose structure element is unreachable from the
root into an ``/Artifact``. Both work on pydyf objects before serialisation, so tagging costs no second pass over
the file (no pikepdf re-read and re-write).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .pdf_fragments import join_fragments, remember, resolve
from .pdf_paint_order import paint_labels_first

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NOTE_ROLES = frozenset({"doc-endnote", "doc-footnote", "note"})
DECORATIVE = "/Figure"
"""Structure type we give the orphan element of an image without alt text, so the finisher knows its kind."""
PRINT_FLAG = 4
HOLLOW = frozenset({"/Caption", "/P", "/Span", "/Div", "/NonStruct", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"})
"""Structure types that carry nothing when empty (table cells stay: they keep the grid regular)."""
_REF = re.compile(rb"^(\d+) \d+ R$")


def install_tag_hooks() -> None:
    """Wrap WeasyPrint's structure-tree builder once per process (idempotent)."""
    from weasyprint.pdf import tags

    if getattr(tags._build_box_tree, "_publish_hook", False):
        return
    original = tags._build_box_tree

    def build_box_tree(box: Any, parent: Any, pdf: Any, page_number: int, nums: dict[int, bytes],
                       annotations: list[Any], marks: dict[Any, Any]) -> Iterator[Any]:
        if _is_image_without_alt(box):
            _orphan_image(box, pdf, nums, marks)
            return
        for element in original(box, parent, pdf, page_number, nums, annotations, marks):
            if element.get("S") in HOLLOW and not element["K"]:
                continue  # an empty figcaption would be an empty /Caption, which readers announce as nothing
            if getattr(box, "element", None) is not None and box.element_tag not in ("html", "body"):
                # html and body pass their children's elements up: those were remembered as their own boxes',
                # and keying them to html would fold every page's top element into one.
                remember(pdf, element, (id(box.element), type(box).__name__, box.element_tag))
            yield _mend_element(box, element, pdf, nums)

    build_box_tree._publish_hook = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_box_tree


def _is_image_without_alt(box: Any) -> bool:
    element = getattr(box, "element", None)
    return (element is not None and getattr(box, "element_tag", None) == "img"
            and not (element.get("alt") or "").strip())


def _orphan_image(box: Any, pdf: Any, nums: dict[int, bytes], marks: dict[Any, Any]) -> None:
    """An image with no alt text is decoration (the reader warned about it): map it to an unlinked element."""
    import pydyf

    mark = marks.pop(box, None)
    if mark is None:
        return
    orphan = pydyf.Dictionary({"Type": "/StructElem", "S": DECORATIVE, "K": pydyf.Array([mark["mcid"]])})
    pdf.add_object(orphan)
    nums[mark["mcid"]] = orphan.reference


def _mend_element(box: Any, element: Any, pdf: Any, nums: dict[int, bytes]) -> Any:
    """Language, notes and link annotations for the structure element WeasyPrint made for ``box``; returns the
    element to link into the tree (a note in a list item comes wrapped in the ``/LBody`` it needs)."""
    import pydyf

    html = getattr(box, "element", None)
    tag = getattr(box, "element_tag", None) or ""
    if html is None or tag in ("html", "body"):
        return element
    annotation = getattr(box, "link_annotation", None)
    if annotation is not None:
        annotation["F"] = PRINT_FLAG
        text = html.get("aria-label") or " ".join("".join(html.itertext()).split()) or html.get("href", "")
        annotation["Contents"] = pydyf.String(text)
    if "::" in tag:
        return element  # pseudo-elements (markers, ::after) share their element's attributes: mend it once
    lang = html.get("lang") or html.get(XML_LANG)
    if lang and element.get("S") != "/LI":
        element["Lang"] = pydyf.String(lang)
    if element.get("S") == "/TH" and isinstance(element.get("A"), dict):
        scope = {"row": "/Row", "col": "/Column", "both": "/Both"}.get(html.get("scope", ""), "/Column")
        element["A"]["Scope"] = scope  # WeasyPrint links data cells to headers by ID; Scope says it to all checkers
    if html.get("role") in NOTE_ROLES:
        return _wrap_in_note(element, html, pdf, nums)
    return element


def _wrap_in_note(element: Any, html: Any, pdf: Any, nums: dict[int, bytes]) -> Any:
    """Footnotes are list items in HTML; PDF/UA wants their content in a ``/Note`` with a unique ID:
    ``LI > [Lbl, LBody > Note > content]`` for a list item, ``Note`` in place for anything else. The new
    elements are remembered under the note's HTML element, so a note's page fragments join into one."""
    import pydyf

    note_id = html.get("id") or "note"
    if element.get("S") not in ("/LI", "/LBody"):
        element["S"] = "/Note"
        element["ID"] = _unique_id(pdf, note_id)
        parent = resolve(pdf, element.get("P"))
        if parent is None or parent.get("S") != "/LI":
            return element
        body = _new_element(pdf, "/LBody", parent, [element.reference])
        remember(pdf, body, (id(html), "LBody"))
        element["P"] = body.reference
        return body
    kids = [(kid, resolve(pdf, kid)) for kid in element["K"]]
    labels = [ref for ref, kid in kids if kid is not None and kid.get("S") == "/Lbl"]
    content = [ref for ref, kid in kids if ref not in labels]
    body = element
    if element.get("S") == "/LI":
        bodies = [kid for _, kid in kids if kid is not None and kid.get("S") == "/LBody"]
        if len(bodies) == 1 and len(content) == 1:
            body, content = bodies[0], list(bodies[0]["K"])
        else:
            body = _new_element(pdf, "/LBody", element, [])
            remember(pdf, body, (id(html), "LBody"))
            element["K"] = pydyf.Array([*labels, body.reference])
    note = _new_element(pdf, "/Note", body, content)
    note["ID"] = _unique_id(pdf, note_id)
    remember(pdf, note, (id(html), "Note"))
    _adopt(pdf, nums, note, content)
    body["K"] = pydyf.Array([note.reference])
    return element


def _adopt(pdf: Any, nums: dict[int, bytes], parent: Any, kids: list[Any]) -> None:
    """Point ``kids`` (structure elements and MCIDs) back at their new ``parent``."""
    for kid in kids:
        if isinstance(kid, int):
            nums[kid] = parent.reference
        elif (child := resolve(pdf, kid)) is not None and child.get("Type") == "/StructElem":
            child["P"] = parent.reference


def _new_element(pdf: Any, kind: str, parent: Any, kids: list[Any]) -> Any:
    import pydyf

    element = pydyf.Dictionary({"Type": "/StructElem", "S": kind, "K": pydyf.Array(kids), "P": parent.reference})
    if "Pg" in parent:
        element["Pg"] = parent["Pg"]
    pdf.add_object(element)
    return element


def _unique_id(pdf: Any, wanted: str) -> Any:
    """PDF/UA needs each Note's ID unique in the file; a note split over two pages gets ``-2``."""
    import pydyf

    used: set[str] = pdf.__dict__.setdefault("_publish_ids", set())
    candidate, n = wanted, 1
    while candidate in used:
        n += 1
        candidate = f"{wanted}-{n}"
    used.add(candidate)
    return pydyf.String(candidate)


def artifact_finisher(document: Any, pdf: Any) -> None:
    """``write_pdf`` finisher: page fragments of one element joined, and content mapped to unreachable structure
    elements (margin boxes, images without alt, repeated table headers) made an artifact."""
    import pydyf

    root = resolve(pdf, pdf.catalog.get("StructTreeRoot"))
    if root is None:
        return
    join_fragments(pdf, root)
    paint_labels_first(pdf, root)
    reachable = _reachable(pdf, root)
    nums = resolve(pdf, root["ParentTree"])["Nums"]
    pages = [resolve(pdf, ref) for ref in pdf.page_references]
    for index in range(0, 2 * len(pages), 2):
        page_number, mapping = nums[index], nums[index + 1]
        kinds: dict[int, str] = {}
        for mcid, ref in enumerate(mapping):
            match = _REF.match(ref) if isinstance(ref, bytes) else None
            if match and int(match.group(1)) not in reachable:
                orphan = pdf.objects[int(match.group(1))]
                kinds[mcid] = "/Layout" if orphan.get("S") == DECORATIVE else "/Pagination"
                mapping[mcid] = b"null"
        if kinds:
            stream = resolve(pdf, pages[page_number]["Contents"])
            _mark_artifacts(stream.stream, kinds, pydyf)


def _reachable(pdf: Any, root: Any) -> set[int]:
    """Object numbers of every structure element linked into the tree."""
    seen: set[int] = set()
    stack = list(root["K"])
    while stack:
        ref = stack.pop()
        match = _REF.match(ref) if isinstance(ref, bytes) else None
        if not match or int(match.group(1)) in seen:
            continue
        seen.add(int(match.group(1)))
        element = pdf.objects[int(match.group(1))]
        kids = element.get("K") if isinstance(element, dict) else None
        if isinstance(kids, list):
            stack.extend(kids)
    return seen


def _mark_artifacts(operations: list[Any], kinds: dict[int, str], pydyf: Any) -> None:
    """Rewrite ``/Tag <</MCID n>> BDC`` as ``/Artifact <</Type /Pagination>> BDC`` for the given MCIDs."""
    for i, item in enumerate(operations):
        if isinstance(item, dict) and item.get("MCID") in kinds and i + 1 < len(operations) \
                and operations[i + 1] == b"BDC":
            kind = kinds[item["MCID"]]
            operations[i - 1] = "/Artifact"
            operations[i] = pydyf.Dictionary({"Type": kind})
