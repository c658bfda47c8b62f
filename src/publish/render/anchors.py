"""The ids of one article's XHTML and the in-book links between them (notes, citations, headings).

Every id an article brings starts with its prefix (its slug, or slug and language for the blocks of the bilingual
edition) and then an underscore, which slugs never contain; the part after it is one of a fixed set (``article``,
``title``, ``source``, ``source-title`` in the templates; ``fn<n>``, ``fnref<n>[_<k>]``, ``h_<anchor>`` here).
The book's own ids (``toc``, ``sources``...) have no underscore. So ids stay unique across the whole EPUB and
the one print document, whatever the slugs.
Links are written only when their target exists in the same output: what the model asks for is checked again
here, because translated and bilingual editions rebuild the model after the reader has checked it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass

from .. import model as m


@dataclass(frozen=True)
class IdScope:
    """Ids and link targets for one rendering of one article. ``str(scope)`` is the prefix."""

    prefix: str
    anchors: frozenset[str] = frozenset()
    notes: frozenset[int] = frozenset()
    citations: dict[int, tuple[int, ...]] = field(default_factory=dict, hash=False)
    """Per note number, the occurrences cited in the text (each one gets a back-link)."""

    def __str__(self) -> str:
        return self.prefix

    def note_id(self, number: int) -> str:
        return f"{self.prefix}_fn{number}"

    def ref_id(self, number: int, occurrence: int) -> str:
        return f"{self.prefix}_fnref{number}" + (f"_{occurrence}" if occurrence > 1 else "")

    def heading_id(self, anchor: str) -> str:
        return f"{self.prefix}_h_{_name_safe(anchor)}"

    def href(self, url: str) -> str | None:
        """Where a link goes in this output, or None when its fragment names nothing here (text only)."""
        if not url.startswith("#"):
            return url
        return "#" + self.heading_id(url[1:]) if url[1:] in self.anchors else None


def _name_safe(anchor: str) -> str:
    """An anchor as an XML name part: ASCII letters, digits and hyphens kept, anything else as ``.hex``."""
    return "".join(c if (c.isascii() and c.isalnum()) or c == "-" else f".{ord(c):x}" for c in anchor)


def scope(article: m.Article, prefix: str) -> IdScope:
    """The id scope of ``article`` rendered under ``prefix``."""
    anchors: set[str] = set()
    citations: dict[int, list[int]] = {}
    for node in _descendants([*article.body, *article.footnotes]):
        if isinstance(node, m.Heading) and node.anchor:
            anchors.add(node.anchor)
        elif isinstance(node, m.FootnoteRef):
            seen = citations.setdefault(node.number, [])
            if node.occurrence not in seen:
                seen.append(node.occurrence)
    return IdScope(prefix, frozenset(anchors), frozenset(n.number for n in article.footnotes),
                   {number: tuple(sorted(found)) for number, found in citations.items()})


def _descendants(roots: list[object]) -> list[object]:
    """Every model object below ``roots`` (blocks, inlines, cells), without recursion."""
    out: list[object] = []
    pending = list(roots)
    while pending:
        item = pending.pop()
        if isinstance(item, tuple):
            pending.extend(item)
            continue
        out.append(item)
        if is_dataclass(item) and not isinstance(item, type):
            pending.extend(getattr(item, f.name) for f in fields(item)
                           if f.name in ("children", "items", "caption", "head", "rows"))
    return out
