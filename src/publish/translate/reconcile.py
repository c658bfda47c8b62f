"""Keeping a translator's edit saved while ``publish translate`` runs: the file is re-read just before each write.

PO editors do not take publish's lock, so a translator may save a file between the moment translate read it
and the moment it writes its drafts back. Each write first compares the file on disk with what this run last
read or wrote (its sha256); if they differ, every entry the translator changed since then (msgstr, flags,
translator comments) replaces this run's copy of it: the human edit wins, and nothing on disk is lost.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import polib

from ..errors import Diagnostic, ExitCode, PublishError
from .pofile import read_po_cleaned

Snapshot = dict[tuple[str, str], tuple[str, tuple[str, ...], str]]


def file_digest(path: Path, rel: str | None = None) -> str | None:
    """sha256 of the file's bytes, or None when it does not exist."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PublishError(f"cannot read the translation file again before writing it: {exc.strerror}",
                           path=rel or str(path), exit_code=ExitCode.OUTPUT) from None


def snapshot(entries: list[polib.POEntry]) -> Snapshot:
    """What a translator can change in each live entry, keyed by (msgctxt, msgid)."""
    return {(e.msgctxt or "", e.msgid): (e.msgstr, tuple(e.flags), e.tcomment or "") for e in entries if not e.obsolete}


def take_disk_edits(path: Path, rel: str, seen: str | None, baseline: Snapshot,
                    entries: list[polib.POEntry]) -> list[Diagnostic]:
    """Copy into ``entries`` every edit saved to ``path`` since it was ``seen``; warn once per file merged."""
    if file_digest(path, rel) == seen:
        return []
    try:
        disk, _ = read_po_cleaned(path, rel)
    except PublishError as exc:  # saved half-way or broken: writing over it would lose the translator's work
        raise PublishError(f"the file changed while publish translate ran and cannot be read now ({exc.message})",
                           path=rel, line=exc.line, hint="fix or finish saving it, then run publish translate "
                           "again; publish did not write over it.", exit_code=ExitCode.INPUT) from None
    ours = {(e.msgctxt or "", e.msgid): e for e in entries if not e.obsolete}
    taken = 0
    for key, (msgstr, flags, tcomment) in snapshot(list(disk)).items():
        entry = ours.get(key)
        if entry is None or baseline.get(key) == (msgstr, flags, tcomment):
            continue
        entry.msgstr, entry.flags, entry.tcomment = msgstr, list(flags), tcomment
        taken += 1
    if not taken:
        return []
    return [Diagnostic("po-edited-during-run", f"kept {taken} edit(s) saved while publish translate ran", rel,
                       hint="nothing was lost; check the file in your PO editor.")]
