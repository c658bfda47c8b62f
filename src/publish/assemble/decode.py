"""Opening a source file as text: refusing empty and binary files, and choosing the encoding.

Files are read in chunks, never whole: a 50 MB dump is checked and then streamed line by line.
UTF-8 (with or without BOM) is assumed; UTF-16 with a BOM is accepted; a file that is not valid
UTF-8 is read as cp1252 (the usual Windows encoding of copied text), which is reported.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PublishError

_CHUNK = 1 << 20
_SNIFF = 8192
# Bytes below 0x20 other than tab, newline, form feed and carriage return do not occur in text.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


@dataclass
class TextFile:
    """A source file that passed the checks, with the encoding to stream it in."""

    path: Path
    display: str
    encoding: str
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> Iterator[tuple[int, str]]:
        """(line number, line without its newline), streamed."""
        with open(self.path, encoding=self.encoding, newline=None) as handle:
            for number, line in enumerate(handle, start=1):
                yield number, line.rstrip("\n")

    def read(self) -> str:
        """The whole text (for formats whose parser needs it all, e.g. front matter)."""
        with open(self.path, encoding=self.encoding, newline=None) as handle:
            return handle.read()


def open_text(path: Path, display: str) -> TextFile:
    """Check ``path`` and pick its encoding; raise a PublishError for empty, binary or unreadable files."""
    head = _head(path, display)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return TextFile(path, display, "utf-16", ["read as UTF-16 (byte-order mark found)"])
    if any(byte in _CONTROL for byte in head):
        raise _binary(display)
    bad_line = _first_invalid_utf8_line(path, display)
    if bad_line is None:
        return TextFile(path, display, "utf-8-sig")
    if not _decodes_as(path, "cp1252"):
        raise PublishError(
            "the file is neither UTF-8 nor cp1252 text",
            path=display,
            line=bad_line,
            hint="save it as UTF-8 text (in most editors: Save As, encoding UTF-8) and run assemble again.",
        )
    return TextFile(
        path, display, "cp1252",
        [f"not valid UTF-8 (first bad byte on line {bad_line}); assumed cp1252 (Windows Western) encoding"],
    )


def check_not_binary(path: Path, display: str) -> bytes:
    """The first bytes of a file that must be text (HTML pages are decoded by their parser)."""
    head = _head(path, display)
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _binary(display)
    return head


def _head(path: Path, display: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF)
    except OSError as exc:
        raise PublishError(f"cannot read the file: {exc.strerror}", path=display,
                           hint="check the path and the file's permissions.") from None
    if not head.strip():
        raise PublishError("the file is empty", path=display, hint="paste the article text into it, or leave it out.")
    return head


def _binary(display: str) -> PublishError:
    return PublishError(
        "the file is binary, not text",
        path=display,
        hint="assemble reads plain-text dumps (.txt), saved web pages (.html) and Markdown (.md); "
        "for a PDF or Word file, copy its text into a .txt file first.",
    )


def _first_invalid_utf8_line(path: Path, display: str) -> int | None:
    """The line of the first byte that is not UTF-8, or None when the whole file is valid UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    newlines = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            if b"\x00" in chunk:
                raise _binary(display)
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return newlines + chunk.count(b"\n", 0, exc.start) + 1
            newlines += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return newlines + 1
    return None


def _decodes_as(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(_CHUNK), b""):
                decoder.decode(chunk)
        return True
    except UnicodeDecodeError:
        return False
