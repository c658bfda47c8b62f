"""``publish check``: lint the manuscript, then run EPUBCheck on the built EPUBs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ._common import ProjectDir, exit_for, print_diagnostics, run


def check(
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors (exit 1).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON on stdout.")] = False,
    epub: Annotated[bool, typer.Option(help="Also run EPUBCheck on the EPUBs in build/.")] = True,
    translations: Annotated[bool, typer.Option("--translations", help="Also lint translations/<lang>/ (untranslated, "
                                               "numbers, placeholders, glossary, loops, length) and show review shares.")] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language checked by --translations.")] = "es",
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
    diagnostics = run(lambda: check_project(directory, run_epubcheck=epub))
    rows: list[dict[str, object]] = []
    if translations:
        from ..translate.check import check_translations

        found, rows = run(lambda: check_translations(directory.resolve(), lang))
        diagnostics += found
    if as_json:
        payload = [d.as_dict() for d in diagnostics]
        typer.echo(json.dumps({"diagnostics": payload, "translations": rows} if translations else payload,
                              indent=2, ensure_ascii=False, default=str))
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
