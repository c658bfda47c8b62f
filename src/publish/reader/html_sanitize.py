"""What happens to raw HTML in a manuscript. A few inline elements have a meaning the model can hold
(emphasis, strong, code, line breaks, links), so they are kept as those; dangerous elements vanish with their
content; every other tag is reduced to its text. Nothing raw ever reaches the XHTML, so the EPUB stays valid."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .. import model as m

DROP_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template",
                               "textarea", "select", "svg", "math", "head", "title"})
KEPT_INLINE = {"em": "emph", "i": "emph", "cite": "emph", "dfn": "emph", "var": "emph",
               "strong": "strong", "b": "strong", "code": "code", "kbd": "code", "samp": "code", "tt": "code",
               "a": "link", "br": "break"}
"""Raw inline tags the model can express, and what they become."""
PARAGRAPH_BREAKS = frozenset({"p", "div", "section", "article", "aside", "header", "footer", "main", "nav",
                              "blockquote", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                              "table", "tr", "pre", "figure", "figcaption", "hr", "address", "details", "summary"})
MAX_DEPTH = 12
"""Kept inline elements nested deeper than this lose their markup (their text stays)."""
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


@dataclass(frozen=True)
class Tag:
    """One raw HTML tag: its lower-case name, whether it closes, and its attributes."""

    name: str
    closing: bool
    attrs: dict[str, str]


def tag_of(fragment: str) -> Tag | None:
    """The tag of an inline HTML fragment such as ``<b>``, ``</script>`` or ``<a href="...">``; None for
    comments, declarations and processing instructions."""
    match = _TAG.match(fragment)
    if not match:
        return None
    attrs: dict[str, str] = {}
    if not match.group(1):
        grabber = _AttrGrabber()
        grabber.feed(fragment)
        grabber.close()
        attrs = grabber.attrs
    return Tag(match.group(2).lower(), bool(match.group(1)), attrs)


class _AttrGrabber(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.attrs:
            self.attrs = {k: v or "" for k, v in attrs}

    handle_startendtag = handle_starttag


class _BlockConverter(HTMLParser):
    """A raw HTML block as model blocks: paragraphs of inlines (kept elements mapped, the rest reduced to text),
    ``<pre>`` as a code block and ``<hr>`` as a section break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[m.Block] = []
        self.frames: list[tuple[str, dict[str, str], list[m.Inline]]] = [("", {}, [])]
        self.dropping = 0
        self.preformatted: list[str] | None = None
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in DROP_WITH_CONTENT:
            self.dropping += 1
        elif self.dropping or self.preformatted is not None:
            return
        elif tag == "pre":
            self.flush()
            self.preformatted = []
        elif tag == "hr":
            self.flush()
            self.blocks.append(m.ThematicBreak())
        elif tag in PARAGRAPH_BREAKS:
            self.flush()
        elif tag == "br":
            self.frames[-1][2].append(m.LineBreak())
        elif tag in ("td", "th"):
            self.frames[-1][2].append(m.Text(" "))  # cells side by side must not run their words together
        elif tag in KEPT_INLINE and len(self.frames) <= MAX_DEPTH:
            self.frames.append((tag, {k: v or "" for k, v in attrs}, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.handle_starttag(tag, attrs)
        elif tag in PARAGRAPH_BREAKS and not self.dropping and self.preformatted is None:
            self.tags.append(tag)
            self.flush()
        else:
            self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
        elif self.dropping:
            return
        elif tag == "pre" and self.preformatted is not None:
            text = "".join(self.preformatted).strip("\n")
            self.preformatted = None
            if text.strip():
                self.blocks.append(m.CodeBlock(text))
        elif self.preformatted is not None:
            return
        elif tag in PARAGRAPH_BREAKS:
            self.flush()
        elif any(frame[0] == tag for frame in self.frames[1:]):
            while self.close_frame() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if self.preformatted is not None:
            self.preformatted.append(data)
        else:
            self.frames[-1][2].append(m.Text(data))

    def close_frame(self) -> str:
        name, attrs, children = self.frames.pop()
        self.frames[-1][2].append(wrap_inline(name, attrs, tuple(m.merge_text(children))))
        return name

    def flush(self) -> None:
        while len(self.frames) > 1:
            self.close_frame()
        inlines = _collapse_space(self.frames[0][2])
        if inlines:
            self.blocks.append(m.Paragraph(inlines))
        self.frames[0][2].clear()


def wrap_inline(tag: str, attrs: dict[str, str], children: tuple[m.Inline, ...]) -> m.Inline:
    """The model inline a kept raw tag stands for (links keep their ``href`` for the reader's URL policy)."""
    kind = KEPT_INLINE[tag]
    if kind == "emph":
        return m.Emph(children)
    if kind == "strong":
        return m.Strong(children)
    if kind == "code":
        return m.Code(m.plain_text(children))
    return m.Link(attrs.get("href", ""), children)


def _collapse_space(inlines: list[m.Inline]) -> tuple[m.Inline, ...]:
    """HTML white space rules for a block's top-level text: runs become one space, ends are trimmed."""
    out: list[m.Inline] = []
    for inline in m.merge_text(inlines):
        out.append(m.Text(re.sub(r"\s+", " ", inline.text)) if isinstance(inline, m.Text) else inline)
    while out and isinstance(out[0], m.Text) and not out[0].text.strip():
        out.pop(0)
    while out and isinstance(out[-1], m.Text) and not out[-1].text.strip():
        out.pop()
    if out and isinstance(out[0], m.Text):
        out[0] = m.Text(out[0].text.lstrip())
    if out and isinstance(out[-1], m.Text):
        out[-1] = m.Text(out[-1].text.rstrip())
    return tuple(out)


def html_block_content(html: str) -> tuple[list[m.Block], list[str]]:
    """(blocks, tag names seen) of a raw HTML block."""
    converter = _BlockConverter()
    converter.feed(html)
    converter.close()
    if converter.preformatted is not None:  # an unclosed <pre>: its text is still text
        converter.handle_endtag("pre")
    converter.flush()
    return converter.blocks, converter.tags
