"""Spanish typography on the model: quotation marks in the RAE order («…» outside, “…” inside, ‘…’ deepest)
or curly (“…” outside, ‘…’ inside), and non-breaking spaces where Spanish style wants them."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from .. import model as m

NBSP = "\u00a0"
STYLES = {"angular": ("«", "»", "“", "”", "‘", "’"), "curly": ("“", "”", "‘", "’", "‘", "’")}
_OPENERS = {"“": "”", '"': '"', "«": "»"}
_NUMBER_UNIT = re.compile(r"(\d)\s+(%|‰|km|kg|m²|km²|°C|€|\$)(?=\W|$)")
_SHORT_WORD = re.compile(r"(?<![\w\u00a0])([yoeuaYOEUA]) (?=\w)")
_ABBREVIATION_NUMBER = re.compile(r"\b(p\.|pp\.|núm\.|n\.º|art\.|cap\.)\s+(\d)")


def requote(text: str, style: str = "angular") -> str:
    """Rewrite double quotes (“…”, "…", «…») by nesting depth in the chosen style; ‘…’ stays as the inner level."""
    levels = STYLES[style]
    out: list[str] = []
    stack: list[str] = []
    just_opened = False
    for index, char in enumerate(text):
        closes = stack and (char == _OPENERS[stack[-1]]) and not (char == '"' and _opens_here(text, index))
        if closes:
            depth = len(stack) - 1
            stack.pop()
            while out and out[-1] == " ":  # machine output sometimes pads quotes: “ suben ”
                out.pop()
            out.append(levels[min(depth, 2) * 2 + 1])
        elif char in _OPENERS and (char != '"' or _opens_here(text, index)):
            depth = len(stack)
            stack.append(char)
            out.append(levels[min(depth, 2) * 2])
            just_opened = True
            continue
        elif not (just_opened and char == " "):
            out.append(char)
            just_opened = False
            continue
        just_opened = False
    return "".join(out) if not stack else text  # unbalanced: leave the text as written


def _opens_here(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    return before.isspace() or before in "([{¿¡—–-/«“"


def nbsp(text: str) -> str:
    """Non-breaking spaces: number and unit (47,08 %), abbreviation and number (p. 5), and after one-letter words."""
    text = _NUMBER_UNIT.sub(lambda mt: f"{mt.group(1)}{NBSP}{mt.group(2)}", text)
    text = _ABBREVIATION_NUMBER.sub(lambda mt: f"{mt.group(1)}{NBSP}{mt.group(2)}", text)
    return _SHORT_WORD.sub(lambda mt: f"{mt.group(1)}{NBSP}", text)


def spanish_typography(book: m.Book, quotes: str = "angular") -> m.Book:
    """The book with Spanish quotation marks and non-breaking spaces in every text run (code is left alone)."""
    if quotes not in STYLES:
        raise ValueError(f"unknown quote style {quotes!r}")

    def fix(text: str) -> str:
        return nbsp(requote(text, quotes))

    translated: m.Book = _map_text(book, fix)
    return translated


def _map_text(value: Any, fix: Callable[[str], str]) -> Any:
    """Apply ``fix`` to the text of every Text run and every prose string field, recursively."""
    if isinstance(value, m.Text):
        return m.Text(fix(value.text))
    if isinstance(value, (m.Code, m.CodeBlock, m.Image)):
        return value
    if isinstance(value, tuple):
        return tuple(_map_text(v, fix) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.name == "original":  # the source-language text keeps its own typography
                continue
            current = getattr(value, f.name)
            if f.name in _PROSE_FIELDS.get(type(value).__name__, ()) and isinstance(current, str):
                changes[f.name] = fix(current)
            elif isinstance(current, tuple) or dataclasses.is_dataclass(current):
                changes[f.name] = _map_text(current, fix)
        return dataclasses.replace(value, **changes)
    return value


_PROSE_FIELDS: dict[str, tuple[str, ...]] = {
    "Book": ("title", "subtitle", "description"),
    "Article": ("title", "subtitle"),
    "Author": ("bio",),
}
