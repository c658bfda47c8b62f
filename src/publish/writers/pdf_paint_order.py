"""List numbers painted where they are read: WeasyPrint paints an outside list marker (a footnote's number, a
bullet) after its item's text, like any positioned box, so a reader that follows the page's paint order (and
outloud's ORD-001) meets "The market is three hours away… 1". In the finisher we move each marker's
self-contained drawing (``q … /Span <</MCID n>> BDC … EMC … Q``) to just before the content that follows it in
the structure tree, and only when nothing between the two places changes the coordinate system.
"""

from __future__ import annotations

from typing import Any

from .pdf_fragments import resolve


def paint_labels_first(pdf: Any, root: Any) -> None:
    """Reorder each page's content stream so every ``/Lbl`` is painted before what it labels."""
    pages = {ref: i for i, ref in enumerate(pdf.page_references)}
    order: dict[int, list[tuple[int, bool]]] = {}
    _tree_order(pdf, root, None, False, pages, order)
    for page_index, sequence in order.items():
        labels = [(mcid, sequence[i + 1][0]) for i, (mcid, is_label) in enumerate(sequence[:-1]) if is_label]
        if labels:
            page = resolve(pdf, pdf.page_references[page_index])
            stream = resolve(pdf, page["Contents"])
            for label, successor in labels:
                stream.stream[:] = _moved_before(stream.stream, label, successor)


def _tree_order(pdf: Any, node: Any, page: int | None, in_label: bool, pages: dict[bytes, int],
                order: dict[int, list[tuple[int, bool]]]) -> None:
    """(MCID, inside a label) per page, in structure-tree order."""
    if isinstance(node, int):
        if page is not None:
            order.setdefault(page, []).append((node, in_label))
        return
    element = resolve(pdf, node) if isinstance(node, bytes) else node
    if isinstance(node, list):
        for kid in node:
            _tree_order(pdf, kid, page, in_label, pages, order)
        return
    if not isinstance(element, dict):
        return
    page_ref: Any = element.get("Pg")
    if page_ref is not None:
        page = pages.get(page_ref, page)
    if element.get("Type") == "/MCR":
        _tree_order(pdf, element.get("MCID"), page, in_label, pages, order)
    elif "K" in element and element.get("Type") != "/OBJR":
        _tree_order(pdf, element["K"], page, in_label or element.get("S") == "/Lbl", pages, order)


def _opening(ops: list[Any], mcid: int) -> int | None:
    """Index of the tag operand that opens MCID ``mcid`` (``/Span``, then ``<</MCID n>>``, then ``BDC``)."""
    for i in range(1, len(ops) - 1):
        if isinstance(ops[i], dict) and ops[i].get("MCID") == mcid and ops[i + 1] == b"BDC":
            return i - 1
    return None


def _moved_before(ops: list[Any], label: int, successor: int) -> list[Any]:
    """``ops`` with the label's drawing moved before the successor's, or unchanged when that is not safe."""
    start, target = _opening(ops, label), _opening(ops, successor)
    if start is None or target is None or start < target:
        return ops
    end = _closing(ops, start)
    wrap = 0
    while start - wrap - 1 > target and ops[start - wrap - 1] == b"q" and end + wrap + 1 < len(ops) \
            and ops[end + wrap + 1] == b"Q":
        wrap += 1
    start, end = start - wrap, end + wrap
    if wrap == 0 or not _same_coordinates(ops[target:start]):
        return ops  # an unwrapped marker would leak its colour; a cm in between would move it
    return [*ops[:target], *ops[start:end + 1], *ops[target:start], *ops[end + 1:]]


def _closing(ops: list[Any], start: int) -> int:
    """Index of the ``EMC`` that closes the marked content opened at ``start``."""
    depth = 0
    for i in range(start, len(ops)):
        if ops[i] in (b"BDC", b"BMC"):
            depth += 1
        elif ops[i] == b"EMC":
            depth -= 1
            if depth == 0:
                return i
    return len(ops) - 1


def _same_coordinates(between: list[Any]) -> bool:
    """True when the operators between two places leave the transformation matrix as it was."""
    depth = 0
    for op in between:
        if op == b"q":
            depth += 1
        elif op == b"Q":
            depth -= 1
            if depth < 0:
                return False
        elif depth == 0 and isinstance(op, bytes) and op.endswith(b" cm"):
            return False
    return depth == 0
