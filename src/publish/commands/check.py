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
    directory: ProjectDir = Path("."),
) -> None:
    """Lint the manuscript (errors, missing attribution) and validate built EPUBs."""
    from ..check import check_project

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
