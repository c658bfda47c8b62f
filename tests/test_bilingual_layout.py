"""The bilingual print edition's facing pages (render/facing.py): how pairs are grouped into spreads, and, in a
real WeasyPrint render, that each group's original sits on a left-hand page with its translation on the facing
right-hand page, and that a paragraph longer than a page still breaks over pages with both columns side by side."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from publish import model as m
from publish.render.facing import FILL, Row, Spread, block_height, measure_for, spreads
from publish.config import TRIMS

A5 = measure_for(TRIMS["a5"])
WORDS = ("river", "harbour", "morning", "market", "ferry", "cargo", "season", "water", "village", "road",
         "landslide", "union", "meeting", "council", "bridge", "engine", "evening", "harvest", "rain", "quay")


def _sentence(n: int, length: int = 14) -> str:
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def _paragraph(sentences: int, seed: int = 0) -> m.Paragraph:
    return m.Paragraph((m.Text(" ".join(_sentence(seed + i) for i in range(sentences))),))


def _heading(text: str) -> m.Heading:
    return m.Heading(2, (m.Text(text),))


def test_short_pairs_share_spreads_that_fit_the_page() -> None:
    pairs = [(_paragraph(4, n), _paragraph(5, n)) for n in range(30)]
    groups = spreads(pairs, A5)
    assert all(isinstance(g, Spread) for g in groups)
    assert 3 < len(groups) < 30, "pairs are neither packed one per spread nor all on one"
    assert [b for g in groups for b in g.first] == [p[0] for p in pairs]  # nothing lost, nothing reordered
    for group in groups:
        for side in (0, 1):
            assert sum(h[side] for h in group.sizes) <= A5.height * FILL


def test_a_paragraph_longer_than_a_page_and_a_table_stay_side_by_side() -> None:
    long = _paragraph(80)
    table = m.Table(head=((m.Text("Boat"),),), rows=(((m.Text("Esperanza"),),),), aligns=("",))
    assert block_height(long, A5) is not None and block_height(long, A5) > A5.height  # type: ignore[operator]
    groups = spreads([(_paragraph(3), _paragraph(3)), (long, long), (table, table), (_paragraph(2), _paragraph(2))],
                     A5)
    assert [g.kind for g in groups] == ["spread", "row", "row", "spread"]
    assert isinstance(groups[1], Row) and groups[1].first is long


def test_a_heading_goes_with_the_text_it_introduces() -> None:
    pairs = []
    for n in range(12):
        pairs.append((_heading(f"Part {n}"), _heading(f"Parte {n}")))
        pairs.append((_paragraph(6, n), _paragraph(7, n)))
    for group in spreads(pairs, A5):
        assert isinstance(group, Spread) and group.first[-1].kind != "heading"
    before_row = spreads([(_paragraph(2), _paragraph(2)), (_heading("Boats"), _heading("Barcos")),
                          (_paragraph(90), _paragraph(90))], A5)
    assert [g.kind for g in before_row] == ["spread", "row", "row"]


def test_estimates_are_generous_for_wide_and_narrow_scripts() -> None:
    latin, wide = _paragraph(3), m.Paragraph((m.Text("漢字かな交じり文" * 30),))
    assert block_height(wide, A5) > block_height(latin, A5)  # type: ignore[operator]
    # A line of 10.5pt text in a 110 mm measure holds at most ~95 narrow characters: a 400-letter word of 'i's
    # is estimated at no fewer than five lines.
    narrow = m.Paragraph((m.Text("i" * 400),))
    assert block_height(narrow, A5) >= 5 * A5.font_size * 1.32  # type: ignore[operator]


# ------------------------------------------------------------------ a real render

LONG_ARTICLE = """\
---
title: The long crossing
authors:
- name: Test Writer
date: '2020-02-01'
---

{short1}

## The first morning

{short2}

> {quote}

{short1}

- {item}
- {item} {item}
- {item}

### At the quay

{short3}

---

{short2}

{long}

{short3}
"""


@pytest.fixture(scope="module")
def facing_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The sample's first article plus one with a paragraph longer than a page, as the en-es PDF; page texts."""
    from helpers import copy_sample

    from publish.build import build

    root = copy_sample(tmp_path_factory.mktemp("facing") / "book")
    text = LONG_ARTICLE.format(short1=_text(_paragraph(5, 1)), short2=_text(_paragraph(6, 2)),
                               long=_text(_paragraph(75, 3)), short3=_text(_paragraph(4, 4)),
                               quote=_text(_paragraph(3, 5)), item=_text(_paragraph(2, 6)))
    (root / "manuscript" / "04-long-crossing.md").write_text(text, encoding="utf-8")
    config = yaml.safe_load((root / "publish.yaml").read_text(encoding="utf-8"))
    config["articles"] = [config["articles"][0], "04-long-crossing"]
    (root / "publish.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(root, langs=["en+es"], formats=["pdf"])
    pdf = next((root / "build").glob("*.en-es.pdf"))
    return root, [_flat(page.extract_text()) for page in PdfReader(pdf).pages]


def _text(paragraph: m.Paragraph) -> str:
    return "".join(t.text for t in paragraph.children if isinstance(t, m.Text))


def _flat(text: str) -> str:
    """Page text with hyphenated line ends joined and all white space single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[\u2010-]\n", "", text))


def _words(block: m.Block, last: bool = False) -> str:
    words = m.plain_text(list(block.children)).split()  # type: ignore[attr-defined]
    return " ".join(words[-4:] if last else words[:5])


def test_each_group_sits_on_a_left_page_facing_its_translation(facing_pdf: tuple[Path, list[str]]) -> None:
    from publish.editions import load_edition
    from publish.reader import read_project

    root, pages = facing_pdf
    edition, _ = load_edition(root, read_project(root)[0], "en+es")
    checked = 0
    for article in edition.articles:
        for group in spreads(list(zip(article.original.body, article.body)), measure_for(TRIMS[edition.trim])):
            if not isinstance(group, Spread):
                continue
            first = [b for b in group.first if b.kind == "paragraph"]
            second = [b for b in group.second if b.kind == "paragraph"]
            if not first:
                continue
            left = next(n for n, text in enumerate(pages, start=1) if _words(first[0]) in text)
            assert left % 2 == 0, f"{_words(first[0])!r} opens a spread on right-hand page {left}"
            for block in first:  # the whole side, to its last words, stays on its page: the estimate held
                assert _words(block) in pages[left - 1] and _words(block, last=True) in pages[left - 1]
            for block in second:
                assert _words(block) in pages[left] and _words(block, last=True) in pages[left], \
                    f"translation of a pair on page {left} is not on page {left + 1}"
            checked += len(first)
    assert checked > 20


def test_a_paragraph_longer_than_a_page_breaks_with_both_columns_together(
        facing_pdf: tuple[Path, list[str]]) -> None:
    _, pages = facing_pdf
    long = _paragraph(75, 3)
    start = next(n for n, text in enumerate(pages, start=1) if _words(long) in text)
    # Untranslated here, so both columns hold the same words: both start on the same page.
    assert pages[start - 1].count(_words(long)) == 2
    end = max(n for n, text in enumerate(pages, start=1) if _words(long, last=True) in text)
    assert end > start, "the long paragraph did not break over pages"


def test_a_screen_reader_reads_each_paragraph_then_its_translation(facing_pdf: tuple[Path, list[str]]) -> None:
    from pdf_checks import normalise, structure_text

    from publish.editions import load_edition
    from publish.reader import read_project

    root, _ = facing_pdf
    edition, _ = load_edition(root, read_project(root)[0], "en+es")
    article = edition.articles[0]  # the sample's, translated: the two columns differ
    group = next(g for g in spreads(list(zip(article.original.body, article.body)), measure_for(TRIMS[edition.trim]))
                 if isinstance(g, Spread) and sum(b.kind == "paragraph" for b in g.first) >= 3)
    pairs = [(a, b) for a, b in zip(group.first, group.second) if a.kind == "paragraph"]
    tree = normalise(structure_text(next((root / "build").glob("*.en-es.pdf"))))
    order = [tree.find(normalise(_words(block))) for pair in pairs for block in pair]
    assert -1 not in order and order == sorted(order), "the spread is not read pair by pair"
