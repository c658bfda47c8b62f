"""A small deterministic English sentence splitter, so segmentation needs no model and never changes
between machines (a segment's id depends on where sentences end).

It works on placeholder text (see ``markup``): a sentence never ends inside a paired placeholder.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr sen rep gov gen col lt sgt capt cmdr adm pres vs etc al approx
    dept est fig inc ltd co corp vol ed eds rev hon messrs mt ft ave blvd jan feb mar apr jun
    jul aug sep sept oct nov dec e.g i.e cf ca pp op u.s u.k u.n a.m p.m ph.d""".split()
)

# A candidate end: terminal punctuation, then closing quotes/brackets and closing or atomic
# placeholders, then whitespace. Group 1 is everything up to the whitespace.
_END = re.compile(r"([.!?…]+(?:[\"'”’»)\]]|⟦/\d+⟧|⟦\d+/⟧)*)(\s+)")
_NEXT_START = re.compile(r"[\"'“‘«(\[¿¡]*(?:⟦\d+⟧)*[\"'“‘«(\[]*[A-Z0-9ÁÉÍÓÚÑ]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_PLACEHOLDER = re.compile(r"⟦(/?)(\d+)(/?)⟧")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; joining them with single spaces gives back the normalised text."""
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end(1)
        if not _is_boundary(text, start, match):
            continue
        sentences.append(text[start:end])
        start = match.end()
    if start < len(text):
        sentences.append(text[start:])
    return [s for s in sentences if s]


def _is_boundary(text: str, start: int, match: re.Match[str]) -> bool:
    after = text[match.end():]
    if not _NEXT_START.match(after):
        return False  # "... it,” said Carlos." or "e.g. the" continue the sentence
    if match.group(1).startswith(".") and _is_abbreviation(text[start:match.start(1) + 1]):
        return False
    return _open_pairs(text[start:match.end(1)]) == 0


def _is_abbreviation(head: str) -> bool:
    word_match = _WORD_BEFORE.search(head)
    if not word_match:
        return False
    word = word_match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "Phillip J. Goldberg"
    if _DOTTED.fullmatch(word):
        return True  # "U.S.", "a.m."
    return word.lower() in ABBREVIATIONS


def _open_pairs(text: str) -> int:
    depth = 0
    for closing, _number, atomic in _PLACEHOLDER.findall(text):
        if atomic:
            continue
        depth += -1 if closing else 1
    return depth
