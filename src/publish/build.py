"""Building editions: read the project, run the writers, and replace outputs in build/ only when all succeed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import Diagnostic, ExitCode, PublishError
from .model import Book
from .reader import read_project

FORMATS = ("epub", "pdf")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the warnings collected while reading and writing."""

    outputs: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]


def output_path(root: Path, book: Book, lang: str, fmt: str) -> Path:
    """``build/<slug>.<lang>.<ext>``; the bilingual ``en+es`` edition is written as ``en-es``."""
    return root / "build" / f"{book.slug}.{lang.replace('+', '-')}.{fmt}"


def editions_for(book: Book, langs: Sequence[str]) -> list[str]:
    """Validate the requested languages against what this version can build."""
    wanted = list(dict.fromkeys(langs or [book.lang]))
    for lang in wanted:
        if lang != book.lang:
            raise PublishError(
                f"the '{lang}' edition cannot be built yet: only the source language ({book.lang}) is supported",
                hint=f"run 'publish build --lang {book.lang}'.", exit_code=ExitCode.USAGE)
    return wanted


def build(root: Path, langs: Sequence[str] = (), formats: Sequence[str] = (),
          progress: Progress | None = None) -> BuildResult:
    """Build every requested edition and format; on any failure, build/ is left as it was."""
    from .writers import WRITERS, Options
    from .writers.options import build_timestamp

    root = root.resolve()
    book, diagnostics = read_project(root)
    formats = list(dict.fromkeys(formats or FORMATS))
    for fmt in formats:
        if fmt not in WRITERS:
            raise PublishError(f"unknown format '{fmt}'", hint=f"use one of: {', '.join(WRITERS)}.",
                               exit_code=ExitCode.USAGE)
    options = Options(root=root, modified=build_timestamp(book.date))
    rendered: list[tuple[Path, bytes]] = []
    for lang in editions_for(book, langs):
        for fmt in formats:
            if progress:
                progress(f"{lang} {fmt}")
            rendered.append((output_path(root, book, lang, fmt), WRITERS[fmt](book, options)))
    return BuildResult(tuple(_replace_all(rendered)), tuple(diagnostics))


def _replace_all(rendered: list[tuple[Path, bytes]]) -> list[Path]:
    """Write every output to a temp file first, then rename them all: never a half-updated build/."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in rendered:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o666 & ~_umask())
            staged.append((tmp, path))
    except OSError as exc:
        for tmp, _ in staged:
            os.unlink(tmp)
        raise PublishError(f"cannot write {exc.filename}: {exc.strerror}", hint="check the folder's permissions.",
                           exit_code=ExitCode.OUTPUT) from None
    for tmp, path in staged:
        os.replace(tmp, path)
    return [path for _, path in staged]


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
