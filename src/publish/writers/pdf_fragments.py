"""One structure element per HTML element: WeasyPrint builds the structure tree page by page, so a paragraph that
breaks over a page (or a bilingual pair row, or a whole article) becomes one element per page. A screen reader
then reads the English half of a pair on page 12, the Spanish half on page 12, then the English rest on page 13:
out of order. We record which HTML box each structure element came from while WeasyPrint tags, and in the
finisher join adjacent fragments of the same box, top down, so each element holds its whole content in order.

The bilingual edition's facing pages (render/facing.py) put a group of paragraphs on the left-hand page and their
translations on the right: the HTML, and so WeasyPrint's tree, holds the group's originals, then its translations.
``pair_spreads`` regroups each spread into pairs, so a screen reader reads a paragraph, then its translation.
"""

from __future__ import annotations

import re
from typing import Any

_REF = re.compile(rb"^(\d+) \d+ R$")
REPEATED = frozenset({"/THead", "/TFoot"})
"""Table header and footer rows WeasyPrint repeats on each page: kept once, the repeats become artifacts."""


def remember(pdf: Any, element: Any, key: tuple[object, ...]) -> None:
    """Note that ``element`` is a fragment of the box identified by ``key`` (HTML element, box kind)."""
    pdf.__dict__.setdefault("_publish_keys", {})[element.number] = key


def join_fragments(pdf: Any, root: Any) -> None:
    """Merge adjacent fragments of one box, top down; fix the parent tree to point at the merged elements."""
    keys: dict[int, tuple[object, ...]] = pdf.__dict__.get("_publish_keys", {})
    if not keys:
        return
    moved: dict[bytes, bytes] = {}
    _rewrite_tree(pdf, root, lambda element, kids: _joined(pdf, element, kids, keys, moved))
    if moved:
        _repoint_parent_tree(pdf, root, moved)
    pair_spreads(pdf, root)


def pair_spreads(pdf: Any, root: Any) -> None:
    """``Div[Div(en)[a1, a2], Div(es)[b1, b2]]`` -> ``Div[Div(en)[a1], Div(es)[b1], Div(en)[a2], Div(es)[b2]]``.

    Only a Div whose kids are exactly two language Divs (different ``/Lang``) holding the same number of
    structure elements and no marked content of their own is regrouped: that is a spread (a side-by-side row
    holds one block a side, and is left as it is). Anything else, e.g. a side whose empty block was dropped,
    keeps WeasyPrint's order."""
    def step(element: Any, kids: list[Any]) -> Any:
        sides = [resolve(pdf, k) for k in kids]
        return _paired(pdf, element, sides) if element.get("S") == "/Div" and _is_spread(pdf, sides) else None

    _rewrite_tree(pdf, root, step)


def _rewrite_tree(pdf: Any, root: Any, step: Any) -> None:
    """Top down over the structure elements: ``step(element, kids)`` may return new kids, which are then
    walked in their turn."""
    stack = [root]
    while stack:
        element = stack.pop()
        kids = element.get("K")
        if not isinstance(kids, list):
            continue
        new = step(element, kids)
        if new is not None:
            element["K"] = kids = new
        stack.extend(kid for kid in map(lambda k: resolve(pdf, k), kids)
                     if kid is not None and kid.get("Type") == "/StructElem")


def _is_spread(pdf: Any, sides: list[Any]) -> bool:
    if len(sides) != 2 or any(s is None or s.get("S") != "/Div" or "Lang" not in s for s in sides):
        return False
    if sides[0]["Lang"] == sides[1]["Lang"] or not all(isinstance(s.get("K"), list) for s in sides):
        return False
    blocks = [[resolve(pdf, k) for k in side["K"]] for side in sides]
    return len(blocks[0]) == len(blocks[1]) > 1 and all(
        b is not None and b.get("Type") == "/StructElem" for side in blocks for b in side)


def _paired(pdf: Any, spread: Any, sides: list[Any]) -> Any:
    """The spread's new kids: one language Div per block, the two languages alternating."""
    import pydyf

    out = pydyf.Array()
    for refs in zip(sides[0]["K"], sides[1]["K"]):
        for side, ref in zip(sides, refs):
            block = resolve(pdf, ref)
            column = pydyf.Dictionary({"Type": "/StructElem", "S": "/Div", "Lang": side["Lang"],
                                       "P": spread.reference, "K": pydyf.Array([ref])})
            if "Pg" in block:
                column["Pg"] = block["Pg"]
            pdf.add_object(column)
            block["P"] = column.reference
            out.append(column.reference)
    return out


def _joined(pdf: Any, parent: Any, kids: list[Any], keys: dict[int, tuple[object, ...]],
            moved: dict[bytes, bytes]) -> Any:
    """``kids`` with each box's fragments folded into its first one. Fragments need not be adjacent: a table row
    broken over a page holds [cell 1, cell 2] on one page and [cell 1 (rest), cell 2 (rest)] on the next."""
    import pydyf

    out = pydyf.Array()
    first_of: dict[tuple[object, ...], Any] = {}
    for ref in kids:
        kid = resolve(pdf, ref)
        key = keys.get(kid.number) if kid is not None else None
        if key is not None and key in first_of:
            _absorb(pdf, first_of[key], kid, keys)
            moved[kid.reference] = first_of[key].reference
            continue
        if key is not None:
            first_of[key] = kid
        out.append(ref)
    return out


def _absorb(pdf: Any, first: Any, fragment: Any, keys: dict[int, tuple[object, ...]]) -> None:
    """Move ``fragment``'s content into ``first``; MCIDs become marked-content references to their own page."""
    import pydyf

    first_page, page = first.get("Pg"), fragment.get("Pg")
    if page != first_page and isinstance(first["K"], list):
        first["K"] = pydyf.Array(_with_page(k, first_page) for k in first["K"])
    held = {keys.get(kid.number) for kid in map(lambda k: resolve(pdf, k), first["K"]) if kid is not None}
    for ref in fragment["K"]:
        kid = resolve(pdf, ref)
        if kid is not None and kid.get("S") in REPEATED and keys.get(kid.number) in held:
            continue  # a repeated table header: left unlinked, so the artifact pass marks it
        if kid is not None and kid.get("Type") == "/StructElem":
            kid["P"] = first.reference
        first["K"].append(ref if page == first_page else _with_page(ref, page))


def _with_page(kid: Any, page: Any) -> Any:
    """An MCID in an element that now spans pages must name its page: ``<</Type /MCR /Pg .. /MCID n>>``."""
    import pydyf

    if isinstance(kid, int) and page is not None:
        return pydyf.Dictionary({"Type": "/MCR", "Pg": page, "MCID": kid})
    return kid


def _repoint_parent_tree(pdf: Any, root: Any, moved: dict[bytes, bytes]) -> None:
    """Marked content and annotations of a folded fragment now belong to the element it was folded into."""
    def final(ref: Any) -> Any:
        while isinstance(ref, bytes) and ref in moved:
            ref = moved[ref]
        return ref

    nums = resolve(pdf, root["ParentTree"])["Nums"]
    for i in range(1, len(nums), 2):
        if isinstance(nums[i], list):
            nums[i][:] = [final(ref) for ref in nums[i]]
        else:
            nums[i] = final(nums[i])


def resolve(pdf: Any, ref: object) -> Any:
    """The pydyf object behind an indirect reference (``b'12 0 R'``), or None for MCIDs and direct objects."""
    if isinstance(ref, bytes) and (match := _REF.match(ref)):
        return pdf.objects[int(match.group(1))]
    return None
