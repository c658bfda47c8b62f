"""The segment memory, end to end with the real Apertium: edits survive, changes go fuzzy, removals
go obsolete, a killed run resumes, the lock holds, and corrupt files fail clearly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import polib
import pytest

from publish import model as m
from publish.errors import PublishError
from publish.reader import read_project
from publish.translate.apply import load_memory, provenance, translate_book
from publish.translate.check import check_translations
from publish.translate.pofile import SUGGESTION, comment_value, entry_state
from publish.translate.run import RunOptions, TranslateReport, translate_project

pytestmark = pytest.mark.skipif(subprocess.run(["which", "apertium"], capture_output=True).returncode != 0,
                                reason="Apertium is not installed")
APERTIUM = RunOptions(engine="apertium")


def _run(root: Path, **kwargs: object) -> TranslateReport:
    return translate_project(root, RunOptions(engine="apertium", **kwargs))  # type: ignore[arg-type]


def _po(root: Path, slug: str = "chapare") -> polib.POFile:
    return polib.pofile(str(root / "translations" / "es" / f"{slug}.po"))


def _edit_manuscript(root: Path, old: str, new: str) -> None:
    path = root / "manuscript" / "01-chapare.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _human_edit(root: Path, msgid_start: str, msgstr: str) -> None:
    po = _po(root)
    entry = next(e for e in po if e.msgid.startswith(msgid_start))
    entry.msgstr = msgstr
    po.save()


def test_first_run_writes_valid_po_with_provenance(book_root: Path, no_network: list[str]) -> None:
    report = _run(book_root)
    assert report.engine is not None and "apertium" in report.engine and report.sent > 100
    folder = book_root / "translations" / "es"
    for po_path in folder.glob("*.po"):
        check = subprocess.run(["msgfmt", "-c", "--check-format", "-o", os.devnull, str(po_path)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    assert (folder / "glossary.yaml").is_file()
    po = _po(book_root)
    assert po.metadata["X-Publish-Engine"].startswith("apertium apertium-eng-spa")
    assert all(entry_state(e) == "machine" for e in po)
    record = provenance(load_memory(book_root, "es"), "chapare")
    assert record.engines[0].engine == "apertium" and record.machine == record.segments
    assert no_network == []


def test_noop_run_sends_nothing_and_writes_nothing(book_root: Path) -> None:
    _run(book_root)
    stamps = {p: p.stat().st_mtime_ns for p in (book_root / "translations" / "es").iterdir()}
    report = _run(book_root)
    assert report.engine is None and report.sent == 0 and report.written == []
    assert stamps == {p: p.stat().st_mtime_ns for p in (book_root / "translations" / "es").iterdir()}


def test_noop_run_imports_no_engine(book_root: Path) -> None:
    _run(book_root)
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from publish.translate.run import translate_project
        report = translate_project(Path({str(book_root)!r}))
        assert report.sent == 0
        loaded = [m for m in ("argostranslate", "ctranslate2", "torch", "stanza") if m in sys.modules]
        print(loaded)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_human_edit_survives_reruns_and_redo(book_root: Path) -> None:
    _run(book_root)
    _human_edit(book_root, "Since the November 10 coup", "Desde el golpe del 10 de noviembre, es autogobierno.")
    _run(book_root)
    _run(book_root, redo_machine=True)
    entry = next(e for e in _po(book_root) if e.msgid.startswith("Since the November 10 coup"))
    assert entry.msgstr == "Desde el golpe del 10 de noviembre, es autogobierno."
    assert entry_state(entry) == "edited"


def test_source_change_gives_fresh_draft_and_fuzzy_suggestion(book_root: Path) -> None:
    _run(book_root)
    _human_edit(book_root, "Since the November 10 coup", "Traducción humana.")
    _edit_manuscript(book_root, "Since the November 10 coup, it has effectively",
                     "Since the November 10 coup, it has in practice")
    report = _run(book_root)
    assert report.sent == 1
    entry = next(e for e in _po(book_root) if e.msgid.startswith("Since the November 10 coup"))
    assert "in practice" in entry.msgid and "fuzzy" in entry.flags
    assert entry_state(entry) == "machine" and entry.msgstr != "Traducción humana."
    assert "Traducción humana." in (comment_value(entry, SUGGESTION) or "")
    assert entry.previous_msgid is not None and "effectively" in entry.previous_msgid
    diagnostics, _ = check_translations(book_root, "es")
    assert any(d.code == "translation-review" for d in diagnostics)


def test_deleted_paragraph_becomes_obsolete_and_comes_back(book_root: Path) -> None:
    _run(book_root)
    paragraph = "The unions won’t give up these victories easily.\n\n"
    _human_edit(book_root, "The unions won’t give up", "Los sindicatos no cederán.")
    _edit_manuscript(book_root, paragraph, "")
    assert _run(book_root).sent == 0
    obsolete = [e for e in _po(book_root) if e.obsolete]
    assert [e.msgstr for e in obsolete] == ["Los sindicatos no cederán."]
    _edit_manuscript(book_root, "## Taking on the coup", paragraph + "## Taking on the coup")
    assert _run(book_root).sent == 0
    entry = next(e for e in _po(book_root) if e.msgid.startswith("The unions won’t"))
    assert not entry.obsolete and entry.msgstr == "Los sindicatos no cederán."


def test_one_paragraph_edit_sends_only_its_sentences(book_root: Path) -> None:
    _run(book_root)
    _edit_manuscript(book_root, "Despite the resilience on display here, there is also a sense of dread.",
                     "Despite the resilience shown here, there is also a sense of dread.")
    assert _run(book_root).sent == 1


def test_lock_blocks_a_second_run_and_stale_lock_is_taken_over(book_root: Path) -> None:
    folder = book_root / "translations" / "es"
    folder.mkdir(parents=True)
    (folder / ".lock").write_text(f"{os.getpid()}\n")
    with pytest.raises(PublishError, match="another publish translate"):
        _run(book_root)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (folder / ".lock").write_text(dead.stdout)
    report = _run(book_root)
    assert any(d.code == "stale-lock" for d in report.diagnostics) and not (folder / ".lock").exists()


def test_killed_run_keeps_finished_segments_and_resumes(book_root: Path) -> None:
    # The child checkpoints every 20 segments and kills itself with SIGKILL during the fourth batch.
    code = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from publish.translate import run
        from publish.translate.engines.apertium import ApertiumEngine
        run.FLUSH_EVERY = 20
        calls = []
        original = ApertiumEngine.translate_scored  # what a run calls (drafts with Apertium's unknown words)
        def dying(self, texts, progress=None):
            calls.append(1)
            if len(calls) == 4:
                os.kill(os.getpid(), signal.SIGKILL)
            return original(self, texts, progress)
        ApertiumEngine.translate_scored = dying
        run.translate_project(Path({str(book_root)!r}), run.RunOptions(engine="apertium"))
    """)
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert child.returncode == -signal.SIGKILL
    done = sum(1 for f in (book_root / "translations" / "es").glob("*.po") for e in polib.pofile(str(f)) if e.msgstr)
    assert done == 60
    report = _run(book_root)
    assert any(d.code == "stale-lock" for d in report.diagnostics)
    book, _ = read_project(book_root)
    total = sum(1 for f in (book_root / "translations" / "es").glob("*.po") for e in polib.pofile(str(f)) if e.msgstr)
    assert report.sent == total - 60


def test_corrupt_po_is_reported_with_file_and_line_and_left_untouched(book_root: Path) -> None:
    _run(book_root)
    path = book_root / "translations" / "es" / "chapare.po"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[30] = 'msgstr "unterminated'
    broken = "\n".join(lines)
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(PublishError) as caught:
        _run(book_root)
    message = caught.value.one_line()
    assert message.startswith("translations/es/chapare.po:") and caught.value.line is not None
    assert path.read_text(encoding="utf-8") == broken


def test_placeholders_survive_apertium_into_the_spanish_book(book_root: Path) -> None:
    _edit_manuscript(book_root, "The unions won’t give up these victories easily.",
                     "The unions *won’t* give up [these victories](https://example.org) easily.[^n]\n\n[^n]: A note.")
    _run(book_root)
    book, _ = read_project(book_root)
    spanish, diagnostics = translate_book(book, load_memory(book_root, "es"), "es")
    assert spanish.lang == "es" and all(a.lang == "es" for a in spanish.articles)
    paragraph = next(b for b in spanish.articles[0].body if isinstance(b, m.Paragraph)
                     and any(isinstance(i, m.Link) for i in b.children))
    kinds = [type(i).__name__ for i in paragraph.children]
    assert "Emph" in kinds and "FootnoteRef" in kinds
    assert not [d for d in diagnostics if d.code == "translation-markup"]


def test_glossary_is_enforced_and_violations_reported(book_root: Path) -> None:
    # The sample's own glossary (a new language folder starts from an empty template instead).
    sample_glossary = Path(__file__).resolve().parents[2] / "translations" / "es" / "glossary.yaml"
    (book_root / "translations" / "es").mkdir(parents=True)
    (book_root / "translations" / "es" / "glossary.yaml").write_bytes(sample_glossary.read_bytes())
    _run(book_root)
    po = _po(book_root)
    bank = next(e for e in po if "Banco Union" in e.msgid)
    assert "Banco Union" in bank.msgstr  # Apertium alone writes "Banco Unión"
    coup = next(e for e in po if e.msgid.startswith("Since the November 10 coup"))
    assert "golpe de Estado" in coup.msgstr
    _human_edit(book_root, "Since the November 10 coup", "Desde el golpe del 10 de noviembre.")
    diagnostics, rows = check_translations(book_root, "es")
    assert any(d.code == "translation-glossary" and "golpe de Estado" in d.message for d in diagnostics)
    chapare = next(r for r in rows if r["article"] == "chapare")
    assert chapare["edited"] == 1 and chapare["shares"]["machine"] < 1.0  # type: ignore[index]


def test_missing_translation_falls_back_to_marked_english(book_root: Path) -> None:
    _run(book_root)
    _edit_manuscript(book_root, "The unions won’t give up these victories easily.", "A brand new sentence.")
    book, _ = read_project(book_root)
    spanish, diagnostics = translate_book(book, load_memory(book_root, "es"), "es")
    foreign = [i for b in spanish.articles[0].body if isinstance(b, m.Paragraph) for i in b.children
               if isinstance(i, m.Foreign)]
    assert [f.lang for f in foreign] == ["en"] and foreign[0].children == (m.Text("A brand new sentence."),)
    assert any(d.code == "untranslated" for d in diagnostics)
