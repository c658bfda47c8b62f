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
    directory: ProjectDir = Path("."),
) -> None:
    """Lint the manuscript (errors, missing attribution) and validate built EPUBs."""
    from ..check import check_project

    diagnostics = run(lambda: check_project(directory, run_epubcheck=epub))
    if as_json:
        typer.echo(json.dumps([d.as_dict() for d in diagnostics], indent=2, ensure_ascii=False))
    else:
        print_diagnostics(diagnostics)
        errors = sum(d.severity == "error" for d in diagnostics)
        typer.echo(f"{errors} error(s), {len(diagnostics) - errors} warning(s)", err=True)
    exit_for(diagnostics, strict)
