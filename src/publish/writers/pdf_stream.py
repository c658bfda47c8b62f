"""Writing a PDF object by object, each source file's objects renumbered into the output as they are read.

The join (pdf_join) reads one part at a time with pikepdf and writes its objects here at once, so memory holds
one part, not the whole book (pikepdf's own copy between files keeps every joined object: 0.9 MB per article).
An object is taken as QPDF writes it (``unparse``: strings escaped, references as ``N G R``) and its references
are renumbered outside string literals. Streams keep their encoded data. The cross-reference table is classic,
the ``/ID`` a digest of the bytes written: the same parts give the same file.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Callable
from typing import IO, Any

import pikepdf

_TOKENS = re.compile(rb"\((?:\\.|[^\\()])*\)|(\d+) (\d+) R")
"""A literal string (QPDF escapes every parenthesis inside one) or an indirect reference."""

_LENGTH = re.compile(rb"/Length (?:\d+ \d+ R|\d+)")
ObjGen = tuple[int, int]


class Offsets:
    """Each object's offset by number (0: not written), in an array: a 1,000-article book has 400,000 objects."""

    def __init__(self) -> None:
        self.values = array("q")

    def __getitem__(self, number: int) -> int:
        return self.values[number] if number < len(self.values) else 0

    def __setitem__(self, number: int, offset: int) -> None:
        if number >= len(self.values):
            self.values.frombytes(bytes(8 * (number + 1024 - len(self.values))))  # zeros, room for more
        self.values[number] = offset


class Writer:
    """The output file: object numbers handed out in order, each object's offset kept for the xref table."""

    def __init__(self, out: IO[bytes], version: str) -> None:
        self.out = out
        self.offsets = Offsets()
        self.order = array("q")  # numbers in the order written
        self.last = 0
        self.digest = hashlib.md5(usedforsecurity=False)
        self.step = hashlib.sha256()  # the bytes since the last ``step_digest`` (the header's are not a step's)
        self.put(b"%PDF-" + version.encode() + b"\n%\xbf\xf7\xa2\xfe\n")
        self.step = hashlib.sha256()

    def reserve(self) -> int:
        self.last += 1
        return self.last

    def write(self, number: int, body: bytes, data: bytes | None = None) -> None:
        """Object ``number``: a dictionary or other value, or a stream's dictionary and its (encoded) data."""
        self.offsets[number] = self.out.tell()
        self.order.append(number)
        if data is None:
            self.put(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        else:
            self.put(b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, body, data))

    def pad(self, block: int) -> None:
        """Null objects up to the next multiple of ``block`` numbers."""
        while self.last % block:
            self.write(self.reserve(), b"null")

    def finish(self, root: int, info: int | None) -> None:
        """The cross-reference table and the trailer."""
        ident = self.digest.hexdigest().encode()
        start = self.out.tell()
        self.out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (self.last + 1))
        for first in range(1, self.last + 1, 4096):  # in batches: a big book's table is 8 MB
            self.out.write(b"".join(b"%010d 00000 n \n" % self.offsets[n]
                                    for n in range(first, min(first + 4096, self.last + 1))))
        trailer = b"<< /Size %d /Root %d 0 R%s /ID [ <%s> <%s> ] >>" % (
            self.last + 1, root, b" /Info %d 0 R" % info if info else b"", ident, ident)
        self.out.write(b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % start)

    def put(self, data: bytes) -> None:
        """Bytes as they are (objects go through ``write``; a resumed join copies the last output's)."""
        self.out.write(data)
        self.digest.update(data)
        self.step.update(data)

    def step_digest(self) -> str:
        """sha256 of the bytes written since the last call (a joined part's, pdf_join_log)."""
        done, self.step = self.step.hexdigest(), hashlib.sha256()
        return done


def renumber(text: bytes, number: Callable[[ObjGen], int]) -> bytes:
    """``text`` (an unparsed object) with each reference ``N G R`` made ``number((N, G)) 0 R``."""
    if b" R" not in text:
        return text

    def swap(match: re.Match[bytes]) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        return b"%d 0 R" % number((int(match.group(1)), int(match.group(2))))
    return _TOKENS.sub(swap, text)


class Copier:
    """One source file's objects going into a ``Writer``: each reachable object gets a new number once and is
    written once. ``redirect`` sends references to objects the output replaces (a part's page tree, structure
    root, ...) to the output's own (and those are not written: the caller writes them)."""

    def __init__(self, writer: Writer, pdf: pikepdf.Pdf, redirect: dict[ObjGen, int] | None = None) -> None:
        self.writer, self.pdf = writer, pdf
        self.numbers: dict[ObjGen, int] = dict(redirect or {})
        self.done = set(self.numbers)
        self.pending: list[ObjGen] = []

    def number(self, objgen: ObjGen) -> int:
        if objgen not in self.numbers:
            self.numbers[objgen] = self.writer.reserve()
            self.pending.append(objgen)
        return self.numbers[objgen]

    def ref(self, obj: Any) -> bytes:
        """A reference to ``obj`` (indirect) in the output, or its value written out (direct)."""
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            return b"%d 0 R" % self.number(obj.objgen)
        return self.text(obj)

    def text(self, obj: Any) -> bytes:
        """A direct value (or an indirect object's content) as output text, its references renumbered. Numbers,
        booleans and null come from pikepdf as Python values."""
        if not isinstance(obj, pikepdf.Object):
            return bytes(pikepdf.Array([obj]).unparse())[2:-2]
        return renumber(obj.unparse(resolved=True), self.number)

    def drain(self) -> None:
        """Write every object numbered so far and not yet written, and whatever they refer to."""
        while self.pending:
            objgen = self.pending.pop()
            if objgen in self.done:
                continue
            self.done.add(objgen)
            obj = self.pdf.get_object(objgen)
            if isinstance(obj, pikepdf.Stream):
                data = obj.read_raw_bytes()
                head = _LENGTH.sub(b"/Length %d" % len(data), obj.stream_dict.unparse(resolved=True), count=1)
                self.writer.write(self.numbers[objgen], renumber(head, self.number), data)
            else:
                self.writer.write(self.numbers[objgen], self.text(obj))
