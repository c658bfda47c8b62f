"""Golden folder: the unzipped text of the sample's English EPUB. ``pytest --update-golden`` rewrites it."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import epub_texts

GOLDEN = Path(__file__).parent / "golden" / "sample-en"


def _normalise(text: str) -> str:
    # The build date is the only thing allowed to differ between otherwise equal builds.
    return re.sub(r'(dcterms:modified">)[^<]+', r"\1MODIFIED", text)


def test_sample_epub_matches_golden(built_sample: Path, update_golden: bool) -> None:
    texts = {name.removeprefix("EPUB/"): _normalise(body) for name, body in
             epub_texts(built_sample / "build/bolivia-2019.en.epub").items()}
    if update_golden:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for name, body in texts.items():
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
    expected = {str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(texts) == sorted(expected)
    for name, body in texts.items():
        assert body == expected[name], f"{name} differs from the golden copy (run pytest --update-golden if intended)"
