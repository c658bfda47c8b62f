"""Each translation check fires on a made-up bad segment and stays quiet on a good one.

The glossary check (longest match first, inflected renderings, keep terms verbatim), leftover source
words (Hunspell via spylls, Apertium's own marks), words no dictionary knows, numbers, placeholders,
repetition, length, and the review queue's order. Segments are written here, modelled on the
sample's shapes; the dictionaries are Debian's real Hunspell ones.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from publish import model as m
from publish.translate.qa_segment import Languages, entry_problems
from publish.translate.enforce import draft_batch, protect, restore
from publish.translate.glossary import Glossary, find_terms, load_glossary, violations
from publish.translate.markup import encode
from publish.translate.qa_lexicon import load_lexicon
from publish.translate.qa_queue import Finding, SegmentReport, review_queue
from publish.translate.qa_words import leftover_words, unknown_words
from publish.translate.segments import Segment

REPO = Path(__file__).resolve().parents[2]
GLOSSARY = Glossary(keep=("Evo Morales", "Evo", "MAS", "Banco Union", "Morning Star"),
                    render={"coup": "golpe de Estado", "coup regime": "régimen golpista",
                            "coup government": "gobierno golpista", "coup officials": "funcionarios golpistas",
                            "coup supporters": "partidarios del golpe", "toolchain": "cadena de herramientas"})
needs_dictionaries = pytest.mark.skipif(load_lexicon("es") is None or load_lexicon("en") is None,
                                        reason="hunspell-es / hunspell-en-us are not installed (scripts/setup.sh)")


@pytest.fixture(scope="module")
def languages() -> Languages:
    return Languages("en", "es", load_lexicon("en"), load_lexicon("es"))


# ---------------------------------------------------------------- glossary


def test_a_longer_term_hides_the_shorter_terms_inside_it() -> None:
    source = "The coup regime fell, and the coup officials fled after the coup."
    assert [t.term for t in find_terms(source, GLOSSARY)] == ["coup regime", "coup officials", "coup"]
    good = "El régimen golpista cayó, y los funcionarios golpistas huyeron tras el golpe de Estado."
    assert violations(source, good, GLOSSARY) == []
    bad = "El régimen golpista cayó, y los funcionarios golpistas huyeron tras el golpe."
    assert violations(source, bad, GLOSSARY) == ["'coup' should be rendered 'golpe de Estado'"]


# Per rendering rule: a sentence using it, a right translation in another inflection, a wrong one.
RULES = {
    "coup": ("after the coup", "tras los golpes de estado", "tras el golpe militar"),
    "coup regime": ("against the coup regime", "contra los regímenes golpistas", "contra el régimen de golpe"),
    "coup government": ("the coup government said", "las gobiernos golpistas dijeron", "el gobierno de golpe dijo"),
    "coup officials": ("two coup officials", "dos funcionarias golpistas", "dos oficiales de golpe"),
    "coup supporters": ("coup supporters marched", "partidarias del golpe marcharon", "seguidores del golpe marcharon"),
    "toolchain": ("the publishing toolchain", "las cadenas de herramientas de edición", "el toolchain de edición"),
}


@needs_dictionaries
@pytest.mark.parametrize("term", sorted(RULES))
def test_each_rendering_rule_accepts_inflections_and_catches_a_wrong_rendering(term: str,
                                                                               languages: Languages) -> None:
    source, inflected, wrong = RULES[term]
    assert violations(source, inflected, GLOSSARY, languages.same_word) == []
    assert violations(source, wrong, GLOSSARY, languages.same_word) == [
        f"'{term}' should be rendered '{GLOSSARY.render[term]}'"]


@pytest.mark.parametrize("term", GLOSSARY.keep)
def test_each_keep_term_must_stay_verbatim(term: str) -> None:
    source = f"They spoke with {term} on Monday."
    assert violations(source, f"Hablaron con {term} el lunes.", GLOSSARY) == []
    changed = term.replace("o", "ó").replace("a", "á").replace("S", "s")
    assert violations(source, f"Hablaron con {changed} el lunes.", GLOSSARY) == [f"'{term}' must stay as is"]


def test_the_sample_glossary_covers_every_rule_tested_here() -> None:
    sample = load_glossary(REPO / "translations" / "es", "translations/es")
    assert set(sample.render) == set(RULES) and set(GLOSSARY.keep) <= set(sample.keep)


# ---------------------------------------------------------------- enforcement


def test_protect_swaps_longest_terms_first_and_restore_finds_lost_ones() -> None:
    shield = protect("Coup supporters backed the coup regime of Evo Morales' rivals.", GLOSSARY)
    assert shield.text == "⟦g1⟧ backed the ⟦g2⟧ of ⟦g3⟧' rivals."
    assert shield.targets == {1: "Partidarios del golpe", 2: "régimen golpista", 3: "Evo Morales"}
    text, lost = restore("⟦g1⟧ apoyaron el ⟦g2⟧ de los rivales.", shield)
    assert text == "Partidarios del golpe apoyaron el régimen golpista de los rivales." and lost == ["Evo Morales"]


@pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium-eng-spa is not installed")
def test_apertium_drafts_keep_the_glossary_and_report_unknown_words() -> None:
    from publish.translate.engines.apertium import ApertiumEngine

    sources = ["The coup government met the coup officials at Banco Union.",
               "The unions are bracing for a swath of *starred* text."]
    drafts = draft_batch(ApertiumEngine("en", "es"), sources, GLOSSARY)
    assert all(violations(s, d.text, GLOSSARY) == [] for s, d in zip(sources, drafts))
    assert "gobierno golpista" in drafts[0].text and "Banco Union" in drafts[0].text
    assert drafts[1].score is None  # Apertium gives no score; none is invented
    assert set(drafts[1].unknown) == {"bracing", "swath"}
    assert drafts[1].text.count("*") == 2  # the source's own asterisks are text, not marks


# ---------------------------------------------------------------- leftover and unknown words


@needs_dictionaries
def test_leftover_english_words_are_found_and_names_keep_terms_and_shared_words_are_not(
        languages: Languages) -> None:
    source = "The union is bracing for a bloody re-invasion, said Goldberg of Morning Star on the radio."
    bad = "La unión es bracing para una sangrienta re-invasión, dijo Goldberg de Morning Star en la radio."
    assert leftover_words(source, bad, GLOSSARY, languages.target_lex, languages.source_lex) == ["bracing"]
    good = "La unión se prepara para una sangrienta re-invasión, dijo Goldberg de Morning Star en la radio."
    assert leftover_words(source, good, GLOSSARY, languages.target_lex, languages.source_lex) == []


@needs_dictionaries
def test_english_plurals_of_acronyms_and_hyphen_parts_are_leftovers(languages: Languages) -> None:
    source = "Regime-change NGOs have self-governing offices."
    target = "Las NGOs de cambio de régimen tienen oficinas self-rigiendo."
    assert leftover_words(source, target, GLOSSARY, languages.target_lex, languages.source_lex) == ["NGOs", "self"]
    fixed = "Las ONG de cambio de régimen tienen oficinas autogestionadas."
    assert leftover_words(source, fixed, GLOSSARY, languages.target_lex, languages.source_lex) == []


@needs_dictionaries
def test_apertium_marks_count_unless_the_word_is_a_name(languages: Languages) -> None:
    source = "Grayzone reported the skirmish."
    target = "Grayzone informó del skirmish."
    # The book writes 'Grayzone' mid-sentence elsewhere: a name, though Apertium did not know it.
    assert leftover_words(source, target, GLOSSARY, languages.target_lex, languages.source_lex,
                          marked=("Grayzone", "skirmish"), book_names=frozenset({"Grayzone"})) == ["skirmish"]
    # Never seen mid-sentence and in no dictionary: copied from the source, so reported ('Relocalization').
    assert leftover_words(source, target, GLOSSARY, languages.target_lex, languages.source_lex,
                          marked=("Grayzone", "skirmish")) == ["Grayzone", "skirmish"]


def test_without_a_target_dictionary_only_copied_words_are_reported() -> None:
    source = "They feared a bloodbath."
    assert leftover_words(source, "Temían un bloodbath.", GLOSSARY, None, None) == ["bloodbath"]
    assert leftover_words(source, "Temían un baño de sangre.", GLOSSARY, None, None) == []


@needs_dictionaries
def test_words_an_engine_ran_together_are_reported(languages: Languages) -> None:
    source = "Even Bolivia's right-wing media are reporting this."
    bad = "Losmedios de comunicaciónde ala derecha de Bolivia lo informan."
    assert unknown_words(source, bad, GLOSSARY, languages.target_lex, []) == ["Losmedios", "comunicaciónde"]
    good = "Incluso los medios de comunicación de derecha de Bolivia lo informan, dijo Londres."
    assert unknown_words(source, good, GLOSSARY, languages.target_lex, []) == []


# ---------------------------------------------------------------- the other checks, one entry each


def _segment(source: str) -> Segment:
    encoded = encode((m.Text("A "), m.Strong((m.Text("bold"),)), m.Text(" claim.")))
    slots = encoded.slots if "⟦" in source else {}
    return Segment("a/p.1", "p", source, slots, "manuscript/a.md")


CASES = {
    "translation-numbers": ("Turnout was 47.08 percent of 12,000 voters.",
                            "La participación fue del 47,08 por ciento de 12.000 votantes.",
                            "La participación fue del por ciento de 12.000 votantes."),
    "translation-markup": ("A ⟦1⟧bold⟦/1⟧ claim.", "Una afirmación ⟦1⟧audaz⟦/1⟧.", "Una afirmación audaz."),
    "translation-repetition": ("The people marched to the square.", "La gente marchó a la plaza.",
                               "La gente la gente la gente la gente la gente marchó."),
    "translation-length": ("The people marched to the square in the morning.",
                           "La gente marchó a la plaza por la mañana.", "Gente."),
    "translation-glossary": ("After the coup regime fell.", "Tras la caída del régimen golpista.",
                             "Tras la caída del régimen del golpe."),
    "translation-leftover": ("They feared a bloodbath in reprisal.", "Temían un baño de sangre en represalia.",
                             "Temían un bloodbath en represalia."),
    "translation-unknown-word": ("The right-wing coalition.", "La coalición de derecha.",
                                 "La coalicióndeala derecha."),
}


@needs_dictionaries
@pytest.mark.parametrize("code", sorted(CASES))
def test_each_check_fires_on_a_bad_entry_and_not_on_a_good_one(code: str, languages: Languages) -> None:
    source, good, bad = CASES[code]
    source_segment = _segment(source)
    codes = {f.code for f in entry_problems(source_segment, polib.POEntry(msgid=source, msgstr=good), GLOSSARY,
                                            languages)}
    assert codes == set()
    codes = {f.code for f in entry_problems(source_segment, polib.POEntry(msgid=source, msgstr=bad), GLOSSARY,
                                            languages)}
    assert code in codes


def test_a_fuzzy_entry_is_flagged_for_review() -> None:
    entry = polib.POEntry(msgid="A line.", msgstr="Una línea.", flags=["fuzzy"])
    assert [f.code for f in entry_problems(_segment("A line."), entry, GLOSSARY)] == ["translation-review"]


# ---------------------------------------------------------------- the queue


def _report(line: int, findings: tuple[Finding, ...], score: float | None = None, engine: str = "argos",
            state: str = "machine", kind: str = "p") -> SegmentReport:
    return SegmentReport("translations/es/a.po", line, f"a/p.{line}", kind, state, "src", "tgt", engine, score,
                         findings)


def test_the_queue_puts_the_riskiest_machine_segments_first() -> None:
    leftover = Finding("translation-leftover", "", "", ("swath", "flourished"))
    numbers = Finding("translation-numbers", "", "")
    length = Finding("translation-length", "", "")
    reports = [_report(10, (length,)), _report(20, (leftover,)), _report(30, ()), _report(40, (numbers,)),
               _report(50, (), score=-1.4), _report(60, (leftover,), state="edited"), _report(70, (), score=-0.2),
               _report(80, (length,), kind="title")]
    assert [r.line for r in review_queue(reports)] == [20, 40, 50, 80, 10]
    assert _report(1, (), score=-1.4).confidence() == "score -1.40"
    assert _report(1, (), engine="apertium").confidence() == "no score (Apertium gives none)"
