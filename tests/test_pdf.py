"""The print PDF of the sample: trim size, running heads, right-hand starts, contents, bookmarks, fonts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from publish.build import build

from pdf_checks import outloud_findings, pdfua_findings

PDF = "build/bolivia-2019.en.pdf"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def reader(built_sample: Path) -> PdfReader:
    return PdfReader(built_sample / PDF)


def _page_text(reader: PdfReader, number: int) -> str:
    return reader.pages[number - 1].extract_text()


def _article_start_pages(reader: PdfReader) -> dict[str, int]:
    return {o.title: reader.get_destination_page_number(o) + 1 for o in reader.outline if not isinstance(o, list)}


def test_a5_by_default(reader: PdfReader) -> None:
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 148 * MM) < 1 and abs(float(box.height) - 210 * MM) < 1


@pytest.mark.parametrize(("trim", "size"), [("6x9", (432, 648)), ("letter", (612, 792))])
def test_other_trim_sizes(project: Path, trim: str, size: tuple[int, int]) -> None:
    config = yaml.safe_load((project / "publish.yaml").read_text())
    config["trim"] = trim
    (project / "publish.yaml").write_text(yaml.safe_dump(config, allow_unicode=True))
    build(project, formats=["pdf"])
    box = PdfReader(project / PDF).pages[3].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    assert outloud_findings(project / PDF) == [] and pdfua_findings(project / PDF) == []


def test_sample_pdf_passes_both_accessibility_checkers(built_sample: Path) -> None:
    assert outloud_findings(built_sample / PDF) == []
    assert pdfua_findings(built_sample / PDF) == []


def test_metadata_title_authors_language(reader: PdfReader) -> None:
    meta = reader.metadata
    assert meta.title == "Chapare and the Coup"
    assert "Ollie Vargas" in meta.author and "Francisco Dominguez" in meta.author
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_one_bookmark_per_article_plus_sources(reader: PdfReader) -> None:
    titles = list(_article_start_pages(reader))
    assert titles == ["Bolivia’s free territory of Chapare has ousted the coup regime and is bracing for a "
                      "bloody re-invasion", "The Bolivian Coup: What the Mainstream Media Don’t Tell You", "Sources"]
    assert all(not isinstance(o, list) for o in reader.outline), "subheadings must not become bookmarks"


def test_each_article_starts_on_a_right_hand_page(reader: PdfReader) -> None:
    for title, page in _article_start_pages(reader).items():
        assert page % 2 == 1, f"{title} starts on page {page}, a left-hand page"


def test_contents_page_numbers_match_where_articles_start(reader: PdfReader) -> None:
    contents = next(n for n in range(1, 6) if _page_text(reader, n).startswith("Contents"))
    text = _page_text(reader, contents)
    numbers = [int(n) for n in re.findall(r"\.\s*(\d+)\s*$", text, flags=re.M)]
    assert numbers == list(_article_start_pages(reader).values())
    assert ". . . ." in text, "leaders missing"


def test_title_pages_carry_no_number_or_running_head(reader: PdfReader) -> None:
    first_article = min(_article_start_pages(reader).values())
    for number in range(1, first_article):
        lines = [line.strip() for line in _page_text(reader, number).splitlines() if line.strip()]
        assert not any(line.isdigit() for line in lines), f"page {number} shows a folio"


def test_running_heads_book_left_article_right(reader: PdfReader) -> None:
    starts = _article_start_pages(reader)
    first = starts[next(iter(starts))]
    left, right = _page_text(reader, first + 1), _page_text(reader, first + 2)
    assert "Chapare and the Coup" in left and str(first + 1) in left
    assert "Bolivia’s free territory of Chapare has ousted…" in right
    # No running head on an article's opening page.
    assert "Chapare and the Coup" not in _page_text(reader, first)


def test_fonts_are_embedded_with_real_italic_and_small_caps(reader: PdfReader) -> None:
    fonts: set[str] = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"Linux-Libertine-O", "Linux-Libertine-O-Italic", "Linux-Libertine-O-Small-Caps"} <= fonts


def test_dates_read_naturally_and_attribution_matches_the_epub(reader: PdfReader) -> None:
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "24 December 2019" in text and "13 November 2019" in text
    assert "2019-12-24" not in text
    sources = text[text.index("Where each article first appeared"):]
    assert sources.count("not recorded") >= 6 and "Morning Star" in sources


def test_english_text_is_hyphenated(reader: PdfReader) -> None:
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert re.search(r"[a-z]‐\n[a-z]", text), "no hyphenated line ends found"
