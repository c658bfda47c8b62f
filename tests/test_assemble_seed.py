"""publish assemble on the seed dump: the two articles, the skipped title, and byte-equality with the
hand-made sample manuscript (but for the one caption its editor marked by hand)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from publish.assemble import read_source
from publish.app import app
from publish.frontmatter import split_front_matter

REPO = Path(__file__).resolve().parents[1]
SEED = "manuscript/sources/bolivia-2019.txt"


def empty_project(tmp_path: Path) -> Path:
    """The sample project's publish.yaml without its articles list, and the seed dump."""
    root = tmp_path / "book"
    (root / "manuscript" / "sources").mkdir(parents=True)
    shutil.copy(REPO / SEED, root / SEED)
    text = (REPO / "publish.yaml").read_text(encoding="utf-8")
    (root / "publish.yaml").write_text(text[: text.index("articles:")], encoding="utf-8")
    return root


# The sample's editor marked this line as a photo caption by hand; the dump gives no evidence for it
# (no 'Photo:' marker, no credit, no image), so assemble keeps it as a paragraph.
HAND_MARKED = "A Chapare union named Llallagua after one of the largest former mining towns in North Potosi."


def sample_as_assembled(stem: str) -> bytes:
    """The sample manuscript file as assemble writes it: without the editor's hand-marked caption."""
    text = (REPO / "manuscript" / f"{stem}.md").read_text(encoding="utf-8")
    marked = f"::: figure\n{HAND_MARKED}\n:::\n"
    assert stem != "01-chapare" or marked in text
    return text.replace(marked, f"{HAND_MARKED}\n").encode("utf-8")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seed() -> object:
    return read_source(REPO, Path(SEED))


def test_seed_gives_two_articles_with_their_metadata(seed) -> None:
    first, second = seed.drafts
    assert first.title.startswith("Bolivia’s free territory of Chapare")
    assert second.title == "The Bolivian Coup: What the Mainstream Media Don’t Tell You"
    assert [a.name for a in first.authors] == ["Ollie Vargas"]
    assert [a.name for a in second.authors] == ["Francisco Dominguez"]
    assert (first.date, second.date) == ("2019-12-24", "2019-11-13")
    assert (first.publication, second.publication) == (None, "Morning Star")
    assert first.authors[0].bio.startswith("is a Bolivian journalist and writer.")
    assert second.authors[0].bio.startswith("Francisco Dominguez, a former refugee from Chile")
    assert second.subtitle.startswith("Bolivia’s oligarchy launched")


def test_seed_captions_post_and_headings(seed) -> None:
    first, second = seed.drafts
    figures = [e.text for e in first.body if e.kind == "figure"]
    assert figures == ["People are happy in Chapare."]
    assert HAND_MARKED in [e.text for e in first.body if e.kind == "paragraph"]
    posts = [e for e in first.body if e.kind == "post"]
    assert [(p.author, p.handle, len(p.parts)) for p in posts] == [("Ollie Vargas", "@OVargas52", 2)]
    assert "Is a massacre ahead?" in [e.text for e in first.body if e.kind == "heading"]
    assert second.body[0].kind == "figure" and second.body[0].text.endswith("today. AP")
    # The headline printed again under the byline is not body text.
    assert all(e.text != second.title for e in second.body)


def test_stray_title_is_reported_as_skipped(seed) -> None:
    assert [(s.title[:30], s.line) for s in seed.skipped] == [("Coup d’état in Bolivia and Fak", 206)]


def test_cli_reproduces_the_sample_manuscript_but_its_hand_marked_caption(tmp_path: Path) -> None:
    root = empty_project(tmp_path)
    code, out, err = invoke("assemble", SEED, "-C", str(root))
    assert code == 0, err
    for stem in ("01-chapare", "02-bolivian-coup"):
        assert (root / "manuscript" / f"{stem}.md").read_bytes() == sample_as_assembled(stem)
    assert (root / "publish.yaml").read_bytes() == (REPO / "publish.yaml").read_bytes()
    assert "Coup d’état in Bolivia" in out and "skipped" in out  # the table reports it
    assert not (root / "manuscript" / "03-coup-detat-bolivia.md").exists()


def test_sample_files_are_valid_manuscript_files() -> None:
    for stem in yaml.safe_load((REPO / "publish.yaml").read_text(encoding="utf-8"))["articles"]:
        front, body, _ = split_front_matter((REPO / "manuscript" / f"{stem}.md").read_text(encoding="utf-8"), stem)
        assert front["title"] and body.strip()


def test_json_summary(tmp_path: Path) -> None:
    root = empty_project(tmp_path)
    code, out, _ = invoke("assemble", SEED, "--json", "--dry-run", "-C", str(root))
    assert code == 0
    data = json.loads(out)
    rows = data["articles"]
    assert [r["file"] for r in rows] == ["manuscript/01-chapare.md", "manuscript/02-bolivian-coup.md"]
    assert [r["authors"] for r in rows] == [["Ollie Vargas"], ["Francisco Dominguez"]]
    assert [r["publication"] for r in rows] == [None, "Morning Star"]
    assert rows[0]["paragraphs"] == 47 and rows[1]["paragraphs"] == 27
    assert any("no publication stated" in w for w in rows[0]["warnings"])
    assert data["skipped"][0]["reason"] == "a title with no body under it"
    assert data["publish_yaml"]["added"] == ["01-chapare", "02-bolivian-coup"]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    root = empty_project(tmp_path)
    before = (root / "publish.yaml").read_bytes()
    code, out, _ = invoke("assemble", SEED, "--dry-run", "-C", str(root))
    assert code == 0 and "would write manuscript/01-chapare.md" in out
    assert sorted(p.name for p in (root / "manuscript").iterdir()) == ["sources"]
    assert (root / "publish.yaml").read_bytes() == before


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    root = empty_project(tmp_path)
    assert invoke("assemble", SEED, "-C", str(root))[0] == 0
    target = root / "manuscript" / "01-chapare.md"
    target.write_text("---\ntitle: edited by hand\n---\n\nMine.\n", encoding="utf-8")
    config = (root / "publish.yaml").read_bytes()
    code, _, err = invoke("assemble", SEED, "-C", str(root))
    assert code == 5
    assert "manuscript/01-chapare.md already exists" in err and "--force" in err
    assert "edited by hand" in target.read_text(encoding="utf-8")
    code, _, _ = invoke("assemble", SEED, "--force", "-C", str(root))
    assert code == 0
    assert target.read_bytes() == sample_as_assembled("01-chapare")
    assert (root / "publish.yaml").read_bytes() == config  # same stems, not listed twice


def test_installed_entry_point_in_a_subprocess(tmp_path: Path) -> None:
    root = empty_project(tmp_path)
    command = [sys.executable, "-c", "from publish.cli import main; main()", "assemble", SEED, "--json"]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [r["title"][:12] for r in json.loads(done.stdout)["articles"]] == ["Bolivia’s fr", "The Bolivian"]
    assert (root / "manuscript" / "02-bolivian-coup.md").is_file()
