"""Markdown body -> model blocks, through markdown-it-py (CommonMark + GFM tables + footnotes + containers).

Whatever the Markdown, the result is a book that can be written validly: no text is dropped (deep nesting is
flattened by ``md_tree``, duplicate and uncited notes are kept), every note has one id per citation, and links
point only at the web, mail or a heading of the same article (``md_inline``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core import inline as core_inline
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .. import model as m
from ..errors import Diagnostic
from .html_sanitize import DROP_WITH_CONTENT, html_block_content
from .md_inline import ParseContext, heading_slug, inlines, police_link
from .md_notes import Definition, Numbering, collect_definitions
from .md_tree import Node, build_tree, walk

ImageResolver = Callable[[str, str, int], "m.Image | None"]
"""(src, alt, line) -> Image inside the project, or None when it must not be used."""

_PARSER = (
    # No nesting limit in the parser: its default (20) silently drops the text below it. md_tree flattens instead.
    MarkdownIt("commonmark", {"html": True, "maxNesting": 1_000_000})
    .enable("table")
    .use(footnote_plugin)
    .use(container_plugin, name="figure")
    .use(container_plugin, name="post")
)
_PARSER.core.ruler.at("footnote_tail", collect_definitions)
_INLINE_NESTING = 32
"""Inline nesting limit: past it markdown-it keeps the rest as plain text (nothing is lost), and without it
nested brackets cost quadratic time (7 s for 5,000 ``[``)."""


def _inline_with_limit(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, under the inline nesting limit (blocks keep theirs)."""
    options = state.md.options
    block_limit = options["maxNesting"]
    options["maxNesting"] = _INLINE_NESTING
    try:
        core_inline(state)
    finally:
        options["maxNesting"] = block_limit


_PARSER.core.ruler.at("inline", _inline_with_limit)
# Every link reaches the one URL policy (publish.urls), which keeps a refused target as text with a warning;
# markdown-it's own filter would leave "[text](javascript:...)" in the book as literal brackets, silently.
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]
_FRAMES_PER_CHARACTER = 8
"""markdown-it recurses once per nesting level, a few frames each, and a level takes at least one character."""


@contextmanager
def _room_to_recurse(text: str) -> Iterator[None]:
    """Lift the recursion limit for one parse, by what the text could possibly need."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, _FRAMES_PER_CHARACTER * len(text) + 1000))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


class _Context(ParseContext):
    def __init__(self, path: str, line_offset: int, numbering: Numbering, resolve_image: ImageResolver) -> None:
        super().__init__(path, line_offset, numbering)
        self.resolve_image = resolve_image


def parse_body(
    text: str, path: str, line_offset: int, resolve_image: ImageResolver
) -> tuple[tuple[m.Block, ...], tuple[m.Footnote, ...], list[Diagnostic]]:
    """Parse an article body; ``line_offset`` is the file line of the body's first line."""
    env: dict[str, object] = {}
    with _room_to_recurse(text):
        tokens = _PARSER.parse(text, env)
    ctx = _Context(path, line_offset, Numbering(env), resolve_image)
    root = build_tree(tokens)
    definitions = [(d, build_tree(d.tokens, d.map)) for d in ctx.numbering.definitions]
    _collect_anchors([root, *(tree for _, tree in definitions)], ctx)
    blocks = _blocks(root.children, ctx)
    return blocks, _footnotes(definitions, ctx), ctx.diagnostics


def _collect_anchors(roots: list[Node], ctx: ParseContext) -> None:
    """Give every heading a unique anchor before any link is read, so links may point forward."""
    for root in roots:
        for node in walk(root):
            if node.type != "heading":
                continue
            base = heading_slug("".join(n.content for n in walk(node) if n.type in ("text", "code_inline")))
            if not base:
                continue
            anchor, count = base, 0
            while anchor in ctx.anchors:
                count += 1
                anchor = f"{base}-{count}"
            ctx.anchors.add(anchor)
            ctx.heading_anchor[id(node)] = anchor


def _blocks(nodes: Sequence[Node], ctx: _Context) -> tuple[m.Block, ...]:
    out: list[m.Block] = []
    for node in nodes:
        out.extend(_block(node, ctx))
    return tuple(out)


def _block(node: Node, ctx: _Context) -> list[m.Block]:
    if node.flattened and node.type != "inline":
        ctx.warn("nesting", f"quotes or lists nested deeper than the layout can show were flattened into "
                 f"one level (the text is kept)", node, "nest block quotes and lists less deeply.")
    kind = node.type
    if kind == "paragraph":
        return [_paragraph(node, ctx)]
    if kind == "heading":
        return [_heading(node, ctx)]
    if kind == "blockquote":
        return [m.BlockQuote(_blocks(node.children, ctx))]
    if kind in ("bullet_list", "ordered_list"):
        items = tuple(_blocks(item.children, ctx) for item in node.children)
        return [m.ListBlock(kind == "ordered_list", items)]
    if kind in ("code_block", "fence"):
        return [m.CodeBlock(node.content.rstrip("\n"))]
    if kind == "hr":
        return [m.ThematicBreak()]
    if kind == "table":
        return [_table(node, ctx)]
    if kind == "container_figure":
        return [_container_figure(node, ctx)]
    if kind == "container_post":
        return [_post(node, ctx)]
    if kind == "flattened_post":
        return [m.Paragraph((m.Text(" ".join(node.info.split()[1:])),))]
    if kind == "html_block":
        return _html_block(node, ctx)
    if kind == "inline":  # the text of a dissolved tight list item
        return [m.Paragraph(inlines(node, ctx))]
    ctx.warn("unknown-block", f"unsupported Markdown block '{kind}' was left out", node)
    return []


def _heading(node: Node, ctx: _Context) -> m.Block:
    level = max(2, min(int(node.tag[1]), 4))
    if node.tag == "h1":
        ctx.warn("heading-level", "a '#' heading inside the body is shown as a subheading", node,
                 "the article title belongs in the front matter; use '##' for subheadings.")
    children = inlines(node.children[0], ctx) if node.children else ()
    return m.Heading(level, children, ctx.heading_anchor.get(id(node), ""))


def _paragraph(node: Node, ctx: _Context) -> m.Block:
    if not node.children:
        return m.Paragraph(())
    inline = node.children[0]
    kids = inline.children
    if len(kids) == 1 and kids[0].type == "image":
        image_node = kids[0]
        alt_inlines = inlines(image_node, ctx)
        image = ctx.resolve_image(str(image_node.attrs.get("src", "")), m.plain_text(alt_inlines),
                                  ctx.line(node) or 0)
        return m.Figure(image, alt_inlines)
    return m.Paragraph(inlines(inline, ctx))


def _table(node: Node, ctx: _Context) -> m.Block:
    head: tuple[tuple[m.Inline, ...], ...] = ()
    aligns: tuple[str, ...] = ()
    rows: list[tuple[tuple[m.Inline, ...], ...]] = []
    for section in node.children:
        for row in section.children:
            cells = tuple(inlines(cell.children[0], ctx) if cell.children else () for cell in row.children)
            if section.type == "thead":
                head = cells
                aligns = tuple(_alignment(cell) for cell in row.children)
            else:
                rows.append(cells)
    return m.Table(head, tuple(rows), aligns)


def _alignment(cell: Node) -> str:
    style = str(cell.attrs.get("style", ""))
    return style.removeprefix("text-align:") if style.startswith("text-align:") else ""


def _container_figure(node: Node, ctx: _Context) -> m.Block:
    image: m.Image | None = None
    caption: list[m.Inline] = []
    for child in node.children:
        for b in _block(child, ctx):
            if isinstance(b, m.Figure):
                image = image or b.image
                caption.extend(b.caption)
            elif isinstance(b, m.Paragraph):
                if caption:
                    caption.append(m.LineBreak())
                caption.extend(b.children)
            else:
                ctx.warn("figure-content", f"a {b.kind.replace('_', ' ')} inside a figure container is shown "
                         "as its text in the caption", child, "keep only the image and its caption in a figure.")
                caption.extend([m.LineBreak(), m.Text(" ".join(_block_text(b).split()))] if caption else
                               [m.Text(" ".join(_block_text(b).split()))])
    return m.Figure(image, m.merge_text(caption))


def _block_text(block: m.Block) -> str:
    """All the words of a block, for the rare block that must be reduced to text."""
    if isinstance(block, (m.Paragraph, m.Heading)):
        return m.plain_text(block.children)
    if isinstance(block, m.CodeBlock):
        return block.text
    if isinstance(block, (m.BlockQuote, m.Post)):
        return " ".join(_block_text(b) for b in block.children)
    if isinstance(block, m.ListBlock):
        return " ".join(_block_text(b) for item in block.items for b in item)
    if isinstance(block, m.Table):
        return " ".join(m.plain_text(cell) for row in (block.head, *block.rows) for cell in row)
    if isinstance(block, m.Figure):
        return m.plain_text(block.caption)
    return ""


def _post(node: Node, ctx: _Context) -> m.Block:
    words = node.info.strip().split()[1:]  # drop the container name
    handle = words[-1] if words and words[-1].startswith("@") else None
    author = " ".join(words[:-1] if handle else words)
    if not author:
        ctx.warn("post-author", "a post container names no author", node,
                 "write '::: post Author Name @handle'.")
    return m.Post(author, handle, _blocks(node.children, ctx))


def _html_block(node: Node, ctx: _Context) -> list[m.Block]:
    content, tags = html_block_content(node.content)
    blocks = [m.Paragraph(tuple(_police(b.children, ctx, node))) if isinstance(b, m.Paragraph) else b
              for b in content]
    dropped = sorted({t for t in tags if t in DROP_WITH_CONTENT})
    if dropped:
        ctx.warn("raw-html", f"raw HTML ({', '.join('<' + t + '>' for t in dropped)}) was removed with its "
                 "content", node, "publish does not pass scripts, styles or embedded objects through.")
    elif tags:
        ctx.warn("raw-html", f"raw HTML ({', '.join('<' + t + '>' for t in sorted(set(tags)))}) was reduced to "
                 "its text, emphasis, links and preformatted text", node, "write the content in Markdown.")
    return blocks


def _police(items: tuple[m.Inline, ...], ctx: _Context, node: Node) -> list[m.Inline]:
    """Raw links inside an HTML block pass the same URL policy as Markdown links."""
    out: list[m.Inline] = []
    for item in items:
        if isinstance(item, m.Link):
            out.extend(police_link(m.Link(item.url, tuple(_police(item.children, ctx, node))), ctx, node))
        elif isinstance(item, (m.Emph, m.Strong)):
            out.append(type(item)(tuple(_police(item.children, ctx, node))))
        else:
            out.append(item)
    return out


def _footnotes(definitions: list[tuple[Definition, Node]], ctx: _Context) -> tuple[m.Footnote, ...]:
    """Every note: labelled ones (duplicates merged, uncited ones kept at the end) and inline ones."""
    bodies: dict[int, list[m.Block]] = {}
    first_line: dict[str, int | None] = {}
    for definition, tree in definitions:
        number, cited = ctx.numbering.number_of(definition.label)
        label = definition.label
        if label in first_line:
            ctx.warn("footnote-duplicate", f"note [^{label}] is defined again (first on line {first_line[label]}); "
                     "both texts are kept in one note", tree, "give each note its own label.")
        elif not cited:
            ctx.warn("footnote-unused", f"note [^{label}] is never cited; it is printed after the others", tree,
                     f"cite it in the text with [^{label}] or delete it.")
        first_line.setdefault(label, ctx.line(tree))
        bodies.setdefault(number, []).extend(_blocks(tree.children, ctx))
    ctx.convert_pending_notes()
    for number, body in ctx.inline_notes.items():
        bodies.setdefault(number, []).extend(body)
    return tuple(m.Footnote(number, tuple(bodies[number])) for number in sorted(bodies))
