"""The bad-input catalogue: every row in ``tests/catalogue/*.yaml`` is one input or fault, the exit code
and message it must give, and what must be left unchanged afterwards.

A row (all keys but ``id``, ``run`` and ``exit`` optional)::

    - id: slug-escapes-project          # unique across the catalogue
      built_first: true                 # start from the sample already built (default true)
      setup:                            # applied in order to a fresh copy of the sample project
        - edit: {file: publish.yaml, old: "slug: bolivia-2019", new: "slug: ../../x"}
        - write: {file: manuscript/03-x.md, text: "..."}     # or bytes_hex: "efbbbf..."
        - append: {file: publish.yaml, text: "..."}
        - delete: {file: manuscript/02-bolivian-coup.md}
        - symlink: {file: manuscript/01-chapare.md, to: "{outside}/secret.md"}
        - mkdir: {file: build/bolivia-2019.en.pdf}
        - chmod: {file: translations/es, mode: 0o500}
        - raster: {file: manuscript/images/a.gif, format: GIF}   # a real 40x30 image made with Pillow
        - png: {file: manuscript/images/big.png, width: 20000, height: 20000}   # a valid 1-bit PNG, any size
      run: [build, --strict]            # publish arguments; "-C {root}" is added unless "{root}" appears
      exit: 3
      says: ["publish.yaml:", "slug"]   # substrings of the one stderr line (case-sensitive)
      lines: 1                          # non-blank stderr lines allowed (default 1 when exit != 0)
      unchanged: [build, manuscript, translations]   # default: all three (for exit != 0)

``{root}`` is the project and ``{outside}`` a folder beside it, which must end empty of anything the run
wrote (nothing is written outside the project). ``publish.yaml`` is always compared too when the run fails.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

from helpers import copy_sample, run_publish

CATALOGUE = Path(__file__).parent / "catalogue"
PROTECTED = ("build", "manuscript", "translations")


def _rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(CATALOGUE.glob("*.yaml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            row["_file"] = path.name
            rows.append(row)
    return rows


ROWS = _rows()


def test_catalogue_ids_are_unique() -> None:
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project built once; each row starts from a copy of it."""
    root = copy_sample(tmp_path_factory.mktemp("catalogue") / "book")
    result = run_publish("build", "-C", str(root))
    assert result.returncode == 0, result.stderr
    return root


def _digest(path: Path) -> dict[str, str]:
    if path.is_file():
        return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()}
    if not path.is_dir():
        return {}
    out = {}
    for item in sorted(path.rglob("*")):
        if item.is_file() and not item.is_symlink():
            out[str(item.relative_to(path))] = hashlib.sha256(item.read_bytes()).hexdigest()
    return out


def _fill(value: Any, root: Path, outside: Path) -> Any:
    if isinstance(value, str):
        return value.replace("{root}", str(root)).replace("{outside}", str(outside))
    if isinstance(value, list):
        return [_fill(v, root, outside) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, root, outside) for k, v in value.items()}
    return value


def _apply(step: dict[str, Any], root: Path) -> None:
    (action, spec), = step.items()
    target = root / spec["file"]
    if action == "edit":
        text = target.read_text(encoding="utf-8")
        assert spec["old"] in text, f"{spec['old']!r} not in {spec['file']}"
        target.write_text(text.replace(spec["old"], spec["new"], 1), encoding="utf-8")
    elif action in ("write", "append"):
        target.parent.mkdir(parents=True, exist_ok=True)
        data = bytes.fromhex(spec["bytes_hex"]) if "bytes_hex" in spec else spec["text"].encode("utf-8")
        with target.open("ab" if action == "append" else "wb") as handle:
            handle.write(data)
    elif action == "delete":
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    elif action == "symlink":
        if target.exists() or target.is_symlink():
            target.unlink()
        target.symlink_to(spec["to"])
    elif action == "mkdir":
        if target.is_file():
            target.unlink()
        target.mkdir(parents=True, exist_ok=True)
    elif action == "chmod":
        target.chmod(int(str(spec["mode"]), 0))  # YAML reads 0o500 as text, 320 as a number
    elif action == "raster":
        target.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (40, 30), (200, 120, 40)).save(target, spec["format"])
    elif action == "png":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_big_png(int(spec["width"]), int(spec["height"])))
    else:
        raise AssertionError(f"unknown catalogue action {action!r}")


def _big_png(width: int, height: int) -> bytes:
    """A valid black 1-bit PNG of any size, compressed row by row (a 20000x20000 one is ~50 KB, made in
    well under a second, without holding its pixels in memory)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)  # filter byte 0, then the packed pixels
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_catalogue_row(row: dict[str, Any], tmp_path: Path, built_template: Path) -> None:
    if row.get("root_only") and os.geteuid() != 0:
        pytest.skip("needs root")
    root = tmp_path / "book"
    outside = tmp_path / "outside"
    outside.mkdir()
    if row.get("built_first", True):
        shutil.copytree(built_template, root, symlinks=True)
    else:
        copy_sample(root)
    for step in row.get("setup", []):
        _apply(_fill(step, root, outside), root)
    outside_before = _digest(outside)
    watched = [*row.get("unchanged", PROTECTED), "publish.yaml"]
    before = {name: _digest(root / name) for name in watched}
    args = _fill([str(a) for a in row["run"]], root, outside)
    if not any(str(root) in a for a in args):
        args = [*args, "-C", str(root)]
    try:
        result = run_publish(*args)
    finally:
        for item in root.rglob("*"):  # undo chmod so tmp_path can be cleaned
            if not item.is_symlink():
                item.chmod(0o755 if item.is_dir() else 0o644)
    assert result.returncode == row["exit"], f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if row["exit"] != 0:
        assert len(lines) <= row.get("lines", 1), result.stderr
        assert all(s in result.stderr for s in row.get("says", [])), result.stderr
        after = {name: _digest(root / name) for name in watched}
        assert after == before, "a failed run changed the project"
    else:
        assert all(s in result.stderr + result.stdout for s in row.get("says", [])), result.stderr
    assert _digest(outside) == outside_before, "the run wrote outside the project"
    strays = [p for p in tmp_path.iterdir() if p.name not in ("book", "outside")]
    assert not strays, f"written beside the project: {strays}"
