"""Telling the language of an article's text by its commonest words, so it gets ``lang:`` in its front matter.

Each language is known by its most frequent function words; only the words no other listed language
shares are counted, so Spanish, Catalan and Portuguese (which share many) are told apart by the
words that are theirs alone. Only a clear majority counts; anything else is left unset.
"""

from __future__ import annotations

import re
from collections import Counter

_COMMON = {
    "en": "the and of to in is that for was with on are as by it this have from not be at which were has had",
    "es": "el la de que y los las en del por con para una es se no al lo su como más pero fue sus también este "
          "entre sobre hasta desde muy",
    "pt": "o os as do da dos das que e em um uma para com não por mais foi ao como seu sua também são pelo pela "
          "muito quando nos está",
    "fr": "le la les des du de et est un une que qui dans pour pas sur au avec ce il elle sont été aux cette "
          "ses leur mais",
    "ca": "el la els les del de i que en un una per amb no és va més dels als aquest però seva molt també "
          "això havia",
    "de": "der die das und ist nicht mit den dem ein eine zu von auf für sich auch es im wird sind wurde "
          "bei nach",
    "it": "il la di che e un una per non con del della sono gli le nel alla anche più è dei delle questo "
          "stato essere",
}
_SHARED = {w for w, n in Counter(w for words in _COMMON.values() for w in set(words.split())).items() if n > 1}
_OWN = {lang: set(words.split()) - _SHARED for lang, words in _COMMON.items()}
_ALL = {lang: set(words.split()) for lang, words in _COMMON.items()}
_SAMPLE = 20_000
_MIN_HITS = 12  # common words of the language, shared ones included: enough text to judge
_MIN_OWN = 3  # words that are the language's alone
_RATIO = 3


def detect_lang(text: str) -> str | None:
    """The language of ``text`` (one of those listed above) when there is enough of it and the words
    that are its alone clearly outnumber every other language's, else None."""
    words = Counter(re.findall(r"[^\W\d_]+", text[:_SAMPLE].lower()))
    hits = sorted(((sum(words[w] for w in own), lang) for lang, own in _OWN.items()), reverse=True)
    (best, lang), (second, _) = hits[0], hits[1]
    if sum(words[w] for w in _ALL[lang]) < _MIN_HITS or best < _MIN_OWN or best < _RATIO * second:
        return None
    return lang
