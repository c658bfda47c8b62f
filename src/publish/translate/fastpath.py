"""The no-op fast path: skip reading the book and the PO files when nothing changed since the last run.

After a complete run, ``build/.translate-<lang>.json`` records a hash of ``publish.yaml`` and of every
manuscript file, and the size and mtime of every file in ``translations/<lang>/``. When all of them
still match (and publish's segmentation version too), the memory is already up to date. Any change,
including a translator saving a PO file, falls back to the full merge.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .memory import language_folder
from .pofile import write_atomic

STATE_VERSION = "1"
"""Bump when the PO layout changes, so old states are ignored."""
_SEGMENTATION = ("segments.py", "sentences.py", "markup.py", "merge.py", "pofile.py")
"""The code that decides segments and ids: a change to it (a new translatable field) invalidates the state."""


def _state_path(root: Path, lang: str) -> Path:
    return root / "build" / f".translate-{lang}.json"


def fingerprint(root: Path, lang: str) -> dict[str, object]:
    sources = [root / "publish.yaml", *sorted((root / "manuscript").glob("*.md"))]
    folder, _ = language_folder(root, lang)
    memory = sorted(p for p in folder.glob("*") if p.is_file() and p.name != ".lock") if folder.is_dir() else []
    code = hashlib.sha1(b"".join((Path(__file__).parent / name).read_bytes() for name in _SEGMENTATION))
    return {
        "version": f"{STATE_VERSION}:{code.hexdigest()[:12]}",
        "sources": {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sources if p.is_file()},
        "memory": {p.name: [p.stat().st_size, p.stat().st_mtime_ns] for p in memory},
    }


def unchanged(root: Path, lang: str) -> bool:
    try:
        recorded = json.loads(_state_path(root, lang).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(recorded == fingerprint(root, lang))


def record(root: Path, lang: str) -> None:
    try:
        write_atomic(_state_path(root, lang), json.dumps(fingerprint(root, lang), sort_keys=True))
    except Exception:  # noqa: BLE001 - a cache that cannot be written only costs speed next time
        pass
