"""``publish preview``: serve the book on 127.0.0.1 and reload the open page on every save."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import ProjectDir, run


def preview(
    lang: Annotated[str, typer.Option("--lang", "-l", help="Edition to show: the book's language (default), "
                                      "a translation (es) or a pair (en+es).")] = "",
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535,
                                      help="Port on 127.0.0.1; 0 picks a free one.")] = 8000,
    directory: ProjectDir = Path("."),
) -> None:
    """Serve the book as HTML (EPUB pages and a print preview), re-rendered and reloaded on every save."""
    from ..preview_server import serve

    def ready(url: str) -> None:
        typer.echo(f"Serving {url} (print preview: {url}print.html); Ctrl-C stops.", err=True)

    def serve_until_stopped() -> None:
        try:
            serve(directory, lang, port, ready)
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM is how a preview ends, not a failure
            typer.echo("publish preview: stopped.", err=True)

    run(serve_until_stopped)
