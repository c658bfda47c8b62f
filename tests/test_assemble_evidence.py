"""assemble reads pages on evidence: site furniture, bylines in the forms people paste, dates with weekdays
and update stamps, hard-wrapped text, captions only with a credit, subheadings only with text under them."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.assemble import read_source
from publish.assemble.bylines import parse_bare_byline, parse_byline
from publish.assemble.dates import is_date_furniture, read_date_line
from publish.assemble.furniture import END, INLINE, LIST, furniture_kind
from publish.assemble.model import Draft
from publish.errors import PublishError


def drafts(tmp_path: Path, text: str) -> list[Draft]:
    (tmp_path / "dump.txt").write_text(text, encoding="utf-8")
    return read_source(tmp_path, Path("dump.txt")).drafts


@pytest.mark.parametrize(("line", "names", "date"), [
    ("By KOFI MENSAH and ANA DE LA CRUZ Associated Press", ["Kofi Mensah", "Ana de la Cruz"], None),
    ("By PETER NJOROGE [email protected]", ["Peter Njoroge"], None),
    ("Édité par Léa Martin", ["Léa Martin"], None),
    ("Texto de Rui Costa Almeida", ["Rui Costa Almeida"], None),
    ("Por Inês Lobo e Tiago Reis, Diário do Norte — Porto", ["Inês Lobo", "Tiago Reis"], None),
    ("Por Lucía Paz (EFE)", ["Lucía Paz"], None),
    ("Posted on May 3, 2022 by Tom Hale", ["Tom Hale"], "2022-05-03"),
    ("Publicado por Marta Gil en 09:10", ["Marta Gil"], None),
    ("by Rhys Owen", ["Rhys Owen"], None),
])
def test_byline_forms(line: str, names: list[str], date: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None and (byline.names, byline.date) == (names, date)


def test_desk_bylines_and_bare_names() -> None:
    staff = parse_byline("Por Redacción")
    assert staff is not None and staff.names == []
    assert parse_bare_byline("Sara Blum, Staff Writer").names == ["Sara Blum"]  # type: ignore[union-attr]
    assert parse_bare_byline("Ivo Rama ivo@example.org").names == ["Ivo Rama"]  # type: ignore[union-attr]
    assert parse_bare_byline("Nia Cole and Omar Diaz").names == ["Nia Cole", "Omar Diaz"]  # type: ignore[union-attr]
    for not_a_byline in ["Rural Health Clinics", "QUITO, Ecuador (AP) — Rain fell", "Annual Report 7"]:
        assert parse_bare_byline(not_a_byline) is None, not_a_byline


@pytest.mark.parametrize(("text", "iso", "update"), [
    ("Thursday January 10 2013", "2013-01-10", False),
    ("sábado, 23 noviembre 2024", "2024-11-23", False),
    ("Terça-feira, 7 de Maio de 2024", "2024-05-07", False),
    ("2021-12-07 07:52:06", "2021-12-07", False),
    ("Le 17/10/2023 à 16:05", "2023-10-17", False),
    ("Publié le 12 mars 2021 à 10h15, mis à jour le 14 mars 2021", "2021-03-12", False),
    ("1 June 2021 • 5 min read", "2021-06-01", False),
    ("Actualizado 23/11/2024 10:05", "2024-11-23", True),
    ("Updated March 7, 2024 at 8:12 a.m.", "2024-03-07", True),
    ("Tue Apr 16 09:12:44 UTC 2019", "2019-04-16", False),
])
def test_date_lines(text: str, iso: str, update: bool) -> None:
    found = read_date_line(text)
    assert found is not None and (found[0].value, found[1]) == (iso, update)


def test_date_furniture() -> None:
    assert is_date_furniture("Updated 5 years ago") and is_date_furniture("8 minute read")
    assert not is_date_furniture("The council met on Monday.")


def test_furniture_kinds() -> None:
    assert furniture_kind("Related stories") == LIST and furniture_kind("Lo más leído") == LIST
    assert furniture_kind("Lire aussi : Brest, un record de trafic") == INLINE
    for line in ["No comments:", "Publicar un comentario", "Tags: rivers, towns", "© 2024 The Daily Post",
                 "Share to TwitterShare to Facebook", "Home | News | Sport | Weather", "Mots-clés : pêche"]:
        assert furniture_kind(line) == END, line
    for line in ["The ferry leaves at nine.", "Comments from residents were mixed, the council said.",
                 "She baked cookies for the fair."]:
        assert furniture_kind(line) is None, line


PAGE = """The Lakeside Echo
Home
News
Sport
Monday, 4 March 2024

TOWN
Library to open on Sundays from April
Councillors say the pilot will run for six months before a review of the costs
By Nadia Brook | March 3, 2024
Updated March 4, 2024 at 9:00 a.m.

Share
Facebook

The town library will open on Sunday afternoons from April, the council said on Friday, after a petition gathered eight hundred names.

Staff will work the new hours on a voluntary rota, and two extra part-time posts will be advertised.

A reader at the library's new study tables. Photo: Nadia Brook

What it costs
The pilot will cost about 14,000 pounds, paid from the reserve fund.

Opening hours will be one to five.

Related stories
Pool closes for repairs
Market moves to the square

Tags: library, council
© 2024 The Lakeside Echo
"""


def test_page_header_furniture_and_fields(tmp_path: Path) -> None:
    (draft,) = drafts(tmp_path, PAGE)
    assert draft.title == "Library to open on Sundays from April"
    assert draft.subtitle and draft.subtitle.startswith("Councillors say")
    assert [a.name for a in draft.authors] == ["Nadia Brook"]
    assert (draft.date, draft.publication) == ("2024-03-03", "The Lakeside Echo")
    assert draft.lines["title"] == 8 and draft.lines["date"] == 10 and draft.lines["publication"] == 1
    kinds = [(e.kind, e.text[:20]) for e in draft.body]
    assert ("figure", "A reader at the libr") in kinds and ("heading", "What it costs") in kinds
    assert kinds[-1] == ("paragraph", "Opening hours will b")
    assert any("furniture" in w for w in draft.warnings)


def test_no_invented_caption_or_heading(tmp_path: Path) -> None:
    text = ("Rain closes the pass\n\nBy Ana Ruiz\n\n"
            "The mountain pass closed on Tuesday after two days of heavy rain, the highways agency said.\n\n"
            "Workers from the agency also joined in.\n\n"
            "Detours\nDrivers were sent on a detour through the valley, which adds about forty minutes.\n\n"
            "The detour is signed from both ends\n\n"
            "The agency expects to reopen the road on Friday if the weather holds.\n")
    (draft,) = drafts(tmp_path, text)
    # Headings sit tight against their text in this copy: the loose line lost its full stop.
    assert [(e.kind, e.text) for e in draft.body if e.kind != "paragraph"] == [("heading", "Detours")]


def test_hard_wrapped_text_is_reflowed(tmp_path: Path) -> None:
    text = ("Water committee report\nBy Joan Pryor\n"
            "The committee met on Thursday to look at the new meters. Most of the\n"
            "households on the hill have had them fitted, and the readings so far\n"
            "show less water lost to leaks than last year.\n"
            "The next meeting is on the first Monday of the month, in the chapel\n"
            "hall, and everyone is welcome to come along and ask questions.\n")
    (draft,) = drafts(tmp_path, text)
    assert draft.title == "Water committee report"
    paragraphs = [e.text for e in draft.body if e.kind == "paragraph"]
    assert len(paragraphs) == 2 and paragraphs[0].endswith("than last year.")


def test_two_blog_posts_and_their_footers(tmp_path: Path) -> None:
    post = ("{date}\n{title}\nWe planted the {crop} in the top bed this weekend, after the frost had finally "
            "gone and the soil was warm enough.\n\nThe {crop} need watering every other day.\n\n"
            "Posted by Lena Holt at 18:02\nShare to TwitterShare to Facebook\nLabels: garden\n"
            "No comments:\nPost a Comment\n\n")
    text = "Holt Garden Diary\nHome\n\n" + post.format(date="Sunday, 5 May 2019", title="Beans go in",
                                                        crop="beans") + post.format(
        date="Saturday, 27 April 2019", title="Onions at last", crop="onions")
    first, second = drafts(tmp_path, text)
    assert (first.title, first.date, second.title, second.date) == (
        "Beans go in", "2019-05-05", "Onions at last", "2019-04-27")
    assert [a.name for a in second.authors] == ["Lena Holt"] and first.publication == "Holt Garden Diary"
    assert all("Posted by" not in e.text for e in first.body)


def test_a_page_with_no_article_is_an_error(tmp_path: Path) -> None:
    text = ("The Daily Post\nHome\nNews\n\nWe value your privacy\n"
            "We and our partners use cookies to store and access information on your device.\n"
            "Accept all\n\n© The Daily Post\n")
    (tmp_path / "dump.txt").write_text(text, encoding="utf-8")
    with pytest.raises(PublishError):
        read_source(tmp_path, Path("dump.txt"))


def test_json_rows_say_where_each_field_came_from(tmp_path: Path) -> None:
    from publish.assemble import _article_row

    (draft,) = drafts(tmp_path, PAGE)
    row = _article_row("manuscript/01-library.md", draft)
    assert (row["title_line"], row["authors_line"], row["date_line"], row["publication_line"]) == (8, 10, 10, 1)
    assert row["subtitle_line"] == 9


def test_headline_after_a_related_block_starts_another_article(tmp_path: Path) -> None:
    text = ("Clinic gets a new scanner\n\n"
            "The district clinic received its first scanner on Friday, ending a long trip for patients who need one.\n\n"
            "Officials said the machine would handle about twenty patients a day once staff are trained.\n\n"
            "Related\nNurses hired in the valley\nAmbulances renewed\n\n"
            "Teachers win back-pay after long dispute\n"
            "Teachers will receive three years of unpaid bonuses after a labour court ruled in their favour on Thursday.\n\n"
            "The ministry said it would not appeal and would pay the money before the end of the school year.\n")
    first, second = drafts(tmp_path, text)
    assert (first.title, second.title) == ("Clinic gets a new scanner", "Teachers win back-pay after long dispute")
    assert all(e.kind == "paragraph" for d in (first, second) for e in d.body)


def test_name_role_and_date_under_the_headline(tmp_path: Path) -> None:
    text = ("The Midland Gazette\nNews\nPolitics\n\nPolitics\n\nCouncil tax to rise by 4.9% next year\n"
            "Leaders blame social care costs\nTom Aldridge\nLocal democracy reporter\nThu 8 Feb 2024 06.00 GMT\n\n"
            "Council tax in the county will rise by the maximum from April, after councillors voted through a budget.\n\n"
            "The budget will be formally approved on 22 February.\n\nShare\nReuse this content\n")
    (draft,) = drafts(tmp_path, text)
    assert (draft.title, [a.name for a in draft.authors], draft.date) == (
        "Council tax to rise by 4.9% next year", ["Tom Aldridge"], "2024-02-08")
    assert draft.subtitle == "Leaders blame social care costs"


def test_a_desk_byline_names_no_author(tmp_path: Path) -> None:
    text = ("Vecinos bloquean la avenida por falta de agua\nRedacción Central\n11 de marzo de 2024, 20:15\n\n"
            "Decenas de vecinos bloquearon este lunes la avenida para exigir la provisión de agua potable.\n\n"
            "La empresa informó que la reparación concluirá el jueves.\n")
    (draft,) = drafts(tmp_path, text)
    assert draft.authors == [] and draft.date == "2024-03-11"
    assert draft.body[0].text.startswith("Decenas")


def test_a_copied_email(tmp_path: Path) -> None:
    text = ("From: Rosa Quispe <rosa@example.org>\nSubject: Re: [radio-list] Transmitter repairs finished\n"
            "Date: Mon, 4 Mar 2019 10:12:00 +0000\n\nDear members,\n\n"
            "The repairs to the transmitter on the hill are finished, and the\n"
            "station is back on air at full power since Saturday.\n\n"
            "Thanks to everyone who gave to the fund; it also bought a spare power supply.\n")
    (draft,) = drafts(tmp_path, text)
    assert (draft.title, [a.name for a in draft.authors], draft.date) == (
        "Transmitter repairs finished", ["Rosa Quispe"], "2019-03-04")
    assert (draft.lines["title"], draft.lines["authors"], draft.lines["date"]) == (2, 1, 3)
    paragraphs = [e.text for e in draft.body]
    assert paragraphs[1] == ("The repairs to the transmitter on the hill are finished, and the station is back "
                             "on air at full power since Saturday.")


# A blogging platform's copy: menu, headline, author, reading time, a credited photo, an author footer.
PLATFORM_POST = """Open in app

Sign in

How a hill town kept its bakery open

Wanjiru Kamau

5 min read
·
Apr 9, 2022

When the last baker of the hill town retired, the ovens sat cold for a winter. Nobody had the money to buy the shop, and the bank would not lend to a cooperative it had never heard of.

Photo by Tomás Ferreira on Unsplash

Prices rose sharply after the floods in the lower valley.

By spring twelve households had pooled their savings, and a retired engineer had rebuilt the oldest of the ovens from a drawing in the town archive.

Who bakes now

Three of the twelve take turns at four in the morning, and the school sends older pupils for a week each term.

Written by Wanjiru Kamau

214 Followers

Writes about small towns.
"""


def test_a_platform_post_is_one_article_with_one_credited_caption(tmp_path: Path) -> None:
    found = drafts(tmp_path, PLATFORM_POST)
    assert [d.title for d in found] == ["How a hill town kept its bakery open"]  # the footer starts no article
    post = found[0]
    assert [a.name for a in post.authors] == ["Wanjiru Kamau"] and post.date == "2022-04-09"
    figures = [e.text for e in post.body if e.kind == "figure"]
    assert figures == ["Photo by Tomás Ferreira on Unsplash"]
    # A short verbless-looking line between paragraphs is body text, credit elsewhere or not.
    assert "Prices rose sharply after the floods in the lower valley." in [e.text for e in post.body]
    assert not any("Followers" in e.text for e in post.body)  # the platform's footer is furniture


@pytest.mark.parametrize("line", ["Thanks for reading The Quiet Harbour! Subscribe for free to receive new posts.",
                                  "12 Likes", "4 Restacks", "1.2K Followers", "Gracias por leer Diario del Sur."])
def test_platform_footers_are_furniture(line: str) -> None:
    assert furniture_kind(line) == END


def test_running_heads_of_a_pdf_copy_are_dropped_wherever_they_fall(tmp_path: Path) -> None:
    from publish.assemble.folios import running_heads

    pages = ["FIELD NOTES 2021                 7", "", "Page 8", "", "FIELD NOTES 2021                 9",
             "Chapter 3 begins here.", "FIELD NOTES 2021                 9"]
    lines = list(enumerate(pages, start=1))
    # Two pages of one running head (7 and 9): both dropped, and the same page's head printed twice too.
    assert running_heads(lines) == {1, 5, 7}
    # One numbered line alone is body text.
    assert running_heads([(1, "Chapter 3 begins here."), (2, "Table 2        14")]) == set()


def test_a_title_wrapped_on_a_function_word_is_one_line(tmp_path: Path) -> None:
    from publish.assemble.reflow import reflow

    assert reflow([(1, "Water committees of"), (2, "the southern valleys"), (3, "A second report")]) == [
        (1, "Water committees of the southern valleys"), (3, "A second report")]
    # A line ending on a noun stays a line, even over a line in lower case.
    assert len(reflow([(1, "Water committees"), (2, "the southern valleys")])) == 2


def test_a_credit_line_is_never_a_title(tmp_path: Path) -> None:
    from publish.assemble.head import headline

    assert not headline("Prepared by the Field Team")
    assert not headline("Photo by Ana Ruiz on Unsplash")
    assert headline("Water committees of the southern valleys")


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le conseil municipal a voté dans la soirée un budget pour les écoles du quartier. Les parents, qui "
           "attendaient cette décision depuis deux ans, sont venus nombreux. Elle prévoit des travaux dans trois "
           "bâtiments et une cantine avec des produits locaux. Le maire a dit que ce n'est pas assez."),
    ("ca", "El consell va aprovar ahir un pressupost per a les escoles del barri. Els pares, que esperaven aquesta "
           "decisió des de fa dos anys, hi van anar molt d'hora. També preveu obres en tres edificis i un menjador "
           "amb productes dels pagesos. L'alcalde va dir que això és poc, però que és un començament."),
    ("de", "Der Gemeinderat hat am Abend einen Haushalt für die Schulen im Viertel beschlossen. Die Eltern, die "
           "seit zwei Jahren auf die Entscheidung warten, sind mit den Kindern gekommen. Er sieht Arbeiten an drei "
           "Gebäuden und eine Kantine vor. Der Bürgermeister sagte, das sei nicht genug, aber auch ein Anfang."),
    ("it", "Il consiglio comunale ha approvato in serata un bilancio per le scuole del quartiere. I genitori, che "
           "aspettavano questa decisione da due anni, sono venuti numerosi. Prevede lavori nella scuola e una mensa "
           "con prodotti delle aziende della zona. Il sindaco ha detto che non è abbastanza, ma che è anche un inizio."),
])
def test_the_language_of_an_article_is_told_by_its_own_common_words(lang: str, text: str) -> None:
    from publish.assemble.language import detect_lang

    assert detect_lang(text * 2) == lang
    assert detect_lang(text[:80]) is None  # too few words to be sure


def test_a_masthead_in_capitals_is_written_as_a_name() -> None:
    from publish.assemble.dump_finish import _calm_capitals

    assert _calm_capitals("THE VOICE OF THE VALLEY") == "The Voice of the Valley"
    assert _calm_capitals("EFE") == "EFE" and _calm_capitals("The NYC Courier") == "The NYC Courier"
