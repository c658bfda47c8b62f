"""Bad input: one clear line naming the file (and line) and the fix, a non-zero exit, no traceback,
and build/ left byte-identical."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helpers import epubcheck, run_publish

ARTICLE = "manuscript/01-chapare.md"


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "build").rglob("*")) if p.is_file()}  # build/.cache/manifest.json too


@pytest.fixture
def built(project: Path) -> Path:
    result = run_publish("build", "-C", str(project))
    assert result.returncode == 0, result.stderr
    return project


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fails(root: Path, *, where: str, says: str, code: int = 3) -> str:
    before = _digests(root)
    result = run_publish("build", "-C", str(root))
    assert result.returncode == code, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert where in lines[0] and says in lines[0], lines[0]
    assert "Hint:" in lines[0]
    assert _digests(root) == before, "a failed build changed build/"
    return lines[0]


def test_invalid_yaml_front_matter_names_file_and_line(built: Path) -> None:
    _edit(built, ARTICLE, "date: '2019-12-24'", "date: [2019-12-24")
    _fails(built, where=f"{ARTICLE}:", says="invalid YAML front matter")


def test_missing_title(built: Path) -> None:
    _edit(built, ARTICLE, "title: Bolivia’s free territory", "headline: Bolivia’s free territory")
    _fails(built, where=f"{ARTICLE}:", says="'title' is missing")


def test_article_listed_but_missing(built: Path) -> None:
    _edit(built, "publish.yaml", "  - 02-bolivian-coup", "  - 02-bolivian-coup\n  - 03-missing")
    line = _fails(built, where="publish.yaml:", says="03-missing")
    assert "does not exist" in line


def test_missing_image(built: Path) -> None:
    _edit(built, ARTICLE, "::: figure\nPeople are happy", "![A photo](images/nowhere.png)\n\n::: figure\nPeople are happy")
    _fails(built, where=f"{ARTICLE}:", says="images/nowhere.png")


@pytest.mark.parametrize("src", ["../../etc/passwd.png", "/etc/hosts.png", "images/../../outside.png"])
def test_image_paths_outside_the_project_are_refused(built: Path, src: str) -> None:
    _edit(built, ARTICLE, "::: figure\nPeople are happy", f"![x]({src})\n\n::: figure\nPeople are happy")
    _fails(built, where=f"{ARTICLE}:", says="outside the project")


def test_non_utf8_file(built: Path) -> None:
    path = built / ARTICLE
    path.write_bytes(path.read_bytes().replace("Bolivia’s free".encode(), "Bolivia’s free".encode("cp1252"), 1))
    _fails(built, where=f"{ARTICLE}:2", says="not UTF-8")


def test_duplicate_article_slug(built: Path) -> None:
    (built / "manuscript/03-chapare.md").write_text((built / ARTICLE).read_text())
    _edit(built, "publish.yaml", "  - 02-bolivian-coup", "  - 02-bolivian-coup\n  - 03-chapare")
    _fails(built, where="manuscript/03-chapare.md", says="duplicate article slug 'chapare'")


def test_remote_image_is_not_fetched_but_reported(built: Path, no_network: list[object]) -> None:
    _edit(built, ARTICLE, "::: figure\nPeople are happy",
          "![A remote photo](https://example.org/photo.jpg)\n\n::: figure\nPeople are happy")
    from publish.build import build

    result = build(built)
    assert no_network == []
    assert any(d.code == "remote-image" and d.line for d in result.diagnostics)
    assert epubcheck(built / "build/bolivia-2019.en.epub") == []


def test_raw_html_is_stripped_and_the_epub_stays_valid(built: Path) -> None:
    _edit(built, ARTICLE, "Since the November 10 coup,",
          '<script>alert("x")</script> <b onclick="evil()">Bold</b> Since the November 10 coup,')
    _edit(built, ARTICLE, "## Taking on the coup", '<iframe src="https://evil.example"></iframe>\n\n'
          '<div onmouseover="x()">Kept text</div>\n\n## Taking on the coup')
    from publish.build import build

    result = build(built)
    codes = [d.code for d in result.diagnostics]
    assert codes.count("raw-html") >= 3
    import zipfile

    with zipfile.ZipFile(built / "build/bolivia-2019.en.epub") as zf:
        xhtml = zf.read("EPUB/article-001-chapare.xhtml").decode()
    for banned in ("<script", "alert(", "<iframe", "onclick", "onmouseover", "evil"):
        assert banned not in xhtml
    # A raw <b> is kept as strong emphasis (its attributes dropped); the <div> is reduced to its text.
    assert "<strong>Bold</strong> Since the November 10 coup" in xhtml and "Kept text" in xhtml
    assert epubcheck(built / "build/bolivia-2019.en.epub") == []


def test_empty_body_is_a_warning_not_an_error(built: Path) -> None:
    text = (built / ARTICLE).read_text()
    (built / ARTICLE).write_text(text[: text.index("---", 4) + 4])
    result = run_publish("build", "-C", str(built))
    assert result.returncode == 0, result.stderr
    assert "empty-body" in result.stderr and ARTICLE in result.stderr
    strict = run_publish("build", "--strict", "-C", str(built))
    assert strict.returncode == 1


def test_not_a_project(tmp_path: Path) -> None:
    result = run_publish("build", "-C", str(tmp_path))
    assert result.returncode == 3
    assert "no publish.yaml" in result.stderr and "publish init" in result.stderr
