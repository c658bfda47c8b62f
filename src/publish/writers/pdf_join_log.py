"""The join's log: what joining each part added, so the next build's join starts where the parts change.

A part's bytes in the joined file depend only on the part and on where the joiner stands when it comes: object
and parent-tree numbers taken so far, pages so far, the last left-hand page, the top structure element it may
continue (pdf_join ``_Joiner.position``). After an edit to one article, every other part is the same; if the
edited part leaves the joiner where it left it last time (the same page and object counts: a typical fix), the
parts after it also write the same bytes as last time, only at another offset. The log keeps, for each part
joined: a digest of its key (which names its PDF) and flags, where its bytes ended, their sha256, and what the joiner took from it
(pages, structure elements, parent-tree entries, bookmarks, destinations, folio numbers, object offsets, and the
position after it). The next join copies each such step's bytes from the last output and replays it, and joins
the other parts (pdf_join.join): one article's edit joins one article.

It trusts a step only when everything agrees: the part's digest, the joiner's position, the log's version and
the sha256 of the bytes copied (a hand-edited or truncated output fails it, and the join then starts again from
the first part, copying nothing). The log is JSON
(bytes as Latin-1 text): nothing read from build/ can run code. It is written with the output, in the same
all-or-nothing replace (pdf_cache), so it always describes the output beside it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

VERSION = 3
"""2: one line per step, its state kept as JSON text until a join replays it (a 1,000-article book's log, parsed
whole, held 80 MB of Python objects). 3: a destination's array after its page is one text; structure elements
held open below a top one (pdf_join ``_Top.inner``)."""


def piece_digest(identity: bytes, flags: tuple[bool | int, ...]) -> str:
    """What identifies a joined part: its cache key (or its PDF) and how it is joined."""
    return hashlib.sha256(identity + b"\0" + repr(flags).encode()).hexdigest()


def text(data: bytes) -> str:
    return data.decode("latin-1")


def raw(data: str) -> bytes:
    return data.encode("latin-1")


@dataclass
class Step:
    """What joining one part added (see the module docstring)."""

    digest: str
    """The part's (``piece_digest``)."""
    end: int
    """Where its bytes end in the output."""
    sha: str
    """sha256 of its bytes (from the last step's end, or from the header's for the first)."""
    after: Any
    """The joiner's position after it (pdf_join ``_Joiner.position``), as JSON values."""
    state_text: str = "{}"
    """The joiner's state it added, as JSON text: parsed only if the step is replayed."""

    def state(self) -> dict[str, Any]:
        value = json.loads(self.state_text)
        if not isinstance(value, dict):
            raise ValueError("a join log step whose state is not an object")
        return value

    def line(self) -> str:
        """The step as one line: its head, a tab (JSON text has none), its state."""
        return json.dumps([self.digest, self.end, self.sha, self.after], separators=(",", ":")) + "\t" + \
            self.state_text

    @classmethod
    def parse(cls, line: str) -> Step:
        head, state = line.split("\t", 1)
        digest, end, sha, after = json.loads(head)
        return cls(str(digest), int(end), str(sha), after, state)


@dataclass
class Resume:
    """The last join's log and the output it describes."""

    steps: list[Step]
    previous: Path

    @classmethod
    def load(cls, log: Path, previous: Path) -> Resume | None:
        """The log at ``log``, if it is readable and of this version, else None."""
        try:
            first, *lines = log.read_text(encoding="utf-8").split("\n")
            if json.loads(first).get("version") != VERSION or not previous.is_file():
                return None
            return cls([Step.parse(line) for line in lines if line], previous)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


class LogWriter:
    """The log as it is written, a line per step as the join takes it (to a file: a 1,000-article book's log
    is about 11 MB, never held whole): a line with its version, then a line per step."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.restart()

    def restart(self) -> None:
        """Empty, with its version line (the join starts again from the first part)."""
        self.out.seek(0)
        self.out.truncate()
        self.out.write(json.dumps({"version": VERSION}).encode() + b"\n")

    def add(self, step: Step) -> None:
        self.out.write(step.line().encode() + b"\n")
