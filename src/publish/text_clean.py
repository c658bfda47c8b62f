"""Cleaning text as it enters the book: characters XML cannot hold are removed, and the caller warns.

One function for every way text comes in (YAML values, Markdown files, PO entries), so the rule is the
same everywhere: C0 control characters except tab/newline/carriage return, DEL, the C1 controls but NEL
(mojibake of cp1252 text, and YAML refuses them), the non-characters
U+FFFE/U+FFFF and lone surrogates (which Python lets a YAML ``"\\ud800"`` escape produce).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNWANTED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Cleaned:
    """The cleaned text, and the first character removed (``None`` when nothing was) with its offset."""

    text: str
    removed: str | None = None
    offset: int = 0

    def describe(self) -> str:
        """``control character U+0001`` / ``lone surrogate U+D800``, for a warning."""
        code = ord(self.removed or "\0")
        kind = "lone surrogate" if 0xD800 <= code <= 0xDFFF else "control character"
        return f"{kind} U+{code:04X}"


def clean_text(text: str) -> Cleaned:
    """``text`` without the characters an XML document (EPUB, PDF tags, PO) cannot hold."""
    match = UNWANTED.search(text)
    if match is None:
        return Cleaned(text)
    return Cleaned(UNWANTED.sub("", text), match.group(), match.start())
