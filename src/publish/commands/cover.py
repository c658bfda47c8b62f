"""``publish cover``: the print-on-demand interior and its full-wrap cover PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import ProjectDir, exit_for, print_diagnostics, run


def cover(
    profile: Annotated[str, typer.Option("--profile", help="kdp or ingramspark.")] = "kdp",
    paper: Annotated[str, typer.Option("--paper", help="white, cream or color (sets the spine width).")] = "white",
    lang: Annotated[str, typer.Option("--lang", "-l", help="Edition (en, es, en+es). Default: the book's.")] = "",
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
    directory: ProjectDir = Path("."),
) -> None:
    """Build the interior for KDP or IngramSpark and build/<slug>.<lang>.cover.pdf sized from its page count."""
    from ..print_cover import make_cover

    result = run(lambda: make_cover(directory, profile, paper, lang or None))
    print_diagnostics(result.diagnostics)
    for path in result.outputs:
        typer.echo(f"wrote {path.relative_to(directory.resolve())}")
    typer.echo(f"{result.pages} interior pages", err=True)
    exit_for(list(result.diagnostics), strict)
