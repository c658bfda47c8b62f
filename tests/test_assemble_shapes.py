"""publish assemble on dumps shaped unlike the seed: no byline, a date before the title, two authors,
Spanish, several articles without bylines, an ambiguous date, a saved HTML page and Markdown input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from typer.testing import CliRunner

from publish.assemble import read_source
from publish.app import app
from publish.frontmatter import split_front_matter

FIXTURES = Path(__file__).parent / "fixtures" / "assemble"


def draft(name: str, index: int = 0):
    result = read_source(FIXTURES, Path(name))
    return result.drafts[index]


def project(tmp_path: Path, *names: str) -> Path:
    root = tmp_path / "book"
    (root / "in").mkdir(parents=True)
    (root / "publish.yaml").write_text("title: Test book  # kept\nlanguage: en\n", encoding="utf-8")
    for name in names:
        shutil.copy(FIXTURES / name, root / "in" / name)
    return root


def test_no_byline_leaves_authors_and_date_empty_with_warnings_and_drops_noise() -> None:
    d = draft("no_byline.txt")
    assert d.title == "The long road to the lithium deal"
    assert d.authors == [] and d.date is None and d.publication is None
    assert {"no byline: authors not recorded", "no date stated: date not recorded"} <= set(d.warnings)
    texts = [e.text for e in d.body]
    assert ("heading", "What the contract says") in [(e.kind, e.text) for e in d.body]
    assert not any("Facebook" in t or "Click here" in t or "Leave a Reply" in t or "Name *" in t for t in texts)
    assert any("dropped 8 line(s) of web-page furniture" in w for w in d.warnings)
    assert [e.kind for e in d.body].count("paragraph") == 4


def test_date_line_before_the_title() -> None:
    d = draft("date_before_title.txt")
    assert d.title == "Teachers march on La Paz"
    assert d.date == "2020-03-06"  # 'Friday, March 6, 2020 - 09:15': weekday and time dropped
    assert d.subtitle == "The strike enters its third week as the ministry refuses to reopen talks."
    assert [a.name for a in d.authors] == ["Rosa Condori"]
    assert all("09:15" not in e.text for e in d.body)


def test_two_authors_with_email_and_timestamp_and_their_bios() -> None:
    d = draft("two_authors.txt")
    assert [a.name for a in d.authors] == ["Ana Quispe", "Luis Mamani"]
    assert d.date == "2020-03-06"
    assert d.publication == "Andean Labour Review"
    assert d.authors[0].bio == "Ana Quispe is a reporter based in Oruro who covers mining and labour."
    assert d.authors[1].bio.startswith("is a photographer and the co-founder")
    assert [e.text for e in d.body if e.kind == "figure"] == [
        "Miners wait for the lift at the Huanuni mine. Photo: Luis Mamani"]
    assert "dropped an e-mail address from the byline" in d.warnings
    assert all("@" not in e.text for e in d.body)


def test_spanish_dump() -> None:
    d = draft("spanish.txt")
    assert d.title == "Los comités de agua de la zona sur"
    assert [a.name for a in d.authors] == ["Ana Quispe"]
    assert d.date == "2020-03-06" and d.publication == "Los Tiempos"
    assert d.subtitle.startswith("Veinte años después")
    assert ("heading", "Una asamblea para cada calle") in [(e.kind, e.text) for e in d.body]


def test_spanish_article_gets_its_language(tmp_path: Path) -> None:
    root = project(tmp_path, "spanish.txt")
    assert CliRunner().invoke(app, ["assemble", "in/spanish.txt", "-C", str(root)]).exit_code == 0
    front, _, _ = split_front_matter((root / "manuscript" / "01-comites-agua-zona.md").read_text("utf-8"), "x")
    assert front["lang"] == "es" and front["source"] == {"publication": "Los Tiempos"}


def test_several_articles_without_bylines() -> None:
    result = read_source(FIXTURES, Path("two_headless.txt"))
    assert [d.title for d in result.drafts] == ["Markets reopen in Cochabamba", "Buses return to the highway"]
    assert [e.kind for e in result.drafts[1].body] == ["paragraph", "paragraph"]


def test_ambiguous_date_is_kept_raw_with_a_warning() -> None:
    d = draft("ambiguous_date.txt")
    assert d.date == "03/06/2020"
    assert any("ambiguous" in w for w in d.warnings)


def test_html_page_through_trafilatura() -> None:
    d = draft("page.html")
    assert d.title == "Water rights in Cochabamba"
    assert [a.name for a in d.authors] == ["Ana Quispe"]
    assert (d.date, d.publication) == ("2020-03-06", "The Andean Review")
    assert d.url == "https://andean.example.org/2020/03/water-rights"
    kinds = [(e.kind, e.text[:24]) for e in d.body]
    assert ("heading", "A committee for every st") in kinds and ("quote", "Water is life, and life ") in kinds
    assert all("Home" not in e.text and "Share this" not in e.text for e in d.body)
    # The page's own <figcaption> is the caption (the extractor keeps only the image's alt text).
    assert [e.text for e in d.body if e.kind == "figure"] == ["The committee's well in Villa Sebastián Pagador."]


def test_html_date_guessed_from_the_url_is_not_used() -> None:
    d = draft("guessed_date.html")
    assert d.date is None
    assert "no date stated: date not recorded" in d.warnings


def test_markdown_with_front_matter_is_validated_and_copied(tmp_path: Path) -> None:
    root = project(tmp_path, "with_front_matter.md", "no_byline.txt")
    result = CliRunner().invoke(app, ["assemble", "in/no_byline.txt", "in/with_front_matter.md", "--json",
                                      "-C", str(root)])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["articles"]
    assert [r["file"] for r in rows] == ["manuscript/01-long-road-lithium.md", "manuscript/02-with-front-matter.md"]
    assert rows[1]["paragraphs"] == 2 and rows[1]["date"] == "2020-03-06"
    front, body, _ = split_front_matter((root / rows[1]["file"]).read_text("utf-8"), "x")
    assert front["authors"] == [{"name": "Carmen Vidal", "bio": "is a teacher in Sucre."}]
    assert front["tags"] == ["letters"] and "## The schools" in body
    config = (root / "publish.yaml").read_text("utf-8")
    assert config.startswith("title: Test book  # kept\n")
    assert yaml.safe_load(config)["articles"] == ["01-long-road-lithium", "02-with-front-matter"]


def test_numbering_continues_after_existing_articles(tmp_path: Path) -> None:
    root = project(tmp_path, "spanish.txt", "ambiguous_date.txt")
    assert CliRunner().invoke(app, ["assemble", "in/spanish.txt", "-C", str(root)]).exit_code == 0
    result = CliRunner().invoke(app, ["assemble", "in/ambiguous_date.txt", "-C", str(root)])
    assert result.exit_code == 0
    assert sorted(p.name for p in (root / "manuscript").iterdir()) == [
        "01-comites-agua-zona.md", "02-el-alto.md"]
    assert yaml.safe_load((root / "publish.yaml").read_text("utf-8"))["articles"] == [
        "01-comites-agua-zona", "02-el-alto"]


def test_source_line_inside_the_text_and_an_updated_stamp() -> None:
    d = draft("mid_source_and_stamp.txt")
    assert d.date == "2020-03-06" and d.publication is None
    assert any("update stamp" in w or "second date line" in w for w in d.warnings)
    paragraphs = [e.text for e in d.body if e.kind == "paragraph"]
    assert paragraphs[1] == "Source: National Statistics Institute" and len(paragraphs) == 4


def test_html_dek_marked_by_its_class_is_the_subtitle(tmp_path: Path) -> None:
    page = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Ferry fares frozen | Coast Daily</title>"
            "</head><body><article><h1>Ferry fares frozen for the winter</h1>"
            "<p class='article-standfirst'>Islanders had feared a third rise in two years</p>"
            "<p>The county froze ferry fares on Thursday until the end of March, after a petition signed by more "
            "than two thousand islanders reached the transport committee.</p>"
            "<p class='lead'>Operators said the freeze would cost them little, since winter crossings are few and "
            "mostly carry residents on season tickets.</p></article></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    d = read_source(tmp_path, Path("p.html")).drafts[0]
    assert d.subtitle == "Islanders had feared a third rise in two years"
    assert [e.text[:16] for e in d.body if e.kind == "paragraph"] == ["The county froze", "Operators said t"]
