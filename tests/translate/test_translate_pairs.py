"""Language pairs as data: which engine serves a pair (Argos direct, Argos through English, Apertium's
installed modes), the target checked against publish.yaml, and a missing pair naming its install command."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from argos_tiny import build_tiny_package

from publish.errors import ExitCode, PublishError
from publish.translate import argos_packages
from publish.translate.engines.apertium import debian_package, find_mode, installed_modes
from publish.translate.pofile import draft_record
from publish.translate.run import RunOptions, translate_project

BOOK_ES = """\
title: Notas del valle
language: es
identifier: urn:uuid:5b0e2a4c-1d3f-4e6a-8b9c-0a1b2c3d4e5f
date: 2024-05-01
translations: [{targets}]
articles: [01-valle]
"""
ARTICLE_ES = """\
---
title: El valle en mayo
authors:
- name: Inés Prat
---

El río baja crecido después de las lluvias. Los vecinos limpian los canales cada mañana.

## El mercado

El sábado se venden quesos y miel en la plaza.
"""


def spanish_book(root: Path, targets: str) -> Path:
    (root / "manuscript").mkdir(parents=True)
    (root / "publish.yaml").write_text(BOOK_ES.format(targets=targets), encoding="utf-8")
    (root / "manuscript" / "01-valle.md").write_text(ARTICLE_ES, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def pair_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pairs")
    return {f"{a}-{b}": build_tiny_package(folder, "minisbd", from_code=a, to_code=b)
            for a, b in (("es", "en"), ("en", "fr"), ("en", "pt"), ("en", "ca"), ("en", "pb"))}


def test_argos_pivots_through_english(tmp_path: Path, pair_packages: dict[str, Path], argos_home: Path,
                                      no_network: list[str]) -> None:
    root = spanish_book(tmp_path / "valle", "fr")
    for pair in ("es-en", "en-fr"):
        argos_packages.install_file(pair_packages[pair])
    report = translate_project(root, RunOptions(engine="auto"))
    both = "translate-es_en-tiny-minisbd+translate-en_fr-tiny-minisbd"
    assert report.engine == f"engine: argos ({both} 0.0.1+0.0.1)"
    po = polib.pofile(str(root / "translations" / "fr" / "valle.po"))
    assert po.metadata["Language"] == "fr" and po.metadata["X-Publish-Engine"].startswith(f"argos {both} ")
    sources = {e.msgid for e in po if not e.obsolete}
    assert {"El río baja crecido después de las lluvias.", "El mercado"} <= sources
    assert all(e.msgstr for e in po) and no_network == []
    assert all(" score=" in e.comment for e in po if not e.obsolete)  # both legs scored, the lower kept
    record = draft_record(next(e for e in po if e.msgid == "El mercado"))
    assert record is not None and record.origin.model == both and record.origin.version == "0.0.1+0.0.1"


def test_a_region_tag_uses_its_language_package(pair_packages: dict[str, Path], argos_home: Path) -> None:
    argos_packages.install_file(pair_packages["en-pt"])
    route = argos_packages.find_route("en", "pt-BR")
    assert [p.to_code for p in route] == ["pt"]
    argos_packages.install_file(pair_packages["en-pb"])  # argospm's own code for Brazilian Portuguese wins
    assert [p.to_code for p in argos_packages.find_route("en", "pt-BR")] == ["pb"]
    assert [p.to_code for p in argos_packages.find_route("en", "pt")] == ["pt"]
    assert argos_packages.find_route("en", "fr") == []  # nothing bridges en->fr: no direct package


def test_a_missing_pair_names_the_commands_that_install_it(tmp_path: Path, argos_home: Path) -> None:
    if find_mode("es", "fr") is not None:
        pytest.skip("Apertium es->fr is installed here")
    root = spanish_book(tmp_path / "valle", "fr")
    with pytest.raises(PublishError) as caught:
        translate_project(root, RunOptions(engine="auto"))
    line = caught.value.one_line()
    assert caught.value.exit_code == ExitCode.MISSING_PART and "no translation engine for es->fr" in line
    assert "publish models install es fr" in line and "apt-get install apertium-fr-es" in line
    assert not (root / "translations").exists()  # a failed first run leaves no folder, glossary or lock


def test_auto_prefers_apertium_to_argos_through_english(tmp_path: Path, pair_packages: dict[str, Path],
                                                        argos_home: Path) -> None:
    if find_mode("es", "ca") is None:
        pytest.skip("apertium-spa-cat is not installed (scripts/setup.sh installs it)")
    root = spanish_book(tmp_path / "valle", "ca")
    for pair in ("es-en", "en-ca"):
        argos_packages.install_file(pair_packages[pair])
    auto = translate_project(root, RunOptions(engine="auto"))
    assert auto.engine is not None and auto.engine.startswith("engine: apertium (apertium-spa-cat ")
    assert auto.engine.endswith("(preferred to Argos through English)")
    po = polib.pofile(str(root / "translations" / "ca" / "valle.po"))
    assert next(e.msgstr for e in po if e.msgid == "El mercado") == "El mercat"  # real Catalan
    argos = translate_project(root, RunOptions(engine="argos", redo_machine=True))
    assert argos.engine == ("engine: argos (translate-es_en-tiny-minisbd+translate-en_ca-tiny-minisbd "
                            "0.0.1+0.0.1)")


def test_apertium_asked_for_a_pair_debian_does_not_package(tmp_path: Path, argos_home: Path) -> None:
    root = spanish_book(tmp_path / "valle", "fr")
    config = root / "publish.yaml"  # the same book declared as English: en->fr has no Debian package
    config.write_text(config.read_text(encoding="utf-8").replace("language: es", "language: en"), encoding="utf-8")
    with pytest.raises(PublishError) as caught:
        translate_project(root, RunOptions(lang="fr", engine="apertium"))
    line = caught.value.one_line()
    assert "Apertium with the en->fr pair is not installed" in line and "publish models install en fr" in line
    assert "apt-get" not in line and debian_package("en", "fr") is None


@pytest.mark.parametrize(("targets", "lang", "says"), [
    ("en, fr", None, "say which language to translate into (en, fr)"),
    ("en", "fr", "'fr' is not among the translations of publish.yaml"),
    ("en", "es", "the book is already in 'es'"),
    ("", None, "publish.yaml lists no translations"),
])
def test_the_target_comes_from_publish_yaml(tmp_path: Path, targets: str, lang: str | None, says: str) -> None:
    root = spanish_book(tmp_path / "valle", targets)
    with pytest.raises(PublishError, match=r"^" + says.replace("(", r"\(").replace(")", r"\)")) as caught:
        translate_project(root, RunOptions(lang=lang, engine="apertium"))
    assert caught.value.exit_code == ExitCode.USAGE and not (root / "translations").exists()


def test_apertium_pairs_are_read_from_the_installed_modes() -> None:
    modes = {mode.name: mode for mode in installed_modes()}
    if "eng-cat" not in modes:
        pytest.skip("apertium-eng-cat is not installed (scripts/setup.sh installs it)")
    assert (modes["eng-cat"].source, modes["eng-cat"].target, modes["eng-cat"].package) == ("en", "ca", "apertium-eng-cat")
    assert find_mode("en", "ca") == modes["eng-cat"]
    if "eng-cat_valencia" in modes:  # a variant mode serves its own tag, the plain tag gets the plain mode
        assert find_mode("en", "ca-valencia") == modes["eng-cat_valencia"]
    if "spa-eng_US" in modes:  # a region variant: en-US (any case) gets it, plain en the plain mode
        assert modes["spa-eng_US"].target == "en-US" and find_mode("es", "en-us") == modes["spa-eng_US"]
        assert find_mode("es", "en") == modes["spa-eng"]
    assert all("-" not in name.split("_")[0].split("-", 1)[1] for name in modes)  # no debugging modes
    assert debian_package("ca", "en") == "apertium-eng-cat" and debian_package("pt", "es") == "apertium-es-pt"


def test_apertium_keeps_a_sentence_capital_it_moved() -> None:
    from publish.translate.engines.apertium import ApertiumEngine

    if find_mode("en", "ca") is None:
        pytest.skip("apertium-eng-cat is not installed (scripts/setup.sh installs it)")
    # eng-cat puts the article first here and writes it in lower case ("el territori lliure de Bolívia").
    first, second = ApertiumEngine("en", "ca").translate_batch(
        ["Bolivia’s free territory of Chapare has ousted the regime.", "the regime has fled."])
    assert first.startswith("El territori lliure de Bolívia") and second.startswith("el règim")
