"""The assemble heuristics one by one: dates, bylines, noise, captions, slugs, Markdown escaping and
the publish.yaml list edit."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from publish.assemble.bylines import parse_byline
from publish.assemble.classify import has_credit, is_heading_like
from publish.assemble.dates import parse_date_line
from publish.assemble.markdown_out import escape, render_body
from publish.assemble.model import Element
from publish.assemble.noise import is_noise_line, strip_emails
from publish.assemble.project_yaml import append_articles
from publish.assemble.slugs import make_slug


@pytest.mark.parametrize(("text", "iso"), [
    ("24. December 2019", "2019-12-24"),
    ("March 6, 2020", "2020-03-06"),
    ("2020-03-06", "2020-03-06"),
    ("6 de marzo de 2020", "2020-03-06"),
    ("Dec. 24, 2019", "2019-12-24"),
    ("Tuesday, December 24, 2019 at 10:15 am GMT", "2019-12-24"),
    ("Published: 2020-03-06T10:00:00Z", "2020-03-06"),
    ("24/12/2019", "2019-12-24"),
])
def test_dates_people_paste(text: str, iso: str) -> None:
    found = parse_date_line(text)
    assert found is not None and (found.value, found.ambiguous) == (iso, False)


def test_ambiguous_and_impossible_dates() -> None:
    found = parse_date_line("03/06/2020")
    assert found is not None and (found.value, found.ambiguous) == ("03/06/2020", True)
    assert parse_date_line("31 February 2020") is None
    assert parse_date_line("The 2020 election") is None


@pytest.mark.parametrize(("line", "names", "date"), [
    ("By Ollie Vargas - 24. December 2019", ["Ollie Vargas"], "2019-12-24"),
    ("By Francisco Dominguez (*) - 13. November 2019", ["Francisco Dominguez"], "2019-11-13"),
    ("By A and B", ["A", "B"], None),
    ("Por Ana Quispe y Luis Mamani - 6 de marzo de 2020", ["Ana Quispe", "Luis Mamani"], "2020-03-06"),
    ("By Jane Doejane.doe@example.com | March 6, 2020, 14:32", ["Jane Doe"], "2020-03-06"),
    ("By J. R. Smith, Ana de la Cruz & Bob Lee", ["J. R. Smith", "Ana de la Cruz", "Bob Lee"], None),
])
def test_bylines(line: str, names: list[str], date: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None and (byline.names, byline.date) == (names, date)


@pytest.mark.parametrize("line", ["By 2020, the economy had grown.", "By the time we arrived, it was over.",
                                  "by the way"])
def test_prose_starting_with_by_is_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


def test_noise_lines_and_emails() -> None:
    for line in ["Share on Facebook | Tweet | Email", "Leave a Reply", "Required fields are marked *",
                 "Click here to read the full report", "Post Comment", "Deja un comentario"]:
        assert is_noise_line(line), line
    for line in ["Twitter banned the account in 2019.", "This story", "Ollie Vargas @OVargas52"]:
        assert not is_noise_line(line), line
    assert strip_emails("Ollie Vargasollie@example.com") == "Ollie Vargas"
    assert strip_emails("Ana Quispe (aq@example.org)") == "Ana Quispe"


def test_caption_and_heading_tests() -> None:
    assert has_credit("Police detain a supporter during clashes in La Paz, today. AP")
    assert has_credit("Photo: Luis Mamani")
    assert has_credit("Photo by Ana Ruiz on Unsplash") and has_credit("Foto de Juan Pérez")
    # Captions need a marker: a verbless line is body text, and a bare agency name is a site header.
    assert not has_credit("A Chapare union named Llallagua after one of the largest former mining towns.")
    assert not has_credit("Reuters")
    assert not has_credit("Photo by the river we sat for hours and talked.")
    assert is_heading_like("Is a massacre ahead?")
    assert not is_heading_like("It is not hard to see why.")


@pytest.mark.parametrize(("title", "slug"), [
    ("Bolivia’s free territory of Chapare has ousted the coup regime and is bracing for a bloody re-invasion",
     "chapare"),
    ("The Bolivian Coup: What the Mainstream Media Don’t Tell You", "bolivian-coup"),
    ("A quiet election day in El Alto", "el-alto"),
    ("Water Rights In Cochabamba", "water-rights-cochabamba"),
    ("Los comités de agua de la zona sur", "comites-agua-zona"),
    ("中文标题", "article"),
])
def test_slugs(title: str, slug: str) -> None:
    assert make_slug(title) == slug


_TEXT = st.text(st.sampled_from(list("ab #*_-+>1.)[]<`\\&;:!=~é“”")), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(_TEXT.filter(lambda t: t.strip() == t and t.strip()))
def test_escaped_text_reads_back_as_the_same_text(text: str) -> None:
    tokens = MarkdownIt("commonmark").parse(escape(text).replace("\n", " "))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert "".join(c.content for c in tokens[1].children if c.type == "text") == text


def test_rendered_containers() -> None:
    body = render_body([Element("figure", "A caption."), Element("post", parts=("One.", "Two."), author="Ollie Vargas",
                                                                 handle="@OVargas52"), Element("heading", "Sub")])
    assert body == "::: figure\nA caption.\n:::\n\n::: post Ollie Vargas @OVargas52\nOne.\n\nTwo.\n:::\n\n## Sub"


def test_publish_yaml_edit_keeps_comments_and_keys() -> None:
    text = "# Book\ntitle: T  # the title\narticles:  # order\n  - 01-a\n\n# after\ntrim: a5\n"
    edited, kept = append_articles(text, ["02-b"], "publish.yaml")
    assert kept and edited == "# Book\ntitle: T  # the title\narticles:  # order\n  - 01-a\n  - 02-b\n\n# after\ntrim: a5\n"
    flow, kept = append_articles("title: T\narticles: [01-a]\ntrim: a5\n", ["02-b"], "publish.yaml")
    assert not kept and yaml.safe_load(flow) == {"title": "T", "articles": ["01-a", "02-b"], "trim": "a5"}


def test_help_does_not_load_assemble_or_trafilatura() -> None:
    code = "import sys; import publish.app; print(sorted(m for m in sys.modules if 'trafilatura' in m " \
           "or m.startswith('publish.assemble')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]"
