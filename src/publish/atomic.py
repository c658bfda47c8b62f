"""Replacing files so a failed run changes nothing: every new file is written beside its target, then renamed.

Build outputs, assembled manuscripts and translation files all go through ``replace_all``. Callers turn the
``OSError`` it raises into their own one-line PublishError.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path


def replace_all(files: Sequence[tuple[Path, bytes]], durable: bool = False) -> list[Path]:
    """Write each ``(path, data)`` to a temp file beside ``path``, then rename them all into place.

    Nothing is renamed until every temp file is written; on an error the temp files are removed and the
    ``OSError`` is raised. A replaced file keeps its mode; a new one gets the umask's. ``durable`` also fsyncs.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_stage(path, data, durable), path))
        for temp, path in staged:
            os.replace(temp, path)
    except OSError:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        raise
    return [path for _, path in staged]


def _stage(path: Path, data: bytes, durable: bool) -> str:
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        # mkstemp makes the file private; give it the mode the file had, or an ordinary new file's mode.
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
    except OSError:
        Path(temp).unlink(missing_ok=True)
        raise
    return temp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
