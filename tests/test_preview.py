"""``publish preview`` in Debian's real Chromium: the page shows the article, an edit appears without a manual
reload, a bad edit shows its one-line error in the page while the server keeps running, and nothing outside the
book is served."""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cdp_pipe import Chromium

ARTICLE = "manuscript/01-chapare.md"
OLD = "Since the November 10 coup,"
NEW = "Since the coup of the tenth of November,"


@pytest.fixture
def preview(project: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``publish preview --port 0`` on a copy of the sample: its address and its process."""
    proc = subprocess.Popen([str(Path(sys.executable).parent / "publish"), "preview", "--port", "0", "-C",
                             str(project)], stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    line = proc.stderr.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    assert found, line
    yield found.group(0), proc
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0
    assert "stopped" in proc.stderr.read()


def _get(url: str, path: str) -> int:
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", path)  # http.client sends the path as written: no ../ clean-up on the way
    status = connection.getresponse().status
    connection.close()
    return status


def _edit(project: Path, old: str, new: str) -> None:
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_appears_in_the_open_page(project: Path, preview: tuple[str, subprocess.Popen[str]]) -> None:
    url, server = preview
    browser = Chromium()
    try:
        browser.open(url + "article-001-chapare.xhtml")
        browser.wait_for(f"document.body && document.body.textContent.includes({OLD!r})")
        browser.evaluate("window.notReloaded = true")
        _edit(project, OLD, NEW)
        browser.wait_for(f"document.body.textContent.includes({NEW!r})", timeout=10)
        assert browser.evaluate("window.notReloaded === undefined")  # the page reloaded itself
        _edit(project, "---\n", "---\ntitle: [unclosed\n")  # bad front matter: the error shows, the page stays
        browser.wait_for("!!document.getElementById('publish-preview-error')", timeout=10)
        error = browser.evaluate("document.getElementById('publish-preview-error').textContent")
        assert error.startswith(f"{ARTICLE}:") and "Hint:" in error and "\n" not in error, error
        assert NEW in browser.evaluate("document.body.textContent")  # the last good book is still on show
        assert server.poll() is None
        _edit(project, "---\ntitle: [unclosed\n", "---\n")
        browser.wait_for("!document.getElementById('publish-preview-error')", timeout=10)
        browser.open(url + "print.html")  # the print preview: the same text under the print stylesheet
        browser.wait_for(f"document.body && document.body.textContent.includes({NEW!r})")
        assert browser.evaluate("[...document.styleSheets].some(s => [...s.cssRules].some(r => r.type === 6))")
    finally:
        browser.close()


def test_only_the_book_is_served(project: Path, preview: tuple[str, subprocess.Popen[str]]) -> None:
    url, _ = preview
    assert _get(url, "/article-001-chapare.xhtml") == 200 and _get(url, "/css/book.css") == 200
    for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/publish.yaml",
                 "/manuscript/01-chapare.md", "//etc/passwd", "/images/../../publish.yaml"):
        assert _get(url, path) == 404, path


def test_a_bad_edition_is_a_usage_error(project: Path) -> None:
    proc = subprocess.run([str(Path(sys.executable).parent / "publish"), "preview", "--lang", "fr", "--port", "0",
                           "-C", str(project)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Hint:" in proc.stderr, proc.stderr
