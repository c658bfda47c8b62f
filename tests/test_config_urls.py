"""A source URL the link policy refuses (``javascript:``, ``file:``, a bare path) is kept as text on the
Sources page, with a warning, and never becomes a link: not in the XHTML, the OPF or the PDF."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from helpers import copy_sample, epub_texts, epubcheck, run_publish

ARTICLE = "manuscript/02-bolivian-coup.md"


def test_a_refused_source_url_is_kept_as_text(tmp_path: Path) -> None:
    url = "javascript:alert(1)"  # the other refused forms take the same path (tests/catalogue/text.yaml)
    root = copy_sample(tmp_path / "book")
    path = root / ARTICLE
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  publication: Morning Star\n", f"  publication: Morning Star\n  url: '{url}'\n", 1), encoding="utf-8")
    result = run_publish("build", "-C", str(root))
    assert result.returncode == 0, result.stderr
    assert f"{ARTICLE}:10: source url '{url}' is kept as text, not a link" in result.stderr
    epub = root / "build" / "bolivia-2019.en.epub"
    assert epubcheck(epub) == []
    texts = epub_texts(epub)
    sources = "".join(text for name, text in texts.items() if name.endswith(".xhtml") and url in text)
    assert f"<dd>{url}</dd>" in sources  # shown as the source gave it
    assert all(f'href="{url}"' not in text for text in texts.values())
    assert all(url not in text for name, text in texts.items() if name.endswith(".opf"))
    pdf = PdfReader(io.BytesIO((root / "build" / "bolivia-2019.en.pdf").read_bytes()))
    uris = [str(a.get_object().get("/A", {}).get("/URI", "")) for page in pdf.pages for a in page.get("/Annots", [])]
    assert uris and url not in uris  # the book's other links are there; this one is not
    assert any(url in page.extract_text() for page in pdf.pages)
