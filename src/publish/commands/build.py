"""``publish build``: write build/<slug>.<lang>.<epub|pdf>."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import repeat
from ._common import ProjectDir


def build(
    lang: Annotated[list[str], typer.Option("--lang", "-l", help="Edition: the book's language (e.g. en), one "
                                            "of its translations (fr), a bilingual pair (en+fr), or every one of them "
                                            "(all); may repeat. Default: the book's language.")] = [],  # noqa: B006
    fmt: Annotated[list[str], typer.Option("--format", "-f", help="epub or pdf; may repeat. Default: both.")] = [],  # noqa: B006
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes: outputs, and the parts of each PDF, are laid out in parallel. Default: CPU count.")] = 0,
    pdf_standard: Annotated[str, typer.Option("--pdf-standard", help="PDF standard: ua1 (tagged PDF/UA-1, default), "
                                              "ua2, a2a, a3a (PDF/A, tagged) or none.")] = "ua1",
    profile: Annotated[str, typer.Option("--profile", help="PDF profile: print (default, the trim size), screen, "
                                         "kdp or ingramspark (bleed, gutter by page count, full fonts).")] = "print",
    force: Annotated[bool, typer.Option("--force", help="Render every output, even those already up to date, laying out every part of a PDF afresh.")] = False,
    directory: ProjectDir = Path("."),
) -> None:
    """Build the book's EPUB and PDF into build/."""
    from ..build_command import BuildArgs, execute

    code = execute(BuildArgs(str(directory), tuple(lang), tuple(fmt), strict, jobs, pdf_standard, profile, force),
                   repeat.current())
    if code:
        raise typer.Exit(code)
