"""The command line contract: help, exit codes, -C, init, check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import run_publish


def test_help_documents_exit_codes_and_imports_no_heavy_parts() -> None:
    code = ("import sys\nfrom publish.app import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('HEAVY', sorted(m for m in ('weasyprint', 'argostranslate', 'ebooklib', 'torch') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in result.stdout, result.stdout
    for line in ("Exit codes:", "3  bad input", "4  a required part is missing"):
        assert line in result.stdout
    for command in ("build", "check", "init", "assemble"):
        assert command in result.stdout


def test_init_creates_a_project_that_builds(tmp_path: Path) -> None:
    target = tmp_path / "my-book"
    created = run_publish("init", str(target))
    assert created.returncode == 0, created.stderr
    assert (target / "publish.yaml").exists() and (target / "manuscript/01-example.md").exists()
    built = run_publish("build", "-C", str(target))
    assert built.returncode == 0, built.stderr
    assert (target / "build/my-book.en.epub").exists() and (target / "build/my-book.en.pdf").exists()
    again = run_publish("init", str(target))
    assert again.returncode == 2 and "already holds a publish project" in again.stderr


def test_build_one_format_from_another_directory(project: Path, tmp_path: Path) -> None:
    result = run_publish("build", "--format", "epub", "-C", str(project), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "build").iterdir() if p.name != ".cache") == ["bolivia-2019.en.epub"]


def test_unknown_language_and_format_are_usage_errors(project: Path) -> None:
    result = run_publish("build", "--format", "docx", "-C", str(project))
    assert result.returncode == 2 and "unknown format 'docx'" in result.stderr
    result = run_publish("build", "--lang", "fr", "-C", str(project))
    assert result.returncode == 2 and "'fr' is not among the translations" in result.stderr


def test_check_warns_about_the_unrecorded_publication(project: Path) -> None:
    result = run_publish("check", "--json", "--no-epub", "-C", str(project))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    publication = [d for d in found if d["code"] == "attribution-publication"]
    assert [d["path"] for d in publication] == ["manuscript/01-chapare.md"]
    strict = run_publish("check", "--strict", "--no-epub", "-C", str(project))
    assert strict.returncode == 1 and "attribution-publication" in strict.stderr


def test_check_runs_epubcheck_on_built_epubs(project: Path) -> None:
    assert run_publish("build", "--format", "epub", "-C", str(project)).returncode == 0
    epub = project / "build/bolivia-2019.en.epub"
    clean = run_publish("check", "--json", "-C", str(project))
    assert not [d for d in json.loads(clean.stdout) if d["code"].startswith("epubcheck")]
    # Break the package: EPUBCheck must notice.
    import zipfile

    with zipfile.ZipFile(epub) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    entries["EPUB/article-001-chapare.xhtml"] = b"<html><body><p>unclosed</body></html>"
    with zipfile.ZipFile(epub, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    broken = run_publish("check", "--json", "-C", str(project))
    assert broken.returncode == 1
    assert [d for d in json.loads(broken.stdout) if d["code"].startswith("epubcheck")]


def test_check_reports_manuscript_errors_as_errors(project: Path) -> None:
    (project / "manuscript/01-chapare.md").write_text("no front matter\n")
    result = run_publish("check", "--no-epub", "-C", str(project))
    assert result.returncode == 1
    assert "manuscript/01-chapare.md:1" in result.stderr and "front matter" in result.stderr


def test_check_translations_reports_problems_and_review_shares(project: Path) -> None:
    import polib

    po_path = project / "translations/es/bolivian-coup.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if "47.08" in e.msgid and not e.obsolete)
    entry.msgstr = entry.msgstr.replace("47.08", "")
    po.save(str(po_path))
    result = run_publish("check", "--translations", "--json", "--no-epub", "-C", str(project))
    found = json.loads(result.stdout)
    numbers = [d for d in found["diagnostics"] if d["code"] == "translation-numbers"]
    assert numbers and numbers[0]["path"] == "translations/es/bolivian-coup.po" and numbers[0]["line"]
    rows = {row["article"]: row for row in found["translations"]}
    assert rows["bolivian-coup"]["edited"] == 1 and rows["chapare"]["edited"] == 0
