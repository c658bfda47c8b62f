"""The writer registry: each format is one module with a function ``(Book, Options) -> bytes``."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Book
from .epub import write_epub
from .options import Options
from .pdf import write_pdf

Writer = Callable[[Book, Options], bytes]

WRITERS: dict[str, Writer] = {"epub": write_epub, "pdf": write_pdf}

__all__ = ["WRITERS", "Options", "Writer"]
