"""Inline markup <-> placeholder text: what the engine and the PO files see instead of the model's inlines.

``⟦n⟧…⟦/n⟧`` wraps emphasis, strong and links (their text is translated); ``⟦n/⟧`` stands for code,
footnote references and line breaks (kept verbatim). Both Apertium and SentencePiece pass these
brackets through; a placeholder that goes missing is reported, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import model as m
from ..model import plain_text  # noqa: F401  (re-exported: used across translate)

PLACEHOLDER = re.compile(r"⟦(/?)(\d+)(/?)⟧")


@dataclass(frozen=True)
class Encoded:
    """A run of inlines as placeholder text, with the inline each placeholder number stands for."""

    text: str
    slots: dict[int, m.Inline]


class MarkupError(ValueError):
    """The placeholders of a translation do not match its source (missing, extra or misnested)."""


def encode(inlines: tuple[m.Inline, ...], first: int = 1) -> Encoded:
    """Turn inlines into placeholder text; numbers start at ``first`` and follow reading order."""
    slots: dict[int, m.Inline] = {}
    parts: list[str] = []
    _encode_into(inlines, slots, parts, [first])
    return Encoded(" ".join("".join(parts).split()), slots)


def renumber(text: str, slots: dict[int, m.Inline]) -> Encoded:
    """A piece of an encoded text with its placeholders numbered from 1 in reading order.

    Each sentence is numbered on its own, so adding emphasis to one sentence leaves the others' text
    (and so their segment ids) unchanged.
    """
    mapping: dict[int, int] = {}

    def replace(match: re.Match[str]) -> str:
        old = int(match.group(2))
        new = mapping.setdefault(old, len(mapping) + 1)
        return f"⟦{match.group(1)}{new}{match.group(3)}⟧"

    renumbered = PLACEHOLDER.sub(replace, text)
    return Encoded(renumbered, {new: slots[old] for old, new in mapping.items()})


def _encode_into(inlines: tuple[m.Inline, ...], slots: dict[int, m.Inline], parts: list[str],
                 counter: list[int]) -> None:
    for inline in inlines:
        if isinstance(inline, m.Text):
            parts.append(inline.text.replace("⟦", "[").replace("⟧", "]"))
        elif isinstance(inline, (m.Emph, m.Strong, m.Link)):
            number = counter[0]
            counter[0] += 1
            slots[number] = inline
            parts.append(f"⟦{number}⟧")
            _encode_into(inline.children, slots, parts, counter)
            parts.append(f"⟦/{number}⟧")
        else:
            number = counter[0]
            counter[0] += 1
            slots[number] = inline
            parts.append(f"⟦{number}/⟧")


def decode(text: str, slots: dict[int, m.Inline]) -> tuple[m.Inline, ...]:
    """Rebuild inlines from a (translated) placeholder text; raise MarkupError when they do not match."""
    problem = placeholder_problem(text, slots)
    if problem:
        raise MarkupError(problem)
    stack: list[tuple[int | None, list[m.Inline]]] = [(None, [])]
    position = 0
    for match in PLACEHOLDER.finditer(text):
        _add_text(stack[-1][1], text[position:match.start()])
        position = match.end()
        closing, number, atomic = match.group(1), int(match.group(2)), match.group(3)
        if atomic:
            stack[-1][1].append(slots[number])
        elif not closing:
            stack.append((number, []))
        else:
            _, children = stack.pop()
            stack[-1][1].append(_rewrap(slots[number], tuple(children)))
    _add_text(stack[-1][1], text[position:])
    return tuple(stack[0][1])


def placeholder_problem(text: str, slots: dict[int, m.Inline]) -> str | None:
    """Why ``text`` cannot be decoded with ``slots``, or None when every placeholder is there once, nested."""
    seen: list[str] = []
    stack: list[int] = []
    for closing, raw, atomic in PLACEHOLDER.findall(text):
        number = int(raw)
        token = f"⟦{closing}{number}{atomic}⟧"
        if number not in slots or bool(atomic) != _is_atomic(slots[number]):
            return f"unknown placeholder {token}"
        if token in seen:
            return f"placeholder {token} appears twice"
        seen.append(token)
        if closing:
            if not stack or stack.pop() != number:
                return f"placeholder {token} closes out of order"
        elif not atomic:
            stack.append(number)
    if stack:
        return f"placeholder ⟦{stack[-1]}⟧ is never closed"
    missing = [token for token in expected_tokens(slots) if token not in seen]
    return f"placeholder {missing[0]} is missing" if missing else None


def expected_tokens(slots: dict[int, m.Inline]) -> list[str]:
    """Every placeholder token the slots need, in number order."""
    tokens: list[str] = []
    for number, inline in sorted(slots.items()):
        tokens.extend([f"⟦{number}/⟧"] if _is_atomic(inline) else [f"⟦{number}⟧", f"⟦/{number}⟧"])
    return tokens


def strip_placeholders(text: str) -> str:
    """Text without placeholder tokens (for word counts, number and glossary checks)."""
    return PLACEHOLDER.sub(" ", text)


def _is_atomic(inline: m.Inline) -> bool:
    return not isinstance(inline, (m.Emph, m.Strong, m.Link))


def _rewrap(inline: m.Inline, children: tuple[m.Inline, ...]) -> m.Inline:
    if isinstance(inline, m.Emph):
        return m.Emph(children)
    if isinstance(inline, m.Strong):
        return m.Strong(children)
    if isinstance(inline, m.Link):
        return m.Link(inline.url, children)
    return inline


def _add_text(out: list[m.Inline], text: str) -> None:
    if not text:
        return
    if out and isinstance(out[-1], m.Text):
        out[-1] = m.Text(out[-1].text + text)
    else:
        out.append(m.Text(text))
