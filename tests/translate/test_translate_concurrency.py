"""A translator who saves a PO file while ``publish translate`` runs loses nothing.

The engine here is the real Apertium, slowed down: while it drafts, another thread (or, in the second test,
this test process while translate runs in a second process) saves an edit the way a PO editor does. The
run must re-read the file just before writing, keep the edit (a human edit wins) and still add its drafts.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import polib
import pytest

from publish.translate import run as run_module
from publish.translate.engines.apertium import ApertiumEngine, apertium_available
from publish.translate.run import RunOptions, translate_project

pytestmark = pytest.mark.skipif(not apertium_available("en", "es"), reason="apertium-eng-spa is not installed")

OLD = "Despite the resilience on display here, there is also a sense of dread."
NEW = "Despite the resilience shown here, there is also a sense of dread."
EDITED_ENGLISH = "Since the November 10 coup"
HUMAN = "Desde el golpe del 10 de noviembre, se ha vuelto un territorio autónomo (editado a mano)."


def _po_path(root: Path) -> Path:
    return root / "translations" / "es" / "chapare.po"


def _prepare(root: Path) -> None:
    """Translate once, then change one English sentence so the next run has one draft to write."""
    translate_project(root, RunOptions(engine="apertium"))
    path = root / "manuscript" / "01-chapare.md"
    path.write_text(path.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")


def _save_as_translator(root: Path) -> None:
    """What a PO editor does: read the file, change one msgstr, write the whole file back in place."""
    po = polib.pofile(str(_po_path(root)), wrapwidth=0)
    entry = next(e for e in po if e.msgid.startswith(EDITED_ENGLISH) and not e.obsolete)
    entry.msgstr = HUMAN
    _po_path(root).write_text(str(po), encoding="utf-8")


def _check_both_kept(root: Path) -> None:
    po = polib.pofile(str(_po_path(root)))
    live = [e for e in po if not e.obsolete]
    assert next(e for e in live if e.msgid.startswith(EDITED_ENGLISH)).msgstr == HUMAN, "the human edit was lost"
    drafted = next(e for e in live if e.msgid == NEW)
    assert drafted.msgstr and "publish-mt:" in drafted.comment, "the run's own draft was lost"


class SlowEngine:
    """Apertium, but the batch waits until ``edited`` is set: the edit lands while translate runs."""

    def __init__(self, started: threading.Event, edited: threading.Event) -> None:
        self.inner = ApertiumEngine("en", "es")
        self.name, self.model_name = self.inner.name, self.inner.model_name
        self.model_version, self.model_hash = self.inner.model_version, self.inner.model_hash
        self.started, self.edited = started, edited

    def translate_batch(self, texts: list[str], progress: object = None) -> list[str]:
        self.started.set()
        assert self.edited.wait(30), "the editing thread never saved"
        return self.inner.translate_batch(texts)


def test_an_edit_saved_by_another_thread_during_the_run_is_kept(book_root: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _prepare(book_root)
    started, edited = threading.Event(), threading.Event()
    engine = SlowEngine(started, edited)
    monkeypatch.setattr(run_module, "select_engine", lambda *args: (engine, "engine: slow apertium"))

    def translator() -> None:
        assert started.wait(30)
        _save_as_translator(book_root)
        edited.set()

    thread = threading.Thread(target=translator)
    thread.start()
    report = translate_project(book_root, RunOptions(engine="apertium"))
    thread.join()
    assert report.sent == 1
    assert any(d.code == "po-edited-during-run" for d in report.diagnostics), report.diagnostics
    _check_both_kept(book_root)
    assert not (book_root / "translations" / "es" / ".lock").exists()


SLOW_CLI = """
import sys, time
from pathlib import Path
from publish.translate import run
from publish.translate.engines.apertium import ApertiumEngine

SIGNAL = Path(sys.argv[-1])

class Slow(ApertiumEngine):
    def translate_scored(self, texts, progress=None):
        SIGNAL.write_text("started")
        while SIGNAL.read_text() != "edited":
            time.sleep(0.02)
        return super().translate_scored(texts, progress)

run.select_engine = lambda *a: (Slow("en", "es"), "engine: slow apertium")
sys.argv = sys.argv[:-1]
from publish.cli import main
main()
"""


def test_an_edit_saved_while_a_second_process_translates_is_kept(book_root: Path, tmp_path: Path) -> None:
    _prepare(book_root)
    signal_file = tmp_path / "signal"
    signal_file.write_text("")
    proc = subprocess.Popen([sys.executable, "-c", SLOW_CLI, "translate", "-C", str(book_root), str(signal_file)],
                            stderr=subprocess.PIPE, text=True)
    for _ in range(3000):
        if signal_file.read_text() == "started" or proc.poll() is not None:
            break
        threading.Event().wait(0.01)
    _save_as_translator(book_root)
    signal_file.write_text("edited")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "kept 1 edit(s) saved while publish translate ran" in err
    _check_both_kept(book_root)


def test_a_file_left_broken_during_the_run_is_not_written_over(book_root: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _prepare(book_root)
    started, edited = threading.Event(), threading.Event()
    engine = SlowEngine(started, edited)
    monkeypatch.setattr(run_module, "select_engine", lambda *args: (engine, "engine: slow apertium"))
    broken = _po_path(book_root).read_text(encoding="utf-8") + '\nmsgid "half-saved\n'

    def translator() -> None:
        assert started.wait(30)
        _po_path(book_root).write_text(broken, encoding="utf-8")
        edited.set()

    thread = threading.Thread(target=translator)
    thread.start()
    from publish.errors import PublishError

    with pytest.raises(PublishError) as caught:
        translate_project(book_root, RunOptions(engine="apertium"))
    thread.join()
    assert caught.value.exit_code == 3 and caught.value.line is not None
    assert "changed while publish translate ran" in caught.value.one_line()
    assert _po_path(book_root).read_text(encoding="utf-8") == broken
    assert not (book_root / "translations" / "es" / ".lock").exists()
