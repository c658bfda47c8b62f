"""The lock that stops two ``publish translate`` runs from writing the same memory at once."""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from ..errors import Diagnostic, ExitCode, PublishError

LOCK_NAME = ".lock"


class MemoryLock:
    """``translations/<lang>/.lock``, created with O_EXCL and holding the owner's pid.

    A lock left by a process that no longer exists (a killed run) is taken over, with a warning.
    """

    def __init__(self, folder: Path, rel: str) -> None:
        self.path = folder / LOCK_NAME
        self.rel = f"{rel}/{LOCK_NAME}"
        self.diagnostics: list[Diagnostic] = []
        self._held = False

    def __enter__(self) -> MemoryLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PublishError(f"cannot create the folder {self.rel.rsplit('/', 1)[0]}: {exc.strerror}",
                               path=self.rel.rsplit("/", 1)[0], hint="remove the file in its way, or make "
                               "its parent writable.", exit_code=ExitCode.OUTPUT) from None
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                self._handle_existing()
                continue
            except OSError as exc:
                raise PublishError(f"cannot create the translation lock: {exc.strerror}", path=self.rel,
                                   hint="make the folder writable (or free some disk space); nothing was "
                                        "changed.", exit_code=ExitCode.OUTPUT) from None
            try:
                with os.fdopen(fd, "w") as handle:
                    handle.write(f"{os.getpid()}\n")
            except OSError as exc:  # a full disk: the empty lock must not stay behind
                self.path.unlink(missing_ok=True)
                raise PublishError(f"cannot write the translation lock: {exc.strerror}", path=self.rel,
                                   hint="free some disk space; nothing was changed.",
                                   exit_code=ExitCode.OUTPUT) from None
            self._held = True
            return self
        raise PublishError("could not take the translation lock", path=self.rel,
                           hint="delete the lock file if no other publish translate is running.")

    def _handle_existing(self) -> None:
        pid = _read_pid(self.path)
        if pid is not None and _alive(pid):
            raise PublishError(f"another publish translate (pid {pid}) is using this translation memory",
                               path=self.rel, hint="wait for it to finish, or stop it, then run again.")
        self.diagnostics.append(Diagnostic(
            "stale-lock", f"took over a lock left by a run that is no longer running (pid {pid})",
            self.rel, hint="a killed run leaves its finished segments in place; this run resumes them."))
        self.path.unlink(missing_ok=True)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._held:
            self.path.unlink(missing_ok=True)
            self._held = False


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip() or "x")
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
