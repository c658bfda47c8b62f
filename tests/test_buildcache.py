"""Up-to-date checks: unchanged outputs are kept, edits rebuild what they affect, --force gives the same bytes,
cached warnings still fail --strict, and a no-op build answers from the manifest without loading the writers."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import epubcheck

from publish.build import build
from publish.buildcache import MANIFEST

EN_EPUB, ES_EPUB = "build/bolivia-2019.en.epub", "build/bolivia-2019.es.epub"
ARTICLE = "manuscript/01-chapare.md"


def _state(root: Path) -> dict[str, tuple[str, int]]:
    """Every file in build/ (the manifest included): its digest and its inode (a rewrite makes a new one)."""
    return {str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_ino)
            for p in sorted((root / "build").rglob("*")) if p.is_file()}


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unchanged_outputs_are_kept_and_force_writes_the_same_bytes(project: Path) -> None:
    first = build(project, ["en"], ["epub", "pdf"])
    assert first.up_to_date == () and len(first.outputs) == 2
    before = _state(project)
    again = build(project, ["en"], ["epub", "pdf"])
    assert again.outputs == first.outputs and again.up_to_date == first.outputs
    assert _state(project) == before  # not even rewritten
    forced = build(project, ["en"], ["epub", "pdf"], force=True)
    assert forced.up_to_date == ()
    after = _state(project)
    for rel in (EN_EPUB, "build/bolivia-2019.en.pdf"):
        assert after[rel][0] == before[rel][0] and after[rel][1] != before[rel][1]  # rewritten, same bytes
    assert epubcheck(project / EN_EPUB) == []


def test_an_edit_rebuilds_the_outputs_it_affects_and_no_others(project: Path) -> None:
    build(project, ["en", "es"], ["epub"])
    po = project / "translations/es/_book.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = build(project, ["en", "es"], ["epub"])
    assert result.up_to_date == (project / EN_EPUB,)  # a Spanish segment file: only the Spanish edition
    (project / "translations/es/extra.po").write_text("", encoding="utf-8")  # a new file in the folder counts
    assert build(project, ["en", "es"], ["epub"]).up_to_date == (project / EN_EPUB,)
    (project / "translations/es/extra.po").unlink()
    _edit(project, ARTICLE, "Since the November 10 coup,", "Since the coup of November 10,")
    assert build(project, ["en", "es"], ["epub"]).up_to_date == ()  # both editions are built from the article
    assert "Since the coup of November 10," in _epub_text(project / EN_EPUB)
    (project / EN_EPUB).write_bytes(b"damaged by hand")
    assert build(project, ["en", "es"], ["epub"]).up_to_date == (project / ES_EPUB,)
    assert epubcheck(project / EN_EPUB) == [] and epubcheck(project / ES_EPUB) == []


def test_options_and_the_epoch_are_inputs(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, ["en"], ["epub"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build(project, ["en"], ["epub"]).up_to_date == ()
    assert build(project, ["en"], ["epub"]).up_to_date == (project / EN_EPUB,)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build(project, ["en"], ["epub"]).up_to_date == ()


def test_a_cached_warning_still_fails_strict(project: Path) -> None:
    _edit(project, ARTICLE, "::: figure\nPeople are happy",
          "![A remote photo](https://example.org/photo.jpg)\n\n::: figure\nPeople are happy")
    assert any(d.code == "remote-image" for d in build(project, ["en"], ["epub"]).diagnostics)
    before = _state(project)
    strict = build(project, ["en"], ["epub"], strict=True)
    assert strict.outputs == () and any(d.code == "remote-image" for d in strict.diagnostics)
    proc = _cli(project, "build", "--format", "epub", "--strict")
    assert proc.returncode == 1 and "remote-image" in proc.stderr and "left as it was" in proc.stderr, proc.stderr
    assert _state(project) == before
    plain = _cli(project, "build", "--format", "epub")  # without --strict: the same warning, printed once
    assert plain.returncode == 0 and plain.stderr.count("remote-image") == 1
    assert "up to date: build/bolivia-2019.en.epub" in plain.stdout


def test_a_damaged_manifest_means_a_full_build(project: Path) -> None:
    build(project, ["en"], ["epub"])
    (project / MANIFEST).write_text("{not json", encoding="utf-8")
    assert build(project, ["en"], ["epub"]).up_to_date == ()
    assert json.loads((project / MANIFEST).read_text(encoding="utf-8"))["version"] == 1


NOOP = """
import sys, time
from publish.cli import main
sys.argv = ["publish", "build", "--lang", "all", "-C", sys.argv[1]]
try:
    main()
except SystemExit as exc:
    heavy = sorted(m for m in ("weasyprint", "ebooklib", "markdown_it", "jinja2", "babel", "typer", "pydantic")
                   if m in sys.modules)
    print("EXIT", exc.code, "HEAVY", ",".join(heavy))
"""


def _noop_run(project: Path) -> str:
    assert _cli(project, "build", "--lang", "all").returncode == 0
    proc = subprocess.run([sys.executable, "-c", NOOP, str(project)], capture_output=True, text=True, timeout=60)
    return proc.stdout + proc.stderr


def test_a_noop_build_loads_no_writer_and_is_quick(project: Path) -> None:
    # publish's own files are inputs too: while other work edits src/ during the suite, a build can
    # legitimately be stale; one of three tries must find it up to date.
    tries = [_noop_run(project) for _ in range(1)]
    while "EXIT 0 HEAVY \n" not in tries[-1] and len(tries) < 3:
        tries.append(_noop_run(project))
    assert "EXIT 0 HEAVY \n" in tries[-1] and tries[-1].count("up to date:") == 6, tries
    times = []
    for _ in range(3):
        start = time.perf_counter()
        assert _cli(project, "build", "--lang", "all").returncode == 0
        times.append(time.perf_counter() - start)
    assert min(times) < 1.5, times  # about 0.2 s on an idle machine (bench/bench_fast.py); the suite shares 2 cores


def test_a_repeated_command_is_answered_as_typer_would(project: Path) -> None:
    first = _cli(project, "build", "--format", "epub", "--lang", "all")
    assert first.returncode == 0 and first.stdout.count("wrote") == 3, first.stderr
    repeated = _cli(project, "build", "--format", "epub", "--lang", "all")  # answered before Typer (see NOOP)
    respelled = _cli(project, "build", "--lang", "all", "--format", "epub")  # not recorded: Typer parses it
    assert repeated.returncode == respelled.returncode == 0
    assert repeated.stdout == respelled.stdout and repeated.stdout.count("up to date:") == 3
    assert repeated.stderr == respelled.stderr
    # A same-size edit with its modification time put back is still seen (the inode's change time moved).
    path = project / ARTICLE
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "November 10" in text
    path.write_text(text.replace("November 10", "November 11", 1), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns
    probe = ("import sys\nfrom publish.cli import main\nsys.argv = ['publish', 'build', '--format', 'epub', '--lang', "
             "'all', '-C', sys.argv[1]]\ntry:\n    main()\nexcept SystemExit as exc:\n"
             "    print('EXIT', exc.code, 'TYPER', 'typer' in sys.modules)")
    rebuilt = subprocess.run([sys.executable, "-c", probe, str(project)], capture_output=True, text=True, timeout=300)
    # The recorded options are used: the rebuild runs without Typer, and says what a parsed command says.
    assert "EXIT 0 TYPER False" in rebuilt.stdout and rebuilt.stdout.count("wrote") == 3, rebuilt
    assert "November 11" in _epub_text(project / EN_EPUB)


def test_recorded_options_that_point_elsewhere_are_not_followed(project: Path, tmp_path: Path) -> None:
    """The manifest is a file in the project: a hostile one cannot send a repeated build to another folder."""
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(project, elsewhere)
    assert _cli(project, "build", "--format", "epub").returncode == 0
    manifest = json.loads((project / MANIFEST).read_text(encoding="utf-8"))
    for recorded in manifest["commands"].values():
        recorded["args"]["directory"] = str(elsewhere)
    (project / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    _edit(project, ARTICLE, "Since the November 10 coup,", "Since the coup of November 10,")
    rebuilt = _cli(project, "build", "--format", "epub")
    assert rebuilt.returncode == 0 and "wrote build/bolivia-2019.en.epub" in rebuilt.stdout, rebuilt
    assert not (elsewhere / "build").exists()
    assert "Since the coup of November 10," in _epub_text(project / EN_EPUB)


def test_a_repeated_strict_command_still_fails_on_a_cached_warning(project: Path) -> None:
    _edit(project, ARTICLE, "::: figure\nPeople are happy",
          "![A remote photo](https://example.org/photo.jpg)\n\n::: figure\nPeople are happy")
    assert _cli(project, "build", "--format", "epub").returncode == 0  # records the words, with the warning
    strict_words = ("build", "--format", "epub", "--strict")
    assert _cli(project, *strict_words).returncode == 1  # a strict build with warnings writes nothing...
    fast = subprocess.run([sys.executable, "-c", NOOP.replace('["publish", "build", "--lang", "all", "-C", sys.argv[1]]',
                                                             '["publish", "build", "--format", "epub", "-C", sys.argv[1]]'),
                           str(project)], capture_output=True, text=True, timeout=60)
    assert "EXIT 0 HEAVY \n" in fast.stdout and "remote-image" in fast.stderr, fast  # ...the plain words repeat
    assert "up to date: build/bolivia-2019.en.epub" in fast.stdout


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).parent / "publish"), *args, "-C", str(root)],
                          capture_output=True, text=True, timeout=300)


def _epub_text(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xhtml"))


def test_progress_bars_on_a_terminal_and_nothing_elsewhere(project: Path) -> None:
    import os
    import pty

    plain = _cli(project, "build", "--format", "epub")
    assert plain.returncode == 0 and plain.stderr == "" and "\x1b" not in plain.stdout
    main, side = pty.openpty()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "publish"), "build", "--format", "epub", "--force",
                             "-C", str(project)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=side,
                            env={**os.environ, "TERM": "xterm", "COLUMNS": "100"})
    os.close(side)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the pty closes when publish exits
            break
        if not chunk:
            break
        seen += chunk
    os.close(main)
    assert proc.wait(timeout=60) == 0
    assert b"en epub" in seen and "━".encode() in seen and b"100%" in seen, seen[-400:]
