"""publish assemble on bad input: one clear line and a non-zero exit (or a warning), and the project
left exactly as it was."""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

from typer.testing import CliRunner

from publish.assemble import read_source
from publish.app import app

FIXTURES = Path(__file__).parent / "fixtures" / "assemble"
CONFIG = "title: Test book\n# the list below is edited by assemble\narticles:\n  - 01-existing\n"
EXISTING = "---\ntitle: Existing\n---\n\nText.\n"


def project(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    (root / "manuscript").mkdir(parents=True)
    (root / "publish.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "manuscript" / "01-existing.md").write_text(EXISTING, encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and "in" not in p.relative_to(root).parts}


def fails(root: Path, *sources: Path | str, code: int = 3) -> str:
    """Run assemble, expect exit ``code`` with a single error line, and nothing changed."""
    before = snapshot(root)
    result = CliRunner().invoke(app, ["assemble", *map(str, sources), "-C", str(root)])
    assert result.exit_code == code, result.stdout + result.stderr
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("publish: error: ")
    assert snapshot(root) == before
    return lines[0]


def source(root: Path, name: str, data: bytes) -> Path:
    path = root / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def test_empty_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    line = fails(root, source(root, "empty.txt", b"\n  \n"))
    assert "empty.txt: the file is empty" in line and "Hint:" in line


def test_binary_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    line = fails(root, source(root, "photo.txt", png))
    assert "photo.txt: the file is binary, not text" in line


def test_cp1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    d = read_source(FIXTURES, Path("cp1252.txt")).drafts[0]
    assert d.title == "Café owners protest new tax" and [a.name for a in d.authors] == ["José Pérez"]
    assert any("assumed cp1252" in w and "line 1" in w for w in d.warnings)
    assert "—" in d.body[0].text


def test_neither_utf8_nor_cp1252(tmp_path: Path) -> None:
    root = project(tmp_path)
    # 0x81 and 0x8d are undefined in cp1252 (and invalid as UTF-8 here).
    line = fails(root, source(root, "odd.txt", b"A title\n\nBy Jane Doe\n\nSome text \x81\x8d here.\n"))
    assert "odd.txt:5: the file is neither UTF-8 nor cp1252 text" in line


def test_html_page_without_an_article(tmp_path: Path) -> None:
    root = project(tmp_path)
    line = fails(root, FIXTURES / "no_body.html")
    assert "no_body.html: no article body found in the HTML page" in line


def test_dump_without_a_title(tmp_path: Path) -> None:
    root = project(tmp_path)
    line = fails(root, FIXTURES / "no_title.txt")
    assert "no_title.txt:1: no recognisable title" in line


def test_dump_with_only_a_title(tmp_path: Path) -> None:
    root = project(tmp_path)
    line = fails(root, source(root, "title.txt", b"Just a headline\n"))
    assert "only a title with no body" in line


def test_broken_front_matter(tmp_path: Path) -> None:
    root = project(tmp_path)
    line = fails(root, FIXTURES / "bad_front_matter.md")
    assert "bad_front_matter.md:" in line and "invalid YAML front matter" in line


def test_markdown_without_front_matter(tmp_path: Path) -> None:
    root = project(tmp_path)
    line = fails(root, source(root, "plain.md", b"Just text.\n"))
    assert "must start with YAML front matter" in line and ".txt" in line


def test_missing_source_and_missing_project(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert "nowhere.txt: no such file" in fails(root, "nowhere.txt")
    (root / "publish.yaml").unlink()
    assert "no publish.yaml" in fails(root, FIXTURES / "spanish.txt")


def test_one_bad_source_means_nothing_is_written(tmp_path: Path) -> None:
    root = project(tmp_path)
    fails(root, FIXTURES / "spanish.txt", FIXTURES / "two_authors.txt", FIXTURES / "no_title.txt")


def test_large_dump_is_streamed(tmp_path: Path) -> None:
    paragraph = ("The committee met again on Sunday and the treasurer read the accounts aloud, line by line, "
                 "so that every member could hear where the money had gone. ") * 2
    path = tmp_path / "big.txt"
    with open(path, "w", encoding="utf-8") as out:
        out.write("A very long report\n\nBy Jane Doe - March 6, 2020\n\n")
        while out.tell() < 4 * 2**20:
            out.write(paragraph + "\n\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        result = read_source(tmp_path, Path("big.txt"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.drafts[0].date == "2020-03-06"
    assert sum(e.kind == "paragraph" for e in result.drafts[0].body) > 10_000
    # The text is held once (plus per-block bookkeeping), never several copies of the file.
    assert peak < 3 * size


def test_writes_leave_no_temp_files_and_keep_publish_yaml_comments(tmp_path: Path) -> None:
    root = project(tmp_path)
    shutil.copy(FIXTURES / "spanish.txt", root / "spanish.txt")
    assert CliRunner().invoke(app, ["assemble", "spanish.txt", "-C", str(root)]).exit_code == 0
    leftovers = [p.name for p in root.rglob("*.tmp")]
    assert leftovers == []
    assert (root / "publish.yaml").read_text("utf-8") == CONFIG + "  - 02-comites-agua-zona\n"
