"""What happens to raw HTML in a manuscript: dangerous elements vanish with their content, other tags
are reduced to their text. Nothing raw ever reaches the XHTML, so the EPUB stays valid."""

from __future__ import annotations

import re
from html.parser import HTMLParser

DROP_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template"})
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


def tag_of(fragment: str) -> tuple[str, bool] | None:
    """(tag name, is closing) of an inline HTML fragment such as ``<b>`` or ``</script>``."""
    match = _TAG.match(fragment)
    if not match:
        return None
    return match.group(2).lower(), bool(match.group(1))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in DROP_WITH_CONTENT:
            self.dropping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_WITH_CONTENT and self.dropping:
            self.dropping -= 1

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def html_block_text(html: str) -> tuple[str, list[str]]:
    """Return (visible text, tag names seen) of a raw HTML block."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split()), parser.tags
