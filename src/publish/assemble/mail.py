"""A copied e-mail: its header lines ('From:', 'Subject:', 'Date:') name the title, the sender and the date.

Only a block of header lines at the top of the dump, with a subject among them, is read this way;
'Re:'/'Fwd:' and a mailing-list tag are taken off the subject. The sender is an author only when the
'From:' line reads as a personal name (an address alone names nobody).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block
from .bylines import Byline, parse_bare_byline
from .dates import DateMatch, read_date_line

_HEADER = re.compile(r"^(?P<key>from|subject|date|to|cc|sent|reply-to|asunto|de|fecha|para|enviado|objet|envoyé|"
                     r"à|assunto|data|enviada)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
_SUBJECT = {"subject", "asunto", "objet", "assunto"}
_FROM = {"from", "de"}
_DATE = {"date", "fecha", "sent", "enviado", "envoyé", "data", "enviada"}
_REPLY = re.compile(r"^(?:(?:re|fwd?|rv|tr|enc)\s*:\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class MailHead:
    """What the header lines state, with their source lines; ``body_at`` is the first block after them."""

    subject: str
    subject_line: int
    body_at: int
    sender: Byline | None = None
    sender_line: int | None = None
    date: DateMatch | None = None
    date_line: int | None = None


def read_mail_head(blocks: list[Block]) -> MailHead | None:
    """The e-mail header at the top of ``blocks``, or None when the dump does not start with one."""
    fields: dict[str, tuple[str, int]] = {}
    index = 0
    while index < len(blocks) and (match := _HEADER.match(blocks[index].text)):
        fields.setdefault(match.group("key").lower(), (match.group("value").strip(), blocks[index].line))
        index += 1
    subject = next((fields[k] for k in _SUBJECT if k in fields), None)
    if subject is None or index < 2 or not _REPLY.sub("", subject[0]).strip():
        return None
    sender = next((fields[k] for k in _FROM if k in fields), None)
    stamp = next((fields[k] for k in _DATE if k in fields), None)
    byline = parse_bare_byline(re.sub(r"<[^>]*>", " ", sender[0]) + " <x@x.x>") if sender else None
    found = read_date_line(stamp[0]) if stamp else None
    return MailHead(_REPLY.sub("", subject[0]).strip(), subject[1], index,
                    byline, sender[1] if sender and byline else None,
                    found[0] if found else None, stamp[1] if stamp and found else None)
