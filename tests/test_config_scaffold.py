"""``publish init`` writes a project that reads back cleanly through the schema, and a new language folder's
glossary is the empty commented template (no terms of the sample book)."""

from __future__ import annotations

from pathlib import Path

from publish.config import GLOSSARY_TEMPLATE
from publish.reader import read_project
from publish.scaffold import create_project
from publish.translate.glossary import load_glossary


def test_init_writes_an_empty_commented_glossary_per_translation(tmp_path: Path) -> None:
    root = tmp_path / "my-book"
    written = create_project(root)
    book, diagnostics = read_project(root)
    assert [d.code for d in diagnostics if d.code in ("unknown-key", "control-char")] == []
    for lang in book.translations:
        path = root / "translations" / lang / "glossary.yaml"
        assert path in written and path.read_text(encoding="utf-8") == GLOSSARY_TEMPLATE
        glossary = load_glossary(path.parent, f"translations/{lang}")
        assert glossary.keep == () and glossary.render == {} and glossary.diagnostics == ()
    assert book.translations  # the template lists at least one translation, so the loop above ran


def test_the_template_explains_both_keys_in_comments_only() -> None:
    comments = [line for line in GLOSSARY_TEMPLATE.splitlines() if line.startswith("#")]
    assert any("keep:" in line for line in comments) and any("render:" in line for line in comments)
    assert [line for line in GLOSSARY_TEMPLATE.splitlines() if line and not line.startswith("#")] == \
        ["keep: []", "render: {}"]
