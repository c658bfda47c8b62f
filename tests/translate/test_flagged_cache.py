"""The machine-draft notice's "N segments flagged" comes from build/.cache/flagged-<lang>.json when the
translation is unchanged: a rebuild loads no Hunspell dictionary, the number is the one
``check --translations --queue`` lists, and any change to what QA reads (a glossary rule, a hand edit in a
PO file, a name written elsewhere in the book) gives a new count, never the kept one."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from publish.build import build
from publish.reader import read_project
from publish.translate import qa_cache, qa_segment
from publish.translate.apply import load_memory, translate_edition
from publish.translate.check import review_translations
from publish.translate.qa_lexicon import load_lexicon
from publish.translate.qa_queue import review_queue

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers import copy_sample, epub_texts, epubcheck, run_publish  # noqa: E402

pytestmark = pytest.mark.skipif(load_lexicon("es") is None or load_lexicon("en") is None,
                                reason="hunspell-es / hunspell-en-us are not installed (scripts/setup.sh)")

EPUB = Path("build") / "bolivia-2019.es.epub"
CACHE = Path("build") / ".cache" / "flagged-es.json"
NOTICE = re.compile(r"marcaron (\d+) de esos segmentos para revisión")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with its Spanish EPUB built once by the CLI (EPUBCheck 0/0)."""
    root = copy_sample(tmp_path_factory.mktemp("flagged") / "book")
    result = run_publish("build", "--lang", "es", "--format", "epub", "-C", str(root))
    assert result.returncode == 0, result.stderr
    assert epubcheck(root / EPUB) == []
    return root


def notice_count(epub: Path) -> int:
    notice = next(text for text in epub_texts(epub).values() if 'id="translation-notice"' in text)
    found = NOTICE.search(notice)
    assert found, notice
    return int(found.group(1))


def queue_per_file(root: Path) -> dict[str, int]:
    """What ``check --translations --queue`` lists, counted per PO file."""
    counts: dict[str, int] = {}
    for report in review_queue(review_translations(root, "es").segments):
        counts[report.file] = counts.get(report.file, 0) + 1
    return counts


def flagged(root: Path) -> dict[str, int]:
    """The count each article's provenance carries (what the notice adds up), by PO file."""
    book, _ = read_project(root)
    memory = load_memory(root, "es", shared=True)
    _, records, _ = translate_edition(book, memory, "es")
    return {f"translations/es/{slug}.po": record.flagged for slug, record in records.items()}


def keep_cache(root: Path) -> None:
    """Write the counts this process worked out, as a build writes them with its outputs."""
    for path, data in qa_cache.pending_files(root):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def articles_only(counts: dict[str, int]) -> dict[str, int]:
    return {file: n for file, n in counts.items() if not file.endswith("/_book.po")}


def test_the_notice_gives_the_queue_size_and_the_count_is_kept(built: Path) -> None:
    listed = run_publish("check", "--translations", "--queue", "--no-epub", "-C", str(built))
    rows = [row for row in listed.stdout.splitlines() if not row.startswith("translations/es/_book.po:")]
    assert len(rows) == notice_count(built / EPUB) > 0
    assert (built / CACHE).is_file()
    assert sum(articles_only(queue_per_file(built)).values()) == len(rows)


def test_a_rebuild_of_an_unchanged_translation_loads_no_dictionary(built: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    before = (built / EPUB).read_bytes()
    cache = (built / CACHE).read_bytes()
    qa_cache._MEMO.clear()  # only the file in build/.cache can answer now

    def no_dictionary(lang: str) -> None:
        raise AssertionError(f"the {lang} dictionary was loaded for an unchanged translation")

    monkeypatch.setattr(qa_segment, "load_lexicon", no_dictionary)
    result = build(built, ["es"], ["epub"], force=True)
    assert result.outputs and not result.up_to_date
    assert (built / EPUB).read_bytes() == before  # same notice, same bytes (so EPUBCheck's 0/0 holds)
    assert (built / CACHE).read_bytes() == cache


@pytest.fixture
def sample(tmp_path: Path, built: Path) -> Path:
    """A fresh copy of the sample whose build/.cache holds the counts of the unchanged translation."""
    root = copy_sample(tmp_path / "book")
    shutil.copytree(built / "build", root / "build")
    assert flagged(root) == articles_only(queue_per_file(root))
    return root


def test_a_glossary_rule_changes_the_count(sample: Path) -> None:
    before = flagged(sample)
    glossary = sample / "translations" / "es" / "glossary.yaml"
    # A rendering no draft uses: every machine segment that says 'Bolivia' breaks the rule now.
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "render:\n", "render:\n  Bolivia: Bolivialandia\n"), encoding="utf-8")
    after = flagged(sample)
    assert after == articles_only(queue_per_file(sample))
    assert all(after[file] >= before[file] for file in before) and after != before


def test_a_hand_edit_in_a_po_file_changes_the_count(sample: Path) -> None:
    chapare = "translations/es/chapare.po"
    before = flagged(sample)[chapare]
    path = sample / chapare
    queued = {r.line for r in review_queue(review_translations(sample, "es").segments) if r.file == chapare}
    po = polib.pofile(str(path), wrapwidth=0)
    fixed = next(e for e in po if e.linenum == min(queued))
    fixed.msgstr = "Los medios bolivianos presentan a menudo a los cocaleros como narcotraficantes."
    po.save(str(path))  # a person's translation: it leaves the queue
    assert flagged(sample)[chapare] == queue_per_file(sample)[chapare] == before - 1
    keep_cache(sample)
    clean = next(e for e in po if e.msgstr and not e.obsolete and e.linenum not in queued)
    clean.flags.append("fuzzy")  # a reviewer asks for another look at a draft QA found nothing in
    po.save(str(path))
    assert flagged(sample)[chapare] == queue_per_file(sample)[chapare] == before


def test_a_name_written_elsewhere_in_the_book_changes_an_articles_count(sample: Path) -> None:
    """'Mainstream' is left in English in a bolivian-coup.po title. Once the book's rights statement (in
    publish.yaml) writes it mid-sentence it is a name, so that article's count falls, though neither its
    manuscript nor its PO file changed."""
    before = flagged(sample)
    config = sample / "publish.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "as recorded on the Sources page.", "as recorded on the Sources page. Read what the Mainstream press "
        "left out."), encoding="utf-8")
    after = flagged(sample)
    assert after == articles_only(queue_per_file(sample))
    assert after["translations/es/bolivian-coup.po"] == before["translations/es/bolivian-coup.po"] - 1


def test_a_failed_build_leaves_the_cache_as_it_was(sample: Path) -> None:
    path = sample / "translations" / "es" / "bolivian-coup.po"
    queued = [r for r in review_queue(review_translations(sample, "es").segments)
              if r.file.endswith("bolivian-coup.po")]
    po = polib.pofile(str(path), wrapwidth=0)
    next(e for e in po if e.linenum == queued[0].line).msgstr = "La violencia la ejercen matones a sueldo."
    po.remove(next(e for e in po if e.msgstr and not e.obsolete and e.msgctxt.split("/")[1].startswith("p.")))
    po.save(str(path))  # one entry fixed by hand, one removed: a warning, so --strict fails

    def listing() -> dict[str, str]:
        return {str(p.relative_to(sample)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted((sample / "build").rglob("*")) if p.is_file()}

    before = listing()
    failed = build(sample, ["es"], ["epub"], strict=True, force=True)
    assert failed.outputs == () and any(d.code == "untranslated" for d in failed.diagnostics)
    assert listing() == before
    done = build(sample, ["es"], ["epub"], force=True)
    assert done.outputs and listing()[str(CACHE)] != before[str(CACHE)]
    assert notice_count(sample / EPUB) == sum(articles_only(queue_per_file(sample)).values())
    assert epubcheck(sample / EPUB) == []


def test_the_key_holds_every_module_qa_runs() -> None:
    """A module QA comes to import outside the hashed files must be hashed too, or be one that cannot change a
    count: this lists those, so adding one is a decision."""
    loaded = subprocess.run([sys.executable, "-c", "import sys, publish.translate.qa_cache; print('\\n'.join("
                             "m.__file__ for n, m in sys.modules.items() if n.startswith('publish')))"],
                            capture_output=True, text=True, check=True).stdout.split()
    hashed = {str(path) for path in qa_cache.code_files()}
    outside = sorted(Path(file).name for file in loaded if file not in hashed)
    assert outside == ["__init__.py", "atomic.py", "config.py", "errors.py", "locales.py", "paths.py",
                       "yamlfile.py"]
