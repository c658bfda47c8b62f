"""``publish assemble``: the command-line face of ``publish.assemble`` (kept thin; the work is there).

The package is imported inside the command so ``publish --help`` does not load it (or trafilatura).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ._common import ProjectDir, run


def assemble(
    sources: Annotated[
        list[Path],
        typer.Argument(help="Plain-text dumps (.txt), saved web pages (.html) or Markdown files with front "
                       "matter (.md); paths are relative to the project (-C DIR).", show_default=False,
                       metavar="SOURCE"),
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be written; write nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite articles that already exist.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print the summary as JSON instead of a table.")] = False,
    directory: ProjectDir = Path("."),
) -> None:
    """Turn copied articles into manuscript/NN-slug.md files and list them in publish.yaml.

    Fields a source does not state are left empty and reported as warnings; titles with no body are
    skipped. Nothing is written if any source fails.
    """
    from ..assemble import assemble as assemble_sources
    from ..assemble.report import print_report

    report = run(lambda: assemble_sources(directory, sources, dry_run=dry_run, force=force))
    if json_output:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_report(report)
