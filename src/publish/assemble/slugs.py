"""Short file-name slugs from titles: what the article is about, in two or three words.

The rule, in order:
1. a kicker before a colon names the subject ("The Bolivian Coup: What ..." -> ``bolivian-coup``);
2. in a sentence-case headline, the capitalised words after the first are its names
   ("Bolivia's free territory of Chapare has ousted ..." -> ``chapare``);
3. otherwise the first significant words.
Stop words are dropped (except inside names: 'El Alto' -> ``el-alto``), at most three words are
kept, and the result is lowercase ASCII. Numbering (``NN-``) is the writer's job.
"""

from __future__ import annotations

import re
import unicodedata

_MAX_WORDS = 3
_MAX_LENGTH = 40
_STOP = set(
    """a an the and or but of in on at to for from by with without as is are was were be been its it this that these
    those how why what who when where which into over under after before about against between than not no new
    el la los las un una unos unas y o de del en con por para que se su sus al lo
    le les des du et à au aux der die das und ein eine im""".split()
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def make_slug(title: str) -> str:
    """The slug for ``title`` (never empty: 'article' when the title has no Latin letters)."""
    kicker, _, rest = title.partition(":")
    words = _words(kicker) if rest.strip() and _significant(_words(kicker)) else []
    if words:
        words = _significant(words)
    else:
        # Names are kept whole: the 'El' of 'El Alto' is not a stop word there.
        words = _names(_words(title)) or _significant(_words(title))
    return _ascii_slug(words[:_MAX_WORDS]) or "article"


def _words(text: str) -> list[str]:
    # "Bolivia's" is about Bolivia: drop the possessive before slugging.
    return [re.sub(r"['’]s$", "", w) for w in _WORD.findall(text)]


def _names(words: list[str]) -> list[str]:
    """Capitalised words after the first, but only in a sentence-case title (most words lower case)."""
    if len(words) < 3:
        return []
    later = words[1:]
    capitalised = [w for w in later if w[0].isupper()]
    lower = [w for w in later if w[0].islower() and w.lower() not in _STOP]
    if len(capitalised) >= len(lower):
        return []  # Title Case: capitals say nothing about names
    return capitalised


def _significant(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in _STOP]


def _ascii_slug(words: list[str]) -> str:
    text = unicodedata.normalize("NFKD", " ".join(words)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:_MAX_LENGTH].rstrip("-")


def clean_slug(text: str) -> str:
    """A slug given by the user or a file name, normalised to the manuscript alphabet."""
    return _ascii_slug([text])
