"""Running heads and feet of a copied PDF: a line carrying a page number that comes back page after page.

Text copied out of a PDF keeps each page's running head ('ANNUAL REVIEW 2022        3') and folio
between paragraphs. Such a line is known by repetition, not by its words: the same text with only its
number changed, at least twice in the dump, with the number at one end of the line. One such line
alone is left where it is (it may be body text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_NUMBER = re.compile(r"\d+")
# The page number sits at an end of the line, often pushed there by a run of spaces or a separator.
_FOLIO_AT_END = re.compile(r"^(?:(?:page|p\.|página|pág\.|seite)\s*)?\d{1,4}(?:\s*(?:/|of|de|sur)\s*\d{1,4})?\s{2,}\S|"
                           r"\S\s{2,}(?:(?:page|p\.|página|pág\.|seite)\s*)?\d{1,4}(?:\s*(?:/|of|de|sur)\s*\d{1,4})?$|"
                           r"^(?:(?:page|p\.|página|pág\.|seite)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?$", re.IGNORECASE)
_MAX_LENGTH = 120
_MIN_REPEATS = 2


def _shape(line: str) -> str | None:
    """The line with its numbers blanked, if it can be a running head or folio."""
    text = line.strip()
    if not text or len(text) > _MAX_LENGTH or not _FOLIO_AT_END.search(text):
        return None
    return " ".join(_NUMBER.sub("#", text).split()).casefold()


def running_heads(lines: Iterable[tuple[int, str]]) -> set[int]:
    """Line numbers of the running heads and folios in ``lines``: each shape seen at least twice, with
    a different page number each time (the same line with the same number is repeated text)."""
    shapes: dict[int, str] = {}
    pages: dict[str, set[str]] = {}
    for number, line in lines:
        shape = _shape(line)
        if shape is not None:
            shapes[number] = shape
            pages.setdefault(shape, set()).add(" ".join(_NUMBER.findall(line)))
    return {number for number, shape in shapes.items() if len(pages[shape]) >= _MIN_REPEATS}
