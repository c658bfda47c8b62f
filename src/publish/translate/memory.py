"""The segment memory of one language: its PO files, read into entries indexed by segment id."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from .glossary import Glossary, load_glossary
from ..errors import Diagnostic, PublishError
from .pofile import read_po_digest

TRANSLATIONS = "translations"


@dataclass
class MemoryFile:
    """One PO file: ``name`` is the article slug (or ``_book``)."""

    name: str
    path: Path
    rel: str
    po: polib.POFile | None
    """None when the file does not exist yet."""
    by_id: dict[str, polib.POEntry] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    """What reading it removed (control characters in a msgstr)."""
    seen: str | None = None
    """sha256 of the file as this run last read (the bytes parsed) or wrote it (None: it did not exist)."""
    baseline: dict[tuple[str, str], tuple[str, tuple[str, ...], str]] = field(default_factory=dict)
    """Each live entry's translator-owned fields as last read or written (see ``reconcile``)."""

    def __post_init__(self) -> None:
        if self.po is not None:
            self.by_id = {e.msgctxt: e for e in self.po if not e.obsolete and e.msgctxt}


@dataclass
class Memory:
    """Every PO file of ``translations/<lang>/`` plus its glossary."""

    root: Path
    lang: str
    files: dict[str, MemoryFile]
    glossary: Glossary

    def entry(self, file: str, segment_id: str) -> polib.POEntry | None:
        memory_file = self.files.get(file)
        return memory_file.by_id.get(segment_id) if memory_file else None


def language_folder(root: Path, lang: str) -> tuple[Path, str]:
    """``translations/<lang>`` as a path and as the relative name used in messages."""
    rel = f"{TRANSLATIONS}/{lang}"
    return root / TRANSLATIONS / lang, rel


def open_file(root: Path, lang: str, name: str, shared: bool = False) -> MemoryFile:
    """Read ``translations/<lang>/<name>.po`` (or note that it does not exist yet); ``shared``: see
    ``read_memory``."""
    folder, rel = language_folder(root, lang)
    path = folder / f"{name}.po"
    rel_path = f"{rel}/{name}.po"
    from .reconcile import snapshot

    if path.exists() and not path.is_file():
        raise PublishError("this is a folder (or device), not a PO file", path=rel_path,
                           hint="move it out of the way; publish keeps one PO file per article there.")
    if not path.is_file():
        return MemoryFile(name, path, rel_path, None)
    po, warnings, seen = read_po_digest(path, rel_path, shared)
    return MemoryFile(name, path, rel_path, po, warnings=warnings, seen=seen, baseline=snapshot(list(po)))


def read_memory(root: Path, lang: str, shared: bool = False) -> Memory:
    """Every ``*.po`` file of the language folder (I/O); a corrupt file is a PublishError.

    ``shared`` is for readers that never change the memory (editions): a file whose bytes have not changed
    since this process last parsed it is not parsed again, and its entries are the same objects.
    """
    folder, rel = language_folder(root.resolve(), lang)
    files: dict[str, MemoryFile] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.po")):
            files[path.stem] = open_file(root.resolve(), lang, path.stem, shared)
    return Memory(root.resolve(), lang, files, load_glossary(folder, rel))
