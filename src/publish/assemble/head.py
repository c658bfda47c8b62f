"""The head of an article in a dump: the title above its byline, the dek, lead captions, and the date
and byline lines around them.

Walking up from a byline, the head ends at a section label ('HEALTH', 'Vie de quartier'), page
furniture, a date line above the headline, a site's 'Provided by' line, the previous article's
tail or a wide gap. The topmost headline-like line is the title (or the one printed again under
the byline); the block right above the byline is the dek; anything between is a lead caption.
"""

from __future__ import annotations

import re

from .blocks import Block
from .body import norm, set_date
from .bylines import Byline, parse_bare_byline, parse_byline
from .classify import (bio_marker, clean_title, dash_bio, has_credit, is_kicker, is_prose, is_title_like, provider_line,
                       source_line)
from .dates import is_date_furniture, read_date_line
from .furniture import furniture_kind
from .model import AuthorDraft, Draft, Element

# 'Prepared by the Field Team', 'Compiled by ...': a credit line even when what follows is not a person.
_CREDITS_SOMEONE = re.compile(r"^(?:(?:written|prepared|compiled|edited|produced|translated|reported|photographed|"
                              r"illustrated|posted)\s+by|by|por|par|escrito por|elaborado por|preparado por|"
                              r"redactado por|rédigé par|préparé par|texto de|texte de)\s+\S", re.IGNORECASE)
_HEAD_REACH = 4
_MAX_HEAD_BLOCK = 320


def headline(text: str) -> bool:
    text = clean_title(text)
    if provider_line(text):
        return False
    # A photo credit ('Photo by X on Unsplash') is a caption wherever it sits, never a headline.
    return is_title_like(text) and not is_kicker(text) and not furniture_kind(text) and not parse_byline(text) \
        and not has_credit(text) and not _CREDITS_SOMEONE.match(text)


def find_title(blocks: list[Block], byline_at: int, floor: int) -> int | None:
    """Walk up from the byline over the head; stop at a section label, furniture, a date line above
    the headline, the previous article's tail or a wide gap."""
    index = byline_at - 1
    while index >= floor and read_date_line(blocks[index].text):
        index -= 1  # 'date / By X' under the dek
    candidates: list[int] = []
    # A head set without blank lines ('Title / By X') ends at the first blank line above it.
    tight = index + 1 < len(blocks) and blocks[index + 1].gap == 0
    while index >= floor and len(candidates) < _HEAD_REACH and not _in_tail(blocks, index, floor):
        text = blocks[index].text
        if furniture_kind(text) or read_date_line(text) or provider_line(text) or (candidates and is_kicker(text)):
            break
        # Only the dek, right above the byline, may read as running text: a paragraph higher up is
        # the text of something else (a page's author footer far below its headline), not a head.
        if index != byline_at - 1 and (len(text) > _MAX_HEAD_BLOCK or (is_prose(text) and not has_credit(text))):
            break
        candidates.insert(0, index)
        if blocks[index].gap >= 2 or (tight and blocks[index].gap and headline(blocks[index].text)):
            break
        index -= 1
    repeated = {norm(b.text) for b in blocks[byline_at + 1 : byline_at + 4]}
    for index in candidates:
        if norm(blocks[index].text) in repeated and is_title_like(blocks[index].text):
            return index
    headlines = [i for i in candidates if headline(blocks[i].text)]
    if len(headlines) >= 2 and len(blocks[headlines[0]].text.split()) <= 3 < len(blocks[headlines[1]].text.split()):
        return headlines[1]  # 'Vie de quartier' over the headline: a section label, not the title
    if headlines:
        return headlines[0]
    # A headline printed in capitals looks like a section label; right above the byline it is the title.
    shouted = [i for i in candidates[-1:] if is_kicker(blocks[i].text) and len(blocks[i].text.split()) >= 3
               and is_title_like(blocks[i].text)]
    return shouted[0] if shouted else None


def _in_tail(blocks: list[Block], index: int, floor: int) -> bool:
    """True inside the previous article's 'Source:' / author-bio lines."""
    for back in range(max(floor, index - 2), index + 1):
        text = blocks[back].text
        if source_line(text) or bio_marker(text)[0]:
            return True
    return bool(dash_bio(blocks[index].text)) or (index + 1 < len(blocks) and bool(dash_bio(blocks[index + 1].text)))


def read_provider(head: list[Block], draft: Draft) -> None:
    """'Provided by <publication>', then the byline and its date lines, all above the headline."""
    for block in head:
        provider = provider_line(block.text)
        if provider and not draft.publication:
            draft.publication = provider
            draft.mark("publication", block.line)
        elif byline := parse_byline(block.text) or parse_bare_byline(block.text):
            take_byline(draft, byline, block.line)
        else:
            read_dates([block], draft)


def take_byline(draft: Draft, byline: Byline | None, line: int) -> None:
    if byline is None:
        return
    if byline.names and not draft.authors:
        draft.authors = [AuthorDraft(name) for name in byline.names]
        draft.mark("authors", line)
    for note in byline.notes:
        draft.warn(note)
    if byline.date and not draft.date:
        set_date(draft, byline.date, byline.date_ambiguous, line)


def read_dates(blocks: list[Block], draft: Draft) -> None:
    for block in blocks:
        found = read_date_line(block.text)
        if found is None:
            continue
        if found[1]:
            draft.warn(f"line {block.line} is an update stamp, not the publication date: '{block.text}'")
        elif not draft.date:
            set_date(draft, found[0].value, found[0].ambiguous, block.line)


def read_head(head: list[Block], draft: Draft) -> None:
    """Date lines, lead-photo captions and the dek (the last block above the byline)."""
    rest = []
    for block in head:
        found = read_date_line(block.text)
        if found and not found[1] and not draft.date:
            set_date(draft, found[0].value, found[0].ambiguous, block.line)
        elif not found and not is_date_furniture(block.text):
            rest.append(block)
    if rest and not has_credit(rest[-1].text):
        dek = rest.pop()
        draft.subtitle = " ".join(dek.text.split())
        draft.mark("subtitle", dek.line)
    draft.body.extend(Element("figure", block.text) for block in rest)
