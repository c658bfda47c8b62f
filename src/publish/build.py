"""Building editions: read the project, run the writers, and replace outputs in build/ only when all succeed.

Outputs whose inputs are unchanged since they were written are not rendered again (buildcache.py); a request
whose every output is up to date is answered from the manifest alone, before the book is read.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import Data, check_targets, replace_all
from .build_progress import PartProgress
from .buildcache import MANIFEST, Checker, Manifest, OutputRecord, options_of, request_key, unchanged_request
from .errors import Diagnostic, ExitCode, PublishError
from .model import Book
from .staging import Stage

if TYPE_CHECKING:
    from .render_pool import Rendered
    from .writers.pdf_book import Joined
    from .writers.pdf_cache import PartCache
    from .writers.options import Options, PdfSettings

FORMATS = ("epub", "pdf")
Work = tuple[Book, str, Path]
Request = tuple[str, tuple[str, dict[str, Any]] | None]
"""The request key, and the words and options that asked for it (if known)."""


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the warnings collected while reading and writing."""

    outputs: tuple[Path, ...]
    """Every requested output, now in build/ (written by this build, or already up to date)."""
    diagnostics: tuple[Diagnostic, ...]
    up_to_date: tuple[Path, ...] = ()
    """The outputs that were not rendered again: nothing they are built from had changed."""


def output_path(root: Path, book: Book, fmt: str) -> Path:
    """``build/<slug>.<edition>.<ext>``: ``en``, ``es``, and ``en-es`` for the bilingual ``en+es``."""
    return root / "build" / f"{book.slug}.{book.tag}.{fmt}"


def build(root: Path, langs: Sequence[str] = (), formats: Sequence[str] = (),
          progress: PartProgress | None = None, jobs: int = 1, pdf: PdfSettings | None = None,
          strict: bool = False, force: bool = False,
          command: tuple[str, dict[str, Any]] | None = None, checked: bool = False) -> BuildResult:
    """Build every requested edition and format; on any failure, build/ is left as it was.

    With ``strict``, a warning (from reading, or from a writer) is a failure too: nothing is replaced and
    ``BuildResult.outputs`` is empty. Reading warnings stop it before rendering, which would only add more.
    Outputs already up to date are kept (their warnings come from the manifest); ``force`` renders them all,
    without the laid-out parts of earlier builds (writers/pdf_cache.py). ``command``: the words that started this
    build (``repeat.current()``) and the options they gave, recorded with the outputs: repeating the words is
    answered without parsing them (repeat.py). ``checked``: the caller has just found the request not up to date.
    """
    from .writers.pdf_profiles import check_pdf_settings

    pdf = check_pdf_settings(pdf)
    root = root.resolve()
    key = request_key(langs, formats, pdf.standard, pdf.profile)
    if not force and not checked and (known := unchanged_request(root, key)) is not None:
        outputs, cached = known
        if strict and cached:
            return BuildResult((), cached)
        return BuildResult(tuple(outputs), cached, tuple(outputs))
    return _build_stale(root, langs, formats, progress, jobs, pdf, strict, force, (key, command))


def _build_stale(root: Path, langs: Sequence[str], formats: Sequence[str], progress: PartProgress | None, jobs: int,
                 pdf: PdfSettings, strict: bool, force: bool, key: Request) -> BuildResult:
    """Read the book, render the outputs that are stale, and replace them with the manifest in one step."""
    from .render_pool import start_server

    # The workers' fork server starts first, when a PDF may be laid out: its WeasyPrint import overlaps
    # all of what follows.
    start_server(jobs, not formats or "pdf" in formats)
    from .reader import read_project
    from .writers import Options
    from .writers.options import build_timestamp

    manifest = Manifest.load(root)
    checker = Checker(root, manifest.stats)
    # Hash before reading: a file saved while this build runs makes the next build stale, never a wrong skip.
    checker.hasher.inputs(["manuscript", "translations"], ["publish.yaml"])
    source, diagnostics = read_project(root)
    formats = _check_formats(formats)
    specs = expand_specs(source, langs)
    editions = _load_editions(root, source, specs, diagnostics)
    options = Options(root=root, modified=build_timestamp(source.date), pdf_standard=pdf.standard,
                      profile=pdf.profile)
    work = [(edition, fmt, output_path(root, edition, fmt)) for edition in editions for fmt in formats]
    _check_targets(root, [path for _, _, path in work])  # fail before minutes of rendering, not after
    if strict and diagnostics:
        return BuildResult((), tuple(dict.fromkeys(diagnostics)))
    records = {_rel(root, path): checker.current(_folders(source, spec), _files(edition),
                                                 options_of(fmt, spec, pdf.standard, pdf.profile))
               for (edition, fmt, path), spec in zip(work, [s for s in specs for _ in formats])}
    stale = [i for i, rel in enumerate(records)
             if force or not checker.is_fresh(rel, records[rel], manifest.outputs.get(rel))]
    manifest.stats.update(checker.hasher.seen_stats)  # every input is hashed by now
    # From here on only the renderers hold the books (render_jobs): a big book is not held twice while it is
    # laid out, nor through its join.
    paths, todo = [path for _, _, path in work], [work[i] for i in stale]
    del source, editions, work
    # Parts and joined PDFs go to anonymous files: nothing is left of them, whatever happens.
    with Stage(root) as stage:
        return _render_and_replace(root, paths, todo, stale, records, manifest, diagnostics, options, jobs,
                                   progress, force, strict, key, stage)


def _render_and_replace(root: Path, paths: list[Path], todo: list[Work], stale: list[int],
                        records: dict[str, OutputRecord],
                        manifest: Manifest, diagnostics: list[Diagnostic], options: Options, jobs: int,
                        progress: PartProgress | None, force: bool, strict: bool, key: Request,
                        stage: Stage) -> BuildResult:
    """Render what is stale (``todo``: the outputs at ``stale``'s indexes in ``paths``), settle the manifest,
    and replace the outputs, parts and manifest in one step."""
    rendered, parts = _render_stale(todo, stale, [manifest.outputs.get(rel) for rel in records], options, jobs,
                                    progress, force, stage)
    diagnostics.extend(_settle(records, rendered, manifest))
    unique = tuple(dict.fromkeys(diagnostics))  # two editions read the same PO file and warn alike
    if strict and unique:
        return BuildResult((), unique)
    manifest.remember(key[0], records, unique, command=key[1])
    files = [(paths[i], data) for i, (data, _, _) in rendered.items()]
    cached = [file for cache, joined in parts for file in cache.files(joined)]
    if files or _read_bytes(root / MANIFEST) != manifest.to_bytes():  # a build that changes nothing writes nothing
        _replace_all(root, [*files, *cached, *_flagged_counts(root), (root / MANIFEST, manifest.to_bytes())])
        for cache, joined in parts:
            cache.prune(joined)
    kept = tuple(path for i, path in enumerate(paths) if i not in rendered)
    return BuildResult(tuple(paths), unique, kept)


def _render_stale(todo: list[Work], stale: list[int], old: list[OutputRecord | None], options: Options, jobs: int,
                  progress: PartProgress | None, force: bool, stage: Stage,
                  ) -> tuple[dict[int, Rendered], list[tuple[PartCache, Joined]]]:
    """Render the stale outputs (``todo``, at ``stale``'s indexes among all); the bar expects as many pages as
    each took last time. ``todo`` is emptied (render_jobs.render_outputs).
    Also: each rendered PDF's part cache, with the parts it was joined from (written with the outputs).
    ``force`` lays every part out afresh too (the cache is then refilled)."""
    from .render_jobs import render_outputs
    from .writers.pdf_cache import PartCache

    if progress:
        progress.begin([(f"{book.tag} {fmt}", _expected(old[i])) for i, (book, fmt, _) in zip(stale, todo)])
    caches = {n: PartCache(options.root, todo[n][2].stem, fresh=force) for n in range(len(todo)) if todo[n][1] == "pdf"}
    report, done = (progress.advance, progress.end) if progress else (None, None)
    rendered, joined = render_outputs(todo, options, jobs, report, done, caches, stage)
    return dict(zip(stale, rendered)), [(caches[n], joined[n]) for n in sorted(joined)]


def _settle(records: dict[str, OutputRecord], rendered: dict[int, Rendered], manifest: Manifest) -> list[Diagnostic]:
    """Complete each output's record (in place) and return the writers' warnings, cached ones for kept outputs."""
    found_all: list[Diagnostic] = []
    for i, rel in enumerate(records):
        old = manifest.outputs.get(rel)
        found = rendered[i][1] if i in rendered else list(old.diagnostics if old else ())
        found_all.extend(found)
        records[rel] = _finished(records[rel], rendered.get(i), old, found)
    return found_all


def _folders(source: Book, spec: str) -> list[str]:
    """The project folders every file of which is an input of edition ``spec``."""
    return ["manuscript", *(f"translations/{lang}" for lang in spec.split("+") if lang != source.lang)]


def _files(book: Book) -> list[str]:
    """Single files every output depends on: publish.yaml, and the images the book links (wherever they are)."""
    return ["publish.yaml", *(image.src for image in book.images)]


def _expected(old: OutputRecord | None) -> int | None:
    """Units (pages) the part took last time: the bar's total, for an ETA; unknown on a first build."""
    return old.units if old and old.units else None


def _finished(now: OutputRecord, rendered: Rendered | None, old: OutputRecord | None,
              found: Sequence[Diagnostic]) -> OutputRecord:
    import dataclasses
    import hashlib

    if rendered is None:
        return dataclasses.replace(now, output=old.output if old else "", units=old.units if old else 0,
                                   diagnostics=tuple(found))
    data = rendered[0]
    if isinstance(data, bytes):
        digest = hashlib.sha256(data).hexdigest()
    else:
        data.seek(0)
        hashed = hashlib.sha256()
        for block in iter(lambda: data.read(1 << 20), b""):
            hashed.update(block)
        digest = hashed.hexdigest()
    return dataclasses.replace(now, output=digest, units=rendered[2], diagnostics=tuple(found))


def _flagged_counts(root: Path) -> list[tuple[Path, bytes]]:
    """The translation QA counts computed for this build's editions, kept with the outputs (none can be pending
    where no translated edition loaded the module that computes them)."""
    if "publish.translate.qa_cache" not in sys.modules:
        return []
    from .translate.qa_cache import pending_files

    return pending_files(root)


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _rel(root: Path, path: Path) -> str:
    return str(path.relative_to(root))


def _check_formats(formats: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(formats or FORMATS))
    for fmt in chosen:
        if fmt not in FORMATS:  # the writers' formats (writers.WRITERS), without importing them
            raise PublishError(f"unknown format '{fmt}'", hint=f"use one of: {', '.join(FORMATS)}.",
                               exit_code=ExitCode.USAGE)
    return chosen


def _load_editions(root: Path, source: Book, specs: Sequence[str], diagnostics: list[Diagnostic]) -> list[Book]:
    """Every requested edition as a Book; their reading warnings go into ``diagnostics``."""
    from .editions import load_edition

    editions = []
    for spec in specs:
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


def _check_targets(root: Path, paths: list[Path]) -> None:
    try:
        check_targets(paths)
    except OSError as exc:
        raise _output_error(root, exc) from None


def _replace_all(root: Path, rendered: list[tuple[Path, Data]]) -> list[Path]:
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
