"""``publish init DIR``: create a new project with one example article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import run


def init(directory: Annotated[Path, typer.Argument(help="Folder for the new project (created if missing).")]) -> None:
    """Create a new empty project with publish.yaml and one example article."""
    from ..scaffold import create_project

    written = run(lambda: create_project(directory))
    for path in written:
        typer.echo(f"created {path}")
    typer.echo(f"Next: cd {directory} && publish build")
