"""The English EPUB of the sample: valid (EPUBCheck 0/0), accessible (Ace 0 violations), complete, reproducible."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

from lxml import etree

from publish.build import build

from helpers import ace_violations, epub_texts, epubcheck

EPUB = "build/bolivia-2019.en.epub"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _opf(root: Path) -> etree._Element:
    return etree.fromstring(epub_texts(root / EPUB)["EPUB/content.opf"].encode())


def test_epubcheck_reports_no_errors_and_no_warnings(built_sample: Path) -> None:
    assert epubcheck(built_sample / EPUB) == []


def test_ace_finds_no_accessibility_violations(built_sample: Path, tmp_path: Path) -> None:
    assert ace_violations(built_sample / EPUB, tmp_path / "ace") == []


def test_every_document_declares_its_language(built_sample: Path) -> None:
    texts = epub_texts(built_sample / EPUB)
    documents = [n for n in texts if n.endswith(".xhtml")]
    assert len(documents) >= 6  # cover, nav, title page, colophon, 2 articles, sources
    for name in documents:
        html = etree.fromstring(texts[name].encode())
        assert html.get("lang") == "en" and html.get(XML_LANG) == "en", name
    assert _opf(built_sample).get(XML_LANG) == "en"


def test_one_document_per_article_in_reading_order(built_sample: Path) -> None:
    opf = _opf(built_sample)
    manifest = {i.get("id"): i.get("href") for i in opf.findall(".//opf:manifest/opf:item", NS)}
    spine = [manifest[r.get("idref")] for r in opf.findall(".//opf:spine/opf:itemref", NS)]
    assert spine[0] == "cover.xhtml"
    articles = [h for h in spine if h.startswith("article-")]
    assert articles == ["article-001-chapare.xhtml", "article-002-bolivian-coup.xhtml"]
    assert spine[-1] == "sources.xhtml"


def test_nav_has_toc_and_landmarks_and_an_ncx_exists(built_sample: Path) -> None:
    texts = epub_texts(built_sample / EPUB)
    nav = etree.fromstring(texts["EPUB/nav.xhtml"].encode())
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    assert toc is not None and len(toc.findall(".//x:a", NS)) == 3
    types = [a.get(f"{{{NS['epub']}}}type") for a in nav.findall(".//x:nav[@epub:type='landmarks']//x:a", NS)]
    assert {"cover", "titlepage", "toc", "bodymatter", "backmatter"} <= set(types)
    ncx = etree.fromstring(texts["EPUB/toc.ncx"].encode())
    labels = [t.text for t in ncx.findall(".//ncx:navPoint/ncx:navLabel/ncx:text", NS)]
    assert labels[0].startswith("Bolivia’s free territory of Chapare") and labels[-1] == "Sources"


def test_accessibility_and_source_metadata(built_sample: Path) -> None:
    opf = _opf(built_sample)
    props = {m.get("property") for m in opf.findall(".//opf:metadata/opf:meta", NS)}
    assert {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
            "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:conformsTo",
            "dcterms:modified"} <= props
    conforms = [m.text for m in opf.findall(".//opf:meta[@property='dcterms:conformsTo']", NS)]
    assert conforms == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    sources = [s.text for s in opf.findall(".//dc:source", NS)]
    assert len(sources) == 2
    assert "publication not recorded" in sources[0] and "Morning Star" in sources[1]
    creators = sorted(c.text for c in opf.findall(".//dc:creator", NS))
    assert creators == ["Francisco Dominguez", "Ollie Vargas"]


def test_cover_image_is_a_png_marked_as_cover(built_sample: Path) -> None:
    opf = _opf(built_sample)
    cover = opf.find(".//opf:manifest/opf:item[@properties='cover-image']", NS)
    assert cover is not None and cover.get("media-type") == "image/png"
    with zipfile.ZipFile(built_sample / EPUB) as zf:
        assert zf.read("EPUB/" + cover.get("href"))[:8] == b"\x89PNG\r\n\x1a\n"


def test_sources_page_says_not_recorded_and_never_guesses(built_sample: Path) -> None:
    sources = epub_texts(built_sample / EPUB)["EPUB/sources.xhtml"]
    html = etree.fromstring(sources.encode())
    entries = html.findall(".//x:section[@class='source-entry']", NS)
    assert len(entries) == 2
    first = dict(zip((dt.text for dt in entries[0].findall(".//x:dt", NS)),
                     ("".join(dd.itertext()) for dd in entries[0].findall(".//x:dd", NS))))
    assert first["Publication"] == "not recorded"
    assert first["Authors"] == "Ollie Vargas" and first["Date"] == "24 December 2019"
    second = "".join(entries[1].itertext())
    assert "Morning Star" in second and "13 November 2019" in second


def test_article_keeps_captions_post_bio_and_dates_for_readers(built_sample: Path) -> None:
    text = epub_texts(built_sample / EPUB)["EPUB/article-001-chapare.xhtml"]
    assert "A Chapare union named Llallagua" in text and 'class="caption-only"' in text
    html = etree.fromstring(text.encode())
    post = html.find(".//x:figure[@class='post']", NS)
    assert post is not None
    assert "Ollie Vargas" in "".join(post.find("x:figcaption", NS).itertext())
    assert "@OVargas52" in "".join(post.itertext())
    assert "24 December 2019" in text and "2019-12-24</time>" not in text
    assert "is a Bolivian journalist and writer" in text
    # Subheadings are headings, not paragraphs.
    assert [h.text for h in html.findall(".//x:h2", NS)][:2] == ["Transforming the region", "Taking on the coup"]


def test_rebuild_is_byte_identical(project: Path) -> None:
    first = build(project)
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in first.outputs}
    second = build(project)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in second.outputs} == digests
    assert len(digests) == 2


def test_source_date_epoch_sets_the_modified_date(project: Path, monkeypatch: object) -> None:
    import pytest

    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    try:
        build(project, formats=["epub"])
    finally:
        mp.undo()
    opf = epub_texts(project / EPUB)["EPUB/content.opf"]
    assert re.search(r'dcterms:modified">2023-11-14T22:13:20Z<', opf)
    with zipfile.ZipFile(project / EPUB) as zf:
        assert zf.namelist()[0] == "mimetype"
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}
