"""All-or-nothing builds and translation writes: --strict, an output path in the way, a full disk
(RLIMIT_FSIZE makes writes past a size fail with EFBIG, as a full disk fails them with ENOSPC), and the
writers' own warnings (WeasyPrint) collected as diagnostics."""

from __future__ import annotations

import hashlib
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import copy_sample, epubcheck
from publish.build import build
from publish.errors import PublishError

PUBLISH = [sys.executable, "-c", "from publish.cli import main; main()"]


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with its English and Spanish EPUBs built once."""
    root = copy_sample(tmp_path_factory.mktemp("safety") / "book")
    build(root, ["en", "es"], ["epub"])
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "book"
    shutil.copytree(built, root)
    return root


def _untranslate_one(root: Path) -> None:
    po = root / "translations" / "es" / "_book.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Dos informes de Bolivia, 2019"', 'msgstr ""'), encoding="utf-8")


def test_strict_build_with_a_warning_replaces_nothing(project: Path) -> None:
    _untranslate_one(project)
    before = _digest(project / "build")
    result = build(project, ["es"], ["epub"], strict=True)
    assert result.outputs == () and any(d.code == "untranslated" for d in result.diagnostics)
    assert _digest(project / "build") == before
    result = build(project, ["es"], ["epub"])  # the same build without --strict does replace the EPUB
    assert result.outputs and _digest(project / "build") != before
    assert epubcheck(result.outputs[0]) == []


def test_strict_cli_exits_1_and_says_build_is_unchanged(project: Path) -> None:
    _untranslate_one(project)
    before = _digest(project / "build")
    proc = subprocess.run([*PUBLISH, "build", "--lang", "es", "--format", "epub", "--strict", "-C", str(project)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "build/ was left as it was" in proc.stderr, proc.stderr
    assert _digest(project / "build") == before


def test_an_output_path_that_is_a_folder_fails_before_anything_is_replaced(project: Path) -> None:
    (project / "build" / "bolivia-2019.en.pdf").mkdir()
    before = _digest(project / "build")
    with pytest.raises(PublishError) as caught:
        build(project, ["en"], ["epub", "pdf"])
    assert caught.value.exit_code == 5
    assert "build/bolivia-2019.en.pdf" in caught.value.one_line() and "folder" in caught.value.one_line()
    assert _digest(project / "build") == before


def _small_files_only() -> None:
    """In the child: writes past 20 KB fail with EFBIG (SIGXFSZ ignored), like a disk that is full."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def _run_limited(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PUBLISH, *args], capture_output=True, text=True, timeout=120,
                          preexec_fn=_small_files_only)


def test_a_full_disk_during_build_is_exit_5_naming_the_file(project: Path) -> None:
    (project / "manuscript" / "01-chapare.md").touch()
    before = _digest(project / "build")
    proc = _run_limited("build", "--lang", "en", "--format", "epub", "--force", "-C", str(project))
    assert proc.returncode == 5, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write build/bolivia-2019.en.epub" in lines[0] and "None" not in lines[0]
    assert _digest(project / "build") == before
    assert not [p for p in project.rglob(".*") if p.is_file()], "temp files left behind"


def test_a_full_disk_during_translate_is_exit_5_and_leaves_no_lock(project: Path) -> None:
    folder = project / "translations" / "es"
    (folder / "chapare.po").unlink()
    before = _digest(project / "translations")
    proc = _run_limited("translate", "--engine", "apertium", "-C", str(project))
    if "no translation engine" in proc.stderr or "apertium" not in proc.stderr:
        pytest.skip("apertium-eng-spa is not installed")
    assert proc.returncode == 5, proc.stderr
    assert "translations/es/chapare.po: cannot write the translation file" in proc.stderr
    assert _digest(project / "translations") == before
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "a .lock or temp file was left"


def test_weasyprint_warnings_become_diagnostics(tmp_path: Path) -> None:
    """A refused remote image and a file:// reference outside the project, rendered by the real WeasyPrint."""
    from weasyprint import HTML

    from publish.render_pool import _collect
    from publish.writers.pdf import project_fetcher

    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    root = tmp_path / "book"
    root.mkdir()
    found: list = []  # type: ignore[type-arg]
    html = f'<p><img src="https://example.com/x.png" alt="a"><img src="file://{outside}" alt="b"></p>'
    with _collect(found, "build/x.pdf"):
        HTML(string=html, base_url=str(root) + "/", url_fetcher=project_fetcher(root)).write_pdf()
    messages = [d.one_line() for d in found]
    assert any("https://example.com/x.png" in m for m in messages), messages
    assert any(str(outside) in m for m in messages), messages
    assert all(d.path == "build/x.pdf" and d.hint and "image" in d.hint for d in found)


def test_an_unwritable_translation_folder_is_exit_5_naming_the_lock(project: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores chmod, so the refusal is injected where the lock is created (os.open), as EACCES."""
    import os

    from publish.translate import lock
    from publish.translate.run import RunOptions, translate_project

    real_open = os.open

    def refuse(path: object, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    (project / "manuscript" / "01-chapare.md").touch()
    before = _digest(project / "translations")
    monkeypatch.setattr(lock.os, "open", refuse)
    with pytest.raises(PublishError) as caught:
        translate_project(project, RunOptions(engine="apertium", redo_machine=True))
    assert caught.value.exit_code == 5
    assert caught.value.one_line().startswith("translations/es/.lock: cannot create the translation lock: "
                                              "Permission denied")
    assert _digest(project / "translations") == before
