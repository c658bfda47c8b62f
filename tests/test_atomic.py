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


def test_a_target_that_is_a_folder_fails_before_any_file_is_written(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_bytes(b"kept")
    (tmp_path / "second.txt").mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        replace_all([(first, b"replaced"), (tmp_path / "second.txt", b"never")])
    assert caught.value.filename == str(tmp_path / "second.txt")
    assert first.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.txt", "second.txt"]


def test_a_rename_failing_late_puts_back_the_files_already_renamed(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A rename can still fail after the checks (a race, a full directory): the earlier ones are undone."""
    first, second, third = (tmp_path / name for name in ("first.txt", "second.txt", "third.txt"))
    first.write_bytes(b"old first")
    real_replace = os.replace
    calls: list[str] = []

    def failing_replace(src: str, dst: str) -> None:
        calls.append(str(dst))
        if str(dst) == str(third):
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        replace_all([(first, b"new first"), (second, b"new second"), (third, b"new third")])
    assert first.read_bytes() == b"old first" and not second.exists() and not third.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.txt"]


def test_an_interrupt_while_staging_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "chmod", interrupted)
    with pytest.raises(KeyboardInterrupt):
        replace_all([(tmp_path / "a.txt", b"a")])
    assert list(tmp_path.iterdir()) == []
