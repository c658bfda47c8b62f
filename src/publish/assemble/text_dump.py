"""Plain-text dumps: one or several articles copied from web pages (or e-mails, PDFs) into one file.

An article starts where there is evidence of one: a byline with a headline above it, a blog's date
line with a headline and running text under it, or (with neither) a headline with running text
under it. What comes before the first article is the site header (``page``); what comes after an
article's text is furniture (``furniture``) unless another article starts there. Above a byline sits
the head: the title (the headline repeated under the byline when the page prints it twice, else the
topmost headline-like line below any section label), then lead-photo captions, then the dek (the
block right above the byline). Below it, ``body`` reads paragraphs up to the tail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block, NoiseCount, read_blocks
from .body import BodyStyle, body_style, read_body, set_date
from .bylines import Byline, parse_bare_byline, parse_byline, parse_labelled_byline, parse_name_line
from .classify import clean_title, is_prose, is_title_like, provider_line
from .dates import is_date_furniture, read_date_line
from .decode import TextFile
from .dump_finish import finish_source
from .folios import running_heads
from .furniture import END, INLINE, LIST, furniture_kind
from .head import find_title, headline, read_dates, read_head, read_provider, take_byline
from .mail import MailHead, read_mail_head
from .model import Draft, Skipped, SourceResult
from .page import read_header
from ..errors import PublishError

# Blogger and WordPress close a post with 'Posted by X at 10:15 AM': a footer, never a head.
_POSTED_BY = re.compile(r"^(?:posted|publicado|publicada|postado|publié|posté)\s+(?:by|por|par)\s", re.IGNORECASE)
_MIN_WORDS = 6  # 'Go to the homepage' is a link, not a paragraph
_BODY_REACH = 6  # an article's running text starts within a few blocks of its byline
_MIN_ARTICLE_WORDS = 80  # one paragraph this long is an article run together, not a teaser
NO_BODY = "a title with no body under it"
TEASER = "a headline with one paragraph and no byline or date (a teaser or a notice, not an article)"


@dataclass(frozen=True)
class Context:
    """One dump being read: its display name, the result so far, the furniture count, its body style."""

    display: str
    result: SourceResult
    noise: NoiseCount
    style: BodyStyle


@dataclass(frozen=True)
class Anchor:
    """Where an article starts: the head's first block, the title, the byline (if any), the text."""

    start: int
    title_at: int
    byline_at: int | None
    body_at: int
    byline: Byline | None = None


def parse_text_dump(source: TextFile) -> SourceResult:
    """All articles (and skipped titles) in a plain-text dump."""
    noise = NoiseCount()
    folios = frozenset(running_heads(source.lines()))  # a first pass: the file is streamed, never held twice
    blocks = _drop_link_lists(list(read_blocks(source.lines(), noise, folios)), noise)
    if not blocks:
        raise PublishError("the file has no text (only blank lines or web-page furniture)", path=source.display,
                           hint="paste the article text into it, or leave it out.")
    result = SourceResult()
    ctx = Context(source.display, result, noise, body_style(blocks))
    mail = read_mail_head(blocks)
    if mail is not None:
        _mail_article(blocks, mail, ctx)
        if not result.drafts:
            raise _nothing_found(blocks, result, source.display)
        finish_source(result, source, noise, read_header([], blocks))
        return result
    anchors = _anchors(blocks)
    first = anchors[0].start if anchors else _headless_start(blocks)
    if first is None:  # no headline with text under it anywhere: a front page, a notice, a lone title
        _lone_titles(blocks, ctx)
        raise _nothing_found(blocks, result, source.display)
    header = read_header(blocks[:first], blocks[first:])
    if first:
        noise.add(blocks[0].line, first)
    if not anchors:
        _headless(blocks[first:], ctx)
    starts = [a.start for a in anchors] + [len(blocks)]
    for number, anchor in enumerate(anchors):
        _article(blocks[: starts[number + 1]], anchor, ctx)
    if not result.drafts:
        raise _nothing_found(blocks, result, source.display)
    finish_source(result, source, noise, header)
    return result


def _mail_article(blocks: list[Block], mail: MailHead, ctx: Context) -> None:
    """A copied e-mail: the subject is the title, the sender the author, the 'Date:' line the date."""
    draft = Draft(ctx.display, mail.subject_line, clean_title(mail.subject))
    draft.mark("title", mail.subject_line)
    if mail.sender is not None and mail.sender_line is not None:
        take_byline(draft, mail.sender, mail.sender_line)
    if mail.date is not None and mail.date_line is not None:
        set_date(draft, mail.date.value, mail.date.ambiguous, mail.date_line)
    _read_text(blocks[mail.body_at :], draft, ctx)


def _drop_link_lists(blocks: list[Block], noise: NoiseCount) -> list[Block]:
    """Remove 'Related stories' headings with the links right under them, and one-line 'Read also:' links."""
    kept: list[Block] = []
    in_list = False
    for block in blocks:
        kind = furniture_kind(block.text)
        # The links under the heading are short lines; running text after it is not one of them.
        if kind == INLINE or kind == LIST or (in_list and block.gap == 0 and kind != END and not is_prose(block.text)):
            in_list = kind == LIST or in_list
            noise.add(block.line)
            continue
        if in_list:  # a furniture block is a wide break: a headline after it may start another article
            block = Block(block.text, block.line, max(block.gap, 2))
        in_list = False
        kept.append(block)
    return kept


def _anchors(blocks: list[Block]) -> list[Anchor]:
    """Every article start, in order: bylines with a title above, and blog date lines over a title."""
    anchors: list[Anchor] = []
    floor = 0
    for index in range(len(blocks)):
        if index < floor:
            continue
        anchor = _byline_anchor(blocks, index, floor) or _dated_anchor(blocks, index, floor)
        if anchor is not None:
            anchors.append(anchor)
            floor = anchor.body_at
    return anchors


def _byline_anchor(blocks: list[Block], index: int, floor: int) -> Anchor | None:
    text = blocks[index].text
    byline = parse_byline(text)
    if byline is None and index >= 1 and headline(blocks[index - 1].text):
        byline = parse_bare_byline(text) or parse_labelled_byline(text) or (
            parse_name_line(text) if _dated_soon(blocks, index) else None)
    # A byline with page furniture right under it closes a blog post: it is that post's footer.
    if byline is None or _footer_byline(blocks, index):
        return None
    following = blocks[index + 1].text if index + 1 < len(blocks) else ""
    if provider_line(text) and (parse_byline(following) or parse_bare_byline(following)):
        return None  # 'Publicado por <site>' over 'Historia de <author>': the site, not an author
    title_at = find_title(blocks, index, floor)
    if title_at is None:
        return _title_below(blocks, index, byline)
    body_at = _after_byline(blocks, index + 1)
    if not any(is_prose(b.text) for b in blocks[body_at : body_at + _BODY_REACH]):
        return None  # 'Written by X' over a follower count and a one-line bio: a page's author footer
    start = title_at - 1 if title_at - 1 >= floor and read_date_line(blocks[title_at - 1].text) else title_at
    return Anchor(start, title_at, index, body_at, byline)


def _dated_soon(blocks: list[Block], index: int) -> bool:
    """A date line within three short lines under ``index``: 'Ama Boateng / Off-Grid Stories / Jan 5, 2022'."""
    for block in blocks[index + 1 : index + 4]:
        if read_date_line(block.text):
            return True
        if block.gap >= 2 or is_prose(block.text) or len(block.text.split()) > 4:
            return False
    return False


def _title_below(blocks: list[Block], byline_at: int, byline: Byline) -> Anchor | None:
    """News aggregators print 'Provided by X / Story by Y / 2h' above the headline: a byline with no
    headline above it, then a headline with running text right under it."""
    title_at = _after_byline(blocks, byline_at + 1)
    if title_at + 1 >= len(blocks) or title_at - byline_at > 4:
        return None
    if not headline(blocks[title_at].text) or not is_prose(blocks[title_at + 1].text):
        return None  # "By ..." with no headline near it: left in the text
    start = byline_at - 1 if byline_at and provider_line(blocks[byline_at - 1].text) else byline_at
    return Anchor(start, title_at, byline_at, title_at + 1, byline)


def _footer_byline(blocks: list[Block], index: int) -> bool:
    after = blocks[index + 1].text if index + 1 < len(blocks) else None
    closing = after is None or furniture_kind(after) == END
    return closing and (is_prose(blocks[index - 1].text) or bool(_POSTED_BY.match(blocks[index].text)))


def _dated_anchor(blocks: list[Block], index: int, floor: int) -> Anchor | None:
    """A blog post: its date line, the headline right under it, running text under that."""
    if index + 2 >= len(blocks) or not (found := read_date_line(blocks[index].text)) or found[1]:
        return None
    title, text = blocks[index + 1].text, blocks[index + 2].text
    # The post's date sits right on its headline; today's date in a site header stands apart.
    if blocks[index + 1].gap or not headline(title) or not is_prose(text):
        return None
    if any(parse_byline(b.text) for b in blocks[index + 2 : index + 4]):
        return None  # the byline under the dek anchors this article
    return Anchor(index, index + 1, None, index + 2)


def _after_byline(blocks: list[Block], index: int) -> int:
    """Skip the date, update stamp and reading-time lines right under a byline (and short lines
    between them and a date: a newsletter's name, a 'Follow' button)."""
    last = index
    for cursor in range(index, min(index + 4, len(blocks))):
        text = blocks[cursor].text
        if read_date_line(text) or is_date_furniture(text):
            last = cursor + 1
        elif is_prose(text) or len(text.split()) > 4 or blocks[cursor].gap >= 2:
            break
    return last


def _article(blocks: list[Block], anchor: Anchor, ctx: Context) -> None:
    title = blocks[anchor.title_at]
    draft = Draft(ctx.display, title.line, clean_title(title.text))
    draft.mark("title", title.line)
    if anchor.byline_at is not None and anchor.byline_at < anchor.title_at:
        read_provider(blocks[anchor.start : anchor.title_at], draft)
    elif anchor.byline_at is not None:
        line = blocks[anchor.byline_at]
        take_byline(draft, anchor.byline, line.line)
        read_head(blocks[anchor.start : anchor.title_at] + blocks[anchor.title_at + 1 : anchor.byline_at], draft)
        read_dates(blocks[anchor.byline_at + 1 : anchor.body_at], draft)
    else:
        read_head(blocks[anchor.start : anchor.title_at], draft)
    _read_text(blocks[anchor.body_at :], draft, ctx)


def _read_text(blocks: list[Block], draft: Draft, ctx: Context) -> None:
    """The text up to the first furniture line; a byline that closes it; what follows the furniture."""
    lead = 0
    while lead < len(blocks) and furniture_kind(blocks[lead].text) == END:
        lead += 1  # a share bar between the byline and the text
    if lead:
        ctx.noise.add(blocks[0].line, lead)
        blocks = blocks[lead:]
    end = next((i for i, b in enumerate(blocks) if furniture_kind(b.text) == END), len(blocks))
    text, after = blocks[:end], blocks[end:]
    while text and (byline := parse_byline(text[-1].text)) is not None:
        take_byline(draft, byline, text[-1].line)
        text = text[:-1]
    leftover, stray = read_body(text, draft, ctx.style)
    _keep(draft, ctx.result)
    _report_stray(stray, ctx.display, ctx.result)
    _headless(leftover, ctx)
    _after_furniture(after, draft, ctx)


def _after_furniture(blocks: list[Block], draft: Draft, ctx: Context) -> None:
    """Past the text's end: a blog footer byline, another article (a headline over running text), or furniture."""
    start = _headless_start(blocks)
    for block in blocks[: start if start is not None else len(blocks)]:
        if furniture_kind(block.text) is None and (byline := parse_byline(block.text)) and not draft.authors:
            take_byline(draft, byline, block.line)
        elif not draft.date and (found := read_date_line(block.text)) and not found[1]:
            set_date(draft, found[0].value, found[0].ambiguous, block.line)  # 'First published on: ...'

    dropped = blocks[: start if start is not None else len(blocks)]
    if dropped:
        ctx.noise.add(dropped[0].line, len(dropped))
    if start is not None:
        _headless(blocks[start:], ctx)


def _headless_start(blocks: list[Block]) -> int | None:
    """The first headline with running text under it (a dek or a date line may sit between)."""
    for index, block in enumerate(blocks):
        if not headline(block.text):
            continue
        following = blocks[index + 1 : index + 4]
        for offset, after in enumerate(following):
            if is_prose(after.text) and not furniture_kind(after.text):
                return index
            if read_date_line(after.text) or (offset == 0 and is_title_like(after.text)):
                continue  # a dek, then date lines, may stand between the headline and its text
            break
    return None


def _lone_titles(blocks: list[Block], ctx: Context) -> None:
    """A file of headlines only (each with nothing under it): the error names the first one."""
    if all(is_title_like(block.text) and not read_date_line(block.text) for block in blocks):
        for block in blocks:
            _report_stray(block, ctx.display, ctx.result)


def _headless(blocks: list[Block], ctx: Context) -> None:
    """Text outside byline articles: chunks that start with a headline after a wide gap."""
    chunk: list[Block] = []
    for block in blocks:
        if chunk and block.gap >= 2 and is_title_like(block.text):
            _headless_chunk(chunk, ctx)
            chunk = []
        chunk.append(block)
    if chunk:
        _headless_chunk(chunk, ctx)


def _headless_chunk(chunk: list[Block], ctx: Context) -> None:
    date = None
    while chunk and (found := read_date_line(chunk[0].text)):
        date, chunk = (found[0], chunk[0].line), chunk[1:]
    if not chunk or not is_title_like(chunk[0].text):
        if chunk:
            ctx.result.unplaced.append((chunk[0].line, chunk[0].text))
        return
    title, body = chunk[0], chunk[1:]
    if not body:
        _report_stray(title, ctx.display, ctx.result)
        return
    draft = Draft(ctx.display, title.line, clean_title(title.text))
    draft.mark("title", title.line)
    if date:
        set_date(draft, date[0].value, date[0].ambiguous, date[1])
    if len(body) > 1 and is_title_like(body[0].text) and not read_date_line(body[0].text) and (
            is_prose(body[1].text) or read_date_line(body[1].text)):
        draft.subtitle = " ".join(body[0].text.split())
        draft.mark("subtitle", body[0].line)
        body = body[1:]
    while body and (found := read_date_line(body[0].text)):
        if not found[1] and not draft.date:
            set_date(draft, found[0].value, found[0].ambiguous, body[0].line)
        body = body[1:]
    _read_text(body, draft, ctx)


def _keep(draft: Draft, result: SourceResult) -> None:
    paragraphs = [e for e in draft.body if e.kind == "paragraph"]
    if not paragraphs:
        result.skipped.append(Skipped(draft.source, draft.line, draft.title, NO_BODY))
    elif not (draft.authors or draft.date or draft.lines.get("authors")) and sum(
            len(p.text.split()) >= _MIN_WORDS for p in paragraphs) < 2 and sum(
            len(p.text.split()) for p in paragraphs) < _MIN_ARTICLE_WORDS:
        # No byline, no date and one paragraph: a teaser, a notice or an error page, not an article.
        result.skipped.append(Skipped(draft.source, draft.line, draft.title, TEASER))
    else:
        result.drafts.append(draft)


def _report_stray(block: Block | None, display: str, result: SourceResult) -> None:
    if block is not None:
        result.skipped.append(Skipped(display, block.line, block.text, NO_BODY))


def _nothing_found(blocks: list[Block], result: SourceResult, display: str) -> PublishError:
    if result.skipped:
        first = result.skipped[0]
        return PublishError(f"no article found, only a title with no body ('{first.title[:60]}')",
                            path=display, line=first.line, hint="paste the article text under its title.")
    return PublishError(
        "no recognisable title: no headline with text under it anywhere in the file",
        path=display,
        line=blocks[0].line,
        hint="put each article's title on its own line (no final full stop) above its text, "
        "followed by a blank line, and its byline ('By Name - date') under it.",
    )
