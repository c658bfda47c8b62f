"""Typography by language on the model: quotation marks by nesting level, apostrophes, the no-break spaces a
language puts before ``;:!?`` or inside « », and between numbers and units. Every rule comes from the language
folder (``publish/locale/<lang>/locale.yaml``); each text run follows the language it is written in."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from .. import model as m
from ..locales import Locale, QuoteLevels, Typography, edition_languages, locale_for

NBSP = "\u00a0"
SPACES = " \u00a0\u202f"
"""Spaces that machine output or authors leave inside quotes and before marks; the rules set their own."""
_DOUBLE = {"“": "”", '"': '"', "«": "»", "„": "“"}
_SINGLE = {"‘": "’", "‚": "‘"}
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")  # between letters only: 5'10" is feet, not elision
SEP = "\ue000"
"""Joins the text runs of one paragraph (private use: no text holds it), so a quote may open in one run
(“ before an emphasis) and close in another."""
OPAQUE = "\ue001"
"""Stands for an inline with no text of this language (code, a footnote mark, a foreign span)."""


def requote(text: str, levels: QuoteLevels) -> str:
    """Rewrite quotation marks by nesting depth with ``levels`` (outermost first). Double quotes (“…”, "…",
    «…», „…“) take the level of their depth; single ones (‘…’) at least the inner level. Unbalanced text
    is tried again with single quotes as plain letters, then left as written."""
    for openers in ({**_DOUBLE, **_SINGLE}, _DOUBLE):
        done = _requote(text, levels, openers)
        if done is not None:
            return done
    return text


def _requote(text: str, levels: QuoteLevels, openers: dict[str, str]) -> str | None:
    out: list[str] = []
    stack: list[str] = []
    just_opened = False
    for index, char in enumerate(text):
        if char == SEP:  # a boundary between inline runs: kept, and transparent to the quotes around it
            out.append(char)
        elif stack and char == openers[stack[-1]] and _closes_here(text, index, stack[-1]):
            opener = stack.pop()
            _drop_trailing_spaces(out)  # machine output sometimes pads quotes: “ suben ”
            out.append(_level(levels, len(stack), opener)[1])
            just_opened = False
        elif char in openers and _opens_here(text, index):
            out.append(_level(levels, len(stack), char)[0])
            stack.append(char)
            just_opened = True
        elif not (just_opened and char in SPACES):
            out.append(char)
            just_opened = False
    return "".join(out) if not stack else None


def _drop_trailing_spaces(out: list[str]) -> None:
    index = len(out) - 1
    while index >= 0 and out[index] in SPACES + SEP:
        if out[index] != SEP:
            del out[index]
        index -= 1


def _level(levels: QuoteLevels, depth: int, opener: str) -> tuple[str, str]:
    if opener in _SINGLE:
        depth = max(depth, 1)
    return levels[min(max(depth, 0), len(levels) - 1)]


def _neighbour(text: str, index: int, step: int) -> str:
    """The character before (step -1) or after (+1) ``index``, looking through run boundaries; a space
    past either end."""
    index += step
    while 0 <= index < len(text) and text[index] == SEP:
        index += step
    return text[index] if 0 <= index < len(text) else " "


def _opens_here(text: str, index: int) -> bool:
    before = _neighbour(text, index, -1)
    return before.isspace() or before in "([{¿¡—–-/«“‘„‚"


def _closes_here(text: str, index: int, opener: str) -> bool:
    if text[index] == '"':  # a straight quote after a space opens a nested quote instead
        return not _opens_here(text, index)
    if opener in _SINGLE and text[index] == "’":  # ’ between letters is an apostrophe (don’t, l’eau)
        return not (_neighbour(text, index, -1).isalnum() and _neighbour(text, index, 1).isalnum())
    return True


@dataclasses.dataclass(frozen=True)
class _Rules:
    """One language's rules compiled to regular expressions."""

    levels: QuoteLevels
    marks: re.Pattern[str] | None
    space_before: dict[str, str]
    units: re.Pattern[str] | None
    abbreviations: re.Pattern[str] | None
    short_words: re.Pattern[str] | None


@lru_cache(maxsize=64)
def _rules(locale: Locale, quotes: str) -> _Rules:
    rules: Typography = locale.typography
    marks = "".join(re.escape(mark) for mark in rules.space_before)

    def words(items: tuple[str, ...]) -> str:
        return "|".join(re.escape(item) for item in sorted(items, key=len, reverse=True))

    return _Rules(
        levels=rules.quotes(quotes),
        # a mark ending a phrase (followed by a space, the end, a closing mark or another mark), after a word
        marks=re.compile(rf"([^\s{marks}(\[«“‘„‚])[{SPACES}]?([{marks}]+)(?=$|[\s{marks}»”’)\].,…{SEP}])")
        if marks else None,
        space_before=dict(rules.space_before),
        units=re.compile(rf"(\d)\s+({words(rules.units)})(?=\W|$)") if rules.units else None,
        abbreviations=re.compile(rf"(?<!\w)({words(rules.abbreviations)})\s+(\d)") if rules.abbreviations else None,
        short_words=re.compile(rf"(?<![\w\u00a0])({words(rules.short_words)}) (?={SEP}*\w)") if rules.short_words else None,
    )


def typeset_text(text: str, lang: str, quotes: str = "") -> str:
    """One text run in ``lang``'s typography (``quotes``: a style name, "" for the language's default)."""
    rules = _rules(locale_for(lang), quotes)
    text = requote(_APOSTROPHE.sub("’", text), rules.levels)
    if rules.marks:
        text = rules.marks.sub(lambda mt: mt.group(1) + rules.space_before[mt.group(2)[0]] + mt.group(2), text)
    if rules.units:
        text = rules.units.sub(lambda mt: f"{mt.group(1)}{NBSP}{mt.group(2)}", text)
    if rules.abbreviations:
        text = rules.abbreviations.sub(lambda mt: f"{mt.group(1)}{NBSP}{mt.group(2)}", text)
    if rules.short_words:
        text = rules.short_words.sub(lambda mt: f"{mt.group(1)}{NBSP}", text)
    return text


def typeset(book: m.Book) -> m.Book:
    """The book with each text run in its own language's typography (code is left alone): articles by
    their ``lang``, foreign spans by theirs, a translation's original text by the source language's."""
    style = book.quotes

    def fix_for(lang: str) -> Callable[[str], str]:
        return lambda text: typeset_text(text, lang, style)

    text_lang = edition_languages(book)[-1]
    done: m.Book = _map_text(book, fix_for, text_lang)
    return done


def _map_text(value: Any, fix_for: Callable[[str], Callable[[str], str]], lang: str) -> Any:
    """Apply the typography of the language in force to every Text run and prose string field, recursively."""
    if isinstance(value, m.Text):
        return m.Text(fix_for(lang)(value.text))
    if isinstance(value, (m.Code, m.CodeBlock, m.Image)):
        return value
    if isinstance(value, tuple) and value and all(isinstance(v, _INLINES) for v in value):
        return _typeset_inlines(value, fix_for, lang)
    if isinstance(value, tuple):
        return tuple(_map_text(v, fix_for, lang) for v in value)
    if not (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        return value
    own = value.lang if isinstance(value, (m.Article, m.Foreign)) else lang
    changes = {}
    for f in dataclasses.fields(value):
        current = getattr(value, f.name)
        if f.name in _PROSE_FIELDS.get(type(value).__name__, ()) and isinstance(current, str):
            changes[f.name] = fix_for(own)(current)
        elif isinstance(current, m.Book):  # the source-language book of a translated edition
            changes[f.name] = _map_text(current, fix_for, current.lang)
        elif isinstance(current, tuple) or dataclasses.is_dataclass(current):
            changes[f.name] = _map_text(current, fix_for, own)
    return dataclasses.replace(value, **changes)


_INLINES = (m.Text, m.Emph, m.Strong, m.Code, m.Link, m.FootnoteRef, m.LineBreak, m.Foreign)
_WRAPPERS = (m.Emph, m.Strong, m.Link)


def _typeset_inlines(inlines: tuple[m.Inline, ...], fix_for: Callable[[str], Callable[[str], str]],
                     lang: str) -> tuple[m.Inline, ...]:
    """One paragraph's inlines typeset as one text, so “*this*” and “[a link](…)” are quoted too; each run
    gets back its own part. A foreign span is typeset in its own language."""
    pieces: list[str] = []
    _pieces(inlines, pieces)
    fixed = fix_for(lang)(SEP.join(pieces)).split(SEP)
    if len(fixed) != len(pieces) or any(f != p for f, p in zip(fixed, pieces) if p in (OPAQUE, "\n")):
        fixed = [fix_for(lang)(p) if p not in (OPAQUE, "\n") else p for p in pieces]  # cannot happen; be safe
    return _rebuild(inlines, iter(fixed), fix_for)


def _pieces(inlines: tuple[m.Inline, ...], out: list[str]) -> None:
    for inline in inlines:
        if isinstance(inline, m.Text):
            out.append(inline.text)
        elif isinstance(inline, _WRAPPERS):
            _pieces(inline.children, out)
        else:  # a line break reads as a space; code, footnote marks and foreign spans as an opaque word
            out.append("\n" if isinstance(inline, m.LineBreak) else OPAQUE)


def _rebuild(inlines: tuple[m.Inline, ...], fixed: Iterator[str],
             fix_for: Callable[[str], Callable[[str], str]]) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for inline in inlines:
        if isinstance(inline, m.Text):
            out.append(m.Text(next(fixed)))
        elif isinstance(inline, _WRAPPERS):
            out.append(dataclasses.replace(inline, children=_rebuild(inline.children, fixed, fix_for)))
        else:
            next(fixed)
            out.append(m.Foreign(inline.lang, _typeset_inlines(inline.children, fix_for, inline.lang))
                       if isinstance(inline, m.Foreign) else inline)
    return tuple(out)


_PROSE_FIELDS: dict[str, tuple[str, ...]] = {
    "Book": ("title", "subtitle", "description"),
    "Article": ("title", "subtitle"),
    "Author": ("bio",),
}
