"""The one YAML loader every project file goes through (publish.yaml, front matter, glossaries).

It owns the rules all of them share: one line arithmetic (``first_line`` is the file line of the text's
first line), duplicate keys are errors, alias expansion is bounded (an alias bomb fails fast instead of
eating memory), dates stay text (so the schema, not a crash in the YAML library, judges them), and text
is cleaned of characters XML cannot hold, with a warning naming the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Diagnostic, PublishError
from .text_clean import clean_text

MAX_NODES = 100_000
"""Nodes a document may expand to through aliases (a real publish.yaml has a few hundred)."""

Path_ = tuple[object, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type: ``2019-02-30`` stays text for the schema to judge."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class YamlDoc:
    """A loaded document: its data, where each key and item sits, and the warnings loading raised."""

    data: Any
    path: str
    lines: dict[Path_, int] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    first_line: int = 1

    def line(self, *keys: object) -> int:
        """The file line of ``keys`` (a path of mapping keys and list indexes), or its nearest parent's."""
        path: Path_ = tuple(keys)
        while path:
            if path in self.lines:
                return self.lines[path]
            # A key YAML read as a number or a bool (``2019: x``) is recorded under its text.
            for spelt in (str(path[-1]), str(path[-1]).lower()):
                if (*path[:-1], spelt) in self.lines:
                    return self.lines[(*path[:-1], spelt)]
            path = path[:-1]
        return self.first_line


def load_yaml(text: str, path: str, first_line: int = 1, what: str = "YAML") -> YamlDoc:
    """Parse ``text`` (which starts on file line ``first_line``) or fail with one ``path:line`` message."""
    diagnostics: list[Diagnostic] = []
    text = _clean(text, path, first_line, diagnostics)
    try:
        loader = _Loader(text)
    except yaml.YAMLError as exc:  # the reader refuses a character before any parsing starts
        raise PublishError(f"invalid {what}: {exc}", path=path, line=first_line, hint="fix the YAML syntax.") from None
    try:
        node = _compose(loader, path, first_line, what)
        if node is None:
            return YamlDoc(None, path, {}, tuple(diagnostics), first_line)
        _check_size(node, path, first_line)
        lines = _walk(node, path, first_line)
        data = _construct(loader, node, path, first_line)
    finally:
        loader.dispose()
    data = _clean_values(data, (), lines, path, first_line, diagnostics)
    return YamlDoc(data, path, lines, tuple(diagnostics), first_line)


def _clean(text: str, path: str, first_line: int, diagnostics: list[Diagnostic]) -> str:
    cleaned = clean_text(text.removeprefix("\ufeff"))
    if cleaned.removed is not None:
        line = text.count("\n", 0, cleaned.offset) + first_line
        diagnostics.append(_removed_warning(cleaned.describe(), path, line))
    return cleaned.text


def _removed_warning(what: str, path: str, line: int) -> Diagnostic:
    return Diagnostic("control-char", f"{what} removed (and any others like it here)", path, line,
                      hint="delete it; it usually comes from copying out of a PDF or a word processor.")


def _compose(loader: _Loader, path: str, first_line: int, what: str) -> Node | None:
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise PublishError(f"invalid {what}: {exc.problem or exc.context or 'syntax error'}", path=path,
                           line=mark.line + first_line if mark else first_line,
                           hint="fix the YAML syntax (quote values that contain ':' or start with a special "
                                "character).") from None
    except yaml.YAMLError as exc:
        raise PublishError(f"invalid {what}: {exc}", path=path, line=first_line, hint="fix the YAML syntax.") from None
    except RecursionError:
        raise PublishError("the YAML is nested too deeply", path=path, line=first_line,
                           hint="flatten the lists and mappings.") from None


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_size(root: Node, path: str, first_line: int) -> None:
    """Refuse documents whose aliases expand past ``MAX_NODES`` (or refer to themselves), before building them."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            sizes[key] = min(MAX_NODES + 1, 1 + sum(sizes[id(c)] for c in _children(node)))
            continue
        if key in sizes:
            continue
        if key in active:
            raise PublishError("a YAML alias refers to itself", path=path,
                               line=node.start_mark.line + first_line, hint="remove the recursive '*alias'.")
        active.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    if sizes[id(root)] > MAX_NODES:
        raise PublishError(f"the YAML expands to more than {MAX_NODES:,} values through aliases", path=path,
                           line=root.start_mark.line + first_line,
                           hint="write the values out instead of repeating '*alias' references.")


def _walk(root: Node, path: str, first_line: int) -> dict[Path_, int]:
    """The file line of every key and list item; duplicate keys are errors."""
    lines: dict[Path_, int] = {}
    stack: list[tuple[Node, Path_]] = [(root, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*where, index)] = item.start_mark.line + first_line
                stack.append((item, (*where, index)))
        elif isinstance(node, MappingNode):
            seen: set[object] = set()
            for key_node, value in node.value:
                key = key_node.value if isinstance(key_node, ScalarNode) else id(key_node)
                line = key_node.start_mark.line + first_line
                if key in seen and key != "<<":
                    raise PublishError(f"the key '{key}' appears twice", path=path, line=line,
                                       hint="keep one of the two; YAML would silently use the last.")
                seen.add(key)
                lines[(*where, key)] = line
                stack.append((value, (*where, key)))
    return lines


def _construct(loader: _Loader, node: Node, path: str, first_line: int) -> Any:
    try:
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise PublishError(f"invalid YAML: {exc.problem or exc.context or 'bad value'}", path=path,
                           line=mark.line + first_line if mark else first_line, hint="fix the value.") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise PublishError(f"invalid YAML value ({exc})", path=path, line=first_line,
                           hint="write the value as plain text.") from None


def _clean_values(value: Any, where: Path_, lines: dict[Path_, int], path: str, first_line: int,
                  diagnostics: list[Diagnostic]) -> Any:
    """Strings (keys and values) without control characters or lone surrogates, warning once per value."""
    if isinstance(value, str):
        cleaned = clean_text(value)
        if cleaned.removed is not None:
            doc = YamlDoc(None, path, lines, (), first_line)
            diagnostics.append(_removed_warning(cleaned.describe(), path, doc.line(*where)))
        return cleaned.text
    if isinstance(value, list):
        return [_clean_values(v, (*where, i), lines, path, first_line, diagnostics) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {(_clean_values(k, where, lines, path, first_line, diagnostics) if isinstance(k, str) else k):
                _clean_values(v, (*where, k), lines, path, first_line, diagnostics) for k, v in value.items()}
    return value
