"""A build's scratch space for what is too big to hold in memory until the end: laid-out PDF parts, and joined
PDFs. It is made of anonymous files (created and unlinked at once, in the project folder): nothing of it can be
left behind, even by ``kill -9``, and ``atomic.replace_all`` copies from it when the outputs are written.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO


@dataclass(frozen=True)
class Kept:
    """A part's bytes, kept in the stage's spill file."""

    stage: Stage
    offset: int
    length: int

    def read(self) -> bytes:
        spill = self.stage.spill
        assert spill is not None
        spill.seek(self.offset)
        return spill.read(self.length)


class Stage:
    """``with Stage(root) as stage:`` the files are closed (and so gone) after."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.spill: IO[bytes] | None = None
        self.files: list[IO[bytes]] = []

    def keep(self, data: bytes) -> Kept:
        """``data`` appended to one spill file (one descriptor, however many parts)."""
        if self.spill is None:
            self.spill = self.file()
        self.spill.seek(0, 2)
        offset = self.spill.tell()
        self.spill.write(data)
        return Kept(self, offset, len(data))

    def file(self) -> IO[bytes]:
        """A new anonymous file to write an output into."""
        handle = tempfile.TemporaryFile(dir=self.root)
        self.files.append(handle)
        return handle

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        for handle in self.files:
            handle.close()
