"""Markdown body -> model blocks, through markdown-it-py (CommonMark + footnotes + containers)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .. import model as m
from ..errors import Diagnostic
from .html_sanitize import DROP_WITH_CONTENT, html_block_text, tag_of

ImageResolver = Callable[[str, str, int], "m.Image | None"]
"""(src, alt, line) -> Image inside the project, or None when it must not be used."""

_PARSER = (
    MarkdownIt("commonmark", {"html": True})
    .use(footnote_plugin)
    .use(container_plugin, name="figure")
    .use(container_plugin, name="post")
)


@dataclass
class _Context:
    path: str
    line_offset: int
    resolve_image: ImageResolver
    diagnostics: list[Diagnostic] = field(default_factory=list)
    footnote_numbers: dict[str, int] = field(default_factory=dict)

    def warn(self, code: str, message: str, node: SyntaxTreeNode | None, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, message, self.path, self.line(node), hint=hint))

    def line(self, node: SyntaxTreeNode | None) -> int | None:
        while node is not None:
            if node.map:
                return node.map[0] + self.line_offset
            node = node.parent
        return None


def parse_body(
    text: str, path: str, line_offset: int, resolve_image: ImageResolver
) -> tuple[tuple[m.Block, ...], tuple[m.Footnote, ...], list[Diagnostic]]:
    """Parse an article body; ``line_offset`` is the file line of the body's first line."""
    ctx = _Context(path, line_offset, resolve_image)
    root = SyntaxTreeNode(_PARSER.parse(text))
    blocks: list[m.Block] = []
    footnotes: list[m.Footnote] = []
    for node in root.children:
        if node.type == "footnote_block":
            footnotes.extend(_footnotes(node, ctx))
        else:
            blocks.extend(_block(node, ctx))
    return tuple(blocks), tuple(footnotes), ctx.diagnostics


def _blocks(nodes: Sequence[SyntaxTreeNode], ctx: _Context) -> tuple[m.Block, ...]:
    out: list[m.Block] = []
    for node in nodes:
        out.extend(_block(node, ctx))
    return tuple(out)


def _block(node: SyntaxTreeNode, ctx: _Context) -> list[m.Block]:
    kind = node.type
    if kind == "paragraph":
        return [_paragraph(node, ctx)]
    if kind == "heading":
        level = max(2, min(int(node.tag[1]), 4))
        if node.tag == "h1":
            ctx.warn("heading-level", "a '#' heading inside the body is shown as a subheading", node,
                     "the article title belongs in the front matter; use '##' for subheadings.")
        return [m.Heading(level, _inlines(node.children[0], ctx))]
    if kind == "blockquote":
        return [m.BlockQuote(_blocks(node.children, ctx))]
    if kind in ("bullet_list", "ordered_list"):
        items = tuple(_blocks(item.children, ctx) for item in node.children)
        return [m.ListBlock(kind == "ordered_list", items)]
    if kind in ("code_block", "fence"):
        return [m.CodeBlock(node.content.rstrip("\n"))]
    if kind == "hr":
        return [m.ThematicBreak()]
    if kind == "container_figure":
        return [_container_figure(node, ctx)]
    if kind == "container_post":
        return [_post(node, ctx)]
    if kind == "html_block":
        return _html_block(node, ctx)
    ctx.warn("unknown-block", f"unsupported Markdown block '{kind}' was left out", node)
    return []


def _paragraph(node: SyntaxTreeNode, ctx: _Context) -> m.Block:
    inline = node.children[0]
    kids = inline.children
    if len(kids) == 1 and kids[0].type == "image":
        image_node = kids[0]
        alt_inlines = _inlines(image_node, ctx)
        alt = m.plain_text(alt_inlines)
        image = ctx.resolve_image(str(image_node.attrs.get("src", "")), alt, ctx.line(node) or 0)
        return m.Figure(image, alt_inlines)
    return m.Paragraph(_inlines(inline, ctx))


def _container_figure(node: SyntaxTreeNode, ctx: _Context) -> m.Block:
    image: m.Image | None = None
    caption: list[m.Inline] = []
    for child in node.children:
        block = _block(child, ctx)
        for b in block:
            if isinstance(b, m.Figure):
                image = image or b.image
                caption.extend(b.caption)
            elif isinstance(b, m.Paragraph):
                if caption:
                    caption.append(m.LineBreak())
                caption.extend(b.children)
    return m.Figure(image, tuple(caption))


def _post(node: SyntaxTreeNode, ctx: _Context) -> m.Block:
    words = node.info.strip().split()[1:]  # drop the container name
    handle = words[-1] if words and words[-1].startswith("@") else None
    author = " ".join(words[:-1] if handle else words)
    if not author:
        ctx.warn("post-author", "a post container names no author", node,
                 "write '::: post Author Name @handle'.")
    return m.Post(author, handle, _blocks(node.children, ctx))


def _html_block(node: SyntaxTreeNode, ctx: _Context) -> list[m.Block]:
    text, tags = html_block_text(node.content)
    dropped = sorted({t for t in tags if t in DROP_WITH_CONTENT})
    ctx.warn("raw-html", f"raw HTML ({', '.join('<' + t + '>' for t in (dropped or sorted(set(tags))))}) was "
             f"{'removed' if dropped else 'reduced to its text'}", node,
             "write the content in Markdown; publish does not pass raw HTML through.")
    return [m.Paragraph((m.Text(text),))] if text else []


def _footnotes(node: SyntaxTreeNode, ctx: _Context) -> list[m.Footnote]:
    out = []
    for fn in node.children:
        label = str(fn.meta.get("label", fn.meta.get("id", "")))
        number = ctx.footnote_numbers.setdefault(label, len(ctx.footnote_numbers) + 1)
        body = [c for c in fn.children if c.type != "footnote_anchor"]
        out.append(m.Footnote(number, _blocks(body, ctx)))
    return out


def _inlines(node: SyntaxTreeNode, ctx: _Context) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    dropping: list[str] = []
    for child in node.children:
        kind = child.type
        if kind == "html_inline":
            _html_inline(child, ctx, dropping)
            continue
        if dropping:
            continue
        out.extend(_inline(child, ctx))
    return m.merge_text(out)


def _html_inline(child: SyntaxTreeNode, ctx: _Context, dropping: list[str]) -> None:
    tag = tag_of(child.content)
    if tag is None:
        return
    name, closing = tag
    if name in DROP_WITH_CONTENT:
        if closing and name in dropping:
            dropping.remove(name)
        elif not closing:
            dropping.append(name)
            ctx.warn("raw-html", f"raw HTML <{name}> was removed with its content", child,
                     "publish does not pass raw HTML through.")
    elif not closing:
        ctx.warn("raw-html", f"raw HTML <{name}> was reduced to its text", child,
                 "use Markdown markup instead of HTML tags.")


def _inline(child: SyntaxTreeNode, ctx: _Context) -> list[m.Inline]:
    kind = child.type
    if kind == "text":
        return [m.Text(child.content)]
    if kind in ("softbreak",):
        return [m.Text(" ")]
    if kind == "hardbreak":
        return [m.LineBreak()]
    if kind == "em":
        return [m.Emph(_inlines(child, ctx))]
    if kind == "strong":
        return [m.Strong(_inlines(child, ctx))]
    if kind == "code_inline":
        return [m.Code(child.content)]
    if kind == "link":
        return _link(child, ctx)
    if kind == "footnote_ref":
        label = str(child.meta.get("label", child.meta.get("id", "")))
        return [m.FootnoteRef(ctx.footnote_numbers.setdefault(label, len(ctx.footnote_numbers) + 1))]
    if kind == "image":
        ctx.warn("inline-image", "an image inside running text is shown as its description", child,
                 "put the image alone in its own paragraph to make it a figure.")
        return list(_inlines(child, ctx))
    return [m.Text(child.content)] if child.content else []


def _link(child: SyntaxTreeNode, ctx: _Context) -> list[m.Inline]:
    url = str(child.attrs.get("href", ""))
    kids = _inlines(child, ctx)
    if url.lower().startswith(("http://", "https://", "mailto:", "#")):
        return [m.Link(url, kids)]
    ctx.warn("link", f"link target '{url}' is not an absolute URL; the link text is kept without the link", child,
             "use a full https:// address.")
    return list(kids)
