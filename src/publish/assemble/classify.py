"""What one block of a dump looks like on its own: a title, a subheading, a photo caption, an
embedded post's handle line, a source line or the start of an author bio.

These are tests on a single block; where a block sits (before the byline, after the body) is
decided in ``text_dump``. Captions are judged conservatively: turning a real paragraph into a
figure is worse than leaving a caption as a paragraph.
"""

from __future__ import annotations

import re

from .bylines import is_name
from .dates import is_date_furniture, parse_date_line

_END_PUNCT = ".,;:…"
_CREDIT = re.compile(
    r"(?:\s|[.,;/|—–(-])(?:AP|AFP|Reuters|EFE|EPA|DPA|ANSA|Xinhua|Getty Images|Getty|Shutterstock|Alamy|"
    r"(?:AP|AFP|EFE|Reuters) Photo(?:/[^)]{2,60})?|"
    r"(?:Photo|Photograph|Image|Picture|Foto|Fotografía|Imagen|Imagem|Crédito|Credit|Crédit|Illustration)\s*"
    r"(?::|by|de|por|par)\s*[^.]{2,60}|(?:Gentileza|Cortesía|Cortesia|Courtesy(?: of)?)\s*:?\s+[^.]{2,60}|"
    r"\[[^\]/]{2,60}/[^\]]{2,60}\]|(?<=\.)\s*\[[^\]]{2,60}\]|©\s*[^.©]{2,60})\.?\)?$"
)
_CAPTION_PREFIX = re.compile(r"^(?:photo|photograph|image|picture|pictured|foto|fotografía|imagen|imagem|caption|"
                             r"pie de foto|légende|legenda)\s*:|"
                             # 'Photo by Ana Ruiz on Unsplash': a credit line standing alone under a photo.
                             r"^(?:photo|photograph|image|picture|illustration|foto|fotografía|imagen|imagem)\s+"
                             r"(?:by|de|por|par)\s+[^.]{2,60}$",
                             re.IGNORECASE)
_HANDLE = re.compile(r"^(?P<name>[^@\n]{1,60}?)\s+\(?(?P<handle>@[A-Za-z0-9_]{1,30})\)?$")
_SOURCE = re.compile(
    r"^(?:source|fuente|quelle|source originale|originally published (?:in|by|at|on)|first published (?:in|by|at|on)|"
    r"this (?:article|story) was (?:originally |first )?published (?:in|by|at|on)|"
    r"publicado originalmente (?:en|por)|publicado (?:en|por))\s*:?\s*(?P<value>\S.{0,200})$",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+")
_DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'-]{1,30}(?:,\s*[\w .]{2,30})?\s*(?:\((?:AP|AFP|EFE|Reuters|dpa)\))?\s*[—–-]")
_BIO_MARKER = re.compile(
    r"^(?:\(\s*[*†\d]\s*\)\s*)?(?:about the authors?|the authors?|authors?|author bio|sobre (?:el|la|los) autor(?:a|es)?|"
    r"autor(?:a|es)?|über (?:den|die) autor(?:in|en)?|l['’]auteur)\s*:?\s*(?P<name>[^:]{0,80})$",
    re.IGNORECASE,
)
_DASH_BIO = re.compile(r"^[-–—]\s*(?P<bio>(?:is|was|has|es|fue|era|ha|est|ist)\b.+)$", re.DOTALL)


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text)


def is_title_like(text: str) -> bool:
    """A line that could be a headline: one line, not too long, no closing full stop, not a date or URL."""
    if "\n" in text or not 3 <= len(text) <= 220 or len(words(text)) > 30:
        return False
    if text.rstrip("\"”’')]»").endswith(tuple(_END_PUNCT)) or _URL.search(text) or parse_date_line(text):
        return False
    return text[0].isupper() or text[0].isdigit() or text[0] in "“\"'‘¿¡"


def is_heading_like(text: str) -> bool:
    """A short subheading line: title-like, at most 12 words and 100 characters, and not a byline, a
    date, a dateline ('LA PAZ, Nov. 3 (Reuters) -') or a quotation."""
    from .bylines import parse_bare_byline, parse_byline

    if not is_title_like(text) or len(text) > 100 or len(words(text)) > 12 or _HANDLE.match(text):
        return False
    if text[0] in "“\"'‘«„—–-" or _DATELINE.match(text) or parse_byline(text) or parse_bare_byline(text) \
            or is_date_furniture(text):
        return False
    return True


def is_kicker(text: str) -> bool:
    """A section label above a headline: 'HEALTH', 'Commentary', 'News › Local', 'Internacional | Agencias'."""
    line = " ".join(text.split())
    found = words(line)
    if not found or "\n" in text or len(line) > 80:
        return False
    letters = [c for c in line if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(found) <= 4:
        return True
    if re.search(r"\s[|›»>/]\s", line) and len(found) <= 8:
        return True
    return len(found) <= 2 and not line.endswith((".", "!", "?")) and not parse_date_line(line)


def is_prose(text: str) -> bool:
    """Running text: a long enough block that ends a sentence."""
    line = text.strip().rstrip("\"”’')]»")
    return len(text) >= 60 and line.endswith((".", "!", "?", "…", ":")) and len(words(text)) >= 10


def clean_title(text: str) -> str:
    """The headline without a mailing-list tag: '[community-radio] Report ...' -> 'Report ...'."""
    return re.sub(r"^(?:\[[^\]]{1,40}\]\s*)+", "", " ".join(text.split())) or text


def has_credit(text: str) -> bool:
    """A photo caption: a 'Photo:' prefix or an agency/photographer credit at its end."""
    return "\n" not in text and len(text) <= 400 and bool(_CREDIT.search(text) or _CAPTION_PREFIX.match(text))


def handle_line(text: str) -> tuple[str, str] | None:
    """(name, @handle) for the header line of an embedded post, 'Ollie Vargas @OVargas52'."""
    match = _HANDLE.match(text) if "\n" not in text else None
    if not match or not is_name(match.group("name").strip(" ·—-")):
        return None
    return match.group("name").strip(" ·—-"), match.group("handle")


def source_line(text: str) -> tuple[str | None, str | None] | None:
    """(publication, url) stated by a 'Source: Morning Star' line, or None."""
    match = _SOURCE.match(text) if "\n" not in text else None
    if not match:
        return None
    value = match.group("value").strip()
    if parse_date_line(value):
        return None  # 'First published on: 02-03-2021': a date, not a publication
    url_match = _URL.search(value)
    url = url_match.group(0).rstrip(").,") if url_match else None
    publication = _URL.sub("", value).strip(" ()[],.-–—|") or None
    return publication, url


def bio_marker(text: str) -> tuple[bool, str | None]:
    """Whether the block opens an author section ('(*) Author:'), and a name on the same line."""
    match = _BIO_MARKER.match(text) if "\n" not in text else None
    if not match:
        return False, None
    name = match.group("name").strip()
    if name and not is_name(name):
        return False, None
    return True, name or None


def dash_bio(text: str) -> str | None:
    """The bio in ' - is a Bolivian journalist ...' (the name stood on the line before)."""
    match = _DASH_BIO.match(text.strip())
    return match.group("bio").strip() if match else None


def bio_of(text: str, name: str) -> bool:
    """True when ``text`` is a bio sentence about ``name``: 'Jane Doe is a ...', 'Jane Doe, a former ...'."""
    return bool(re.match(re.escape(name) + r"(?:\s+(?:is|was|es|fue|ist|est)\b|\s*,\s)", text, re.IGNORECASE))


_PROVIDER = re.compile(r"^(?:provided by|fourni par|fornecido por|proporcionado por|publicado por|published by)\s+"
                       r"(?P<name>\S.{1,60})$", re.IGNORECASE)


def provider_line(text: str) -> str | None:
    """The publication in 'Provided by Prairie Public Times' (a news aggregator's source line)."""
    match = _PROVIDER.match(" ".join(text.split()))
    return match.group("name").strip(" .") if match else None
