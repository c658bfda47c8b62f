"""``publish models``: list and install Argos Translate packages (online from the index, or from a file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import ExitCode, PublishError
from ._common import run

app = typer.Typer(help="List and install Argos Translate models (packages).", no_args_is_help=True,
                  add_completion=False, rich_markup_mode=None)


@app.command(name="list")
def list_models() -> None:
    """Show the installed Argos packages and the Apertium pairs installed on this machine."""
    from ..translate.argos_packages import list_packages
    from ..translate.engines.apertium import installed_modes

    packages = run(list_packages)
    if not packages:
        typer.echo("No Argos package is installed. Install one with 'publish models install SOURCE TARGET' "
                   "(e.g. 'publish models install en fr') or 'publish models install --file PATH.argosmodel'.")
    for info in packages:
        typer.echo(f"argos {info.from_code}->{info.to_code}  {info.name}  {info.version}  {info.path}")
    modes = installed_modes()
    if not modes:
        typer.echo("No Apertium pair is installed (Debian: 'apt-get install apertium-eng-spa', apertium-eng-cat, ...).")
    for mode in modes:
        typer.echo(f"apertium {mode.source}->{mode.target}  {mode.name}  {mode.package}")


@app.command(name="install")
def install(
    source: Annotated[Optional[str], typer.Argument(help="Source language, e.g. en. With --file: "
                                                     "checked against the package.")] = None,
    target: Annotated[Optional[str], typer.Argument(help="Target language, e.g. fr.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="Install offline from an .argosmodel file.")] = None,
) -> None:
    """Install the SOURCE->TARGET package from the argospm index, or a local file with --file."""
    from ..translate import argos_packages

    def action() -> argos_packages.PackageInfo:
        if file is not None:
            return argos_packages.install_file(file, source, target)
        if not source or not target:
            raise PublishError("say which package to install", exit_code=ExitCode.USAGE,
                               hint="'publish models install SOURCE TARGET' (e.g. en fr), or --file PATH.argosmodel.")
        return argos_packages.install_from_index(source, target)

    info = run(action)
    typer.echo(f"installed {info.from_code}->{info.to_code} {info.name} {info.version} in {info.path}")
