"""``publish cover`` and ``publish check --print``: the KDP and IngramSpark interiors and covers pass the
preflight, cover sizes are right to 0.01 in, and each preflight check fails on a PDF broken for it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from helpers import run_publish
from pdf_checks import outloud_findings, pdfua_findings

from publish.check_print import preflight
from publish.print_cover import make_cover, render_cover
from publish.reader import read_project
from publish.writers.cover_wrap import PAPER_IN, TRIM_IN

BLURB = "blurb: |\n  Two reports written in the weeks after the coup.\n\n  Every source is credited.\n"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """(interior, cover) for KDP on white paper and IngramSpark on cream."""
    from helpers import copy_sample

    out = {}
    for service, paper in (("kdp", "white"), ("ingramspark", "cream")):
        root = copy_sample(tmp_path_factory.mktemp(service) / "book")
        with (root / "publish.yaml").open("a", encoding="utf-8") as config:
            config.write(BLURB)
        result = make_cover(root, service, paper)
        assert not [d for d in result.diagnostics if d.code == "no-blurb"]
        interior, cover = result.outputs
        assert cover.name == "bolivia-2019.en.cover.pdf" and result.pages % 2 == 0
        out[service] = (interior, cover)
    return out


@pytest.mark.parametrize("service", ["kdp", "ingramspark"])
def test_interior_and_cover_pass_the_preflight(made: dict[str, tuple[Path, Path]], service: str) -> None:
    interior, cover = made[service]
    assert [d.one_line() for d in preflight(interior)] == []
    assert [d.one_line() for d in preflight(cover)] == []
    # Both are tagged too; the interior's one outloud warning is the outline KDP and IngramSpark forbid.
    assert [f.split(" ")[0] for f in outloud_findings(interior)] == ["NAV-001"]
    assert outloud_findings(cover) == [] and pdfua_findings(cover) == [] and pdfua_findings(interior) == []


def test_check_print_command_exit_codes(made: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    good = run_publish("check", "--print", str(made["kdp"][0]))
    assert good.returncode == 0, good.stderr
    broken = _broken(made["kdp"][0], tmp_path, lambda pdf: pdf.pages[2].obj.__delitem__("/TrimBox"))
    bad = run_publish("check", "--print", str(broken))
    assert bad.returncode == 1 and "page 3" in bad.stderr and "Hint:" in bad.stderr
    missing = run_publish("check", "--print", str(tmp_path / "nothing.pdf"))
    assert missing.returncode == 3 and len(missing.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("pages", [24, 212, 530])
@pytest.mark.parametrize(("service", "paper", "trim"), [("kdp", "white", "6x9"), ("kdp", "cream", "a5"),
                                                         ("ingramspark", "color", "6x9")])
def test_cover_size_to_a_hundredth_of_an_inch(made: dict[str, tuple[Path, Path]], tmp_path: Path, pages: int,
                                              service: str, paper: str, trim: str) -> None:
    import dataclasses

    root = made["kdp"][0].parent.parent
    book = dataclasses.replace(read_project(root)[0], trim=trim)
    path = tmp_path / "cover.pdf"
    path.write_bytes(render_cover(root, book, service, paper, pages, "A blurb."))
    width, height = TRIM_IN[trim]
    spine = pages * PAPER_IN[service][paper]
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0].obj
        media, trim_box = [float(v) / 72 for v in page.MediaBox], [float(v) / 72 for v in page.TrimBox]
        assert media[2] - media[0] == pytest.approx(2 * width + spine + 0.25, abs=0.01)
        assert media[3] - media[1] == pytest.approx(height + 0.25, abs=0.01)
        assert trim_box[2] - trim_box[0] == pytest.approx(2 * width + spine, abs=0.01)
    from pypdf import PdfReader

    text = PdfReader(path).pages[0].extract_text()
    assert text.count(book.title) == (2 if spine >= 0.25 else 1), "spine text shown on a thin spine, or missing"


def _broken(source: Path, tmp_path: Path, damage: Callable[[pikepdf.Pdf], object], name: str = "broken.pdf") -> Path:
    out = tmp_path / name
    with pikepdf.open(source) as pdf:
        damage(pdf)
        pdf.save(out)
    return out


def _first_font(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return next(iter(pdf.pages[4].Resources.Font.values()))


def _unembed(pdf: pikepdf.Pdf) -> None:
    descriptor = _first_font(pdf).DescendantFonts[0].FontDescriptor
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if key in descriptor:
            del descriptor[key]


def _subset_name(pdf: pikepdf.Pdf) -> None:
    font = _first_font(pdf)
    font.BaseFont = pikepdf.Name("/ABCDEF+" + str(font.BaseFont)[1:])


def _tiny_type(pdf: pikepdf.Pdf) -> None:
    import re

    page = pdf.pages[6]
    page.contents_coalesce()  # a joined page draws its content and its folio (pdf_join): one stream to edit
    page.Contents.write(re.sub(rb"(/\w+) [\d.]+ Tf", rb"\1 6 Tf", page.Contents.read_bytes()))


def _low_resolution_image(pdf: pikepdf.Pdf) -> None:
    image = pikepdf.Stream(pdf, bytes(30 * 30 * 3), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                           Width=30, Height=30, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)
    image.write(bytes(30 * 30))
    page = pdf.pages[6]
    page.Resources.XObject[pikepdf.Name("/Tiny")] = image
    page.contents_coalesce()
    page.Contents.write(page.Contents.read_bytes() + b"\nq 72 0 0 72 100 100 cm /Tiny Do Q\n")


def _spine_bleed(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0].obj
    trim = [float(v) for v in page.TrimBox]
    box = pikepdf.Array([trim[0] - 9, trim[1] - 9, trim[2] + 9, trim[3] + 9])
    page.MediaBox, page.BleedBox = box, box


def _annotation(pdf: pikepdf.Pdf) -> None:
    link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[10, 10, 50, 50],
                              A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org")))
    pdf.pages[8].obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))


def _transparency(pdf: pikepdf.Pdf) -> None:
    resources = pdf.pages[5].Resources
    if "/ExtGState" not in resources:
        resources.ExtGState = pikepdf.Dictionary()
    resources.ExtGState[pikepdf.Name("/Half")] = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.5)


def _rgb(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[7]
    page.contents_coalesce()
    page.Contents.write(page.Contents.read_bytes() + b"\n1 0 0 rg 0 0 10 10 re f\n")


def _odd(pdf: pikepdf.Pdf) -> None:
    del pdf.pages[-1]


BREAKS: list[tuple[str, Callable[[pikepdf.Pdf], None], str, str]] = [
    # WeasyPrint shares one resource dictionary among all pages: a font or graphics state broken there is
    # broken on every page.
    # Fonts are embedded per part of the joined PDF (pdf_join): page 5's font serves its article, pages 5-11.
    ("font not embedded", _unembed, "print-font-not-embedded", "pages 5, 6"),
    ("font subset", _subset_name, "print-font-subset", "pages 5, 6"),
    ("type under 7 pt", _tiny_type, "print-small-type", "page 7"),
    ("image under 300 dpi", _low_resolution_image, "print-low-resolution", "page 7"),
    ("no trim box", lambda pdf: pdf.pages[2].obj.__delitem__("/TrimBox"), "print-boxes", "page 3"),
    ("bleed at the spine", _spine_bleed, "print-boxes", "page 1"),
    ("annotation", _annotation, "print-annotations", "page 9"),
    ("transparency", _transparency, "print-transparency", "page 6"),  # each joined page has its own resources
    ("RGB in CMYK", _rgb, "print-rgb", "page 8"),
    ("odd page count", _odd, "print-odd-pages", "pages"),
]


@pytest.mark.parametrize(("what", "damage", "code", "where"), BREAKS, ids=[b[0] for b in BREAKS])
def test_each_check_fails_on_a_pdf_broken_for_it(made: dict[str, tuple[Path, Path]], tmp_path: Path, what: str,
                                                  damage: Callable[[pikepdf.Pdf], None], code: str,
                                                  where: str) -> None:
    source = made["ingramspark"][0]
    assert preflight(source) == []
    found = preflight(_broken(source, tmp_path, damage), "ingramspark")
    assert [d.code for d in found] == [code], [d.one_line() for d in found]
    assert where in found[0].message


def test_cover_checks_its_size_and_its_interior(made: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    interior, cover = made["kdp"]
    shutil.copy(interior, tmp_path / interior.name)

    def wider(pdf: pikepdf.Pdf) -> None:
        box = [float(v) for v in pdf.pages[0].obj.MediaBox]
        pdf.pages[0].obj.MediaBox = pikepdf.Array([box[0], box[1], box[2] + 3, box[3]])

    found = preflight(_broken(cover, tmp_path, wider, cover.name))
    assert [d.code for d in found] == ["print-cover"]
    shutil.copy(cover, tmp_path / cover.name)
    _broken(interior, tmp_path, lambda pdf: [pdf.pages.__delitem__(-1) for _ in range(2)], interior.name)
    found = preflight(tmp_path / cover.name)
    assert any(d.code == "print-cover" and "was made for" in d.message for d in found)
