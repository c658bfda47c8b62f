"""Building editions: read the project, run the writers, and replace outputs in build/ only when all succeed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import check_targets, replace_all
from .errors import Diagnostic, ExitCode, PublishError
from .model import Book
from .render_pool import Rendered, render_parallel, render_serial

if TYPE_CHECKING:
    from .writers.options import Options, PdfSettings
from .reader import read_project

FORMATS = ("epub", "pdf")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the warnings collected while reading and writing."""

    outputs: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]


def output_path(root: Path, book: Book, fmt: str) -> Path:
    """``build/<slug>.<edition>.<ext>``: ``en``, ``es``, and ``en-es`` for the bilingual ``en+es``."""
    return root / "build" / f"{book.slug}.{book.tag}.{fmt}"


def build(root: Path, langs: Sequence[str] = (), formats: Sequence[str] = (),
          progress: Progress | None = None, jobs: int = 1, pdf: PdfSettings | None = None,
          strict: bool = False) -> BuildResult:
    """Build every requested edition and format; on any failure, build/ is left as it was.

    With ``strict``, a warning (from reading, or from a writer) is a failure too: nothing is replaced and
    ``BuildResult.outputs`` is empty. Reading warnings stop it before rendering, which would only add more.
    """
    from .writers import Options
    from .writers.options import build_timestamp
    from .writers.pdf_profiles import check_pdf_settings

    pdf = check_pdf_settings(pdf)
    root = root.resolve()
    source, diagnostics = read_project(root)
    formats = _check_formats(formats)
    editions = _load_editions(root, source, langs, diagnostics)
    options = Options(root=root, modified=build_timestamp(source.date), pdf_standard=pdf.standard,
                      profile=pdf.profile)
    work = [(edition, fmt, output_path(root, edition, fmt)) for edition in editions for fmt in formats]
    _check_targets(root, [path for _, _, path in work])  # fail before minutes of rendering, not after
    if strict and diagnostics:
        return BuildResult((), tuple(dict.fromkeys(diagnostics)))
    rendered = render_all(work, options, jobs, progress)
    for _, found in rendered:
        diagnostics.extend(found)
    unique = tuple(dict.fromkeys(diagnostics))  # two editions read the same PO file and warn alike
    if strict and unique:
        return BuildResult((), unique)
    return BuildResult(tuple(_replace_all(root, [(path, data) for (_, _, path), (data, _) in zip(work, rendered)])),
                       unique)


def _check_formats(formats: Sequence[str]) -> list[str]:
    from .writers import WRITERS

    chosen = list(dict.fromkeys(formats or FORMATS))
    for fmt in chosen:
        if fmt not in WRITERS:
            raise PublishError(f"unknown format '{fmt}'", hint=f"use one of: {', '.join(WRITERS)}.",
                               exit_code=ExitCode.USAGE)
    return chosen


def _load_editions(root: Path, source: Book, langs: Sequence[str], diagnostics: list[Diagnostic]) -> list[Book]:
    """Every requested edition as a Book; their reading warnings go into ``diagnostics``."""
    from .editions import load_edition

    editions = []
    for spec in expand_specs(source, langs):
        edition, found = load_edition(root, source, spec)
        editions.append(edition)
        diagnostics.extend(found)
    return editions


def expand_specs(book: Book, langs: Sequence[str]) -> list[str]:
    """The requested edition specs; ``all`` means the book's language, each translation and each bilingual pair."""
    specs: list[str] = []
    for spec in langs or [book.lang]:
        if spec == "all":
            specs += [book.lang, *book.translations, *(f"{book.lang}+{t}" for t in book.translations)]
        else:
            specs.append(spec)
    return list(dict.fromkeys(specs))


def render_all(work: list[tuple[Book, str, Path]], options: Options, jobs: int,
               progress: Progress | None) -> list[Rendered]:
    """Run the writers, in ``jobs`` processes when asked; the costliest (bilingual PDFs) start first."""
    if jobs <= 1 or len(work) <= 1:
        return render_serial(work, options, progress)
    order = sorted(range(len(work)), key=lambda i: -_cost(work[i][0], work[i][1]))
    return render_parallel(work, options, jobs, progress, order)


def _cost(book: Book, fmt: str) -> float:
    return (10.0 if fmt == "pdf" else 1.0) * (2.2 if book.bilingual else 1.0)


def _check_targets(root: Path, paths: list[Path]) -> None:
    try:
        check_targets(paths)
    except OSError as exc:
        raise _output_error(root, exc) from None


def _replace_all(root: Path, rendered: list[tuple[Path, bytes]]) -> list[Path]:
    """Write every output to a temp file first, then rename them all: never a half-updated build/."""
    try:
        return replace_all(rendered)
    except OSError as exc:
        raise _output_error(root, exc) from None


def _output_error(root: Path, exc: OSError) -> PublishError:
    where = Path(exc.filename) if exc.filename else root / "build"
    rel = where.relative_to(root) if where.is_relative_to(root) else where
    return PublishError(f"cannot write {rel}: {exc.strerror or exc}",
                        hint="free disk space, or make build/ writable and remove anything in the way; "
                             "build/ was left as it was.", exit_code=ExitCode.OUTPUT)
