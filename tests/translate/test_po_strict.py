"""PO files are read as strictly as ``msgfmt -c`` reads them: the same verdict and a line it also names.

Also a hypothesis test: random PO content, valid and broken, fed to the reading path of ``build --lang es``
gives a clean result or a PublishError (exit 1, 3 or 4) naming the file, never another exception.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from publish.errors import PublishError
from publish.translate.apply import translate_book
from publish.translate.memory import read_memory
from publish.translate.po_syntax import check_po_syntax
from publish.reader import read_project

REPO = Path(__file__).resolve().parents[2]
SAMPLE = (REPO / "translations" / "es" / "_book.po").read_text(encoding="utf-8")
ENTRY = 'msgctxt "case/1"\nmsgid "Two reports from Bolivia, 2019"\nmsgstr "Dos informes de Bolivia, 2019"\n'

BROKEN = {
    "no closing quote": ENTRY.replace('2019"\n', "2019\n", 2).replace('msgid "Two reports from Bolivia, 2019\n',
                                                                     'msgid "Two reports from Bolivia, 2019"\n'),
    "unknown keyword": ENTRY.replace("msgstr ", "msgstrx "),
    "bare word after msgid": ENTRY.replace('msgid "Two reports from Bolivia, 2019"', "msgid Two"),
    "junk after a string": ENTRY.replace('msgstr "Dos informes de Bolivia, 2019"', 'msgstr "Dos" junk'),
    "invalid escape": ENTRY.replace("Dos informes", "Dos \\q informes"),
    "string with no keyword": ENTRY.replace("msgstr ", ""),
    "no msgstr": ENTRY.replace('msgstr "Dos informes de Bolivia, 2019"\n', ""),
    "no msgstr before the next entry": ENTRY.replace('msgstr "Dos informes de Bolivia, 2019"\n', "")
    + ENTRY.replace("case/1", "case/2"),
    "newline mismatch": ENTRY.replace('2019"\n', '2019\\n"\n').replace('msgid "Two reports from Bolivia, 2019\\n"',
                                                                      'msgid "Two reports from Bolivia, 2019"'),
    "msgstr before msgid": 'msgctxt "x"\nmsgstr "y"\nmsgid "z"\n',
    "two msgstr": ENTRY + 'msgstr "again"\n',
    "duplicate entry": ENTRY + "\n" + ENTRY,
    "garbage line": ENTRY.replace("msgctxt", "garbage line\nmsgctxt"),
}


def _msgfmt(path: Path) -> tuple[bool, set[int]]:
    result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    lines = {int(n) for n in re.findall(rf"{re.escape(path.name)}:(\d+):", result.stderr)}
    return result.returncode == 0, lines


needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")


@needs_msgfmt
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_po_gets_the_verdict_msgfmt_gives(case: str, tmp_path: Path) -> None:
    path = tmp_path / "case.po"
    path.write_text(SAMPLE + "\n" + BROKEN[case], encoding="utf-8")
    accepted, lines = _msgfmt(path)
    problem = check_po_syntax(path.read_text(encoding="utf-8"))
    assert not accepted, "the case is not broken for msgfmt either"
    assert problem is not None, f"publish accepts what msgfmt -c refuses ({case})"
    # msgfmt names the line after an unterminated string (it has read the newline by then)
    assert problem.line in lines or ("closing quote" in problem.message and problem.line + 1 in lines), \
        (problem, lines)


@needs_msgfmt
@pytest.mark.parametrize("po", sorted((REPO / "translations" / "es").glob("*.po")), ids=lambda p: p.name)
def test_valid_po_is_accepted_like_msgfmt(po: Path) -> None:
    assert _msgfmt(po)[0]
    assert check_po_syntax(po.read_text(encoding="utf-8")) is None
    assert check_po_syntax(SAMPLE + "\n" + ENTRY.replace("msgctxt", "#~ msgctxt").replace("\nmsg", "\n#~ msg")) is None


def test_a_broken_po_is_exit_3_with_file_and_line(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "translations" / "es" / "_book.po").write_text(SAMPLE + "\n" + BROKEN["no closing quote"], "utf-8")
    with pytest.raises(PublishError) as caught:
        read_memory(root, "es")
    assert caught.value.exit_code == 3 and caught.value.path == "translations/es/_book.po"
    assert caught.value.line == SAMPLE.count("\n") + 4


def test_control_characters_in_msgstr_are_removed_with_a_warning(tmp_path: Path) -> None:
    root = _project(tmp_path)
    po = root / "translations" / "es" / "_book.po"
    po.write_text(SAMPLE.replace("Dos informes", "Dos\x01 inf\x7formes"), encoding="utf-8")
    memory = read_memory(root, "es")
    warnings = memory.files["_book"].warnings
    assert [w.code for w in warnings] == ["po-control-character"] and "U+0001" in warnings[0].message
    entry = memory.entry("_book", "_book/subtitle.1a798954")
    assert entry is not None and entry.msgstr == "Dos informes de Bolivia, 2019"


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    root.mkdir(exist_ok=True)
    shutil.copy2(REPO / "publish.yaml", root / "publish.yaml")
    if not (root / "manuscript").exists():
        shutil.copytree(REPO / "manuscript", root / "manuscript")
    if (root / "translations").exists():
        shutil.rmtree(root / "translations")
    shutil.copytree(REPO / "translations", root / "translations")
    return root


PIECES = st.sampled_from(['"', '\\', "\\n", "\\q", "\\a", "\\x4", "\\4", "\\101", "\x04", "msgid", "msgstr", "msgctxt", "msgstr[0]",
                          "msgid_plural", "#~ ", "#|", "#,", " fuzzy", "\n", "\x00", "\x01", "\x7f", "\ufffe",
                          "\ud800", "é", "⟦1⟧", "", " ", "\t", "\r"])


@st.composite
def po_texts(draw: st.DrawFn) -> str:
    """The sample's _book.po with random edits: inserted pieces, deleted spans, swapped or cut lines."""
    text = SAMPLE
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["insert", "delete", "swap", "cut", "random"]))
        at = draw(st.integers(0, len(text)))
        if action == "insert":
            text = text[:at] + draw(st.lists(PIECES, max_size=4).map("".join)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif action == "swap":
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif action == "cut":
            text = text[:at]
        else:
            text = text[:at] + draw(st.text(max_size=30)) + text[at:]
    return text


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("pofuzz"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=po_texts())
def test_random_po_content_never_gives_an_internal_error(fuzz_root: Path, text: str) -> None:
    """What ``build --lang es`` does with the memory before rendering: read it and apply it to the book."""
    po = fuzz_root / "translations" / "es" / "_book.po"
    po.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        book, _ = read_project(fuzz_root)
        translate_book(book, read_memory(fuzz_root, "es"), "es")
    except PublishError as exc:
        assert exc.exit_code in (1, 3, 4), exc.one_line()
        assert exc.one_line().startswith("translations/es/_book.po"), exc.one_line()
