"""Typography by language under random input: every language folder and quote style, random text runs
built from quotes, marks, spaces and letters. Counts crashes and broken invariants (letters changed, private
separators leaking, inline shape changed) and reports throughput.

    .venv/bin/python bench/typography_fuzz.py [EXAMPLES]
"""

from __future__ import annotations

import random
import sys
import time

from publish import model as m
from publish.locales import available, load
from publish.transform.typography import typeset, typeset_text

ALPHABET = list("ab1 ;:!?«»“”‘’'\".,()¿¡„‚-") + ["\u00a0", "\u202f", "word", "l'eau", "40 %", "p. 5"]
QUOTE_AND_SPACE = str.maketrans("", "", " \u00a0\u202f“”«»‘’„‚'\"›‹")


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))


def random_inlines(rng: random.Random, depth: int = 0) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.6 or depth > 2:
            out.append(m.Text(random_text(rng)))
        elif roll < 0.7:
            out.append(m.Code("x"))
        elif roll < 0.8:
            out.append(m.FootnoteRef(1))
        elif roll < 0.9:
            out.append(m.Emph(random_inlines(rng, depth + 1)))
        else:
            out.append(m.Foreign("en", random_inlines(rng, depth + 1)))
    return tuple(out)


def paragraph_book(lang: str, quotes: str, inlines: tuple[m.Inline, ...]) -> m.Book:
    article = m.Article(slug="a", title="t", subtitle=None, authors=(), date=None, source=m.Source(),
                        body=(m.Paragraph(inlines),), lang=lang)
    return m.Book(slug="b", title="t", subtitle=None, editors=(), lang=lang, identifier="x", publisher=None,
                  rights=None, date="2020-01-01", translations=(), articles=(article,), quotes=quotes)


def main(examples: int) -> int:
    rng = random.Random(20261129)
    problems = 0
    started = time.perf_counter()
    for n in range(examples):
        lang = rng.choice(available())
        quotes = rng.choice(["", *load(lang).typography.quote_styles])
        inlines = random_inlines(rng)
        try:
            out = typeset(paragraph_book(lang, quotes, inlines)).articles[0].body[0].children  # type: ignore[union-attr]
        except Exception as error:  # noqa: BLE001 - counting crashes is the point
            problems += 1
            print(f"crash #{n} {lang} {quotes!r} {inlines!r}: {error!r}")
            continue
        before, after = m.plain_text(inlines), m.plain_text(out)
        if after.translate(QUOTE_AND_SPACE) != before.translate(QUOTE_AND_SPACE) or "\ue000" in after \
                or "\ue001" in after or len(out) != len(inlines):
            problems += 1
            print(f"broken #{n} {lang} {quotes!r}: {before!r} -> {after!r}")
    elapsed = time.perf_counter() - started
    text = " ".join(random_text(rng) for _ in range(200))
    timing = time.perf_counter()
    for _ in range(500):
        typeset_text(text, "fr")
    per_run = (time.perf_counter() - timing) / 500
    print(f"{examples} random paragraphs in {elapsed:.1f} s, {problems} problems; "
          f"French typesetting of a {len(text)}-character run: {per_run * 1e6:.0f} µs")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000))
