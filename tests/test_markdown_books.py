"""Markdown always yields a valid book: a feature-rich article, 5,000 levels of nesting, generated Markdown
(hypothesis) and every CommonMark spec example, each built into an EPUB that EPUBCheck passes 0/0 (one warm JVM
for the whole module) and, for the article and the spec, a PDF that WeasyPrint renders."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REPO, ace_violations
from hypothesis import HealthCheck, given, settings
from markdown_books import EpubCheck, build_epub, markdown_articles, structure_problems, write_project
from pypdf import PdfReader

from publish import model as m
from publish.errors import PublishError
from publish.reader import read_project
from publish.reader.images import ImageResolver
from publish.reader.markdown import parse_body
from publish.render.xhtml import epub_pages, print_document
from publish.writers.epub import write_epub
from publish.writers.options import Options, build_timestamp
from publish.writers.pdf import write_pdf

FEATURE_RICH = Path(__file__).parent / "fixtures" / "markdown" / "feature-rich.md"
SPEC_PACKAGE = REPO / "tools" / "commonmark-spec" / "node_modules" / "commonmark-spec"


@pytest.fixture(scope="module")
def epubcheck() -> Iterator[EpubCheck]:
    with EpubCheck() as checker:
        yield checker


def _valid(epub: Path, checker: EpubCheck) -> list[str]:
    return structure_problems(epub) + checker.messages(epub)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


# ------------------------------------------------------------------ one rich article


def test_feature_rich_article_builds_a_valid_epub_and_pdf(tmp_path: Path, epubcheck: EpubCheck) -> None:
    epub, warnings = build_epub(tmp_path / "p", [FEATURE_RICH.read_text(encoding="utf-8")], tmp_path / "b.epub")
    assert _valid(epub, epubcheck) == []
    assert ace_violations(epub, tmp_path / "ace") == []
    codes = sorted({w.split(":")[0] for w in warnings})
    assert codes == ["footnote-duplicate", "footnote-undefined", "footnote-unused", "link", "link-fragment",
                     "raw-html"]
    book, _ = read_project(tmp_path / "p")
    article_xhtml = next(p.xhtml for p in epub_pages(book) if p.file_name.startswith("article-"))
    # The source is cited three times: three references, three back-links, one note.
    assert article_xhtml.count('href="#article-1_fn1"') == 3
    assert len(re.findall(r'href="#article-1_fnref1(_\d)?"', article_xhtml)) == 3
    assert 'role="doc-footnote"' in article_xhtml and "doc-endnote" not in article_xhtml
    assert '<a href="#article-1_h_how-we-counted">the method</a>' in article_xhtml
    assert '<a href="#article-1_h_results-by-region">the table</a>' in article_xhtml
    assert '<th scope="col" class="align-right">Households</th>' in article_xhtml
    assert "javascript" not in article_xhtml and "track()" not in article_xhtml
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(
        write_pdf(book, Options(tmp_path / "p", build_timestamp(book.date))))).pages)
    for words in ("its words are kept too", "nobody cites is still printed", "Households", "raw emphasis"):
        assert words in " ".join(pdf_text.split())


def test_ids_stay_unique_whatever_the_slugs(tmp_path: Path, epubcheck: EpubCheck) -> None:
    slugs = ["sources", "toc", "colophon", "a", "a-title", "source-a", "titlepage", "a-en"]
    body = "## Title\n\nText[^1] [up](#title).\n\n[^1]: Note.\n"
    epub, _ = build_epub(tmp_path / "p", [body] * len(slugs), tmp_path / "b.epub", slugs)
    assert _valid(epub, epubcheck) == []
    book, _ = read_project(tmp_path / "p")
    ids = re.findall(r' id="([^"]+)"', print_document(book, css=""))
    assert len(ids) == len(set(ids)), "duplicate ids in the print document"


# ------------------------------------------------------------------ deep nesting

DEEP = 5000


@pytest.mark.parametrize("prefix", ["> ", "- ", "1. ", "> - "], ids=["quotes", "bullets", "numbers", "mixed"])
def test_5000_levels_of_nesting_keep_every_word(tmp_path: Path, prefix: str, epubcheck: EpubCheck) -> None:
    markdown = prefix * DEEP + "deepest words\n\nand the paragraph after\n"
    blocks, _notes, diagnostics = parse_body(markdown, "a.md", 1, lambda *a: None)
    text = " ".join(_plain(blocks))
    assert _words(text) == ["deepest", "words", "and", "the", "paragraph", "after"]
    assert [d.code for d in diagnostics] == ["nesting"]
    epub, _ = build_epub(tmp_path / "p", [markdown], tmp_path / "b.epub")
    assert _valid(epub, epubcheck) == []


def test_deep_emphasis_and_links_keep_every_word() -> None:
    markdown = "*" * DEEP + "inner" + "*" * DEEP + " " + "[" * 200 + "link" + "](https://example.org)" * 200
    blocks, _notes, _diagnostics = parse_body(markdown, "a.md", 1, lambda *a: None)
    words = _words(" ".join(_plain(blocks)))
    # CommonMark: a link cannot contain a link, so only the innermost brackets link; the rest is literal text.
    assert words[:2] == ["inner", "link"] and words.count("example") == 199


def test_notes_nested_in_notes_3000_deep_keep_every_word() -> None:
    blocks, notes, _diagnostics = parse_body("^[" * 3000 + "innermost" + "]" * 3000, "a.md", 1, lambda *a: None)
    text = " ".join(_plain(blocks) + [t for note in notes for t in _plain(note.children)])
    assert _words(text) == ["innermost"]


def _plain(blocks: tuple[m.Block, ...]) -> list[str]:
    out: list[str] = []
    pending: list[m.Block] = list(reversed(blocks))
    while pending:
        block = pending.pop()
        if isinstance(block, (m.Paragraph, m.Heading)):
            out.append(m.plain_text(block.children))
        elif isinstance(block, (m.BlockQuote, m.Post)):
            pending.extend(reversed(block.children))
        elif isinstance(block, m.ListBlock):
            pending.extend(reversed([b for item in block.items for b in item]))
    return out


# ------------------------------------------------------------------ generated Markdown


def test_generated_markdown_always_builds_a_valid_epub(tmp_path: Path, epubcheck: EpubCheck) -> None:
    built: list[str] = []

    @settings(max_examples=50, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(markdown_articles())
    def one_book(markdown: str) -> None:
        epub, _ = build_epub(tmp_path / "p", [markdown], tmp_path / "b.epub")
        assert _valid(epub, epubcheck) == []
        built.append(markdown)

    one_book()
    assert len(built) >= 50


# ------------------------------------------------------------------ CommonMark spec


def spec_examples() -> list[dict[str, object]]:
    """The examples of the CommonMark spec, as the npm package ``commonmark-spec`` extracts them."""
    assert SPEC_PACKAGE.is_dir(), "commonmark-spec is not installed: run scripts/setup.sh --test"
    script = f"process.stdout.write(JSON.stringify(require({json.dumps(str(SPEC_PACKAGE))}).tests))"
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True, timeout=60)
    examples: list[dict[str, object]] = json.loads(result.stdout)
    return examples


def test_every_commonmark_example_builds_a_valid_epub_and_pdf(tmp_path: Path, epubcheck: EpubCheck) -> None:
    examples = spec_examples()
    bodies: list[str] = []
    refused: dict[int, str] = {}
    for example in examples:
        body = str(example["markdown"]).replace("→", "\t")  # the spec shows tabs as arrows
        try:
            parse_body(body, "x.md", 1, ImageResolver(tmp_path, []))
        except PublishError as error:  # a picture that is not in the project: bad input, said in one line
            refused[int(str(example["number"]))] = str(error)
            continue
        bodies.append(body)
    assert len(examples) == 652
    assert all(re.match(r"image (path )?'[^']*' (not found|points outside the project)", why)
               for why in refused.values()), refused
    assert len(bodies) == 652 - len(refused) >= 630
    write_project(tmp_path / "spec", bodies)
    book, _ = read_project(tmp_path / "spec")
    options = Options(tmp_path / "spec", build_timestamp(book.date))
    epub = tmp_path / "spec.epub"
    epub.write_bytes(write_epub(book, options))
    assert _valid(epub, epubcheck) == []
    assert len(PdfReader(io.BytesIO(write_pdf(book, options))).pages) > len(bodies)


# ------------------------------------------------------------------ translated editions


def test_notes_tables_and_anchors_stay_valid_in_translated_and_bilingual_editions(
        tmp_path: Path, epubcheck: EpubCheck) -> None:
    from helpers import run_publish

    root = write_project(tmp_path / "p", [FEATURE_RICH.read_text(encoding="utf-8")] * 2)
    with (root / "publish.yaml").open("a", encoding="utf-8") as config:
        config.write("translations:\n  - es\n")
    translated = run_publish("translate", "--to", "es", "--engine", "apertium", cwd=root)
    assert translated.returncode == 0, translated.stderr
    built = run_publish("build", "--lang", "all", "--format", "epub", cwd=root)
    assert built.returncode == 0, built.stderr
    epubs = sorted((root / "build").glob("*.epub"))
    assert [e.name for e in epubs] == ["generated.en-es.epub", "generated.en.epub", "generated.es.epub"]
    for epub in epubs:
        assert _valid(epub, epubcheck) == [], epub.name
    with zipfile.ZipFile(epubs[0]) as zf:
        bilingual = zf.read("EPUB/article-001-article-1.xhtml").decode("utf-8")
    assert 'id="article-1-es_fnref1_3"' in bilingual and 'href="#article-1-es_h_how-we-counted"' in bilingual
