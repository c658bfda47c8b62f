"""markdown-it tokens -> a light node tree, built without recursion and flattened past a fixed depth.

markdown-it-py's own ``SyntaxTreeNode`` is quadratic on deep input (2 s for 5,000 nested quotes, 10 s for lists)
and whatever walks a 5,000-deep tree afterwards hits Python's recursion limit. The layout cannot show more than
a few levels of quotes and lists anyway, so containers nested deeper than ``MAX_BLOCK_DEPTH`` are dissolved:
their content joins the deepest container kept, in order, and no word is lost. Inline emphasis and links are
treated the same way past ``MAX_INLINE_DEPTH``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

MAX_BLOCK_DEPTH = 8
"""Quotes, lists, posts and figures nested deeper than this are flattened into the eighth level."""
MAX_INLINE_DEPTH = 12
"""Emphasis and links nested deeper than this keep their text but lose the extra markup."""

_BLOCK_CONTAINERS = frozenset({"blockquote", "bullet_list", "ordered_list", "container_post", "container_figure"})
_DISSOLVED_WITH_LIST = frozenset({"list_item"})
_INLINE_CONTAINERS = frozenset({"em", "strong", "link", "s"})


@dataclass(eq=False)
class Node:
    """One element of the tree: a nesting token pair (``blockquote``, ``em``...) or a single token."""

    type: str
    tag: str = ""
    map: list[int] | None = None
    content: str = ""
    info: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)
    meta: dict[Any, Any] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    flattened: bool = False
    """True when deeper containers were dissolved into this one (the reader warns once)."""


def build_tree(tokens: Sequence[Token], root_map: list[int] | None = None) -> Node:
    """The tree of ``tokens`` (block or inline level), rooted at a node of type ``root``."""
    root = Node("root", map=root_map)
    stack: list[Node | None] = [root]  # None marks a dissolved container: its content goes to the node below
    block_depth = inline_depth = 0
    for token in tokens:
        name = token.type.removesuffix("_open").removesuffix("_close") if token.nesting else token.type
        if token.nesting == -1:
            popped = stack.pop()
            if popped is not None and name in _BLOCK_CONTAINERS:
                block_depth -= 1
            elif popped is not None and name in _INLINE_CONTAINERS:
                inline_depth -= 1
            continue
        parent = _innermost(stack)
        if token.nesting == 1:
            stack.append(_open(token, name, parent, block_depth, inline_depth))
            if stack[-1] is not None and name in _BLOCK_CONTAINERS:
                block_depth += 1
            elif stack[-1] is not None and name in _INLINE_CONTAINERS:
                inline_depth += 1
            continue
        node = _node(token, name, parent)
        if token.children is not None and token.type in ("inline", "image"):  # an image's children are its alt
            inline_root = build_tree(token.children)
            node.children, node.flattened = inline_root.children, inline_root.flattened
            for child in node.children:
                child.parent = node
    return root


def _innermost(stack: list[Node | None]) -> Node:
    for node in reversed(stack):
        if node is not None:
            return node
    raise AssertionError("the root is never dissolved")


def _open(token: Token, name: str, parent: Node, block_depth: int, inline_depth: int) -> Node | None:
    """The node a container token opens, or None when it is too deep and dissolves into ``parent``."""
    if name in _BLOCK_CONTAINERS and block_depth >= MAX_BLOCK_DEPTH:
        _mark_flattened(parent)
        if name == "container_post":
            # The post's author line is text too: keep it as a paragraph of its own.
            label = _node(token, "flattened_post", parent)
            label.info = token.info
        return None
    if name in _DISSOLVED_WITH_LIST and parent.type not in ("bullet_list", "ordered_list"):
        return None  # the item of a dissolved list
    if name in _INLINE_CONTAINERS and inline_depth >= MAX_INLINE_DEPTH:
        _mark_flattened(parent)
        return None
    return _node(token, name, parent)


def _mark_flattened(node: Node) -> None:
    """Flag the nearest node that has a line (or the root of an inline run) for the reader's warning; list items
    pass it to their list, which the reader converts block by block."""
    while (node.map is None or node.type == "list_item") and node.parent is not None:
        node = node.parent
    node.flattened = True


def _node(token: Token, name: str, parent: Node) -> Node:
    node = Node(name, token.tag, list(token.map) if token.map else None, token.content, token.info,
                dict(token.attrs), dict(token.meta or {}), parent=parent)
    parent.children.append(node)
    return node


def walk(root: Node) -> list[Node]:
    """Every node below ``root`` in document order (iterative: the tree may be wide)."""
    out: list[Node] = []
    pending = list(reversed(root.children))
    while pending:
        node = pending.pop()
        out.append(node)
        pending.extend(reversed(node.children))
    return out
