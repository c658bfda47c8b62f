"""Markdown -> model, driven by the data cases in fixtures/markdown/cases.yaml, plus property tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from publish import model as m
from publish.reader.markdown import parse_body
from publish.render.xhtml import epub_pages

CASES_FILE = Path(__file__).parent / "fixtures" / "markdown" / "cases.yaml"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


def _no_images(src: str, alt: str, line: int) -> m.Image | None:
    raise AssertionError("no images in these cases")


def as_data(value: Any) -> Any:
    """Model objects as plain data: dataclass fields plus their ``kind``."""
    if dataclasses.is_dataclass(value):
        data = {"kind": value.kind} if hasattr(value, "kind") else {}
        data.update({f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value)})
        return data
    if isinstance(value, tuple):
        return [as_data(v) for v in value]
    return value


class _CaseDumper(yaml.SafeDumper):
    """Readable cases: Markdown as literal blocks, leaf objects (no nested lists or maps) on one line."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value and value.endswith("\n") and not value.endswith(" \n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_dict(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.Node:
    leaf = all(not isinstance(v, (dict, list)) for v in value.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=leaf and "name" not in value)


_CaseDumper.add_representer(str, _represent_str)
_CaseDumper.add_representer(dict, _represent_dict)


def _dump_cases(cases: list[dict[str, Any]]) -> str:
    return yaml.dump(cases, Dumper=_CaseDumper, allow_unicode=True, sort_keys=False, width=110)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_markdown_case(case: dict[str, Any], update_golden: bool) -> None:
    blocks, notes, diags = parse_body(case["markdown"], "case.md", 1, _no_images)
    warnings = [f"{d.code} line {d.line}" for d in diags]
    if update_golden:
        case["blocks"] = as_data(blocks)
        case.pop("notes", None)
        case.pop("warnings", None)
        if notes:
            case["notes"] = as_data(notes)
        if warnings:
            case["warnings"] = warnings
        header = "".join(line for line in CASES_FILE.read_text(encoding="utf-8").splitlines(True)
                         if line.startswith("#"))
        CASES_FILE.write_text(header + _dump_cases(CASES), encoding="utf-8")
    assert as_data(blocks) == case["blocks"]
    assert as_data(notes) == case.get("notes", [])
    assert warnings == case.get("warnings", [])


def test_footnote_bodies_are_collected() -> None:
    _blocks, notes, _ = parse_body("Text[^x].\n\n[^x]: The *note*.\n", "a.md", 5, _no_images)
    assert [n.number for n in notes] == [1]
    assert as_data(notes[0].children[0])["children"][1]["kind"] == "emph"


def test_diagnostics_carry_file_lines() -> None:
    _b, _n, diags = parse_body("First.\n\n<iframe src='x'></iframe>\n", "manuscript/01-a.md", 10, _no_images)
    assert [(d.code, d.path, d.line) for d in diags] == [("raw-html", "manuscript/01-a.md", 12)]


def _book(text: str) -> m.Book:
    article = m.Article(slug="a", title=text or "t", subtitle=text, authors=(m.Author(text or "n", text),),
                        date=None, source=m.Source(publication=text or None),
                        body=(m.Paragraph((m.Text(text),)), m.Heading(2, (m.Emph((m.Text(text),)),))))
    return m.Book(slug="b", title=text or "t", subtitle=None, editors=(text,), lang="en", identifier="urn:x",
                  publisher=None, rights=text, date="2020-01-01", translations=(), articles=(article,))


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_text_serialises_to_well_formed_xhtml_and_survives(text: str) -> None:
    for page in epub_pages(_book(text)):
        root = etree.fromstring(page.xhtml.encode("utf-8"))
        if page.file_name.startswith("article-") and text.strip():
            assert text in "".join(root.itertext())


def test_control_characters_are_removed_with_a_warning(project: Path) -> None:
    from publish.reader import read_project

    path = project / "manuscript/01-chapare.md"
    text = path.read_text().replace("Since the November 10 coup", "Since the\x0c November\x00 10 coup", 1)
    path.write_text(text)
    book, diagnostics = read_project(project)
    assert [d.code for d in diagnostics if d.code == "control-char"] == ["control-char"]
    body_text = str(book.articles[0].body)
    assert "\x0c" not in body_text and "Since the November 10 coup" in body_text
