"""The real argostranslate on tiny packages built here: offline installs, batched translation with
zero connection attempts (minisbd/ and stanza/ variants), and clear errors for bad package files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import polib
import pytest

from publish.errors import ExitCode, PublishError
from publish.translate import argos_packages
from publish.translate.pofile import entry_state
from publish.translate.run import RunOptions, translate_project


@pytest.mark.parametrize("variant", ["minisbd", "stanza"])
def test_argos_run_is_offline_and_batched(variant: str, tiny_packages: dict[str, Path], argos_home: Path,
                                          book_root: Path, no_network: list[str]) -> None:
    article = book_root / "manuscript" / "01-chapare.md"
    article.write_text(article.read_text(encoding="utf-8").replace("sense of dread", "sense of *dread*"),
                       encoding="utf-8")
    info = argos_packages.install_file(tiny_packages[variant])
    assert info.splitter == variant and Path(info.path).parent == argos_home
    report = translate_project(book_root, RunOptions(engine="auto"))
    assert report.engine is not None and report.engine.startswith("engine: argos")
    assert report.sent > 100 and no_network == []
    po = polib.pofile(str(book_root / "translations" / "es" / "chapare.po"))
    assert po.metadata["X-Publish-Engine"].startswith(f"argos translate-en_es-tiny-{variant} 0.0.1 sha256:")
    # The tiny model writes nonsense and drops placeholders: such drafts are flagged, never flattened.
    marked = [e for e in po if "⟦" in e.msgid]
    assert marked and all("fuzzy" in e.flags for e in marked if "⟦" not in e.msgstr)


def test_argos_run_in_a_fresh_process_touches_no_network_or_splitter(tiny_packages: dict[str, Path],
                                                                      argos_home: Path, book_root: Path) -> None:
    argos_packages.install_file(tiny_packages["stanza"])
    code = textwrap.dedent(f"""
        import socket, sys
        attempts = []
        def refuse(*a, **k):
            attempts.append(a)
            raise OSError("offline")
        socket.socket.connect = refuse; socket.create_connection = refuse; socket.getaddrinfo = refuse
        from pathlib import Path
        from publish.translate.run import RunOptions, translate_project
        report = translate_project(Path({str(book_root)!r}), RunOptions(engine="argos"))
        print(report.sent, len(attempts), "stanza" in sys.modules, "argostranslate.translate" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    sent, attempts, stanza, argos_translate = out.stdout.split()
    assert int(sent) > 100 and attempts == "0" and stanza == argos_translate == "False"


def test_plain_argostranslate_works_offline_on_the_minisbd_package(tiny_packages: dict[str, Path],
                                                                    argos_home: Path, no_network: list[str]) -> None:
    # The builder's package is real: argostranslate's own path (minisbd splitter included) runs on it.
    from argostranslate import package, translate

    package.install_from_path(tiny_packages["minisbd"])
    translate.get_installed_languages.cache_clear()
    output = translate.translate("The police fled the area. The people met the union leaders!", "en", "es")
    assert isinstance(output, str) and output and no_network == []


def test_redo_machine_with_argos_keeps_human_edits(tiny_packages: dict[str, Path], argos_home: Path,
                                                   book_root: Path) -> None:
    first = translate_project(book_root, RunOptions(engine="apertium"))
    path = book_root / "translations" / "es" / "chapare.po"
    po = polib.pofile(str(path))
    edited = next(e for e in po if e.msgid.startswith("Since the November 10 coup"))
    edited.msgstr = "Desde el golpe de Estado del 10 de noviembre."
    po.save()
    argos_packages.install_file(tiny_packages["minisbd"])
    report = translate_project(book_root, RunOptions(engine="argos", redo_machine=True))
    po = polib.pofile(str(path))
    assert report.sent == first.sent - 1
    states = {entry_state(e) for e in po}
    assert states == {"machine", "edited"}
    assert next(e for e in po if e.msgid.startswith("Since the November 10 coup")).msgstr.startswith("Desde el golpe")
    assert all("engine=argos" in e.comment for e in po if entry_state(e) == "machine")


def test_no_argos_model_says_which_command_to_run(argos_home: Path, book_root: Path) -> None:
    with pytest.raises(PublishError) as caught:
        translate_project(book_root, RunOptions(engine="argos"))
    assert caught.value.exit_code == ExitCode.MISSING_PART
    assert "publish models install en es" in caught.value.one_line()


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def test_install_refuses_bad_files(tmp_path: Path, tiny_packages: dict[str, Path], argos_home: Path) -> None:
    corrupt = tmp_path / "corrupt.argosmodel"
    data = bytearray(tiny_packages["minisbd"].read_bytes())
    data[200:260] = b"\0" * 60  # inside the first entry's compressed data
    corrupt.write_bytes(bytes(data))
    with pytest.raises(PublishError, match="corrupt"):
        argos_packages.install_file(corrupt)
    metadata = json.dumps({"from_code": "en", "to_code": "fr", "type": "translate"}).encode()
    wrong = _zip(tmp_path / "fr.argosmodel", {"translate-en_fr/metadata.json": metadata})
    with pytest.raises(PublishError, match="en->fr, not en->es"):
        argos_packages.install_file(wrong, "en", "es")
    evil = _zip(tmp_path / "evil.argosmodel", {"pkg/metadata.json": b"{}", "pkg/../../escape.txt": b"x"})
    with pytest.raises(PublishError, match="outside the packages folder"):
        argos_packages.install_file(evil)
    with pytest.raises(PublishError, match="not a zip"):
        argos_packages.install_file(_write(tmp_path / "text.argosmodel", b"not a zip"))
    assert list(argos_home.iterdir()) == [] and not (tmp_path.parent / "escape.txt").exists()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_broken_installed_package_falls_back_to_apertium_with_a_warning(
        tiny_packages: dict[str, Path], argos_home: Path, book_root: Path) -> None:
    from publish.translate.engines.apertium import apertium_available

    if not apertium_available("en", "es"):
        pytest.skip("apertium-eng-spa is not installed")
    info = argos_packages.install_file(tiny_packages["minisbd"])
    (Path(info.path) / "model" / "model.bin").unlink()  # a damaged install: the model is gone
    messages: list[str] = []
    report = translate_project(book_root, RunOptions(engine="auto", on_engine=messages.append))
    assert report.engine is not None and report.engine.startswith("engine: apertium")
    assert "warning: the installed Argos package cannot be used" in messages[0] and "model/model.bin" in messages[0]
    assert report.sent > 100
    with pytest.raises(PublishError) as caught:  # asked for Argos by name: no silent substitute
        translate_project(book_root, RunOptions(engine="argos", redo_machine=True))
    assert caught.value.exit_code == ExitCode.MISSING_PART and "model/model.bin" in caught.value.message


def test_install_refuses_packages_with_no_model_or_odd_metadata(tmp_path: Path, argos_home: Path) -> None:
    metadata = json.dumps({"from_code": "en", "to_code": "es", "type": "translate"}).encode()
    cases = {
        "has no model": {"pkg/metadata.json": metadata},
        "holds a list": {"pkg/metadata.json": b"[]", "pkg/sentencepiece.model": b"x"},
        "entry '.'": {".": b"", "pkg/metadata.json": metadata},
    }
    for expected, files in cases.items():
        with pytest.raises(PublishError, match=re.escape(expected)) as caught:
            argos_packages.install_file(_zip(tmp_path / "case.argosmodel", files))
        assert caught.value.exit_code == ExitCode.INPUT
    assert list(argos_home.iterdir()) == []
