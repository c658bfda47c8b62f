"""Reading the blocks under a byline: body paragraphs, subheadings, captions, embedded posts, and the
tail (a 'Source:' line, author bios) that ends an article.

``read_body`` stops at the end of the tail and hands back whatever follows it, which may be a
stray title or another article without a byline; ``text_dump`` decides what that is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block
from .bylines import is_name, same_name
from .classify import (
    bio_marker,
    bio_of,
    dash_bio,
    handle_line,
    has_credit,
    is_heading_like,
    is_prose,
    is_title_like,
    source_line,
)
from .dates import parse_date_line
from .model import AuthorDraft, Draft, Element

_MAX_POST_BLOCKS = 4
_LIST_ITEM = re.compile(r"^(?:[-•*–]\s|\d{1,2}[.)]\s)")
_MAX_BIO_LENGTH = 800


@dataclass(frozen=True)
class BodyStyle:
    """How a dump's text is laid out, read once per dump.

    ``tight``: the copy breaks blocks with single newlines (as copies of web pages do) and so keeps
    a subheading against its text; there, a headline-like line followed by a blank line is a
    sentence that lost its full stop, not a subheading. A line is a caption only with a caption marker or a
    credit (``has_credit``): a short verbless line between paragraphs stays a paragraph, however much it
    looks like a caption, since guessing there turned body text into figures.
    """

    tight: bool = False


def body_style(blocks: list[Block]) -> BodyStyle:
    # Single line breaks between distinct blocks anywhere (a headline over its dek, a byline over its
    # date, a subheading over its text) show a copy that keeps block breaks without blank lines.
    tight = any(block.gap == 0 for block in blocks[1:])
    return BodyStyle(tight)


def norm(text: str) -> str:
    return " ".join(text.casefold().split())


def read_body(blocks: list[Block], draft: Draft, style: BodyStyle = BodyStyle()) -> tuple[list[Block], Block | None]:
    """Fill ``draft.body`` (and tail fields) from ``blocks``; return the blocks after the tail and a
    trailing title-like block that had nothing under it (a stray title), if any."""
    index, count = 0, len(blocks)
    while index < count:
        block = blocks[index]
        if _tail_starts(blocks, index, draft):
            end = _read_tail(blocks, index, draft)
            return blocks[end:], None
        if index < 3 and norm(block.text) == norm(draft.title):
            index += 1  # pages print the headline again above the text
            continue
        if index < 2 and (found := parse_date_line(block.text)):
            if not draft.date:
                set_date(draft, found.value, found.ambiguous, block.line)
            else:  # an 'Updated ...' stamp beside the byline's date
                draft.warn(f"dropped a second date line (line {block.line}): '{block.text}'")
            index += 1
            continue
        if index == count - 1 and block.gap >= 2 and is_title_like(block.text):
            return [], block  # a headline standing alone after the article
        if index and block.gap >= 2 and is_title_like(block.text) and index + 1 < count \
                and is_prose(blocks[index + 1].text) and blocks[index + 1].gap <= 1:
            return blocks[index:], None  # two blank lines, then a headline over running text: the next article
        index = _read_block(blocks, index, draft, style)
    return [], None


def _read_block(blocks: list[Block], index: int, draft: Draft, style: BodyStyle) -> int:
    """Append the element that starts at ``index``; return the index after it."""
    block = blocks[index]
    text = block.text
    if handle_line(text) and (post := _read_post(blocks, index)) is not None:
        element, after = post
        draft.body.append(element)
        return after
    if has_credit(text):
        draft.body.append(Element("figure", text))
    elif source_line(text):
        draft.body.append(Element("paragraph", text))  # a data source inside the text
    elif _is_heading(blocks, index, style):
        draft.body.append(Element("heading", text))
    else:
        draft.body.append(Element("paragraph", text))
    return index + 1


def _is_heading(blocks: list[Block], index: int, style: BodyStyle) -> bool:
    """A subheading looks like one and has text under it (tight against it in a tight copy)."""
    if index + 1 >= len(blocks) or not is_heading_like(blocks[index].text):
        return False
    after = blocks[index + 1]
    if not (is_prose(after.text) or _LIST_ITEM.match(after.text)):
        return False  # a heading has running text (or a list) under it, not another short line
    return not style.tight or after.gap == 0


def _read_post(blocks: list[Block], index: int) -> tuple[Element, int] | None:
    """An embedded post: the handle line, then its text up to a wider gap or the post's date line.

    Copied posts end where the page's own text resumes, which pasting marks with extra blank
    lines; without such a mark only the first block is taken as the post.
    """
    name, handle = handle_line(blocks[index].text)  # type: ignore[misc]
    parts: list[str] = []
    cursor, closed = index + 1, False
    while cursor < len(blocks) and len(parts) < _MAX_POST_BLOCKS:
        block = blocks[cursor]
        if parts and block.gap >= 2:
            closed = True
            break
        if _post_footer(block.text, handle):
            cursor, closed = cursor + 1, True
            break
        parts.append(block.text)
        cursor += 1
    if not parts:
        return None
    if not closed and cursor < len(blocks):
        parts, cursor = parts[:1], index + 2
    return Element("post", parts=tuple(parts), author=name, handle=handle), cursor


def _post_footer(text: str, handle: str) -> bool:
    """'— Ollie Vargas (@OVargas52) December 24, 2019', '8:25 PM · Dec 24, 2019', 'pic.twitter.com/…'."""
    if handle.casefold() in text.casefold() and text.lstrip().startswith(("—", "-", "–")):
        return True
    return "pic.twitter.com/" in text or parse_date_line(text.replace("·", " ")) is not None


def _tail_starts(blocks: list[Block], index: int, draft: Draft) -> bool:
    text = blocks[index].text
    if bio_marker(text)[0]:
        return True
    if source_line(text):
        # 'Source: INE' under a table inside the text is not the article's source line:
        # that one ends the text (nothing, a bio, or the next headline follows it).
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        return after is None or after.gap >= 2 or is_title_like(after.text) or bio_marker(after.text)[0]
    if index + 1 < len(blocks) and is_name(text) and dash_bio(blocks[index + 1].text):
        return True
    near_end = index >= len(blocks) - 2
    return near_end and len(text) <= _MAX_BIO_LENGTH and any(bio_of(text, a.name) for a in draft.authors)


def _read_tail(blocks: list[Block], index: int, draft: Draft) -> int:
    """Read 'Source:' lines and author bios from ``index``; return where the tail ends."""
    while index < len(blocks):
        text = blocks[index].text
        if (source := source_line(text)) is not None:
            _set_source(draft, source, blocks[index].line)
            index += 1
        elif bio_marker(text)[0]:
            index = _read_bio_section(blocks, index, draft)
        elif index + 1 < len(blocks) and is_name(text) and (bio := dash_bio(blocks[index + 1].text)):
            attach_bio(draft, text, bio)
            index += 2
        elif (author := next((a for a in draft.authors if bio_of(text, a.name)), None)) is not None:
            attach_bio(draft, author.name, text)
            index += 1
        else:
            break
    return index


def _read_bio_section(blocks: list[Block], index: int, draft: Draft) -> int:
    """'(*) Author:' then name / bio pairs (or a bio for the name given on the marker line)."""
    name = bio_marker(blocks[index].text)[1]
    index += 1
    while index < len(blocks):
        text = blocks[index].text
        if name is None and is_name(text) and index + 1 < len(blocks) and not is_name(blocks[index + 1].text):
            name = text
            index += 1
            continue
        if name is None:
            break
        attach_bio(draft, name, dash_bio(text) or text)
        name = None
        index += 1
    return index


def attach_bio(draft: Draft, name: str, bio: str) -> None:
    """Give ``bio`` to the byline's author of that name; with no byline, the bio names the author."""
    for author in draft.authors:
        if same_name(author.name, name):
            author.bio = author.bio or bio
            return
    if not draft.authors:
        draft.authors.append(AuthorDraft(name, bio))
        return
    draft.warn(f"a bio for '{name}', who is not in the byline, was not used")


def _set_source(draft: Draft, source: tuple[str | None, str | None], line: int) -> None:
    publication, url = source
    if publication and draft.publication and norm(publication) != norm(draft.publication):
        draft.warn(f"a second source line (line {line}) names '{publication}'; kept '{draft.publication}'")
    if publication and not draft.publication:
        draft.mark("publication", line)
    draft.publication = draft.publication or publication
    draft.url = draft.url or url


def set_date(draft: Draft, value: str, ambiguous: bool, line: int) -> None:
    draft.date = value
    draft.lines["date"] = line
    if ambiguous:
        draft.warn(f"date '{value}' (line {line}) is ambiguous (day/month order); kept as written")
