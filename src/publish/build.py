"""Building editions: read the project, run the writers, and replace outputs in build/ only when all succeed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import replace_all
from .errors import Diagnostic, ExitCode, PublishError
from .model import Book

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
          progress: Progress | None = None, jobs: int = 1, pdf: PdfSettings | None = None) -> BuildResult:
    """Build every requested edition and format; on any failure, build/ is left as it was."""
    from .editions import load_edition
    from .writers import WRITERS, Options
    from .writers.options import build_timestamp
    from .writers.pdf_profiles import check_pdf_settings

    pdf = check_pdf_settings(pdf)

    root = root.resolve()
    source, diagnostics = read_project(root)
    formats = list(dict.fromkeys(formats or FORMATS))
    for fmt in formats:
        if fmt not in WRITERS:
            raise PublishError(f"unknown format '{fmt}'", hint=f"use one of: {', '.join(WRITERS)}.",
                               exit_code=ExitCode.USAGE)
    editions = []
    for spec in expand_specs(source, langs):
        edition, edition_diagnostics = load_edition(root, source, spec)
        editions.append(edition)
        diagnostics.extend(edition_diagnostics)
    options = Options(root=root, modified=build_timestamp(source.date), pdf_standard=pdf.standard,
                      profile=pdf.profile)
    work = [(edition, fmt) for edition in editions for fmt in formats]
    rendered = render_all(work, options, jobs, progress)
    return BuildResult(tuple(_replace_all(rendered)), tuple(diagnostics))


def expand_specs(book: Book, langs: Sequence[str]) -> list[str]:
    """The requested edition specs; ``all`` means the book's language, each translation and each bilingual pair."""
    specs: list[str] = []
    for spec in langs or [book.lang]:
        if spec == "all":
            specs += [book.lang, *book.translations, *(f"{book.lang}+{t}" for t in book.translations)]
        else:
            specs.append(spec)
    return list(dict.fromkeys(specs))


def render_all(work: list[tuple[Book, str]], options: Options, jobs: int,
               progress: Progress | None) -> list[tuple[Path, bytes]]:
    """Run the writers, in ``jobs`` processes when asked; the costliest (bilingual PDFs) start first."""
    from .writers import WRITERS

    root = options.root
    if jobs <= 1 or len(work) <= 1:
        out = []
        for book, fmt in work:
            if progress:
                progress(f"{book.tag} {fmt}")
            out.append((output_path(root, book, fmt), WRITERS[fmt](book, options)))
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    order = sorted(range(len(work)), key=lambda i: -_cost(*work[i]))
    results: dict[int, bytes] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {i: pool.submit(WRITERS[work[i][1]], work[i][0], options) for i in order}
        for i in order:
            if progress:
                progress(f"{work[i][0].tag} {work[i][1]}")
            results[i] = futures[i].result()
    return [(output_path(root, book, fmt), results[i]) for i, (book, fmt) in enumerate(work)]


def _cost(book: Book, fmt: str) -> float:
    return (10.0 if fmt == "pdf" else 1.0) * (2.2 if book.bilingual else 1.0)


def _replace_all(rendered: list[tuple[Path, bytes]]) -> list[Path]:
    """Write every output to a temp file first, then rename them all: never a half-updated build/."""
    try:
        return replace_all(rendered)
    except OSError as exc:
        raise PublishError(f"cannot write {exc.filename}: {exc.strerror}", hint="check the folder's permissions.",
                           exit_code=ExitCode.OUTPUT) from None
