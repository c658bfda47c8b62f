"""``--pdf-standard`` and ``--profile``: what each one puts in the PDF, read back with pikepdf, and the two
accessibility checkers on every PDF built here."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from pdf_checks import outloud_findings, pdfua_findings

from publish.build import build
from publish.check_print import transparent_pages
from publish.errors import PublishError
from publish.writers.options import PdfSettings
from publish.writers.pdf_profiles import PROFILES, geometry, gutter_in

PDF = "build/bolivia-2019.en.pdf"
MM = 72 / 25.4
A5 = (148 * MM, 210 * MM)
BLEED = 0.125 * 72
NO_OUTLINE = ["NAV-001"]
"""KDP and IngramSpark interiors carry no bookmarks (their rule), which outloud reports as its one warning."""


def _build(root: Path, standard: str = "ua1", profile: str = "print") -> Path:
    out = root.parent / f"{profile}-{standard}.pdf"
    build(root, formats=["pdf"], pdf=PdfSettings(standard, profile))
    (root / PDF).rename(out)
    return out


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from helpers import copy_sample

    root = copy_sample(tmp_path_factory.mktemp("profiles") / "book")
    return {"kdp": _build(root, profile="kdp"), "ingramspark": _build(root, profile="ingramspark"),
            "screen": _build(root, profile="screen"), "print": _build(root), "a2a": _build(root, "a2a"),
            "ua2": _build(root, "ua2"), "none": _build(root, "none")}


@pytest.mark.parametrize("name", ["kdp", "ingramspark", "screen", "a2a", "ua2"])
def test_checkers_pass(pdfs: dict[str, Path], name: str) -> None:
    expected = NO_OUTLINE if name in ("kdp", "ingramspark") else []
    assert [f.split(" ")[0] for f in outloud_findings(pdfs[name])] == expected
    assert pdfua_findings(pdfs[name]) == []


def test_pdfa_2a_has_an_icc_output_intent_and_claims_ua(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["a2a"]) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"], meta["pdfuaid:part"]) == ("2", "A", "1")
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and int(intent.DestOutputProfile.N) == 3
        assert "/StructTreeRoot" in pdf.Root
        assert transparent_pages(pdf) == []


def test_ua2_is_pdf_2(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["ua2"]) as pdf:
        assert pdf.pdf_version == "2.0" and pdf.open_metadata()["pdfuaid:part"] == "2"


def test_none_is_untagged(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["none"]) as pdf:
        assert "/StructTreeRoot" not in pdf.Root


def test_unknown_standard_or_profile_is_a_usage_error(project: Path) -> None:
    for settings in (PdfSettings("a1b"), PdfSettings(profile="lulu"), PdfSettings("a2a", "ingramspark")):
        with pytest.raises(PublishError) as caught:
            build(project, formats=["pdf"], pdf=settings)
        assert caught.value.exit_code == 2 and caught.value.hint
    assert not (project / "build").exists()


@pytest.mark.parametrize("name", ["kdp", "ingramspark"])
def test_print_on_demand_geometry(pdfs: dict[str, Path], name: str) -> None:
    with pikepdf.open(pdfs[name]) as pdf:
        assert len(pdf.pages) % 2 == 0
        for index, page in enumerate(pdf.pages):
            trim = [float(v) for v in page.TrimBox]
            media = [float(v) for v in page.MediaBox]
            assert [float(v) for v in page.BleedBox] == media
            assert trim[2] - trim[0] == pytest.approx(A5[0], abs=0.5)
            assert trim[3] - trim[1] == pytest.approx(A5[1], abs=0.5)
            spine, fore = (0, 2) if index % 2 == 0 else (2, 0)
            assert media[spine] == pytest.approx(trim[spine]), f"page {index + 1} bleeds into the spine"
            assert abs(media[fore] - trim[fore]) == pytest.approx(BLEED)
            assert trim[1] - media[1] == pytest.approx(BLEED) and media[3] - trim[3] == pytest.approx(BLEED)
            assert "/Annots" not in page
        assert "/Outlines" not in pdf.Root


def _font_programs(path: Path) -> dict[str, int]:
    """Bytes of each embedded font program, by font name without the subset tag."""
    sizes = {}
    with pikepdf.open(path) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            descriptor = font.DescendantFonts[0].FontDescriptor
            program = descriptor.get("/FontFile3") or descriptor.get("/FontFile2")
            sizes[str(font.BaseFont).lstrip("/").split("+")[-1]] = len(program.read_bytes())
    return sizes


def test_print_on_demand_fonts_are_whole(pdfs: dict[str, Path]) -> None:
    whole, subset = _font_programs(pdfs["kdp"]), _font_programs(pdfs["print"])
    assert whole.keys() == subset.keys()
    for name, size in whole.items():
        assert size > 5 * subset[name], f"{name} is subset in the KDP interior"


def test_ingramspark_colours_are_cmyk_with_a_pdfx_output_intent(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["ingramspark"]) as pdf:
        assert pdf.open_metadata()["pdfx:GTS_PDFXVersion"] == "PDF/X-4"
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX" and int(intent.DestOutputProfile.N) == 4
        for page in pdf.pages:
            page.contents_coalesce()  # a joined page draws its content and its folio (pdf_join)
            content = page.Contents.read_bytes()
            assert not re.search(rb"\b(rg|RG)\n", content), "an RGB colour in a CMYK interior"
            assert b"/DeviceRGB" not in content


def test_screen_has_links_bookmarks_and_no_bleed(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["screen"]) as pdf:
        assert "/Outlines" in pdf.Root
        assert any("/Annots" in page for page in pdf.pages)
        assert all(page.TrimBox == page.MediaBox for page in pdf.pages)


@pytest.mark.parametrize(("pages", "gutter"), [(24, 0.375), (150, 0.375), (151, 0.5), (300, 0.5), (301, 0.625),
                                                (500, 0.625), (700, 0.75), (701, 0.875), (900, 0.875)])
def test_kdp_gutter_table(pages: int, gutter: float) -> None:
    assert gutter_in(pages) == gutter


def test_gutter_grows_past_the_trim_margin_and_outside_margin_has_a_floor() -> None:
    sizes = {"page_size": "6in 9in", "margin_top": "0.75in", "margin_bottom": "0.8in", "margin_inner": "0.6in",
             "margin_outer": "0.3in", "font_size": "11pt"}
    assert geometry(sizes, PROFILES["kdp"], 100)["margin_inner"] == "0.600in"
    assert geometry(sizes, PROFILES["kdp"], 720)["margin_inner"] == "0.875in"
    assert geometry(sizes, PROFILES["kdp"], 100)["margin_outer"] == "0.375in"
    assert geometry(sizes, PROFILES["screen"], None)["margin_inner"] == "0.450in"
