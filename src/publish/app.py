"""The ``publish`` command line: one Typer app; each command lives in its own module under ``commands/``.

Only Typer is imported here, so ``publish --help`` stays fast (no WeasyPrint, no argostranslate). The entry
point is ``cli.main``.
"""

from __future__ import annotations

import typer

from .commands import assemble, build, check, cover, init, preview
from .commands import models as models_cmd, translate as translate_cmd

HELP = """Offline publishing toolchain: manuscript -> EPUB 3, print PDF, translations.

\b
Exit codes:
  0  success
  1  a check failed (errors, or warnings under --strict)
  2  bad command-line usage
  3  bad input (manuscript, publish.yaml, source dump, translation file)
  4  a required part is missing (e.g. Java for EPUBCheck, a translation model)
  5  an output could not be written
"""

app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                  pretty_exceptions_enable=False)
app.command(name="build")(build.build)
app.command(name="check")(check.check)
app.command(name="cover")(cover.cover)
app.command(name="init")(init.init)
app.command(name="assemble")(assemble.assemble)
app.command(name="translate")(translate_cmd.translate)
app.command(name="preview")(preview.preview)
app.add_typer(models_cmd.app, name="models")
