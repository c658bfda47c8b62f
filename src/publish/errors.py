"""The one exception type and the diagnostics (warnings as data) that every command reports."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Fixed exit codes, documented in ``publish --help``."""

    OK = 0
    FAILURE = 1
    """A check found errors (or warnings under ``--strict``)."""
    USAGE = 2
    """Bad command-line usage."""
    INPUT = 3
    """Bad input: manuscript, publish.yaml, source dump or translation file."""
    MISSING_PART = 4
    """A required external part (model, engine, Java) is not installed."""
    OUTPUT = 5
    """An output could not be written."""


class PublishError(Exception):
    """An error the user can fix: one line saying what, where (file:line) and what to do."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
        exit_code: ExitCode = ExitCode.INPUT,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        self.exit_code = exit_code

    def one_line(self) -> str:
        """``path:line: message. Hint: ...`` on a single line."""
        return _format(self.path, self.line, self.message, self.hint)


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM reached publish: the command stops, changes nothing and exits ``128 + signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@dataclass(frozen=True)
class Diagnostic:
    """A warning or error found while reading or checking; printed once at the end."""

    code: str
    message: str
    path: str | None = None
    line: int | None = None
    severity: str = "warning"
    hint: str | None = None

    def one_line(self) -> str:
        return f"{self.severity}[{self.code}] " + _format(self.path, self.line, self.message, self.hint)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "hint": self.hint,
        }


def _format(path: str | None, line: int | None, message: str, hint: str | None) -> str:
    where = ""
    if path:
        where = f"{path}:{line}: " if line else f"{path}: "
    text = f"{where}{message}"
    if hint:
        text += f" Hint: {hint}"
    return " ".join(text.split("\n"))
