"""docs/manuscript-format.md documents every key exactly as ``publish.config`` declares it, and the README
does not promise a key value the schema refuses."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from publish.config import PROJECT_KEYS, QUOTES, TRIMS

REPO = Path(__file__).resolve().parent.parent
GEN = runpy.run_path(str(REPO / "tools" / "gen_docs.py"))


def test_the_key_tables_are_generated_from_the_schema() -> None:
    text = (REPO / "docs" / "manuscript-format.md").read_text(encoding="utf-8")
    assert GEN["regenerate"](text) == text, "docs/manuscript-format.md is out of step: run tools/gen_docs.py"


def test_every_publish_yaml_key_is_documented_once() -> None:
    text = (REPO / "docs" / "manuscript-format.md").read_text(encoding="utf-8")
    table = text.split("<!-- keys:publish.yaml -->")[1].split("<!-- /keys -->")[0]
    for key in PROJECT_KEYS:
        assert len(re.findall(rf"^\| `{key.name}`", table, re.M)) == 1, key.name
        assert key.doc and key.form, key.name


def test_a_changed_schema_fails_the_check() -> None:
    text = (REPO / "docs" / "manuscript-format.md").read_text(encoding="utf-8")
    stale = text.replace("| `trim` |", "| `trim_size` |")
    assert GEN["regenerate"](stale) != stale


@pytest.mark.parametrize("name", ["README.md", "docs/manuscript-format.md"])
def test_documented_values_are_ones_the_schema_accepts(name: str) -> None:
    text = (REPO / name).read_text(encoding="utf-8")
    allowed = {"quotes": QUOTES, "trim": tuple(TRIMS)}
    for key, value in re.findall(r"\b(quotes|trim): ([a-z0-9]+)", text):
        assert value in allowed[key], f"{name} shows '{key}: {value}'; publish.yaml accepts {allowed[key]}"
