"""Typography by language: quotation marks by nesting level and style, apostrophes, no-break spaces, all
driven by the language folders' locale.yaml."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from publish import model as m
from publish.locales import load
from publish.transform.typography import NBSP, requote, typeset, typeset_text

NNBSP = "\u202f"


@pytest.mark.parametrize(("text", "angular", "curly"), [
    ("dijo “no” y se fue", "dijo «no» y se fue", "dijo “no” y se fue"),
    ("a “b “c” d” e", "a «b “c” d» e", "a “b ‘c’ d” e"),
    ("a “b ‘c’ d” e", "a «b “c” d» e", "a “b ‘c’ d” e"),
    ('x "y" z', "x «y» z", "x “y” z"),
    ("si el “ suben sus rodillas” a", "si el «suben sus rodillas» a", "si el “suben sus rodillas” a"),
    ("“sin cerrar", "“sin cerrar", "“sin cerrar"),
])
def test_spanish_quotes_by_level_in_both_styles(text: str, angular: str, curly: str) -> None:
    styles = load("es").typography.quote_styles
    assert requote(text, styles["angular"]) == angular
    assert requote(text, styles["curly"]) == curly


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", 'He said "it isn\'t so" and left.', "He said “it isn’t so” and left."),
    ("en", "the boys’ toys ‘quoted’ here", "the boys’ toys ‘quoted’ here"),  # British single quotes stay
    ("en", "he is 5'10 tall", "he is 5'10 tall"),  # feet and inches are no apostrophe
    ("de", "Er sagte “nein ‘vielleicht’ doch” heute", "Er sagte „nein ‚vielleicht‘ doch“ heute"),
    ("ca", "va dir “no” i l'home", f"va dir «no» i{NBSP}l’home"),
    ("pt", 'disse "não" e saiu', f"disse «não» e{NBSP}saiu"),
    ("es", "dijo “no” con el 47,08 % y p. 5", f"dijo «no» con el 47,08{NBSP}% y{NBSP}p.{NBSP}5"),
    ("fr", "Il a dit “bonjour” ; puis : quoi? Oui!",
     f"Il a dit «{NNBSP}bonjour{NNBSP}»{NNBSP}; puis{NBSP}: quoi{NNBSP}? Oui{NNBSP}!"),
    ("fr", "« déjà espacé »", f"«{NNBSP}déjà espacé{NNBSP}»"),
    ("fr", "http://x.org à 10:30 (?) et 3 %", f"http://x.org à 10:30 (?) et 3{NBSP}%"),  # no space inside URLs, times
    ("it", 'disse "no"', "disse “no”"),  # no folder: the fallback's rules
])
def test_each_language_follows_its_locale_data(lang: str, text: str, expected: str) -> None:
    assert typeset_text(text, lang) == expected


def test_a_style_a_language_lacks_falls_back_to_its_default() -> None:
    assert typeset_text("sagte “nein”", "de", "angular") == "sagte »nein«"
    assert typeset_text("sagte “nein”", "de", "low") == "sagte „nein“"
    assert typeset_text("dijo “no”", "es", "low") == "dijo «no»"  # Spanish has no German low quotes
    assert typeset_text("dijo “no”", "es", "curly") == "dijo “no”"


@given(st.text(alphabet=st.sampled_from(list("ab “”«»\"¿?¡!.,'‘’„‚"))))
def test_requote_only_touches_quotes_and_the_spaces_inside_them(text: str) -> None:
    out = requote(text, load("es").typography.quotes("angular"))
    strip = str.maketrans("", "", "“”«»\"‘’„‚ ")
    assert out.translate(strip) == text.translate(strip)


@given(st.text(alphabet=st.sampled_from(list("ab1 ;:!?«»“”.,/()"))))
def test_french_spacing_only_adds_or_swaps_spaces(text: str) -> None:
    out = typeset_text(text, "fr")
    strip = str.maketrans("", "", f" {NBSP}{NNBSP}“”«»‘’")
    assert out.translate(strip) == text.translate(strip)


def _article(slug: str, title: str, text: str, lang: str, original: m.Article | None = None) -> m.Article:
    return m.Article(slug=slug, title=title, subtitle=None, authors=(), date=None, source=m.Source(),
                     body=(m.Paragraph((m.Text(text), m.Code("“code”"),
                                        m.Foreign("en", (m.Text('left "as is"'),)))),),
                     lang=lang, original=original)


def test_each_text_follows_its_own_language_in_a_translated_book() -> None:
    english = _article("a", '"Title"', 'he said "no"', "en")
    french = _article("a", "“Titre”", "il a dit “non” !", "fr", original=english)
    source = m.Book(slug="b", title="t", subtitle=None, editors=(), lang="en", identifier="x", publisher=None,
                    rights=None, date="2020-01-01", translations=("fr",), articles=(english,))
    book = m.Book(slug="b", title="“Livre”", subtitle=None, editors=(), lang="fr", identifier="x", publisher=None,
                  rights=None, date="2020-01-01", translations=(), articles=(french,), original=source,
                  edition="fr")
    out = typeset(book)
    article = out.articles[0]
    assert out.title == f"«{NNBSP}Livre{NNBSP}»"
    assert article.title == f"«{NNBSP}Titre{NNBSP}»"
    assert article.body[0].children == (  # type: ignore[union-attr]
        m.Text(f"il a dit «{NNBSP}non{NNBSP}»{NNBSP}!"), m.Code("“code”"),
        m.Foreign("en", (m.Text("left “as is”"),)))
    assert article.original is not None and article.original.title == "“Title”"  # English rules for English
    assert out.original is not None and out.original.articles[0].body == article.original.body


def _paragraph_in(lang: str, *inlines: m.Inline) -> tuple[m.Inline, ...]:
    article = m.Article(slug="a", title="t", subtitle=None, authors=(), date=None, source=m.Source(),
                        body=(m.Paragraph(tuple(inlines)),), lang=lang)
    book = m.Book(slug="b", title="t", subtitle=None, editors=(), lang=lang, identifier="x", publisher=None,
                  rights=None, date="2020-01-01", translations=(), articles=(article,))
    return typeset(book).articles[0].body[0].children  # type: ignore[union-attr,no-any-return]


def test_quotes_that_open_and_close_in_different_runs() -> None:
    """“*no*”, a quoted link and a footnote mark before the closing quote: the paragraph is one text."""
    assert _paragraph_in("es", m.Text("dijo “"), m.Emph((m.Text("no"),)), m.Text("” y "),
                         m.Link("https://example.org", (m.Text("“aquí ”"),)), m.Text(" o “fin"),
                         m.FootnoteRef(1), m.Text("”.")) == (
        m.Text("dijo «"), m.Emph((m.Text("no"),)), m.Text("» y "),
        m.Link("https://example.org", (m.Text("«aquí»"),)), m.Text(" o «fin"), m.FootnoteRef(1), m.Text("».")
    )
    assert _paragraph_in("fr", m.Text("Et "), m.Emph((m.Text("quoi"),)), m.Text(" ? Un “"), m.Code("x"),
                         m.Text("”"), m.LineBreak(), m.Text("“suite”")) == (
        m.Text("Et "), m.Emph((m.Text("quoi"),)), m.Text(f"{NNBSP}? Un «{NNBSP}"), m.Code("x"),
        m.Text(f"{NNBSP}»"), m.LineBreak(), m.Text(f"«{NNBSP}suite{NNBSP}»"))


_RUN_TEXT = st.text(alphabet=st.sampled_from(list("ab1 ;:!?«»“”‘’'\".,(")), max_size=8)
_INLINE = st.recursive(
    st.one_of(st.builds(m.Text, _RUN_TEXT), st.builds(m.Code, st.just("c")), st.just(m.FootnoteRef(1)),
              st.just(m.LineBreak())),
    lambda inner: st.one_of(st.builds(m.Emph, st.lists(inner, max_size=3).map(tuple)),
                            st.builds(lambda c: m.Link("https://e.org", c), st.lists(inner, max_size=3).map(tuple)),
                            st.builds(lambda c: m.Foreign("en", c), st.lists(inner, max_size=3).map(tuple))),
    max_leaves=6)


def _shape(inlines: tuple[m.Inline, ...]) -> list[object]:
    return [(type(i).__name__, _shape(i.children)) if isinstance(i, (m.Emph, m.Link, m.Foreign))
            else type(i).__name__ if isinstance(i, m.Text) else i for i in inlines]


@given(st.lists(_INLINE, min_size=1, max_size=5).map(tuple), st.sampled_from(["fr", "es", "de", "en"]))
def test_runs_keep_their_shape_and_their_letters(inlines: tuple[m.Inline, ...], lang: str) -> None:
    out = _paragraph_in(lang, *inlines)
    assert _shape(out) == _shape(inlines)
    strip = str.maketrans("", "", f" {NBSP}{NNBSP}“”«»‘’„‚'\"’›‹")
    assert m.plain_text(out).translate(strip) == m.plain_text(inlines).translate(strip)
    assert "\ue000" not in m.plain_text(out) and "\ue001" not in m.plain_text(out)
