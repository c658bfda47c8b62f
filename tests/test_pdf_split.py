"""The print PDF rendered in parts and joined (pdf_book, pdf_join) against the same book laid out in one WeasyPrint
pass: same pages, same text, same picture of every page, same contents numbers, bookmarks, links, destinations
and structure tree; and the part cache lays out only what an edit changed, with byte-identical results."""

from __future__ import annotations

import json
import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pdf_fixtures import add_notes_article
from pypdf import PdfReader

from publish.build import build
from publish.editions import load_edition
from publish.reader import read_project
from publish.writers.options import Options, build_timestamp
from publish.writers.pdf import write_pdf, write_pdf_single

CASES = [("en", "ua1", "print"), ("en+es", "ua1", "print"), ("es", "a2a", "kdp"), ("en", "ua1", "print", "chunked")]
SMALL_CHUNK = 4
"""Source entries per chunk in the ``chunked`` case (pdf_chunks), so a short book's sources come in chunks."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from helpers import copy_sample

    root = copy_sample(tmp_path_factory.mktemp("split") / "book")
    add_notes_article(root)
    return root


def add_short_articles(root: Path, count: int) -> None:
    """``count`` one-paragraph articles whose source entries differ in length (some say little, some a lot)."""
    import yaml

    config = yaml.safe_load((root / "publish.yaml").read_text(encoding="utf-8"))
    for n in range(count):
        source = {"publication": f"The Weekly Ledger {n}", "url": f"https://ledger.example/{n}"} if n % 3 else {}
        if n % 4 == 1:
            source["rights"] = "Reprinted with permission of the author and the collective that first ran it. " * 3
        meta = {"title": f"Notes from the harbour, part {n + 1}" + (", with a long subtitle-like tail" * (1 + n % 3)),
                "authors": [f"Writer {n}", *["A co-writer with a name long enough to wrap"] * (n % 3)] if n % 5 else [], "date": f"2024-03-{n % 27 + 1:02d}", "source": source}
        body = "The boats came in late that evening, and the market stayed open past dark. " * (2 + n % 3)
        name = f"{10 + n:02d}-harbour-{n}"
        (root / "manuscript" / f"{name}.md").write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n",
            encoding="utf-8")
        config["articles"].append(name)
    (root / "publish.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from helpers import copy_sample

    root = copy_sample(tmp_path_factory.mktemp("chunked") / "book")
    add_short_articles(root, 38)
    return root


@pytest.fixture(scope="module", params=CASES, ids=["-".join(c) for c in CASES])
def pair(request: pytest.FixtureRequest, project: Path, many: Path) -> tuple[bytes, bytes]:
    from publish.writers import pdf_chunks, pdf_parts

    spec, standard, profile, *chunked = request.param
    root = many if chunked else project
    source, _ = read_project(root)
    book = load_edition(root, source, spec)[0]
    options = Options(root, build_timestamp(source.date), pdf_standard=standard, profile=profile)
    laid: list[list[int]] = []

    def counted(*args: Any) -> list[tuple[bytes, int]]:
        chunks = pdf_chunks.lay_out_chunks(*args)
        laid.append([pages for _, pages in chunks])
        return chunks

    with pytest.MonkeyPatch.context() as patch:
        if chunked:
            patch.setattr(pdf_chunks, "CHUNK", SMALL_CHUNK)
            patch.setattr(pdf_parts, "lay_out_chunks", counted)
        joined = write_pdf(book, options)
    if chunked:  # the contents (the probe's and the real one) and the sources, each in chunks of even pages
        assert len(laid) == 3 and all(len(chunks) >= 2 for chunks in laid), laid
        assert all(pages % 2 == 0 for chunks in laid for pages in chunks[:-1]), laid
    return write_pdf_single(book, options), joined


def test_same_pages_and_text_on_every_page(pair: tuple[bytes, bytes]) -> None:
    single, joined = (PdfReader(io.BytesIO(data)) for data in pair)
    assert len(joined.pages) == len(single.pages) > 10
    for number, (one, two) in enumerate(zip(single.pages, joined.pages), start=1):
        assert two.extract_text() == one.extract_text(), f"page {number} differs"


def test_every_page_looks_the_same(pair: tuple[bytes, bytes], tmp_path: Path) -> None:
    pictures = []
    for name, data in zip(("single", "joined"), pair):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "36", "-gray", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
                       check=True)
        pictures.append(sorted(tmp_path.glob(f"{name}-*.pgm")))
    assert len(pictures[0]) == len(pictures[1])
    for one, two in zip(*pictures):
        assert one.read_bytes() == two.read_bytes(), f"{two.name} is not the picture of {one.name}"


def test_contents_numbers_and_folios(pair: tuple[bytes, bytes]) -> None:
    texts = [[page.extract_text() for page in PdfReader(io.BytesIO(data)).pages] for data in pair]
    numbers = [re.findall(r"\.\s*(\d+)\s*$", text, re.M) for text in texts[1][:6]]
    assert sum(len(n) for n in numbers) >= 3, "no contents page numbers found"
    assert texts[0][:6] == texts[1][:6]


def _outline(pdf: pikepdf.Pdf) -> list[tuple[str, int, int]]:
    index = {page.objgen: n for n, page in enumerate(pdf.pages)}
    out: list[tuple[str, int, int]] = []

    def walk(items: Any, depth: int) -> None:
        for item in items:
            out.append((item.title, depth, index[item.destination[0].objgen]))
            walk(item.children, depth + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 0)
    return out


def _links(pdf: pikepdf.Pdf) -> list[list[str]]:
    return [[str(a.get("/Dest") or a.get("/A", {}).get("/URI")) for a in page.obj.get("/Annots", [])]
            for page in pdf.pages]


def _dests(pdf: pikepdf.Pdf) -> dict[str, int]:
    index = {page.objgen: n for n, page in enumerate(pdf.pages)}
    tree = pikepdf.NameTree(pdf.Root.Names.Dests)
    return {str(name): index[dest[0].objgen] for name, dest in tree.items()}


def _tree(pdf: pikepdf.Pdf) -> list[tuple[str, str, int]]:
    """(role, language, depth) of every structure element in order; a dangling parent-tree entry fails."""
    out: list[tuple[str, str, int]] = []

    def walk(node: Any, depth: int) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid, depth)
        elif isinstance(node, pikepdf.Dictionary) and node.get("/Type") == "/StructElem":
            out.append((str(node.S), str(node.get("/Lang", "")), depth))
            walk(node.get("/K"), depth + 1)

    walk(pdf.Root.StructTreeRoot.K, 0)
    return out


def _marked(pdf: pikepdf.Pdf) -> list[list[str]]:
    """Per page, the role of the element each marked-content id maps to in the parent tree. Ids that map to
    nothing are left out: a single pass gives the folio one (made an artifact), the joined file draws it apart."""
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    tree = {int(k): v for k, v in zip(nums[::2], nums[1::2])}
    return [[str(e.S) for e in tree[int(page.obj.StructParents)] if isinstance(e, pikepdf.Dictionary)]
            if "/StructParents" in page.obj and int(page.obj.StructParents) in tree else [] for page in pdf.pages]


def test_outline_links_destinations_and_structure(pair: tuple[bytes, bytes]) -> None:
    single, joined = (pikepdf.open(io.BytesIO(data)) for data in pair)
    if "/Outlines" in single.Root:
        assert _outline(joined) == _outline(single) and len(_outline(single)) >= 3
    else:
        assert "/Outlines" not in joined.Root  # print-on-demand interiors carry none
    assert _links(joined) == _links(single)
    if "/Names" in single.Root:
        assert _dests(joined) == {name: page for name, page in _dests(single).items()}
    assert _tree(joined) == _tree(single)
    assert [m for m in _marked(joined) if m] == [m for m in _marked(single) if m]
    assert str(joined.Root.Lang) == str(single.Root.Lang)
    assert joined.open_metadata().get("pdfuaid:part") == single.open_metadata().get("pdfuaid:part")


def test_an_edit_lays_out_one_part_and_matches_a_cold_build(project: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from publish.writers import pdf_join

    root = tmp_path / "book"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("build"))
    build(root, langs=["en"], formats=["pdf"])
    parts = root / "build" / ".cache" / "parts" / "bolivia-2019.en"
    before = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.pdf")}
    article = root / "manuscript" / "03-river-port.md"
    article.write_text(article.read_text(encoding="utf-8").replace("loaded with fruit", "loaded with ripe fruit"),
                       encoding="utf-8")
    joined: list[int] = []
    add = pdf_join._Joiner.add
    monkeypatch.setattr(pdf_join._Joiner, "add", lambda self, *a: (joined.append(1), add(self, *a))[1])
    build(root, langs=["en"], formats=["pdf"])
    assert len(joined) == 1, "the other parts' bytes are copied from the last output (pdf_join_log)"
    monkeypatch.undo()
    after = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.pdf")}
    new = set(after) - set(before)
    assert len(new) == 1, f"an edit inside one article laid out {sorted(new)}"
    assert len(after) == len(before), "the replaced part is still cached"
    edited = (root / "build" / "bolivia-2019.en.pdf").read_bytes()
    shutil.rmtree(root / "build")
    build(root, langs=["en"], formats=["pdf"])
    assert (root / "build" / "bolivia-2019.en.pdf").read_bytes() == edited
    assert "ripe fruit" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(edited)).pages)


def test_renumbering_leaves_string_literals_alone() -> None:
    from publish.writers.pdf_stream import renumber

    text = rb"<< /T (Room 5 0 R \( 7 0 R \) \\) /P 5 0 R /K [ 7 0 R 8 0 R ] /A <0035> >>"
    assert renumber(text, lambda objgen: objgen[0] + 100) == \
        rb"<< /T (Room 5 0 R \( 7 0 R \) \\) /P 105 0 R /K [ 107 0 R 108 0 R ] /A <0035> >>"


def _article_parts(root: Path, spec: str) -> dict[str, tuple[str, str]]:
    """Article and sources part name -> (key, HTML), the way the PDF job makes them."""
    from publish.writers.pdf import print_css
    from publish.writers.pdf_parts import article_html, body_parts
    from publish.writers.pdf_profiles import PROFILES, geometry

    from publish.config import TRIMS

    source, _ = read_project(root)
    book = load_edition(root, source, spec)[0]
    css = print_css(book, geometry(TRIMS[book.trim], PROFILES["print"], None), "print")
    return {p.name: (p.key, article_html(p, book, css).html) for p in body_parts(book, css, root, "salt")}


@pytest.mark.parametrize("spec", ["en", "en+es"])
def test_an_article_key_changes_exactly_when_its_html_does(project: Path, tmp_path: Path, spec: str) -> None:
    """Part keys are digests of what the HTML is made of (not of the HTML): equal keys must mean equal HTML, and
    an edit must leave the keys of the articles whose HTML it does not change as they were."""
    import shutil

    root = tmp_path / "book"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("build"))
    edits = [("03-river-port.md", "loaded with fruit", "loaded with ripe fruit"),  # one article's text
             ("01-chapare.md", "\nauthors:\n", "\nauthors:\n- name: Ana Quispe\n"),  # an author: every head
             ("../publish.yaml", "title: ", "title: The ")]  # the book's title: every running head
    before = _article_parts(root, spec)
    for name, old, new in edits:
        path = root / "manuscript" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        after = _article_parts(root, spec)
        assert before.keys() == after.keys()
        changed = {n for n in after if after[n][1] != before[n][1]}
        assert changed, f"{name}: the edit changed no article's HTML"
        for n in after:  # equal keys, equal HTML; and an article's key moves only with its HTML
            assert after[n][0] != before[n][0] or n not in changed, (name, n)
            assert after[n][0] == before[n][0] or n in changed, (name, n)
        before = after


def _same_as_cold(root: Path) -> bool:
    """Whether the English PDF in build/ is what a build from nothing gives, in the same place (WeasyPrint
    names images after their paths). The cold build's files are left in build/."""
    import shutil

    built = (root / "build" / "bolivia-2019.en.pdf").read_bytes()
    shutil.rmtree(root / "build")
    build(root, langs=["en"], formats=["pdf"])
    return (root / "build" / "bolivia-2019.en.pdf").read_bytes() == built


def test_the_join_copies_what_it_can_and_never_what_it_cannot(project: Path, tmp_path: Path) -> None:
    """The join log (pdf_join_log): parts after an edit that moves the pages are joined again; a damaged last
    output is not copied from. Either way the PDF is the bytes a build from nothing gives."""
    import shutil

    root = tmp_path / "book"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("build"))
    output = root / "build" / "bolivia-2019.en.pdf"
    build(root, langs=["en"], formats=["pdf"])
    pages = len(PdfReader(io.BytesIO(output.read_bytes())).pages)
    article = root / "manuscript" / "01-chapare.md"  # the first article: every part after it moves
    article.write_text(article.read_text(encoding="utf-8") + "\n\nA paragraph added at the end. " * 150,
                       encoding="utf-8")
    build(root, langs=["en"], formats=["pdf"])
    assert len(PdfReader(io.BytesIO(output.read_bytes())).pages) > pages
    assert _same_as_cold(root)

    data = bytearray(output.read_bytes())  # the last output damaged in the middle, its size kept
    middle = len(data) // 2
    data[middle:middle + 64] = b"%" * 64
    output.write_bytes(bytes(data))
    other = root / "manuscript" / "02-bolivian-coup.md"
    other.write_text(other.read_text(encoding="utf-8").replace("coup", "putsch", 1), encoding="utf-8")
    log = root / "build" / ".cache" / "parts" / "bolivia-2019.en" / "join-log.json"
    assert log.is_file()
    build(root, langs=["en"], formats=["pdf"])
    assert _same_as_cold(root)
    log.write_text("{not json", encoding="utf-8")
    other.write_text(other.read_text(encoding="utf-8").replace("putsch", "coup", 1), encoding="utf-8")
    build(root, langs=["en"], formats=["pdf"])
    assert _same_as_cold(root)

    import json  # a log whose digests and bytes check out but whose records do not: never an internal error
    first, *steps = log.read_text(encoding="utf-8").splitlines()
    assert steps, "a line per joined part"
    heads, states = zip(*(line.split("\t", 1) for line in steps))
    states = tuple(json.dumps({k: v for k, v in json.loads(s).items() if k != "offsets"}) for s in states)
    log.write_text("\n".join([first, *(f"{h}\t{s}" for h, s in zip(heads, states))]), encoding="utf-8")
    other.write_text(other.read_text(encoding="utf-8").replace("coup", "putsch", 1), encoding="utf-8")
    build(root, langs=["en"], formats=["pdf"])
    assert _same_as_cold(root)


def test_sources_in_chunks_are_cached_and_rebuilt_like_any_part(many: Path, tmp_path: Path) -> None:
    """A sources list laid out in chunks (pdf_chunks) is cached as one part with several PDFs: an article edit
    that changes its source entry lays out the sources again, and the result is a cold build's bytes;
    the chunks of the old sources are pruned."""
    import shutil

    from publish.writers import pdf_chunks

    root = tmp_path / "book"
    shutil.copytree(many, root, ignore=shutil.ignore_patterns("build"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_chunks, "CHUNK", SMALL_CHUNK)
        build(root, langs=["en"], formats=["pdf"])
        cache = root / "build" / ".cache" / "parts" / "bolivia-2019.en"
        chunks = sorted(p.name for p in cache.glob("*-[0-9]*.pdf"))
        assert len(chunks) >= 2, "the sources are cached chunk by chunk"
        article = root / "manuscript" / "15-harbour-5.md"
        article.write_text(article.read_text(encoding="utf-8").replace("The Weekly Ledger 5", "The Daily Ledger"),
                           encoding="utf-8")
        build(root, langs=["en"], formats=["pdf"])
        now = {p.name for p in cache.glob("*-[0-9]*.pdf")}
        used = set(json.loads((cache / "index.json").read_text(encoding="utf-8"))["parts"])
        assert set(chunks) - now, "the old sources' chunks are pruned"
        assert {name.rsplit("-", 1)[0] for name in now} <= used, "only chunks of parts in use are kept"
        assert _same_as_cold(root)
