"""``publish assemble``: placeholder until the assemble issue lands (not registered as done)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import ExitCode


def assemble(sources: Annotated[list[Path], typer.Argument(help="Raw dumps to turn into manuscript entries.")]) -> None:
    """Turn raw article dumps into manuscript entries (not implemented yet)."""
    typer.echo("publish: error: assemble is not implemented yet.", err=True)
    raise typer.Exit(int(ExitCode.USAGE))
