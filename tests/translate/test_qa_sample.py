"""Translation QA on the sample's committed Spanish drafts (Apertium): no false glossary warnings,
every leftover English word a reader finds in the Spanish PDF reported, and a review queue that
starts with the segments a Spanish reader would fix first."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from publish.reader import read_project
from publish.translate.check import review_translations
from publish.translate.apply import load_memory, translate_edition
from publish.translate.enforce import draft_batch
from publish.translate.glossary import Glossary, load_glossary, violations
from publish.translate.qa_lexicon import load_lexicon
from publish.translate.qa_queue import review_queue
from publish.translate.segments import all_segments

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers import REPO, copy_sample, epub_texts, epubcheck, run_publish  # noqa: E402

pytestmark = pytest.mark.skipif(load_lexicon("es") is None or load_lexicon("en") is None,
                                reason="hunspell-es / hunspell-en-us are not installed (scripts/setup.sh)")

READ_IN_THE_PDF = """
outlets bracing bloodbath self governance swath flourished ferocious resilience militarize neoliberal relocalized
infused proletarian Relocalization centrals exploitative policing preemptively enraged hardened traitor whimpering
forgiveness recounted ATMs upcoming reenter posturing countenance marching demonized Mainstream routinely
skyrocketed govt NGOs grassroots demonization crossfire slaughter sided waging Charting sustenance thrived
entrepreneur co operatives indigenous brunt enactment riches rampage barbarities whilst nationwide doused
oppositionists Even mobs forcibly brutalized unleashed equalization perpetrating verge tendered teamed branded
instructive defuse
""".split()
"""English words left in build/bolivia-2019.es.pdf, read page by page (pdftoppm -png -r 60). Not in the list,
because no dictionary can tell it from a name: 'Xmas' (en_US spells it capitalised, like 'Garcia')."""


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("qa") / "book")


def test_no_false_glossary_warning_on_the_sample(sample: Path) -> None:
    review = review_translations(sample, "es")
    assert [d.one_line() for d in review.diagnostics if d.code == "translation-glossary"] == []


def test_every_leftover_english_word_read_in_the_pdf_is_reported(sample: Path) -> None:
    review = review_translations(sample, "es")
    reported = {word for report in review.segments for word in report.leftover}
    assert [w for w in READ_IN_THE_PDF if w not in reported] == []
    # And nothing a Spanish reader would call a name or a Spanish word, except loanwords the English
    # source itself uses ('cocaleros', 'narco-'), which no dictionary holds.
    assert reported - set(READ_IN_THE_PDF) <= {"cocaleros", "narco"}


def test_the_queue_starts_with_the_segments_a_reader_fixes_first(sample: Path) -> None:
    queue = review_queue(review_translations(sample, "es").segments)
    top = queue[:10]
    # Each of the first ten has at least two English or garbled words in it.
    assert all(sum(len(f.words) for f in r.findings) >= 2 for r in top), [r.target for r in top]
    targets = " ".join(r.target for r in top)
    for phrase in ("branded un traitor", "coalicióndeala", "routinely", "co-operatives"):
        assert phrase in targets
    assert all(r.confidence() == "no score (Apertium gives none)" for r in queue)
    assert [r.risk for r in queue] == sorted((r.risk for r in queue), reverse=True)


def test_check_queue_and_json_name_po_file_and_line(sample: Path) -> None:
    result = run_publish("check", "--translations", "--queue", "--no-epub", "-C", str(sample))
    rows = result.stdout.splitlines()
    assert rows and "segment(s) to review" in result.stderr
    for row in rows[:10]:
        where = re.match(r"(translations/es/[\w-]+\.po):(\d+)  risk ", row)
        assert where, row
        lines = (sample / where.group(1)).read_text(encoding="utf-8").splitlines()
        entry = "\n".join(lines[int(where.group(2)) - 1:int(where.group(2)) + 4])
        assert "msgctxt" in entry and "msgstr" in entry  # the line opens the entry a PO editor jumps to
    found = json.loads(run_publish("check", "--translations", "--queue", "--json", "--no-epub",
                                   "-C", str(sample)).stdout)
    leftovers = [d for d in found["diagnostics"] if d["code"] == "translation-leftover"]
    assert any("bracing" in d["message"] and d["path"] == "translations/es/chapare.po" and d["line"]
               for d in leftovers)
    alone = run_publish("check", "--queue", "--no-epub", "-C", str(sample))
    assert alone.returncode == 2 and alone.stderr.count("\n") == 1 and "--translations" in alone.stderr
    first = found["queue"][0]
    assert first["leftover"] and first["file"].endswith(".po") and first["risk"] >= found["queue"][-1]["risk"]
    assert first["confidence"] == "no score (Apertium gives none)" and first["score"] is None


@pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium-eng-spa is not installed")
def test_enforcing_the_glossary_takes_the_drafts_violations_to_zero() -> None:
    from publish.translate.qa_segment import Languages
    from publish.translate.engines.apertium import ApertiumEngine

    book, _ = read_project(REPO)
    glossary = load_glossary(REPO / "translations" / "es", "translations/es")
    sources = [s.source for segments in all_segments(book).values() for s in segments]
    engine = ApertiumEngine("en", "es")
    same = Languages("en", "es", load_lexicon("en"), load_lexicon("es")).same_word

    def count(drafted_with: Glossary) -> int:
        drafts = draft_batch(engine, sources, drafted_with)
        return sum(len(violations(s, d.text, glossary, same)) for s, d in zip(sources, drafts))

    assert count(Glossary()) > 10  # Apertium alone: 'régimen de golpe', 'Estrella de Mañana', ...
    assert count(glossary) == 0


def test_the_notice_says_how_many_segments_were_flagged(sample: Path) -> None:
    book, _ = read_project(sample)
    _, records, _ = translate_edition(book, load_memory(sample, "es"), "es")
    flagged = sum(r.flagged for r in records.values())
    queue = review_queue(review_translations(sample, "es").segments)
    assert flagged == len([r for r in queue if not r.file.endswith("/_book.po")]) > 0
    built = run_publish("build", "--lang", "es", "--format", "epub", "-C", str(sample))
    assert built.returncode == 0, built.stderr
    epub = sample / "build" / "bolivia-2019.es.epub"
    assert epubcheck(epub) == []
    notice = next(text for name, text in epub_texts(epub).items() if 'id="translation-notice"' in text)
    assert f"marcaron {flagged} de esos segmentos para revisión" in notice
    sources = next(text for name, text in epub_texts(epub).items() if "Revisado por una persona" in text)
    assert "0 de 104 segmentos" in sources  # the 'reviewed by a person' line is unchanged


def test_without_dictionaries_the_check_says_so_and_still_finds_copied_words(
        sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from publish.translate import qa_segment

    monkeypatch.setattr(qa_segment, "load_lexicon", lambda lang: None)
    review = review_translations(sample, "es")
    missing = [d for d in review.diagnostics if d.code == "translation-dictionary"]
    assert len(missing) == 1 and "apt-get install hunspell-es" in (missing[0].hint or "")
    reported = {word for report in review.segments for word in report.leftover}
    assert {"bracing", "swath", "bloodbath", "whimpering"} <= reported
