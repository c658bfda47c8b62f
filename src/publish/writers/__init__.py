"""The writer registry: each format is one module with a function ``(Book, Options) -> bytes``.

``WRITERS`` is made on first use, so that importing ``writers.options`` (as a no-op ``publish build`` does) loads
neither ebooklib nor the templates.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Book
from .options import Options

Writer = Callable[[Book, Options], bytes]


def __getattr__(name: str) -> dict[str, Writer]:
    if name != "WRITERS":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .epub import write_epub
    from .pdf import write_pdf

    writers: dict[str, Writer] = {"epub": write_epub, "pdf": write_pdf}
    globals()["WRITERS"] = writers
    return writers


__all__ = ["WRITERS", "Options", "Writer"]
