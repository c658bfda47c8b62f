"""Spanish typography: quotation marks by nesting depth, non-breaking spaces."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from publish import model as m
from publish.transform.typography import NBSP, nbsp, requote, spanish_typography


@pytest.mark.parametrize(("text", "angular", "curly"), [
    ("dijo “no” y se fue", "dijo «no» y se fue", "dijo “no” y se fue"),
    ("a “b “c” d” e", "a «b “c” d» e", "a “b ‘c’ d” e"),
    ('x "y" z', "x «y» z", "x “y” z"),
    ("si el “ suben sus rodillas” a", "si el «suben sus rodillas» a", "si el “suben sus rodillas” a"),
    ("“sin cerrar", "“sin cerrar", "“sin cerrar"),
])
def test_requote(text: str, angular: str, curly: str) -> None:
    assert requote(text, "angular") == angular
    assert requote(text, "curly") == curly


def test_nbsp_between_number_and_unit_and_after_one_letter_words() -> None:
    assert nbsp("el 47,08 % de votos") == f"el 47,08{NBSP}% de votos"
    assert nbsp("Evo y Linera o el MAS") == f"Evo y{NBSP}Linera o{NBSP}el MAS"
    assert nbsp("véase p. 5") == f"véase p.{NBSP}5"


@given(st.text(alphabet=st.sampled_from(list("ab “”«»\"¿?¡!.,'‘’"))))
def test_requote_only_touches_quotes_and_the_spaces_inside_them(text: str) -> None:
    out = requote(text)
    strip = str.maketrans("", "", "“”«»\" ")
    assert out.translate(strip) == text.translate(strip)


def test_the_original_text_of_a_translated_book_is_left_alone() -> None:
    english = m.Article(slug="a", title="“Title”", subtitle=None, authors=(), date=None, source=m.Source(),
                        body=(m.Paragraph((m.Text("he said “no”"), m.Code("“code”"))),))
    spanish = m.Article(slug="a", title="“Título”", subtitle=None, authors=(), date=None, source=m.Source(),
                        body=(m.Paragraph((m.Text("dijo “no”"), m.Code("“code”"))),), lang="es", original=english)
    book = m.Book(slug="b", title="t", subtitle=None, editors=(), lang="es", identifier="x", publisher=None,
                  rights=None, date="2020-01-01", translations=(), articles=(spanish,))
    out = spanish_typography(book).articles[0]
    assert out.title == "«Título»"
    assert out.body[0].children == (m.Text("dijo «no»"), m.Code("“code”"))  # type: ignore[union-attr]
    assert out.original == english
