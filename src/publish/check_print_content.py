"""The preflight's walk through content streams: the size each run of text is set at, the resolution each image
is printed at, and the colours used, with the transformation matrix tracked through ``q``/``Q``/``cm``."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
RGB_OPERATORS = frozenset({"rg", "RG"})
TEXT_SHOWING = frozenset({"Tj", "TJ", "'", '"'})


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m × n`` (PDF matrices: a point is transformed by m first, then n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def scale(m: Matrix) -> float:
    """The linear scale of a matrix (square root of its determinant's magnitude)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


@dataclass
class PageReport:
    """What one page's content draws."""

    smallest_pt: float = math.inf
    image_dpi: list[tuple[str, float]] = field(default_factory=list)
    rgb: list[str] = field(default_factory=list)


def walk_page(page: Any) -> PageReport:
    """Walk a page's content (and the forms it draws) and report sizes, resolutions and RGB use."""
    report = PageReport()
    _walk(page.obj, page.obj.get("/Resources") or {}, IDENTITY, report, set())
    return report


def _walk(owner: Any, resources: Any, ctm: Matrix, report: PageReport, seen: set[tuple[int, int]]) -> None:
    import pikepdf

    stack: list[Matrix] = []
    tm: Matrix = IDENTITY
    size = 0.0
    for instruction in pikepdf.parse_content_stream(owner):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        operands, op = instruction.operands, str(instruction.operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q" and stack:
            ctm = stack.pop()
        elif op == "cm":
            ctm = multiply(_matrix(operands), ctm)
        elif op == "BT":
            tm = IDENTITY
        elif op == "Tm":
            tm = _matrix(operands)
        elif op == "Tf":
            size = float(operands[1])
        elif op in TEXT_SHOWING and size:
            report.smallest_pt = min(report.smallest_pt, size * scale(multiply(tm, ctm)))
        elif op in RGB_OPERATORS:
            report.rgb.append(f"{op} colour")
        elif op in ("cs", "CS"):
            if _is_rgb_space(resources, operands[0]):
                report.rgb.append(f"{operands[0]} colour space")
        elif op == "Do":
            _draw(resources, operands[0], ctm, report, seen)


def _draw(resources: Any, name: Any, ctm: Matrix, report: PageReport, seen: set[tuple[int, int]]) -> None:
    xobject = (resources.get("/XObject") or {}).get(str(name))
    if xobject is None:
        return
    if str(xobject.get("/Subtype")) == "/Image":
        width_in = math.hypot(ctm[0], ctm[1]) / 72
        height_in = math.hypot(ctm[2], ctm[3]) / 72
        if width_in and height_in:
            dpi = min(int(xobject.Width) / width_in, int(xobject.Height) / height_in)
            report.image_dpi.append((str(name), dpi))
        if _is_rgb_space(resources, xobject.get("/ColorSpace")):
            report.rgb.append(f"image {name}")
    elif str(xobject.get("/Subtype")) == "/Form" and xobject.objgen not in seen:
        seen.add(xobject.objgen)
        matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
        _walk(xobject, xobject.get("/Resources") or resources, multiply(matrix, ctm), report, seen)  # type: ignore[arg-type]


def _matrix(operands: Any) -> Matrix:
    a, b, c, d, e, f = (float(v) for v in operands)
    return (a, b, c, d, e, f)


def _is_rgb_space(resources: Any, space: Any) -> bool:
    """DeviceRGB, or an ICC-based space of three components (named in the resources or given inline)."""
    import pikepdf

    if space is None:
        return False
    if isinstance(space, pikepdf.Name) and str(space) not in ("/DeviceRGB", "/DeviceCMYK", "/DeviceGray", "/Pattern"):
        space = (resources.get("/ColorSpace") or {}).get(str(space), space)
    if isinstance(space, pikepdf.Name):
        return str(space) == "/DeviceRGB"
    if isinstance(space, pikepdf.Array) and len(space) > 1 and str(space[0]) == "/ICCBased":
        return int(space[1].get("/N", 0)) == 3
    return False


def pages_by_report(pdf: Any) -> Iterator[tuple[int, PageReport]]:
    """(page number, report) for every page."""
    for number, page in enumerate(pdf.pages, 1):
        yield number, walk_page(page)
