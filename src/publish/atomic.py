"""Replacing files so a failed run changes nothing: every new file is written beside its target, then renamed.

Build outputs, assembled manuscripts and translation files all go through ``replace_all``. Callers turn the
``OSError`` it raises into their own one-line PublishError (``OSError.filename`` always names the path).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO


def check_targets(paths: Sequence[Path]) -> None:
    """Raise the ``OSError`` that writing ``paths`` would meet, before anything is written.

    A target that is a folder, or whose parent is a file, would make a rename fail half-way through a set.
    """
    for path in paths:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(path))
        parent = path.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not parent.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, f"{parent.name} is a file, not a folder", str(path))


Data = bytes | Callable[[], bytes] | IO[bytes]
"""What to write: the bytes, a function that reads them when their turn comes, or a file to copy from (the
build's scratch files: big PDFs are never held in memory whole)."""


def replace_all(files: Sequence[tuple[Path, Data]], durable: bool = False) -> list[Path]:
    """Write each ``(path, data)`` to a temp file beside ``path``, then rename them all into place.

    Nothing is renamed until every temp file is written; on an error (or an interrupt) the temp files are
    removed, files already renamed are put back, and the error is raised. A replaced file keeps its mode;
    a new one gets the umask's. ``durable`` also fsyncs.
    """
    check_targets([path for path, _ in files])
    staged: list[tuple[str, Path]] = []
    done: list[tuple[Path, str | None]] = []
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_stage(path, data, durable), path))
        for temp, path in staged:
            backup = _backup(path)
            os.replace(temp, path)
            done.append((path, backup))
    except BaseException:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        _restore(done)
        raise
    for _, backup in done:
        if backup:
            Path(backup).unlink(missing_ok=True)
    return [path for _, path in staged]


def _backup(path: Path) -> str | None:
    """A hard link to the file about to be replaced, so a failure later in the set can put it back."""
    if not path.is_file():
        return None
    backup = tempfile.mktemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent)
    try:
        os.link(path, backup)
    except OSError:  # a file system without hard links: the pre-checks must do
        return None
    return backup


def _restore(done: list[tuple[Path, str | None]]) -> None:
    for path, backup in reversed(done):
        try:
            if backup:
                os.replace(backup, path)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass  # best effort: the original error is the one to report


def _stage(path: Path, data: Data, durable: bool) -> str:
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # it names the temp file; the user knows the target
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(data, bytes):
                out.write(data)
            elif callable(data):
                out.write(data())
            else:
                data.seek(0)
                shutil.copyfileobj(data, out)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        # mkstemp makes the file private; give it the mode the file had, or an ordinary new file's mode.
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
    except OSError as exc:  # a write to the open file names no path ("cannot write None"): name the target
        Path(temp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return temp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
