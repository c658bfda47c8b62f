"""Re-flowing hard-wrapped text: lines broken at a fixed width (e-mail, PDF copies) back into paragraphs.

A run of lines is hard-wrapped when most of its lines come close to one width. Inside such a run a
line break is only a paragraph break where the writer chose it: the first word of the next line
would have fitted on the line (a short line ends a paragraph, a heading or a greeting). A full line
was broken by the wrapping, so the sentence goes on. Running heads and page numbers that a PDF copy
leaves between pages are dropped. Anything else keeps one block per line.
"""

from __future__ import annotations

import re

from .dates import parse_date_line

_MIN_WIDTH, _MAX_WIDTH = 40, 100
_NEAR_FULL = 0.7
_SHORT = 0.6
_MIN_LINES = 3
# Articles, prepositions and conjunctions (English, Spanish, French, Portuguese, Catalan) never end a line
# the writer ended; after one, a line in lower case is the same phrase going on.
_OPEN_END = re.compile(r"\s(?:the|a|an|of|in|on|at|to|for|with|from|by|and|or|nor|but|into|onto|upon|"
                       r"el|la|los|las|un|una|de|del|en|con|por|para|y|o|que|le|les|des|du|au|aux|et|ou|dans|"
                       r"sur|pour|avec|o|os|as|um|uma|da|do|das|dos|no|na|nos|nas|em|e|per|amb|i)$", re.IGNORECASE)
# '2 Andean Agroecology Network', 'Working Paper 12 3': a page number at one end of a short line.
_PAGE_HEAD = re.compile(r"^(?:(?P<lead>\d{1,3})\s+(?P<a>\S.{2,60})|(?P<b>\S.{2,60}?)\s+(?P<trail>\d{1,3}))$")


def reflow(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(first line number, text) for each paragraph or line in a run of non-blank lines."""
    texts = [(number, text.strip()) for number, text in lines]
    width = _wrap_width([text for _, text in texts])
    if width is None:
        return _carried_over(texts)
    texts = _drop_running_heads(texts)
    out: list[tuple[int, str]] = []
    joining = False
    for index, (number, text) in enumerate(texts):
        if joining:
            out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
        else:
            out.append((number, text))
        following = texts[index + 1][1] if index + 1 < len(texts) else ""
        joining = bool(following) and _continues(text, following, width)
    return out


def _carried_over(texts: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Outside wrapped text, join only a long line that stops mid-sentence to a next line in lower case
    (a short wrapped paragraph: two lines are too few to measure a width)."""
    out: list[tuple[int, str]] = []
    for number, text in texts:
        if out and _mid_sentence(out[-1][1]) and text[:1].islower():
            out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
        else:
            out.append((number, text))
    return out


def _mid_sentence(text: str) -> bool:
    """A long line with no closing punctuation, or any line ending on a word that cannot end a phrase
    ('Community health workers in' over 'the southern provinces': a title wrapped on a PDF's title page)."""
    if _OPEN_END.search(text):
        return True
    return len(text) >= _MIN_WIDTH and not text.rstrip("\"”’')]»").endswith((".", "!", "?", ":", ";"))


def _continues(text: str, following: str, width: int) -> bool:
    """Whether the sentence on ``text`` goes on at ``following``."""
    ends_sentence = text.rstrip("\"”’')]»").endswith((".", "!", "?", ":"))
    if ends_sentence and len(following) < width * _SHORT and not following.rstrip().endswith((".", "!", "?")):
        return False  # a short line with no full stop after a sentence: a heading
    if not ends_sentence and following[:1].islower():
        return True  # the wrapper's width can exceed the longest line: lower case carries the sentence on
    return len(text) + 1 + len(following.split()[0]) > width


def _wrap_width(texts: list[str]) -> int | None:
    """The wrapping width when most lines (but the last) come near the longest one, else None."""
    if len(texts) < _MIN_LINES:
        return None
    width = max(len(text) for text in texts)
    if not _MIN_WIDTH <= width <= _MAX_WIDTH:
        return None
    # Title, byline and date lines may stand above the wrapped text: judge from its first full line.
    first = next(i for i, text in enumerate(texts) if len(text) >= width * _NEAR_FULL)
    body = texts[first:-1]
    near = sum(1 for text in body if len(text) >= width * _NEAR_FULL)
    # A sentence carried over to the next line shows itself by a line that starts in lower case.
    carried = any(text[:1].islower() for text in texts[1:])
    return width if carried and near >= 2 and near * 3 >= len(body) * 2 else None


def _drop_running_heads(texts: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines with a page number at one end whose words recur in the copy, or which come in pairs
    with the number on alternate sides (left and right pages), are page furniture."""
    first_full = next((i for i, (_, text) in enumerate(texts) if len(text) >= _MIN_WIDTH), len(texts))
    heads = {i: m for i, (_, text) in enumerate(texts)
             if i > first_full and (m := _PAGE_HEAD.match(text)) and not parse_date_line(text)}
    others = " ".join(text for i, (_, text) in enumerate(texts) if i not in heads)
    sides = {bool(m.group("lead")) for m in heads.values()}
    drop = set()
    for index, match in heads.items():
        words = (match.group("a") or match.group("b")).strip()
        if words in others or (len(heads) >= 2 and len(sides) == 2):
            drop.add(index)
    return [item for i, item in enumerate(texts) if i not in drop]
