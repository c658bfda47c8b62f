"""How many fields ``publish assemble`` gets right on the development corpus of copied pages.

Every ``tests/fixtures/assemble/corpus/<shape>/<name>.txt`` has a ``<name>.expected.yaml`` beside it
holding what a careful person reads off the page (title, dek, authors, date, publication, where the
body starts and ends, the subheadings and the captions).  ``score_corpus`` runs
``publish.assemble.read_source`` on each dump and counts fields right / fields checked per shape,
lists every mismatch, and counts INVENTED structure (headings or captions the page does not have)
and dumps whose article count is wrong.  It is a report: the exit status is always 0.

    .venv/bin/python bench/assemble_accuracy.py [--json] [--corpus DIR] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from publish.assemble import read_source
from publish.assemble.model import Draft
from publish.errors import ExitCode, PublishError

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "assemble" / "corpus"
CAPTION_MARKER = re.compile(r"^(photo|foto|image|imagen|imagem|picture|illustration|ilustración)\s*:\s*",
                            re.IGNORECASE)
FIELDS = ("title", "subtitle", "authors", "date", "publication", "body_starts", "body_ends", "headings", "figures")


@dataclass
class Mismatch:
    """One field that came out wrong: where, which field, what the page says and what assemble gave."""

    file: str
    article: int
    field: str
    expected: Any
    got: Any


@dataclass
class ShapeScore:
    """Fields right / fields checked over the dumps of one shape."""

    files: int = 0
    right: int = 0
    checked: int = 0


@dataclass
class Score:
    """The whole corpus: per-shape scores, every mismatch, invented structure, article-count errors."""

    shapes: dict[str, ShapeScore] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)
    invented: list[Mismatch] = field(default_factory=list)
    article_counts: list[Mismatch] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(s.right for s in self.shapes.values())

    @property
    def checked(self) -> int:
        return sum(s.checked for s in self.shapes.values())

    @property
    def ratio(self) -> float:
        return self.right / self.checked if self.checked else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "right": self.right, "checked": self.checked, "ratio": round(self.ratio, 4),
            "shapes": {name: asdict(s) for name, s in sorted(self.shapes.items())},
            "invented": [asdict(m) for m in self.invented],
            "article_count_mismatches": [asdict(m) for m in self.article_counts],
            "mismatches": [asdict(m) for m in self.mismatches],
        }


def norm(text: str | None) -> str:
    """Whitespace-normalised NFC text (None and blank both become '')."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def score_corpus(corpus: Path = CORPUS) -> Score:
    """Run assemble on every dump under ``corpus`` and compare it with its expected-fields file."""
    score = Score()
    for dump in sorted(corpus.glob("*/*.txt")):
        expected = yaml.safe_load(dump.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
        shape = score.shapes.setdefault(dump.parent.name, ShapeScore())
        shape.files += 1
        _score_dump(score, shape, corpus, dump, expected)
    return score


def _score_dump(score: Score, shape: ShapeScore, corpus: Path, dump: Path, expected: dict[str, Any]) -> None:
    rel = str(dump.relative_to(corpus))
    source_text = dump.read_text(encoding="utf-8")
    try:
        drafts: list[Draft] = list(read_source(corpus, Path(rel)).drafts)
        failure = None
    except PublishError as err:
        drafts, failure = [], f"PublishError (exit {int(err.exit_code)}): {err.one_line()}"
    except Exception as err:  # a crash is scored as wrong fields, never stops the report
        drafts, failure = [], f"CRASH {type(err).__name__}: {err}"
    if expected.get("error"):
        shape.checked += 1
        if failure is not None and failure.startswith(f"PublishError (exit {int(ExitCode.INPUT)})"):
            shape.right += 1
        else:
            got = failure or f"{len(drafts)} article(s): " + "; ".join(d.title for d in drafts)
            score.mismatches.append(Mismatch(rel, 0, "error", "PublishError (exit 3)", got))
        return
    wanted: list[dict[str, Any]] = expected.get("articles") or []
    if failure is not None:
        shape.checked += len(FIELDS) * len(wanted)
        score.mismatches.append(Mismatch(rel, 0, "run", "articles", failure))
        return
    if len(drafts) != len(wanted):
        score.article_counts.append(Mismatch(rel, 0, "article count", len(wanted), len(drafts)))
    pairs, extra = _pair(wanted, drafts)
    for index, (want, draft) in enumerate(pairs):
        _score_article(score, shape, rel, index, want, draft, source_text)
    for draft in extra:  # an article the page does not have: all its structure is invented
        count_invented(score, rel, -1, [], [], draft)


def _pair(wanted: list[dict[str, Any]], drafts: list[Draft]) -> tuple[list[tuple[dict[str, Any], Draft | None]],
                                                                        list[Draft]]:
    """Expected articles matched to drafts by title first, then the leftovers in order."""
    free = list(drafts)
    matched: dict[int, Draft] = {}
    for i, want in enumerate(wanted):
        hit = next((d for d in free if norm(d.title) == norm(want.get("title"))), None)
        if hit is not None:
            matched[i] = hit
            free.remove(hit)
    pairs: list[tuple[dict[str, Any], Draft | None]] = []
    for i, want in enumerate(wanted):
        if i not in matched and free:
            matched[i] = free.pop(0)
        pairs.append((want, matched.get(i)))
    return pairs, free


def _score_article(score: Score, shape: ShapeScore, rel: str, index: int, want: dict[str, Any],
                   draft: Draft | None, source_text: str) -> None:
    for name in FIELDS:
        shape.checked += 1
        got = _got(name, draft)
        if draft is not None and field_right(name, want.get(name), got, source_text):
            shape.right += 1
        else:
            score.mismatches.append(Mismatch(rel, index, name, want.get(name), got if draft else "(no article)"))
    if draft is not None:
        count_invented(score, rel, index, want.get("headings") or [], want.get("figures") or [], draft)


def _paragraphs(draft: Draft) -> list[str]:
    return [norm(e.text) for e in draft.body if e.kind == "paragraph" and norm(e.text)]


def _got(name: str, draft: Draft | None) -> Any:
    """The value assemble gave for one field, in the shape the expected file uses."""
    if draft is None:
        return None
    paragraphs = _paragraphs(draft)
    values: dict[str, Any] = {
        "title": draft.title, "subtitle": draft.subtitle, "date": draft.date, "publication": draft.publication,
        "authors": [a.name for a in draft.authors],
        "body_starts": paragraphs[0] if paragraphs else None,
        "body_ends": paragraphs[-1] if paragraphs else None,
        "headings": [e.text for e in draft.body if e.kind == "heading"],
        "figures": [e.text for e in draft.body if e.kind == "figure"],
    }
    return values[name]


def field_right(name: str, want: Any, got: Any, source_text: str) -> bool:
    if name == "body_starts":
        return bool(got) and norm(got).startswith(norm(want))
    if name == "body_ends":
        return bool(got) and norm(got).endswith(norm(want))
    if name == "authors":
        return len(want or []) == len(got) and all(same_name(w, g, source_text) for w, g in zip(want or [], got))
    if name == "headings":
        return [norm(w) for w in want or []] == [norm(g) for g in got]
    if name == "figures":
        return len(want or []) == len(got) and all(same_caption(w, g) for w, g in zip(want or [], got))
    return norm(want) == norm(got)


def same_caption(want: str, got: str) -> bool:
    """The caption starts with the expected words, once a leading marker ("Photo:", "Foto :") is set aside
    on both sides: keeping or dropping the marker is the writer's choice, not a mistake."""
    return _unmarked(got).startswith(_unmarked(want))


def _unmarked(caption: str) -> str:
    return CAPTION_MARKER.sub("", norm(caption))


def same_name(want: str, got: str, source_text: str) -> bool:
    """Exact after whitespace; case-blind only for a name the page prints in capitals (when it is
    title-cased in the output, so 'Ana De La Cruz' passes for ANA DE LA CRUZ but 'ANA DE LA CRUZ' does not)."""
    want, got = norm(want), norm(got)
    if want == got:
        return True
    shouted = want.upper() in source_text
    return shouted and got.casefold() == want.casefold() and got != got.upper()


def count_invented(score: Score, rel: str, index: int, headings: list[str], figures: list[str],
                    draft: Draft) -> None:
    """Output headings or captions that are not among the expected ones."""
    wanted_headings = {norm(h) for h in headings}
    for element in draft.body:
        text = norm(element.text)
        if element.kind == "heading" and text not in wanted_headings:
            score.invented.append(Mismatch(rel, index, "invented heading", None, text))
        if element.kind == "figure" and not any(same_caption(f, text) for f in figures):
            score.invented.append(Mismatch(rel, index, "invented figure", None, text))


def _clip(value: Any, width: int = 90) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def print_report(score: Score, *, quiet: bool = False, out: Any = sys.stdout) -> None:
    """The table, then (unless quiet) every mismatch, invented heading/caption and article-count error."""
    print(f"{'shape':<22} {'files':>5} {'right':>6} {'checked':>8} {'score':>7}", file=out)
    for name, shape in sorted(score.shapes.items()):
        ratio = shape.right / shape.checked if shape.checked else 0.0
        print(f"{name:<22} {shape.files:>5} {shape.right:>6} {shape.checked:>8} {ratio:>7.1%}", file=out)
    files = sum(s.files for s in score.shapes.values())
    print(f"{'TOTAL':<22} {files:>5} {score.right:>6} {score.checked:>8} {score.ratio:>7.1%}", file=out)
    print(f"invented headings/captions: {len(score.invented)}; "
          f"article-count mismatches: {len(score.article_counts)}", file=out)
    if quiet:
        return
    for title, rows in (("ARTICLE COUNT", score.article_counts), ("INVENTED", score.invented),
                        ("MISMATCHES", score.mismatches)):
        if rows:
            print(f"\n{title}", file=out)
        for m in rows:
            print(f"  {m.file} [{m.article}] {m.field}\n      expected {_clip(m.expected)}\n"
                  f"      got      {_clip(m.got)}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the score as JSON")
    parser.add_argument("--quiet", action="store_true", help="only the table")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (<shape>/<name>.txt)")
    args = parser.parse_args(argv)
    score = score_corpus(args.corpus)
    if args.json:
        print(json.dumps(score.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_report(score, quiet=args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
