"""The assemble development corpus (tests/fixtures/assemble/corpus) and its scorer (bench/assemble_accuracy.py).

The corpus is copied web pages in many shapes, each with the fields a careful reader takes from it.
These tests keep the corpus honest (every expected text is really in its dump), check that the scorer
can fail, and hold assemble to the target of issue 9: at least 95% of fields right, nothing invented.
"""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from publish.assemble.model import Draft, Element

BENCH = Path(__file__).resolve().parent.parent / "bench" / "assemble_accuracy.py"
KEYS = {"title", "subtitle", "authors", "date", "publication", "body_starts", "body_ends", "headings", "figures"}


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("assemble_accuracy", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


scorer = _load_scorer()
CORPUS: Path = scorer.CORPUS


def _expected(dump: Path) -> dict[str, object]:
    data = yaml.safe_load(dump.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_assemble_scores_at_least_95_percent_and_invents_nothing() -> None:
    score = scorer.score_corpus()
    report = io.StringIO()
    scorer.print_report(score, out=report)
    assert score.invented == [], report.getvalue()
    assert score.ratio >= 0.95, report.getvalue()


def test_corpus_is_large_and_varied() -> None:
    dumps = sorted(CORPUS.glob("*/*.txt"))
    assert len(dumps) >= 36
    assert len({d.parent.name for d in dumps}) >= 12
    errors = [d for d in dumps if _expected(d).get("error")]
    assert errors and len(errors) < len(dumps)
    assert sum(len(_expected(d)["articles"]) > 1 for d in dumps) >= 3  # type: ignore[arg-type]
    assert all(d.with_suffix(".expected.yaml").is_file() for d in dumps)
    assert not [p for p in CORPUS.glob("*/*.yaml") if not p.with_name(p.name.split(".")[0] + ".txt").is_file()]


@pytest.mark.parametrize("dump", sorted(CORPUS.glob("*/*.txt")), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_expected_fields_are_read_off_the_dump(dump: Path) -> None:
    """Every expected text is really in its dump (so the expectation is evidence, not a wish)."""
    source = dump.read_text(encoding="utf-8")
    flat, lines = scorer.norm(source), {scorer.norm(line) for line in source.splitlines()}
    expected = _expected(dump)
    articles = expected["articles"]
    assert isinstance(articles, list)
    assert (articles == []) == bool(expected["error"])
    for article in articles:
        assert set(article) == KEYS
        quoted = [article["title"], article["body_starts"], article["body_ends"], *article["figures"]]
        quoted += [article["subtitle"]] if article["subtitle"] else []
        assert [q for q in quoted if scorer.norm(q) not in flat] == []
        assert [h for h in article["headings"] if scorer.norm(h) not in lines] == []
        assert [a for a in article["authors"] if a.casefold() not in source.casefold()] == []
        assert article["publication"] is None or article["publication"] in source
        assert article["date"] is None or len(article["date"]) == 10


def _write_case(root: Path, text: str, expected: dict[str, object]) -> None:
    (root / "shape").mkdir(parents=True)
    (root / "shape" / "case.txt").write_text(text, encoding="utf-8")
    (root / "shape" / "case.expected.yaml").write_text(yaml.safe_dump(expected), encoding="utf-8")


def test_an_expected_error_scores_one_field(tmp_path: Path) -> None:
    _write_case(tmp_path, "\n\n", {"error": True, "articles": []})
    score = scorer.score_corpus(tmp_path)
    assert (score.right, score.checked, score.mismatches) == (1, 1, [])


def test_a_refused_article_scores_every_field_wrong(tmp_path: Path) -> None:
    article = {k: None for k in KEYS} | {"title": "T", "authors": [], "headings": [], "figures": []}
    _write_case(tmp_path, "\n\n", {"error": False, "articles": [article]})
    score = scorer.score_corpus(tmp_path)
    assert (score.right, score.checked) == (0, 9)
    assert [m.field for m in score.mismatches] == ["run"]
    out = io.StringIO()
    scorer.print_report(score, out=out)
    assert "TOTAL" in out.getvalue() and "0.0%" in out.getvalue()


def test_field_comparisons() -> None:
    right = scorer.field_right
    assert right("body_starts", "The  council", "The council said so.", "")
    assert not right("body_starts", "The council", "Menu", "")
    assert right("body_ends", "said so.", "The council\nsaid so.", "")
    assert right("figures", ["A ferry at the pier."], ["Photo: A ferry at the pier. Photo: Ann Lee"], "")
    assert not right("figures", [], ["A short paragraph."], "")
    assert right("date", None, None, "") and not right("date", "2020-01-02", None, "")
    shouted = "By ANA DE LA CRUZ"
    assert right("authors", ["Ana de la Cruz"], ["Ana De La Cruz"], shouted)
    assert not right("authors", ["Ana de la Cruz"], ["ANA DE LA CRUZ"], shouted)
    assert not right("authors", ["Ana de la Cruz"], ["Ana De La Cruz"], "By Ana de la Cruz")


def test_invented_headings_and_captions_are_counted() -> None:
    score = scorer.Score()
    draft = Draft(source="x.txt", line=1, title="T", body=[
        Element("heading", "What happens next"), Element("heading", "By Ann Lee"),
        Element("figure", "Miners wait. Photo: Luis"), Element("figure", "A plain sentence."),
    ])
    scorer.count_invented(score, "x.txt", 0, ["What happens next"], ["Miners wait."], draft)
    assert [(m.field, m.got) for m in score.invented] == [
        ("invented heading", "By Ann Lee"), ("invented figure", "A plain sentence.")]


def test_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    _write_case(tmp_path, "\n\n", {"error": True, "articles": []})
    assert scorer.main(["--json", "--corpus", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["right"], data["checked"], data["shapes"]["shape"]["files"]) == (1, 1, 1)
