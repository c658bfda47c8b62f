"""``publish translate`` and ``publish models`` through the real command line (Typer's runner)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from publish.app import app


def test_translate_then_noop_then_bad_engine(book_root: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["translate", "--to", "es", "--engine", "apertium", "-C", str(book_root)])
    assert first.exit_code == 0, first.output
    assert "engine: apertium" in first.output and "segment(s) translated" in first.output
    again = runner.invoke(app, ["translate", "--lang", "es", "-C", str(book_root)])  # --lang: an alias of --to
    assert again.exit_code == 0 and "up to date" in again.output
    bad = runner.invoke(app, ["translate", "--engine", "bogus", "-C", str(book_root)])
    assert bad.exit_code == 2 and "unknown engine 'bogus'" in bad.output and "Traceback" not in bad.output


def test_models_list_and_install_errors(tmp_path: Path, argos_home: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["models", "list"])
    assert listed.exit_code == 0 and "No Argos package is installed" in listed.output
    assert "publish models install --file PATH.argosmodel" in listed.output
    from publish.translate.engines.apertium import installed_modes

    for mode in installed_modes():  # every Apertium pair Debian installed is listed, with its package
        assert f"apertium {mode.source}->{mode.target}  {mode.name}  {mode.package}" in listed.output
    bogus = tmp_path / "x.argosmodel"
    bogus.write_text("nope")
    result = runner.invoke(app, ["models", "install", "--file", str(bogus)])
    assert result.exit_code == 3 and "not a zip archive" in result.output
