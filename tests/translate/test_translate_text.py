"""Sentence splitting, placeholders and segment ids: pure functions, no engine."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from publish import model as m
from publish.translate.markup import MarkupError, decode, encode, placeholder_problem
from publish.translate.segments import article_segments, split_units
from publish.translate.sentences import split_sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr. Smith went to the U.S. Army. It was 47.08 per cent. Yes!",
     ["Mr. Smith went to the U.S. Army.", "It was 47.08 per cent.", "Yes!"]),
    ("He said, “Stop.” Then he left.", ["He said, “Stop.”", "Then he left."]),
    ("“We never left,” Carlos said. “In fact, no.”", ["“We never left,” Carlos said.", "“In fact, no.”"]),
    ("Phillip J. Goldberg came. Wait... What? Fine.", ["Phillip J. Goldberg came.", "Wait...", "What?", "Fine."]),
    ("The end.⟦1/⟧ Next one.", ["The end.⟦1/⟧", "Next one."]),
    ("⟦1⟧One. Two.⟦/1⟧ Three.", ["⟦1⟧One. Two.⟦/1⟧", "Three."]),  # never split inside markup
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@given(st.text(alphabet="ab .!?“”A\n", max_size=60))
def test_split_keeps_every_word(text: str) -> None:
    assert " ".join(split_sentences(text)) == " ".join(text.split())


def test_encode_decode_round_trip() -> None:
    inlines = (m.Text("See "), m.Emph((m.Text("this"),)), m.Text(" and "),
               m.Link("https://example.org", (m.Strong((m.Text("that"),)),)), m.Text("."), m.FootnoteRef(2),
               m.Text(" Run "), m.Code("ls ⟦x⟧"), m.Text("."))
    encoded = encode(inlines)
    assert encoded.text == "See ⟦1⟧this⟦/1⟧ and ⟦2⟧⟦3⟧that⟦/3⟧⟦/2⟧.⟦4/⟧ Run ⟦5/⟧."
    assert decode(encoded.text, encoded.slots) == inlines
    translated = decode("Mira ⟦1⟧esto⟦/1⟧ y ⟦2⟧⟦3⟧aquello⟦/3⟧⟦/2⟧.⟦4/⟧ Ejecuta ⟦5/⟧.", encoded.slots)
    assert translated[1] == m.Emph((m.Text("esto"),)) and translated[5] == m.FootnoteRef(2)


@pytest.mark.parametrize(("text", "problem"), [
    ("Mira esto.", "placeholder ⟦1⟧ is missing"),
    ("⟦1⟧Mira⟦/1⟧ ⟦1⟧esto⟦/1⟧⟦2/⟧", "appears twice"),
    ("⟦1⟧Mira ⟦2/⟧", "never closed"),
    ("⟦1⟧Mira⟦/1⟧ ⟦2/⟧ ⟦7/⟧", "unknown placeholder ⟦7/⟧"),
])
def test_placeholder_problems(text: str, problem: str) -> None:
    slots = encode((m.Emph((m.Text("Look"),)), m.Text(" here"), m.FootnoteRef(1))).slots
    found = placeholder_problem(text, slots)
    assert found is not None and problem in found
    with pytest.raises(MarkupError):
        decode(text, slots)


def test_sentence_placeholders_are_numbered_per_sentence() -> None:
    units = split_units((m.Text("One "), m.Emph((m.Text("a"),)), m.Text(". Two "), m.Strong((m.Text("b"),)), m.Text(".")),
                        split=True)
    assert [u.text for u in units] == ["One ⟦1⟧a⟦/1⟧.", "Two ⟦1⟧b⟦/1⟧."]


def _article(*paragraphs: str) -> m.Article:
    return m.Article("demo", "Title", None, (), None, m.Source(),
                     tuple(m.Paragraph((m.Text(p),)) for p in paragraphs), path="manuscript/01-demo.md")


def test_segment_ids_survive_insertions_elsewhere() -> None:
    before = {s.source: s.id for s in article_segments(_article("First one. Second.", "Third."))}
    after = {s.source: s.id for s in article_segments(_article("A new paragraph.", "First one. Second.", "Third."))}
    assert all(after[source] == seg_id for source, seg_id in before.items())
    repeated = [s.id for s in article_segments(_article("Yes.", "Yes."))]
    assert repeated[2] == repeated[1] + ".2"  # [title, "Yes.", "Yes." again]
