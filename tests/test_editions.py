"""The Spanish and bilingual editions: validity, languages, localisation, provenance, paired pages."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import polib
import pytest
from lxml import etree
from pypdf import PdfReader

from helpers import ace_violations, epub_texts, epubcheck, run_publish
from publish.build import build
from publish.reader import read_project
from publish.locales import load as load_locale

NS = {"x": "http://www.w3.org/1999/xhtml", "opf": "http://www.idpf.org/2007/opf",
      "dc": "http://purl.org/dc/elements/1.1/", "epub": "http://www.idpf.org/2007/ops"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from helpers import copy_sample

    root = copy_sample(tmp_path_factory.mktemp("editions") / "book")
    build(root, langs=["en", "es", "en+es"], jobs=2)
    return root


def _epub(root: Path, tag: str) -> Path:
    return root / f"build/bolivia-2019.{tag}.epub"


def _xhtml(root: Path, tag: str) -> dict[str, etree._Element]:
    return {name: etree.fromstring(text.encode()) for name, text in epub_texts(_epub(root, tag)).items()
            if name.endswith(".xhtml")}


def _lang_of(element: etree._Element) -> str | None:
    while element is not None:
        if element.get(XML_LANG):
            return element.get(XML_LANG)
        element = element.getparent()
    return None


def test_all_six_outputs_exist(editions: Path) -> None:
    names = sorted(p.name for p in (editions / "build").iterdir() if p.name != ".cache")
    assert names == [f"bolivia-2019.{tag}.{ext}" for tag in ("en-es", "en", "es") for ext in ("epub", "pdf")]


@pytest.mark.parametrize("tag", ["es", "en-es"])
def test_epubcheck_and_ace_pass(editions: Path, tag: str, tmp_path: Path) -> None:
    assert epubcheck(_epub(editions, tag)) == []
    assert ace_violations(_epub(editions, tag), tmp_path / "ace") == []


def test_spanish_metadata_identifier_source_and_translator_role(editions: Path) -> None:
    opf = etree.fromstring(epub_texts(_epub(editions, "es"))["EPUB/content.opf"].encode())
    english = etree.fromstring(epub_texts(_epub(editions, "en"))["EPUB/content.opf"].encode())
    assert opf.findtext(".//dc:language", namespaces=NS) == "es" and opf.get(XML_LANG) == "es"
    identifier = opf.findtext(".//dc:identifier", namespaces=NS)
    english_id = english.findtext(".//dc:identifier", namespaces=NS)
    assert identifier != english_id and identifier.startswith("urn:uuid:")
    assert english_id in [s.text for s in opf.findall(".//dc:source", NS)]
    assert opf.findtext(".//dc:relation", namespaces=NS) == english_id
    roles = {m.get("refines"): m.text for m in opf.findall(".//opf:meta[@property='role']", NS)}
    translators = [c.text for c in opf.findall(".//dc:contributor", NS) if roles.get("#" + c.get("id", "")) == "trl"]
    assert translators == ["apertium apertium-eng-spa 0.8.1-2 (machine translation)"]


def test_every_spanish_block_is_marked_spanish(editions: Path) -> None:
    for name, html in _xhtml(editions, "es").items():
        for block in html.iter("{%s}p" % NS["x"], "{%s}h1" % NS["x"], "{%s}h2" % NS["x"], "{%s}li" % NS["x"]):
            lang = _lang_of(block)
            if block.getparent() is not None and "source-entry" in (block.getparent().get("class") or ""):
                continue
            assert lang in ("es", "en"), (name, lang)
            if lang == "en":  # only untranslated fallbacks and original titles may be English
                assert block.get(XML_LANG) == "en" or block.find(".//x:span[@lang='en']", NS) is not None


def test_bilingual_pairs_carry_both_languages(editions: Path) -> None:
    html = _xhtml(editions, "en-es")["EPUB/article-001-chapare.xhtml"]
    pairs = html.findall(".//x:div[@class='pair']", NS)
    source, _ = read_project(editions)
    assert len(pairs) >= len(source.articles[0].body)
    for pair in pairs:
        first, second = pair[0], pair[1]
        assert (first.get(XML_LANG), second.get(XML_LANG)) == ("en", "es")
    nav = _xhtml(editions, "en-es")["EPUB/nav.xhtml"]
    entry = "".join(nav.find(".//x:nav[@epub:type='toc']//x:a", NS).itertext())
    assert "Bolivia’s free territory" in entry and "Bolivia" in entry.split("/")[1]


def test_no_english_ui_string_in_the_spanish_edition(editions: Path) -> None:
    english_only = {v for k, v in load_locale("en").strings.items() if v != load_locale("es").strings[k] and "{" not in v and len(v) > 3}
    for name, html in _xhtml(editions, "es").items():
        text = " ".join(t for t in html.itertext())
        for value in english_only:
            assert not re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text), f"{value!r} in {name}"
    text = " ".join(" ".join(h.itertext()) for h in _xhtml(editions, "es").values())
    assert "24 de diciembre de 2019" in text and "Índice" in text and "Fuentes" in text


def test_spanish_quotes_follow_the_rae_order(editions: Path) -> None:
    text = " ".join(" ".join(h.itertext()) for h in _xhtml(editions, "es").values()
                    if "article" in str(h.findtext(".//x:title", namespaces=NS)) or True)
    assert "«" in text and "»" in text


def test_bilingual_pdf_keeps_every_pair_on_one_spread(editions: Path) -> None:
    reader = PdfReader(editions / "build/bolivia-2019.en-es.pdf")
    pages = [re.sub(r"‐\n", "", p.extract_text()).replace("\n", " ") for p in reader.pages]
    pages = [re.sub(r"\s+", " ", p) for p in pages]
    book, _ = read_project(editions)
    from publish.editions import load_edition

    edition, _ = load_edition(editions, book, "en+es")
    checked = 0
    for article in edition.articles:
        for english, spanish in zip(article.original.body, article.body, strict=True):
            if english.kind != "paragraph":
                continue
            starts = []
            for block in (english, spanish):
                words = " ".join(_plain(block).split()[:5])
                found = [n for n, text in enumerate(pages, start=1) if words in text]
                assert found, f"not found: {words!r}"
                starts.append(found[0])
            assert starts[0] // 2 == starts[1] // 2, f"pair split across spreads: pages {starts}"
            checked += 1
    assert checked > 60


def _plain(block: object) -> str:
    from publish.translate.segments import plain_text

    return plain_text(block.children)  # type: ignore[attr-defined]


def test_bilingual_pdf_running_heads_show_both_titles(editions: Path) -> None:
    reader = PdfReader(editions / "build/bolivia-2019.en-es.pdf")
    lines = [p.extract_text().splitlines() for p in reader.pages]
    # Margin boxes come last in the extracted text: the head, then the folio.
    heads = {n: page[-2] for n, page in enumerate(lines, start=1) if len(page) > 2 and page[-1].strip().isdigit()}
    english = "Bolivia’s free territory of Chapare has ousted…"
    spanish = "El territorio libre de Bolivia de Chapare ha…"
    assert {heads[n] for n in range(8, 12, 2)} == {english}
    assert {heads[n] for n in range(9, 13, 2)} == {spanish}


def _copy(tmp_path: Path) -> Path:
    from helpers import copy_sample

    return copy_sample(tmp_path / "book")


def test_provenance_shares_follow_the_po_files(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    po_path = root / "translations/es/chapare.po"
    po = polib.pofile(str(po_path))
    entries = [e for e in po if not e.obsolete]
    entries[3].msgstr = entries[3].msgstr + " (corregido)"
    entries[4].flags.append("approved")
    po.save(str(po_path))
    build(root, langs=["es"], formats=["epub"])
    sources = "".join(_xhtml(root, "es")["EPUB/sources.xhtml"].itertext())
    total = len(entries)
    share = f"{2 / total * 100:.0f}\u00a0%"
    assert f"Revisado por una persona: 2 de {total} segmentos ({share}; 1 editados, 1 aprobados)" in sources
    assert "notice.xhtml" in [Path(n).name for n in epub_texts(_epub(root, "es"))]


def test_a_fully_reviewed_translation_has_no_machine_notice(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    for po_path in (root / "translations/es").glob("*.po"):
        po = polib.pofile(str(po_path))
        for entry in po:
            if not entry.obsolete and "approved" not in entry.flags:
                entry.flags.append("approved")
        po.save(str(po_path))
    build(root, langs=["es"], formats=["epub"])
    names = [Path(n).name for n in epub_texts(_epub(root, "es"))]
    assert "notice.xhtml" not in names
    assert "(100\u00a0%; 0 editados," in "".join(_xhtml(root, "es")["EPUB/sources.xhtml"].itertext())


def test_untranslated_segment_falls_back_to_marked_english(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    po_path = root / "translations/es/chapare.po"
    po = polib.pofile(str(po_path))
    target = next(e for e in po if e.msgid.startswith("Since the November 10 coup"))
    po.remove(target)
    po.save(str(po_path))
    result = run_publish("build", "--lang", "es", "--format", "epub", "-C", str(root))
    assert result.returncode == 0 and "untranslated" in result.stderr
    with zipfile.ZipFile(_epub(root, "es")) as zf:
        article = zf.read("EPUB/article-001-chapare.xhtml").decode()
    assert re.search(r'<span lang="en" xml:lang="en">Since the November 10 coup', article)
    assert epubcheck(_epub(root, "es")) == []
    strict = run_publish("build", "--lang", "es", "--format", "epub", "--strict", "-C", str(root))
    assert strict.returncode == 1


def test_spanish_edition_without_translations_says_what_to_run(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    for po_path in (root / "translations/es").glob("*.po"):
        po_path.unlink()
    result = run_publish("build", "--lang", "es", "-C", str(root))
    assert result.returncode == 3 and "publish translate --to es" in result.stderr
