"""The tagged PDF (PDF/UA-1 by default): two independent checkers from PyPI, the reading order of the structure
tree against the HTML, and each thing the tagging adds (artifacts, /Lang, notes, links, figures, tables, XMP)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pdf_checks import (html_blocks, marked_text, normalise, out_of_order, outloud_findings, pdfua_findings,
                        structure_text)
from pdf_fixtures import add_notes_article

from publish.build import BuildResult, build
from publish.editions import load_edition
from publish.model import Book
from publish.reader import read_project
from publish.writers.pdf import print_html

EDITIONS = {"en": "en", "es": "es", "en+es": "en-es"}


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The sample plus an article with notes, a table, a link and two images, built as the three PDFs."""
    from helpers import copy_sample

    root = copy_sample(tmp_path_factory.mktemp("tagged") / "book")
    add_notes_article(root)
    return root, build(root, langs=["all"], formats=["pdf"])


def _pdf(tagged: tuple[Path, BuildResult], tag: str) -> Path:
    return tagged[0] / "build" / f"bolivia-2019.{tag}.pdf"


def _edition(root: Path, spec: str) -> Book:
    source, _ = read_project(root)
    return load_edition(root, source, spec)[0]


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element linked into the tree, in tree order."""
    found: list[pikepdf.Dictionary] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and node.get("/Type") == "/StructElem":
            found.append(node)
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    return found


@pytest.mark.parametrize("tag", EDITIONS.values())
def test_outloud_and_pdfua_find_nothing(tagged: tuple[Path, BuildResult], tag: str) -> None:
    path = _pdf(tagged, tag)
    assert outloud_findings(path) == []
    assert pdfua_findings(path) == []


@pytest.mark.parametrize(("spec", "tag"), EDITIONS.items())
def test_structure_tree_reads_in_the_order_of_the_html(tagged: tuple[Path, BuildResult], spec: str,
                                                       tag: str) -> None:
    blocks = html_blocks(_pairwise(print_html(_edition(tagged[0], spec))))
    assert len(blocks) > 150
    assert out_of_order(blocks, normalise(structure_text(_pdf(tagged, tag)))) == []


def _pairwise(html: str) -> str:
    """The print HTML as the structure tree reads it: a facing spread (render/facing.py) holds a group of
    originals, then their translations; the tree reads them pair by pair (pdf_fragments.pair_spreads)."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html.encode("utf-8"))
    for spread in [d for d in tree.iter("div") if d.get("class") == "spread"]:
        sides = list(spread)
        for side in sides:
            spread.remove(side)
        for blocks in zip(*(list(side) for side in sides)):
            for side, block in zip(sides, blocks):
                column = lxml_html.Element("div", {"class": side.get("class", ""), "lang": side.get("lang", "")})
                column.append(block)
                spread.append(column)
    return lxml_html.tostring(tree, encoding="unicode")


def test_the_order_check_sees_a_swap() -> None:
    assert out_of_order(["first", "second", "third"], "secondfirstthird") == ["second"]


def test_running_heads_and_folios_are_artifacts(tagged: tuple[Path, BuildResult]) -> None:
    path = _pdf(tagged, "en")
    _, artifacts = marked_text(path)
    tree = normalise(structure_text(path))
    left = next(i for i in range(6, len(artifacts), 2) if "Chapare and the Coup" in artifacts[i - 1])
    assert str(left) in artifacts[left - 1], "the folio is not an artifact"
    assert normalise("Chapare and the Coup") not in tree.replace(normalise("Chapare and the Coup"), "", 2), \
        "the running head is read as content"
    with pikepdf.open(path) as pdf:
        page = pdf.pages[left - 1]
        page.contents_coalesce()  # the page's own stream, and the folio drawn over it (pdf_join)
        stream = page.Contents.read_bytes()
    assert b"/Artifact\n<</Type /Pagination>>" in stream and b"/Artifact <</Type /Pagination>> BDC /PublishFolio Do" in stream


def test_language_per_edition_and_per_column(tagged: tuple[Path, BuildResult]) -> None:
    for tag, lang in (("en", "en"), ("es", "es"), ("en-es", "en")):
        with pikepdf.open(_pdf(tagged, tag)) as pdf:
            assert str(pdf.Root.Lang) == lang
    html = _pairwise(print_html(_edition(tagged[0], "en+es")))
    with pikepdf.open(_pdf(tagged, "en-es")) as pdf:
        columns = [e for e in _elements(pdf) if e.get("/S") == "/Div" and "/Lang" in e]
    assert {str(e.Lang) for e in columns} == {"en", "es"}
    spanish, in_html = len([e for e in columns if str(e.Lang) == "es"]), html.count('<div class="l2" lang="es"')
    # One element per column (a column broken over a page is not two); columns with nothing to draw have none.
    assert in_html - 3 <= spanish <= in_html
    with pikepdf.open(_pdf(tagged, "es")) as pdf:
        untranslated = [e for e in _elements(pdf) if str(e.get("/Lang", "")) == "en"]
    assert untranslated, "English left in the Spanish edition is not marked as English"


def test_xmp_title_pdfua_part_and_display_title(tagged: tuple[Path, BuildResult]) -> None:
    title = _edition(tagged[0], "es").title
    assert title != "Chapare and the Coup"
    with pikepdf.open(_pdf(tagged, "es")) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == title
        assert meta["pdfuaid:part"] == "1"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert bool(pdf.Root.MarkInfo.Marked) is True


@pytest.mark.parametrize(("tag", "count"), [("en", 2), ("en-es", 4)])
def test_footnotes_are_notes_with_labels_and_unique_ids(tagged: tuple[Path, BuildResult], tag: str,
                                                        count: int) -> None:
    with pikepdf.open(_pdf(tagged, tag)) as pdf:
        notes = [e for e in _elements(pdf) if e.get("/S") == "/Note"]
        assert len(notes) == count, "a note is split into page fragments, or missing"
        assert len({str(n.ID) for n in notes}) == count
        for note in notes:
            body = note.P
            item = body.P
            assert body.S == "/LBody" and item.S == "/LI"
            assert item.K[0].S == "/Lbl"


def test_links_are_printable_and_say_where_they_go(tagged: tuple[Path, BuildResult]) -> None:
    with pikepdf.open(_pdf(tagged, "en")) as pdf:
        annotations = [a for page in pdf.pages for a in page.get("/Annots", [])]
        assert annotations
        for annotation in annotations:
            assert int(annotation.F) & 4, "link annotation is not printed"
            assert str(annotation.Contents).strip()
        external = [a for a in annotations if "/A" in a and "/URI" in a.A]
        assert {str(a.Contents) for a in external} == {"harbour gauge"}  # one annotation per line of the link


def test_figures_carry_alt_and_images_without_alt_are_warned_and_decorative(
        tagged: tuple[Path, BuildResult]) -> None:
    root, result = tagged
    warned = [d for d in result.diagnostics if d.code == "image-no-alt"]
    assert {(d.path, d.line) for d in warned} == {("manuscript/03-river-port.md", 17)}
    with pikepdf.open(_pdf(tagged, "en")) as pdf:
        figures = [e for e in _elements(pdf) if e.get("/S") == "/Figure"]
        assert [str(f.Alt) for f in figures] == ["Boats tied up at the quay before dawn"]
        page = next(p for p in pdf.pages if p.obj.objgen == figures[0].Pg.objgen)
        page.contents_coalesce()
        assert b"/Artifact\n<</Type /Layout>>" in page.Contents.read_bytes(), "the undescribed image is read"


def test_table_header_cells_have_scope(tagged: tuple[Path, BuildResult]) -> None:
    with pikepdf.open(_pdf(tagged, "en")) as pdf:
        elements = _elements(pdf)
        headers = [e for e in elements if e.get("/S") == "/TH"]
        cells = [e for e in elements if e.get("/S") == "/TD"]
    assert len(headers) == 3 and len(cells) == 6
    assert all(h.A.Scope == "/Column" for h in headers)
    assert all(len(c.A.Headers) == 1 for c in cells)
