"""Leftover source words: words of the source language that survived into a machine translation.

A word of the translation is a leftover when the target language's Hunspell dictionary does not
know it, and it is a word of the source language (its dictionary knows it, or the source segment
holds it). Names are not leftovers: a capitalised word the source dictionary only knows
capitalised, or that the source writes capitalised mid-sentence; nor are ``keep`` terms, glossary
renderings, acronyms, or words both languages share (the target dictionary knows them).
"""

from __future__ import annotations

import functools
import re

from .glossary import Glossary, find_terms
from .markup import strip_placeholders
from .qa_lexicon import Lexicon

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")
_SENTENCE_MARKS = frozenset('.!?:;«“"¿¡(—–-')
"""A capital after one of these (and any spaces) starts a sentence: it says nothing about names."""


def leftover_words(source: str, target: str, glossary: Glossary, target_lex: Lexicon | None,
                   source_lex: Lexicon | None, marked: tuple[str, ...] = (),
                   book_names: frozenset[str] = frozenset(), headline: bool = False) -> list[str]:
    """The source-language words left in ``target``, in order, each once.

    ``marked`` are the words the engine itself said it did not know (Apertium's ``*``): leftovers
    too while they are still in the text, unless they are names or words of the target language.
    ``book_names`` are the words the whole source capitalises mid-sentence (see ``names_in``); a
    ``headline`` may be in title case, so its own capitals say nothing about names.
    """
    source_plain, target_plain = strip_placeholders(source), strip_placeholders(target)
    source_words = _words_of(source_plain)
    names = book_names if headline else _mid_sentence_capitals(source_plain) | book_names
    masked = _mask_glossary(target_plain, glossary)
    found: list[str] = []
    for match in _WORD.finditer(masked):
        token = match.group(0)
        if target_lex is not None and target_lex.knows(token):
            continue  # hyphenated compounds the dictionary knows whole ('re-invasión' is not one)
        for word in re.split(r"['’-]", token):
            if word and word not in found and _is_leftover(word, source_words, names, target_lex, source_lex):
                found.append(word)
    for token in marked:
        if not re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", masked):
            continue  # no longer in the text (a glossary term, or the engine's mark on a placeholder)
        for word in re.split(r"['’-]", token):  # Apertium marks a hyphenated token whole ('*self-rigiendo')
            if word and word not in found and _is_marked_leftover(word, names, target_lex, source_lex):
                found.append(word)
    return found


def names_in(sources: list[str]) -> frozenset[str]:
    """Words the sources capitalise somewhere mid-sentence: names, for every segment of the book.
    Pass running text only: a title-case headline capitalises every word."""
    found: set[str] = set()
    for source in sources:
        found |= _mid_sentence_capitals(strip_placeholders(source))
    return frozenset(found)


def _is_marked_leftover(word: str, names: frozenset[str], target_lex: Lexicon | None, source_lex: Lexicon | None) -> bool:
    """A word the engine did not know: a leftover unless it is a name or the target language has it."""
    if _is_acronym(word) or word in names or (target_lex is not None and target_lex.knows(word)):
        return False
    return not word[:1].isupper() or (source_lex is not None and source_lex.knows(word.lower()))


def _is_leftover(word: str, source_words: set[str], names: frozenset[str], target_lex: Lexicon | None,
                 source_lex: Lexicon | None) -> bool:
    in_source = word.casefold() in source_words
    if _ACRONYM_PLURAL.match(word):
        # An acronym with the source language's plural 's' ('NGOs'), copied from the source.
        return in_source and (target_lex is None or not target_lex.knows(word))
    if len(word) < 2 or _is_acronym(word) or word in names:
        return False
    if target_lex is not None and target_lex.knows(word):
        return False  # a word both languages share ('final', 'radio') or a Spanish word
    if word[:1].isupper() and source_lex is not None and source_lex.knows(word) \
            and not source_lex.knows(word.lower()):
        return False  # a name: the source dictionary knows it only capitalised ('Garcia')
    if target_lex is None:
        # Without the target dictionary only a word copied from the source can be told apart.
        return in_source and len(word) > 3
    return in_source or (source_lex is not None and source_lex.knows(word))


def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) > 1


@functools.lru_cache(maxsize=65536)
def _mid_sentence_capitals(text: str) -> frozenset[str]:
    """Capitalised words the source writes mid-sentence: names, whatever the dictionaries say.
    (Kept per text: every build and preview reload asks again for every segment of the book.)"""
    return frozenset(m.group(0) for m in _WORD.finditer(text)
                     if m.group(0)[:1].isupper() and not _starts_sentence(text, m.start()))


def _starts_sentence(text: str, index: int) -> bool:
    """Whether ``text[index]`` opens the text or follows a sentence mark and spaces.

    Only the characters just before ``index`` are looked at (a regex anchored at the end of ``text[:index]``
    tried every start position: quadratic in the segment, a tenth of a second per 100 articles). As that regex
    did, a text opening with spaces (a placeholder stripped away) does not open a sentence.
    """
    start = index
    while start and text[start - 1].isspace():
        start -= 1
    if start:
        return text[start - 1] in _SENTENCE_MARKS
    return index == 0 or text[:index] == "\n"


def _mask_glossary(text: str, glossary: Glossary) -> str:
    """Blank out keep terms (they are meant to stay in the source language)."""
    for found in reversed(find_terms(text, glossary)):
        if found.keep:
            text = text[:found.start] + " " * (found.end - found.start) + text[found.end:]
    return text


def unknown_words(source: str, target: str, glossary: Glossary, target_lex: Lexicon | None,
                  leftovers: list[str]) -> list[str]:
    """Words of ``target`` that neither come from the source nor are in the target dictionary:
    misspellings, and words an engine ran together ('comunicaciónde')."""
    if target_lex is None:
        return []
    source_words = _words_of(strip_placeholders(source))
    masked = _mask_glossary(strip_placeholders(target), glossary)
    found: list[str] = []
    for match in _WORD.finditer(masked):
        token = match.group(0)
        if target_lex.knows(token) or (token[:1].isupper() and not _starts_sentence(masked, match.start())):
            continue  # known, or a capitalised word mid-sentence: a name the engine rendered ('Londres')
        for word in re.split(r"['’-]", token):
            if (len(word) > 2 and not _is_acronym(word) and word not in leftovers and word not in found
                    and word.casefold() not in source_words and not target_lex.knows(word)):
                found.append(word)
    return found


def _words_of(text: str) -> set[str]:
    """The text's words in lower case, hyphenated ones both whole and in parts."""
    words = {w.casefold() for w in _WORD.findall(text)}
    return words | {part for w in words for part in re.split(r"['’-]", w) if part}
