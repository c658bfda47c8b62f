"""Inline Markdown -> model inlines: text, emphasis, code, links (under the URL policy), note references and
raw inline HTML (kept where the model can say the same thing, otherwise reduced to text with a warning)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown_it.token import Token

from .. import model as m
from ..errors import Diagnostic
from ..urls import safe_url, url_problem
from .html_sanitize import DROP_WITH_CONTENT, KEPT_INLINE, MAX_DEPTH, wrap_inline, tag_of
from .md_notes import Numbering
from .md_tree import Node, build_tree

_UNDEFINED_REF = re.compile(r"\[\^([^\]\s]+)\]")


@dataclass
class ParseContext:
    """What the conversion of one article body shares: where it is, its warnings, notes and anchors."""

    path: str
    line_offset: int
    numbering: Numbering
    diagnostics: list[Diagnostic] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    """Heading anchors of the article, for in-book links."""
    heading_anchor: dict[int, str] = field(default_factory=dict)
    """Anchor of each heading node (by ``id(node)``)."""
    inline_notes: dict[int, tuple[m.Block, ...]] = field(default_factory=dict)
    """Bodies of the inline notes (``^[...]``) converted so far, by number."""
    pending_notes: list[tuple[int, list[Token], Node]] = field(default_factory=list)
    """Inline notes cited but not converted yet: (number, tokens, citing node). Converting them later, in a loop,
    keeps notes nested in notes (``^[a ^[b ...]]``) from recursing."""
    queued: set[int] = field(default_factory=set)

    def convert_pending_notes(self) -> None:
        while self.pending_notes:
            number, tokens, citing = self.pending_notes.pop(0)
            root = build_tree([Token("inline", "", 0, children=tokens)])
            root.parent = citing  # for line numbers: the note is written where it is cited
            self.inline_notes[number] = (m.Paragraph(inlines(root.children[0], self)),)

    def warn(self, code: str, message: str, node: Node | None, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, message, self.path, self.line(node), hint=hint))

    def line(self, node: Node | None) -> int | None:
        while node is not None:
            if node.map:
                return node.map[0] + self.line_offset
            node = node.parent
        return None


def inlines(node: Node, ctx: ParseContext) -> tuple[m.Inline, ...]:
    """The model inlines of ``node``'s children, raw HTML tags folded into the structure they open."""
    frames: list[tuple[str, dict[str, str], list[m.Inline]]] = [("", {}, [])]
    dropping: list[str] = []
    if node.flattened and node.type == "inline":
        _warn_flattened(node, ctx)
    for child in node.children:
        if child.type == "html_inline":
            _html_inline(child, ctx, frames, dropping)
        elif not dropping:
            frames[-1][2].extend(_inline(child, ctx))
    while len(frames) > 1:
        _close(frames, ctx, node)
    return m.merge_text(frames[0][2])


def _warn_flattened(node: Node, ctx: ParseContext) -> None:
    ctx.warn("nesting", "emphasis or links nested too deep were flattened (the text is kept)", node,
             "nest inline markup less deeply.")


def _close(frames: list[tuple[str, dict[str, str], list[m.Inline]]], ctx: ParseContext, node: Node) -> str:
    name, attrs, children = frames.pop()
    inline = wrap_inline(name, attrs, m.merge_text(children))
    frames[-1][2].extend(police_link(inline, ctx, node) if isinstance(inline, m.Link) else [inline])
    return name


def _html_inline(child: Node, ctx: ParseContext, frames: list[tuple[str, dict[str, str], list[m.Inline]]],
                 dropping: list[str]) -> None:
    tag = tag_of(child.content)
    if tag is None:
        if not child.content.startswith("<!--"):
            ctx.warn("raw-html", f"raw HTML '{child.content[:20]}' was removed", child,
                     "publish does not pass raw HTML through.")
        return
    if tag.name in DROP_WITH_CONTENT:
        if tag.closing and tag.name in dropping:
            dropping.remove(tag.name)
        elif not tag.closing:
            dropping.append(tag.name)
            ctx.warn("raw-html", f"raw HTML <{tag.name}> was removed with its content", child,
                     "publish does not pass raw HTML through.")
        return
    if dropping:
        return
    if tag.name == "br":
        frames[-1][2].append(m.LineBreak())
    elif tag.name in KEPT_INLINE and not tag.closing and len(frames) <= MAX_DEPTH:
        frames.append((tag.name, tag.attrs, []))
    elif tag.name in KEPT_INLINE and tag.closing and any(f[0] == tag.name for f in frames[1:]):
        while _close(frames, ctx, child) != tag.name:
            pass
    elif not tag.closing and tag.name not in KEPT_INLINE:
        ctx.warn("raw-html", f"raw HTML <{tag.name}> was reduced to its text", child,
                 "use Markdown markup instead of HTML tags.")


def _inline(child: Node, ctx: ParseContext) -> list[m.Inline]:
    kind = child.type
    if kind == "text":
        _check_undefined_refs(child, ctx)
        return [m.Text(child.content)] if child.content else []
    if kind == "softbreak":
        return [m.Text(" ")]
    if kind == "hardbreak":
        return [m.LineBreak()]
    if kind == "em":
        return [m.Emph(inlines(child, ctx))]
    if kind in ("strong", "s"):
        return [m.Strong(inlines(child, ctx))] if kind == "strong" else list(inlines(child, ctx))
    if kind == "code_inline":
        return [m.Code(child.content)]
    if kind == "link":
        return police_link(m.Link(str(child.attrs.get("href", "")), inlines(child, ctx)), ctx, child)
    if kind == "footnote_ref":
        return [_footnote_ref(child, ctx)]
    if kind == "image":
        ctx.warn("inline-image", "an image inside running text is shown as its description", child,
                 "put the image alone in its own paragraph to make it a figure.")
        return list(inlines(child, ctx))
    return [m.Text(child.content)] if child.content else []


def _footnote_ref(child: Node, ctx: ParseContext) -> m.Inline:
    ref = ctx.numbering.ref(child.meta)
    if ref.inline_tokens is not None and ref.number not in ctx.queued:
        ctx.queued.add(ref.number)
        ctx.pending_notes.append((ref.number, ref.inline_tokens, child))
    return m.FootnoteRef(ref.number, ref.occurrence)


def _check_undefined_refs(child: Node, ctx: ParseContext) -> None:
    for label in _UNDEFINED_REF.findall(child.content):
        ctx.warn("footnote-undefined", f"note reference [^{label}] has no definition; it is kept as text", child,
                 f"add a definition line '[^{label}]: ...' or remove the reference.")


def police_link(link: m.Link, ctx: ParseContext, node: Node) -> list[m.Inline]:
    """The link if its target is allowed (http, https, mailto, a heading of this article), else its text.

    A link cannot hold another link or a note reference (both are ``<a>``): inner links keep only their
    text, and note references move to just after the link.
    """
    children, refs = _unlinked(link.children)
    return [*_allowed_link(m.Link(link.url, children), ctx, node), *refs]


def _unlinked(items: tuple[m.Inline, ...]) -> tuple[tuple[m.Inline, ...], list[m.Inline]]:
    """(``items`` without links and note references, the note references taken out)."""
    kept: list[m.Inline] = []
    refs: list[m.Inline] = []
    for item in items:
        if isinstance(item, m.FootnoteRef):
            refs.append(item)
        elif isinstance(item, (m.Link, m.Emph, m.Strong, m.Foreign)):
            children, inner_refs = _unlinked(item.children)
            refs.extend(inner_refs)
            if isinstance(item, m.Link):
                kept.extend(children)
            else:
                kept.append(dataclasses.replace(item, children=children))
        else:
            kept.append(item)
    return m.merge_text(kept), refs


def _allowed_link(link: m.Link, ctx: ParseContext, node: Node) -> list[m.Inline]:
    url = link.url
    if not url.startswith("#") and safe_url(url):  # the one URL policy (publish.urls)
        return [link]
    if url.startswith("#"):
        anchor = resolve_fragment(url[1:], ctx.anchors)
        if anchor is not None:
            return [m.Link("#" + anchor, link.children)]
        ctx.warn("link-fragment", f"link target '{url}' names no heading of this article; the text is kept "
                 "without the link", node, "link to a heading's anchor (its text in lower case, "
                 "spaces as hyphens) or use a full https:// address.")
        return list(link.children)
    ctx.warn("link", f"link target '{url[:80]}' is kept as text, without the link: {url_problem(url)}",
             node, "use a full https:// or mailto: address.")
    return list(link.children)


def resolve_fragment(fragment: str, anchors: set[str]) -> str | None:
    """The heading anchor a ``#fragment`` means: itself, or its GitHub-style slug."""
    name = unquote(fragment)
    if name in anchors:
        return name
    slug = heading_slug(name)
    return slug if slug in anchors else None


def heading_slug(text: str) -> str:
    """GitHub-style anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
