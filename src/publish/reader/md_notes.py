"""Footnote definitions and numbering, around mdit-py-plugins' footnote syntax.

The plugin's own tail rule loses text: it keeps only the last of two definitions with the same label, drops
every definition nothing refers to, and mixes up definitions written inside other definitions. We replace it
with ``collect_definitions``, which lifts every definition out of the token stream intact, and let the reader
decide: notes are numbered in order of first reference (the plugin's ids), duplicates are merged and notes that
nothing cites are kept at the end, each with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

DEFINITIONS_KEY = "publish_definitions"


@dataclass
class Definition:
    """One ``[^label]: ...`` definition as written: its label, source lines and block tokens."""

    label: str
    map: list[int] | None
    tokens: list[Token] = field(default_factory=list)


def collect_definitions(state: StateCore) -> None:
    """Core rule (in place of ``footnote_tail``): move every definition out of the stream into the env."""
    kept: list[Token] = []
    open_definitions: list[Definition] = []
    found: list[Definition] = []
    for token in state.tokens:
        if token.type == "footnote_reference_open":
            open_definitions.append(Definition(str(token.meta["label"]), token.map))
        elif token.type == "footnote_reference_close":
            found.append(open_definitions.pop())
        elif open_definitions:
            open_definitions[-1].tokens.append(token)
        else:
            kept.append(token)
    state.tokens = kept
    found.sort(key=lambda d: d.map[0] if d.map else 0)
    state.env[DEFINITIONS_KEY] = found


@dataclass(frozen=True)
class NoteRef:
    """What a ``footnote_ref`` token points at: note number and which citation of it this is (both 1-based)."""

    number: int
    occurrence: int
    inline_tokens: list[Token] | None
    """The body of an inline note (``^[...]``), parsed by the plugin; None for a labelled note."""


class Numbering:
    """Note numbers for one article: referenced notes by first reference, then the ones nothing cites."""

    def __init__(self, env: dict[str, Any]) -> None:
        listing: dict[int, dict[str, Any]] = env.get("footnotes", {}).get("list", {})
        self._listing = listing
        self._by_label = {str(entry["label"]): index + 1 for index, entry in listing.items()
                          if entry.get("label") is not None}
        self._next = len(listing) + 1
        self.definitions: list[Definition] = list(env.get(DEFINITIONS_KEY, []))

    def ref(self, meta: dict[str, Any]) -> NoteRef:
        index = int(meta.get("id", 0))
        entry = self._listing.get(index, {})
        tokens = entry.get("tokens")
        return NoteRef(index + 1, int(meta.get("subId", 0)) + 1, list(tokens) if tokens is not None else None)

    def number_of(self, label: str) -> tuple[int, bool]:
        """(number, referenced) for a defined label; an unreferenced one gets the next free number."""
        if label in self._by_label:
            return self._by_label[label], True
        self._by_label[label] = self._next
        self._next += 1
        return self._by_label[label], False
