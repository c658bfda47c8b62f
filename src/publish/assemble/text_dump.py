"""Plain-text dumps with several articles copied from web pages into one file.

Bylines anchor the articles. Above each byline sits its head: the title (the headline that is
repeated under the byline when the page prints it twice, else the first headline-like line),
then lead-photo captions, then the dek (the block right above the byline). Below it, ``body``
reads paragraphs up to the tail. Text outside any byline article is split at wide gaps into
byline-less articles (title + body) or stray titles, which are reported as skipped.
"""

from __future__ import annotations

from .blocks import Block, NoiseCount, read_blocks
from .body import norm, read_body, set_date
from .bylines import Byline, parse_byline
from .classify import bio_marker, dash_bio, has_credit, is_title_like, source_line
from .dates import parse_date_line
from .decode import TextFile
from .model import AuthorDraft, Draft, Element, SourceResult, Skipped
from ..errors import PublishError

_HEAD_REACH = 4
_MAX_HEAD_BLOCK = 320
NO_BODY = "a title with no body under it"


def parse_text_dump(source: TextFile) -> SourceResult:
    """All articles (and skipped titles) in a plain-text dump."""
    noise = NoiseCount()
    blocks = list(read_blocks(source.lines(), noise))
    if not blocks:
        raise PublishError("the file has no text (only blank lines or web-page furniture)", path=source.display,
                           hint="paste the article text into it, or leave it out.")
    result = SourceResult()
    anchors = _anchors(blocks)
    starts = [start for start, _, _ in anchors] + [len(blocks)]
    _headless(blocks[: starts[0]], source.display, result)
    for number, (start, title_at, byline_at) in enumerate(anchors):
        byline = parse_byline(blocks[byline_at].text)
        assert byline is not None
        _article(blocks, start, title_at, byline_at, starts[number + 1], byline, source.display, result)
    if not result.drafts:
        raise _nothing_found(blocks, result, source.display)
    _finish(result, source, noise)
    return result


def _anchors(blocks: list[Block]) -> list[tuple[int, int, int]]:
    """(head start, title index, byline index) for every byline that has a title above it."""
    anchors: list[tuple[int, int, int]] = []
    floor = 0
    for index, block in enumerate(blocks):
        if parse_byline(block.text) is None:
            continue
        title_at = _find_title(blocks, index, floor)
        if title_at is None:
            continue  # "By ..." with no headline above: left in the text
        start = title_at - 1 if title_at - 1 >= floor and parse_date_line(blocks[title_at - 1].text) else title_at
        anchors.append((start, title_at, index))
        floor = index + 1
    return anchors


def _find_title(blocks: list[Block], byline_at: int, floor: int) -> int | None:
    """Walk up from the byline over the head; stop at the previous article's tail or a wide gap."""
    candidates: list[int] = []
    index = byline_at - 1
    while index >= floor and byline_at - index <= _HEAD_REACH and not _in_tail(blocks, index, floor):
        if len(blocks[index].text) > _MAX_HEAD_BLOCK and index != byline_at - 1:
            break
        candidates.insert(0, index)
        if blocks[index].gap >= 2:
            break
        index -= 1
    repeated = {norm(b.text) for b in blocks[byline_at + 1 : byline_at + 4]}
    for index in candidates:
        if norm(blocks[index].text) in repeated and is_title_like(blocks[index].text):
            return index
    return next((i for i in candidates if is_title_like(blocks[i].text) and not parse_byline(blocks[i].text)), None)


def _in_tail(blocks: list[Block], index: int, floor: int) -> bool:
    """True inside the previous article's 'Source:' / author-bio lines."""
    for back in range(max(floor, index - 2), index + 1):
        text = blocks[back].text
        if source_line(text) or bio_marker(text)[0]:
            return True
    return bool(dash_bio(blocks[index].text)) or (index + 1 < len(blocks) and bool(dash_bio(blocks[index + 1].text)))


def _article(blocks: list[Block], start: int, title_at: int, byline_at: int, end: int, byline: Byline,
             display: str, result: SourceResult) -> None:
    draft = Draft(display, blocks[title_at].line, blocks[title_at].text)
    draft.authors = [AuthorDraft(name) for name in byline.names]
    for note in byline.notes:
        draft.warn(note)
    if byline.date:
        set_date(draft, byline.date, byline.date_ambiguous, blocks[byline_at].line)
    _read_head(blocks[start:title_at] + blocks[title_at + 1 : byline_at], draft)
    leftover, stray = read_body(blocks[byline_at + 1 : end], draft)
    _keep(draft, result)
    _report_stray(stray, display, result)
    _headless(leftover, display, result)


def _read_head(head: list[Block], draft: Draft) -> None:
    """Date lines, lead-photo captions and the dek (the last block above the byline)."""
    rest = []
    for block in head:
        found = parse_date_line(block.text)
        if found and not draft.date:
            set_date(draft, found.value, found.ambiguous, block.line)
        elif not found:
            rest.append(block)
    if rest and not has_credit(rest[-1].text):
        draft.subtitle = " ".join(rest.pop().text.split())
    draft.body.extend(Element("figure", block.text) for block in rest)


def _headless(blocks: list[Block], display: str, result: SourceResult) -> None:
    """Text outside byline articles: chunks that start with a headline after a wide gap."""
    chunk: list[Block] = []
    for block in blocks:
        if chunk and block.gap >= 2 and is_title_like(block.text):
            _headless_chunk(chunk, display, result)
            chunk = []
        chunk.append(block)
    if chunk:
        _headless_chunk(chunk, display, result)


def _headless_chunk(chunk: list[Block], display: str, result: SourceResult) -> None:
    date = None
    while chunk and (found := parse_date_line(chunk[0].text)):
        date, chunk = (found, chunk[0].line), chunk[1:]
    if not chunk or not is_title_like(chunk[0].text):
        if chunk:
            result.unplaced.append((chunk[0].line, chunk[0].text))
        return
    title, body = chunk[0], chunk[1:]
    if not body:
        _report_stray(title, display, result)
        return
    draft = Draft(display, title.line, title.text)
    if date:
        set_date(draft, date[0].value, date[0].ambiguous, date[1])
    leftover, stray = read_body(body, draft)
    _keep(draft, result)
    _report_stray(stray, display, result)
    _headless(leftover, display, result)


def _keep(draft: Draft, result: SourceResult) -> None:
    if any(element.kind == "paragraph" for element in draft.body):
        result.drafts.append(draft)
    else:
        result.skipped.append(Skipped(draft.source, draft.line, draft.title, NO_BODY))


def _report_stray(block: Block | None, display: str, result: SourceResult) -> None:
    if block is not None:
        result.skipped.append(Skipped(display, block.line, block.text, NO_BODY))


def _nothing_found(blocks: list[Block], result: SourceResult, display: str) -> PublishError:
    if result.skipped:
        first = result.skipped[0]
        return PublishError(f"no article found, only a title with no body ('{first.title[:60]}')",
                            path=display, line=first.line, hint="paste the article text under its title.")
    return PublishError(
        "no recognisable title: the text does not start with a headline",
        path=display,
        line=blocks[0].line,
        hint="put each article's title on its own line (no final full stop) above its text, "
        "followed by a blank line, and its byline ('By Name - date') under it.",
    )


def _finish(result: SourceResult, source: TextFile, noise: NoiseCount) -> None:
    """File-level warnings (encoding, dropped lines, unplaced text) go to the file's first article."""
    first = result.drafts[0]
    for message in source.warnings:
        for draft in result.drafts:
            draft.warn(message)
    if noise.count:
        first.warn(f"dropped {noise.count} line(s) of web-page furniture (share buttons, comment form, "
                   f"'click here'), first at line {noise.first_line}")
    for line, text in result.unplaced:
        first.warn(f"text at line {line} is not under any title and was not used: '{text[:50]}'")
