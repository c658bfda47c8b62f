"""replace_all: every file is replaced, or none is, and no temp file is left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from publish.atomic import replace_all


def test_replaces_every_file_and_keeps_an_existing_mode(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_bytes(b"before")
    os.chmod(old, 0o640)
    written = replace_all([(old, b"after"), (tmp_path / "sub" / "new.txt", b"new")], durable=True)
    assert written == [old, tmp_path / "sub" / "new.txt"]
    assert old.read_bytes() == b"after" and (tmp_path / "sub" / "new.txt").read_bytes() == b"new"
    assert old.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.rglob(".*")) == []


def test_a_failure_part_way_changes_nothing(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_bytes(b"kept")
    (tmp_path / "blocker").write_bytes(b"a file where a folder is needed")
    with pytest.raises(OSError):
        replace_all([(first, b"replaced"), (tmp_path / "blocker" / "second.txt", b"never")])
    assert first.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "first.txt"]
