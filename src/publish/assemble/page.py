"""The page around the articles: the site header (masthead, menus, today's date) and what it tells.

A copied page starts with the site's furniture before the first headline. It is not the article,
but two things in it are evidence: the masthead (the first line, when it reads as a name) names
the publication, and a newsletter's issue line ('Issue 214 -- Friday 3 November 2017') dates the
articles in it. Today's date printed by a news site is not the article's date and is not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block
from .classify import words
from .dates import find_dates, parse_date_line
from .furniture import furniture_kind

_MAX_NAME_WORDS = 6
# Menu entries and links that can stand first on a page but never name the site.
_NOT_A_NAME = re.compile(
    r"^(?:home|menu|search|log ?in|sign ?in|sign ?up|get started|write|register|view this email.*|subscribe|sections|accessibility.*|skip.*|"
    r"inicio|menú|buscar|secciones|ingresar|suscri.*|accueil|rechercher|se connecter|s'abonner|aller au.*|"
    r"pular.*|ir al.*|menu principal|edição de hoje|edición impresa)$",
    re.IGNORECASE,
)
_ISSUE = re.compile(r"^(?:issue|edition|vol\.?|volume|no\.|number|número|edición|edição|numéro|n[º°])\s*\d+",
                    re.IGNORECASE)


@dataclass(frozen=True)
class PageHeader:
    """What the site header states: the publication (and its line), an issue date (and its line)."""

    publication: str | None = None
    publication_line: int | None = None
    issue_date: str | None = None
    issue_date_line: int | None = None


def read_header(header: list[Block], later: list[Block]) -> PageHeader:
    """The masthead name and an issue date from the blocks before the first article."""
    publication, pub_line = _masthead(header, later)
    issue, issue_line = None, None
    for block in header:
        if _ISSUE.match(block.text) and (found := find_dates(block.text)):
            issue, issue_line = found[0].value, block.line
    return PageHeader(publication, pub_line, issue, issue_line)


def _masthead(header: list[Block], later: list[Block]) -> tuple[str | None, int | None]:
    """The first header line when it reads as a name; failing that, a header line the footer repeats
    ('© 2019 Reuters', 'Valley Tribune, 22 Market Street')."""
    candidates = [b for b in header if _name_like(b.text)]
    if not candidates:
        return None, None
    # A lone line before the headline is a section label; a masthead comes with a menu or a tagline.
    if len(header) >= 2 and candidates[0] is header[0]:
        return header[0].text.strip(), header[0].line
    footer = " ".join(b.text for b in later[-12:])
    for block in candidates:
        if re.search(rf"(?<!\w){re.escape(block.text.strip())}(?!\w)", footer):
            return block.text.strip(), block.line
    return None, None


def _name_like(text: str) -> bool:
    line = text.strip()
    found = words(line)
    if not found or len(found) > _MAX_NAME_WORDS or not line[0].isupper() or _NOT_A_NAME.match(line):
        return False
    if line.endswith((".", ",", ":", ";", "!", "?")) or furniture_kind(line) or parse_date_line(line):
        return False
    return not re.search(r"[|›»>/•]|\d{1,2}\s*°", line)
