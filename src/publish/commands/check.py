"""``publish check``: lint the manuscript, then run EPUBCheck on the built EPUBs."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._common import ProjectDir, exit_for, print_diagnostics, run

if TYPE_CHECKING:
    from ..translate.qa_queue import SegmentReport


def check(
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors (exit 1).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON on stdout.")] = False,
    epub: Annotated[bool, typer.Option(help="Also run EPUBCheck on the EPUBs in build/.")] = True,
    translations: Annotated[bool, typer.Option("--translations", help="Also lint translations/<lang>/ (untranslated, "
                                               "numbers, placeholders, glossary, loops, length) and show review shares.")] = False,
    lang: Annotated[str | None, typer.Option("--lang", help="Language checked by --translations. Default: the "
                                             "translation publish.yaml lists (when it lists one).")] = None,
    queue: Annotated[bool, typer.Option("--queue", help="With --translations: list the machine segments to review, "
                                        "riskiest first (leftover words, glossary, numbers, placeholders, length, "
                                        "engine score), each as PO file:line.")] = False,
    print_pdf: Annotated[Path | None, typer.Option("--print", help="Preflight this PDF for print on demand (fonts, "
                                                   "type size, images, boxes, annotations, transparency, colour, "
                                                   "page count, cover size) instead of the manuscript.")] = None,
    profile: Annotated[str | None, typer.Option("--profile", help="With --print: kdp or ingramspark "
                                                "(default: ingramspark for a PDF/X file, else kdp).")] = None,
    directory: ProjectDir = Path("."),
) -> None:
    """Lint the manuscript (errors, missing attribution) and validate built EPUBs."""
    from ..check import check_project

    if print_pdf is not None:
        from ..check_print import preflight

        diagnostics = run(lambda: preflight(print_pdf, profile))
        print_diagnostics(diagnostics)
        errors = sum(d.severity == "error" for d in diagnostics)
        typer.echo(f"{print_pdf}: {errors} error(s), {len(diagnostics) - errors} warning(s)", err=True)
        exit_for(diagnostics, strict)
        return
    if queue and not translations:
        run(lambda: _usage("--queue lists translation segments, so it goes with --translations",
                           "run 'publish check --translations --queue'."))
    diagnostics = run(lambda: check_project(directory, run_epubcheck=epub))
    rows: list[dict[str, object]] = []
    if translations:
        from ..translate.check import review_translations
        from ..translate.qa_queue import review_queue
        from ..translate.run import choose_target, project_languages

        target = run(lambda: choose_target(*project_languages(directory.resolve()), lang))
        review = run(lambda: review_translations(directory.resolve(), target))
        diagnostics += review.diagnostics
        rows, ranked = review.rows, review_queue(review.segments)
    if as_json:
        payload = [d.as_dict() for d in diagnostics]
        typer.echo(json.dumps({"diagnostics": payload, "translations": rows,
                               "segments": [_segment_json(r) for r in review.segments if r.findings],
                               **({"queue": [_segment_json(r) for r in ranked]} if queue else {})}
                              if translations else payload, indent=2, ensure_ascii=False, default=str))
    elif queue and translations:
        _print_queue(ranked)
    else:
        print_diagnostics(diagnostics)
        if rows:
            _print_shares(rows)
        errors = sum(d.severity == "error" for d in diagnostics)
        typer.echo(f"{errors} error(s), {len(diagnostics) - errors} warning(s)", err=True)
    exit_for(diagnostics, strict)


def _print_shares(rows: list[dict[str, object]]) -> None:
    """One line per article: how much of its translation is machine, edited, approved, untranslated."""
    from rich.console import Console
    from rich.table import Table

    table = Table("article", "segments", "machine", "edited", "approved", "untranslated", title="Translation review")
    for row in rows:
        shares = row.get("shares")
        shares = shares if isinstance(shares, dict) else {}
        table.add_row(str(row.get("article")), str(row.get("segments")),
                      *(f"{float(shares.get(k, 0.0)) * 100:.0f}%" for k in ("machine", "edited", "approved", "untranslated")))
    Console(stderr=True).print(table)


def _segment_json(report: SegmentReport) -> dict[str, object]:
    return {**dataclasses.asdict(report), "risk": report.risk, "confidence": report.confidence()}


def _print_queue(ranked: list[SegmentReport]) -> None:
    """The review queue on stdout, one row per segment, riskiest first; the count on stderr."""
    from ..translate.qa_queue import queue_line

    for report in ranked:
        typer.echo(queue_line(report))
    typer.echo(f"{len(ranked)} segment(s) to review, riskiest first", err=True)


def _usage(message: str, hint: str) -> None:
    from ..errors import ExitCode, PublishError

    raise PublishError(message, hint=hint, exit_code=ExitCode.USAGE)
