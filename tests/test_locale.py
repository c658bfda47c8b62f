"""Languages as data: French, Catalan, German and Spanish editions of a small English book whose PO files
are written here by hand (no engine), a Spanish book's English edition, and an Italian edition that exists
only because a locale folder was added. Each EPUB passes EPUBCheck 0/0; dates, strings, quotes and spacing
follow the language folder."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import babel
import polib
import pyphen
import pytest
from helpers import ace_violations, epubcheck
from pypdf import PdfReader

from publish import locales
from publish.build import build
from publish.errors import ExitCode, PublishError
from publish.reader import read_project
from publish.translate.pofile import new_po, text_hash
from publish.translate.segments import all_segments

NBSP, NNBSP = "\u00a0", "\u202f"

ARTICLE = """---
title: The Night the Bridge Closed
subtitle: A river town waits for repairs
authors:
- name: Ana Ruiz
  bio: Ana Ruiz reports on rural transport.
date: '2019-12-24'
source:
  publication: The Valley Courier
  url: https://example.org/bridge
  accessed: '2020-01-05'
---

The mayor called it "a temporary measure" on Monday.

Would the ferry run again? Nobody knew: the timetable had gone.

Traders said the market lost 40% of its sales.
"""

# What a translator typed: plain spaces and straight quotes; the locale's typography does the rest.
HAND: dict[str, dict[str, str]] = {
    "fr": {"A River Town": "Une ville au bord du fleuve", "Notes from the valley": "Notes de la vallée",
           "Each article belongs to its author.": "Chaque article appartient à son auteur.",
           "Ana Ruiz reports on rural transport.": "Ana Ruiz écrit sur les transports ruraux.",
           "The Night the Bridge Closed": "La nuit où le pont a fermé",
           "A river town waits for repairs": "Une ville attend les réparations",
           'The mayor called it "a temporary measure" on Monday.': 'Le maire a parlé lundi d\'une "mesure temporaire".',
           "Would the ferry run again?": "Le bac reprendrait-il ?",
           "Nobody knew: the timetable had gone.": "Personne ne le savait: l'horaire avait disparu.",
           "Traders said the market lost 40% of its sales.": "Selon les commerçants, le marché a perdu 40 % de ses ventes."},
    "ca": {"A River Town": "Un poble de riu", "Notes from the valley": "Notes de la vall",
           "Each article belongs to its author.": "Cada article és del seu autor.",
           "Ana Ruiz reports on rural transport.": "Ana Ruiz escriu sobre el transport rural.",
           "The Night the Bridge Closed": "La nit que van tancar el pont",
           "A river town waits for repairs": "Un poble espera les reparacions",
           'The mayor called it "a temporary measure" on Monday.': 'L\'alcalde ho va anomenar "una mesura temporal" dilluns.',
           "Would the ferry run again?": "Tornaria a funcionar el transbordador?",
           "Nobody knew: the timetable had gone.": "Ningú no ho sabia: l'horari havia desaparegut.",
           "Traders said the market lost 40% of its sales.": "Els comerciants van dir que el mercat va perdre el 40 % de les vendes."},
    "de": {"A River Town": "Eine Stadt am Fluss", "Notes from the valley": "Notizen aus dem Tal",
           "Each article belongs to its author.": "Jeder Artikel gehört seinem Autor.",
           "Ana Ruiz reports on rural transport.": "Ana Ruiz berichtet über den ländlichen Verkehr.",
           "The Night the Bridge Closed": "Die Nacht, in der die Brücke schloss",
           "A river town waits for repairs": "Eine Stadt wartet auf die Reparatur",
           'The mayor called it "a temporary measure" on Monday.': 'Der Bürgermeister nannte es am Montag "eine vorübergehende Maßnahme".',
           "Would the ferry run again?": "Würde die Fähre wieder fahren?",
           "Nobody knew: the timetable had gone.": "Niemand wusste es: Der Fahrplan war verschwunden.",
           "Traders said the market lost 40% of its sales.": "Händler sagten, der Markt habe 40 % seines Umsatzes verloren."},
    "es": {"A River Town": "Un pueblo de río", "Notes from the valley": "Notas del valle",
           "Each article belongs to its author.": "Cada artículo pertenece a su autor.",
           "Ana Ruiz reports on rural transport.": "Ana Ruiz escribe sobre el transporte rural.",
           "The Night the Bridge Closed": "La noche en que cerró el puente",
           "A river town waits for repairs": "Un pueblo espera las reparaciones",
           'The mayor called it "a temporary measure" on Monday.': 'El alcalde lo llamó "una medida temporal" el lunes.',
           "Would the ferry run again?": "¿Volvería a funcionar el transbordador?",
           "Nobody knew: the timetable had gone.": "Nadie lo sabía: el horario había desaparecido.",
           "Traders said the market lost 40% of its sales.": "Los comerciantes dijeron que el mercado perdió el 40 % de sus ventas."},
    "it": {"A River Town": "Un paese sul fiume", "Notes from the valley": "Note dalla valle",
           "Each article belongs to its author.": "Ogni articolo appartiene al suo autore.",
           "Ana Ruiz reports on rural transport.": "Ana Ruiz scrive di trasporti rurali.",
           "The Night the Bridge Closed": "La notte in cui chiuse il ponte",
           "A river town waits for repairs": "Un paese aspetta le riparazioni",
           'The mayor called it "a temporary measure" on Monday.': 'Il sindaco l\'ha definita "una misura temporanea" lunedì.',
           "Would the ferry run again?": "Il traghetto sarebbe ripartito?",
           "Nobody knew: the timetable had gone.": "Nessuno lo sapeva: l'orario era sparito.",
           "Traders said the market lost 40% of its sales.": "I commercianti dicono che il mercato ha perso il 40% delle vendite."},
}

MACHINE = ("publish-mt: engine=argos model=translate-en_xx version=1.9.6 hash=sha256:0a1b2c3d4e5f6a7b "
           "date=2026-11-28 out={out}")


def write_memory(root: Path, lang: str, table: dict[str, str]) -> None:
    """translations/<lang>/*.po from the book's segments: title and subtitle left as machine drafts (so the
    edition carries the machine-draft notice), every other entry approved by a person."""
    book, _ = read_project(root)
    folder = root / "translations" / lang
    folder.mkdir(parents=True, exist_ok=True)
    for name, segments in all_segments(book).items():
        po = new_po(lang, {})
        po.metadata["Last-Translator"] = "Marie Martin <marie@example.org>"
        for segment in segments:
            entry = polib.POEntry(msgctxt=segment.id, msgid=segment.source, msgstr=table[segment.source],
                                  occurrences=[(segment.reference, "")])
            if "/title." in segment.id or "/subtitle." in segment.id:
                entry.comment = MACHINE.format(out=text_hash(entry.msgstr))
            else:
                entry.flags.append("approved")
            po.append(entry)
        po.save(str(folder / f"{name}.po"))


def make_book(root: Path, source_lang: str, article: str, translations: dict[str, dict[str, str]],
              words: tuple[str, str, str] = ("A River Town", "Notes from the valley",
                                             "Each article belongs to its author.")) -> Path:
    (root / "manuscript").mkdir(parents=True)
    (root / "publish.yaml").write_text(
        f"title: {words[0]}\nsubtitle: {words[1]}\nslug: river-town\neditors: [The Valley Desk]\n"
        f"language: {source_lang}\nidentifier: urn:uuid:0f3a2b6c-1d4e-4c8b-9a7f-2e6d5c4b3a21\n"
        f"publisher: Valley Books\nrights: {words[2]}\ndate: 2020-01-15\n"
        f"translations: [{', '.join(translations)}]\narticles: [01-bridge]\n", encoding="utf-8")
    (root / "manuscript" / "01-bridge.md").write_text(article, encoding="utf-8")
    for lang, table in translations.items():
        write_memory(root, lang, table)
    return root


def texts(epub: Path) -> dict[str, str]:
    """The visible text of each XHTML document of an EPUB (tags dropped, entities kept as characters)."""
    with zipfile.ZipFile(epub) as z:
        return {name: re.sub(r"<[^>]+>", " ", z.read(name).decode("utf-8").split("<body", 1)[-1])
                for name in z.namelist() if name.endswith(".xhtml")}


def english_ui_left(epub: Path, lang: str) -> list[str]:
    """English UI strings (the en catalogue's msgstrs that the language translates differently) in the text."""
    english, own = locales.load("en").strings, locales.locale_for(lang).strings
    wanted = [v for k, v in english.items() if v != own[k] and "{" not in v and len(v) > 3]
    joined = " ".join(texts(epub).values()).replace("&#39;", "'")
    return [v for v in wanted if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", joined)]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English book with hand-made fr, ca, de and es memories, built once: fr and es as EPUB and PDF,
    the others as EPUB."""
    root = make_book(tmp_path_factory.mktemp("locale") / "book", "en", ARTICLE,
                     {lang: HAND[lang] for lang in ("fr", "ca", "de", "es")})
    for langs, formats in ((["fr", "es"], ["epub", "pdf"]), (["en", "en+fr", "ca", "de"], ["epub"])):
        assert build(root, langs, formats).diagnostics == ()  # WeasyPrint too: the CSS the locales add is valid
    return root


@pytest.fixture(scope="module")
def checked(book: Path) -> dict[str, list[str]]:
    """EPUBCheck's messages for each EPUB of ``book`` (two at a time: each run starts its own JVM)."""
    epubs = sorted((book / "build").glob("*.epub"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        return {path.name: messages for path, messages in zip(epubs, pool.map(epubcheck, epubs), strict=True)}


def test_french_edition_dates_strings_spacing(book: Path, checked: dict[str, list[str]]) -> None:
    epub = book / "build/river-town.fr.epub"
    assert checked[epub.name] == []
    pages = texts(epub)
    article = next(v for k, v in pages.items() if "bridge" in k)
    assert "24 décembre 2019" in article and "24 décembre 2019" in pages["EPUB/sources.xhtml"]
    assert f"«{NNBSP}mesure temporaire{NNBSP}»" in article
    assert f"reprendrait-il{NNBSP}?" in article and f"savait{NBSP}: l’horaire" in article
    assert f"40{NBSP}%" in article and f"Source{NBSP}: Paru d’abord dans" in article
    assert "Traduit de l’original en anglais" in pages["EPUB/titlepage.xhtml"]
    assert "Table des matières" in pages["EPUB/nav.xhtml"]
    notice = pages["EPUB/notice.xhtml"]  # the article title and subtitle are machine drafts: 2 of 7 segments
    assert "À propos de cette traduction" in notice and f"Seuls 71{NBSP}% de ses 7 segments" in notice
    assert "28 novembre 2026" in pages["EPUB/sources.xhtml"]  # the machine draft's date, in French
    assert english_ui_left(epub, "fr") == []
    with zipfile.ZipFile(epub) as z:  # the accessibility summary speaks the edition's language too
        opf = z.read(next(n for n in z.namelist() if n.endswith(".opf"))).decode("utf-8")
    assert f"Cette publication satisfait aux WCAG 2.1 niveau AA selon EPUBCheck et DAISY Ace{NBSP}:" in opf
    assert "This publication meets" not in opf


def test_french_epub_passes_ace(book: Path, tmp_path: Path) -> None:
    assert ace_violations(book / "build/river-town.fr.epub", tmp_path / "ace") == []


def test_french_pdf_has_french_dates_and_strings(book: Path) -> None:
    text = " ".join(page.extract_text() for page in PdfReader(book / "build/river-town.fr.pdf").pages)
    assert "24 décembre 2019" in text and "Table des matières" in text and "Traduit de l’original" in text


def test_bilingual_english_french_edition_is_valid(book: Path, checked: dict[str, list[str]]) -> None:
    epub = book / "build/river-town.en-fr.epub"
    assert checked[epub.name] == []
    article = next(v for k, v in texts(epub).items() if "bridge" in k)
    assert "“a temporary measure”" in article and f"«{NNBSP}mesure temporaire{NNBSP}»" in article


@pytest.mark.parametrize(("lang", "date", "quoted"), [
    ("ca", "24 de desembre del 2019", "«una mesura temporal»"),
    ("de", "24. Dezember 2019", "„eine vorübergehende Maßnahme“"),
    ("es", "24 de diciembre de 2019", "«una medida temporal»"),
])
def test_catalan_german_spanish_dates_and_quotes(book: Path, checked: dict[str, list[str]], lang: str, date: str,
                                                 quoted: str) -> None:
    epub = book / f"build/river-town.{lang}.epub"
    assert checked[epub.name] == []
    article = next(v for k, v in texts(epub).items() if "bridge" in k)
    assert date in article and quoted in article
    assert english_ui_left(epub, lang) == []


def test_english_source_edition_gets_english_quotes(book: Path, checked: dict[str, list[str]]) -> None:
    assert checked["river-town.en.epub"] == []
    article = next(v for k, v in texts(book / "build/river-town.en.epub").items() if "bridge" in k)
    assert "“a temporary measure”" in article and "24 December 2019" in article


def test_quotes_curly_changes_the_spanish_epub_and_pdf(book: Path, tmp_path: Path) -> None:
    root = tmp_path / "curly"
    shutil.copytree(book, root, ignore=shutil.ignore_patterns("build"))
    yaml = root / "publish.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "quotes: curly\n", encoding="utf-8")
    assert build(root, ["es"], ["epub", "pdf"]).diagnostics == ()

    def pdf_text(path: Path) -> str:
        return " ".join(page.extract_text() for page in PdfReader(path).pages)

    angular = (book / "build/river-town.es.epub", book / "build/river-town.es.pdf")
    curly = (root / "build/river-town.es.epub", root / "build/river-town.es.pdf")
    assert epubcheck(curly[0]) == []
    for (epub, pdf), marks in ((angular, "«»"), (curly, "“”")):
        article = next(v for k, v in texts(epub).items() if "bridge" in k)
        assert f"{marks[0]}una medida temporal{marks[1]}" in article
        assert f"{marks[0]}una medida temporal{marks[1]}" in pdf_text(pdf)


def test_spanish_book_gets_an_english_edition(tmp_path: Path) -> None:
    spanish = {v: k for k, v in HAND["es"].items()}  # the same book, written in Spanish
    article = ARTICLE
    for english, translated in HAND["es"].items():
        article = article.replace(english, translated)
    article = article.replace("The Valley Courier", "El Correo del Valle")
    root = make_book(tmp_path / "es-book", "es", article, {"en": spanish},
                     ("Un pueblo de río", "Notas del valle", "Cada artículo pertenece a su autor."))
    build(root, ["en", "es+en"], ["epub"])
    epub = root / "build/river-town.en.epub"
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(epubcheck, [epub, root / "build/river-town.es-en.epub"])) == [[], []]
    pages = texts(epub)
    article_text = next(v for k, v in pages.items() if "bridge" in k)
    assert "“a temporary measure”" in article_text and "24 December 2019" in article_text
    assert "Translated from Spanish" in pages["EPUB/titlepage.xhtml"] and "Contents" in pages["EPUB/nav.xhtml"]
    spanish_ui = {v for k, v in locales.load("es").strings.items()
                  if v != locales.load("en").strings[k] and "{" not in v and len(v) > 3}
    assert not [v for v in spanish_ui if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", " ".join(pages.values()))]


@pytest.fixture
def italian_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped language folders plus an Italian one, in use for the duration of a test."""
    root = tmp_path / "locale"
    shutil.copytree(Path(str(locales.ROOT)), root)
    (root / "it").mkdir()
    po = polib.pofile(str(root / "en" / "messages.po"))
    italian = {"contents": "Indice", "sources": "Fonti", "translated_from": "Tradotto dall’originale in {lang}",
               "machine_notice_title": "Su questa traduzione", "title_page": "Frontespizio"}
    for entry in po:
        entry.msgstr = italian.get(entry.msgctxt or "", "")
    po.metadata["Language"] = "it"
    po.save(str(root / "it" / "messages.po"))
    (root / "it" / "locale.yaml").write_text(
        'cldr: it\nhyphenation: it_IT\nquotes:\n  default: angular\n  styles:\n'
        '    angular: [["«", "»"], ["“", "”"], ["‘", "’"]]\n', encoding="utf-8")
    monkeypatch.setattr(locales, "ROOT", root)
    locales.clear()
    yield root
    monkeypatch.undo()
    locales.clear()


def test_a_language_without_a_folder_warns_and_prints_english(tmp_path: Path) -> None:
    root = make_book(tmp_path / "it-book", "en", ARTICLE, {"it": HAND["it"]})
    result = build(root, ["it"], ["epub"])
    assert [d.code for d in result.diagnostics] == ["locale"]
    assert "Contents" in texts(root / "build/river-town.it.epub")["EPUB/nav.xhtml"]


def test_adding_a_folder_adds_a_language(tmp_path: Path, italian_folder: Path) -> None:
    assert "it" in locales.available()
    root = make_book(tmp_path / "it-book", "en", ARTICLE, {"it": HAND["it"]})
    result = build(root, ["it"], ["epub"], force=True)
    assert result.diagnostics == ()
    epub = root / "build/river-town.it.epub"
    assert epubcheck(epub) == []
    pages = texts(epub)
    assert "Indice" in pages["EPUB/nav.xhtml"] and "Fonti" in pages["EPUB/sources.xhtml"]
    assert "Tradotto dall’originale in inglese" in pages["EPUB/titlepage.xhtml"]
    article = next(v for k, v in pages.items() if "bridge" in k)
    assert "24 dicembre 2019" in article and "«una misura temporanea»" in article


@pytest.mark.parametrize("code", ["en", "es", "ca", "fr", "pt", "de"])
def test_each_shipped_language_folder_is_complete(code: str) -> None:
    """Every key of the English catalogue, with the same placeholders; a default quote style it defines;
    a CLDR locale Babel knows; a pyphen dictionary for its stated language and for the tag WeasyPrint sees."""
    assert code in locales.available()
    locale, english = locales.load(code), locales.load("en")
    po = polib.pofile(str(Path(str(locales.ROOT)) / code / "messages.po"))
    translated = {entry.msgctxt: entry.msgstr for entry in po}
    assert set(translated) == set(english.strings) and all(translated.values())
    for key, text in translated.items():
        assert sorted(re.findall(r"{\w+}", text)) == sorted(re.findall(r"{\w+}", english.strings[key])), key
    rules = locale.typography
    assert rules.default_quotes in rules.quote_styles
    assert all(len(level) == 2 for levels in rules.quote_styles.values() for level in levels)
    babel.Locale.parse(locale.cldr)
    assert locale.hyphenation in pyphen.LANGUAGES and pyphen.language_fallback(code) is not None


def test_the_allowed_quote_styles_come_from_the_folders() -> None:
    from publish.config import QUOTES

    assert set(QUOTES) == {name for code in locales.available() for name in locales.load(code).typography.quote_styles}
    assert {"angular", "curly", "low"} <= set(QUOTES)


def test_a_region_keeps_its_language_folder_and_takes_its_cldr_formats() -> None:
    from publish.render.dates import format_date

    assert format_date("2019-12-24", "en") == format_date("2019-12-24", "en-GB") == "24 December 2019"
    assert format_date("2019-12-24", "en-US") == "December 24, 2019"
    assert format_date("2019-12-24", "pt-BR") == "24 de dezembro de 2019"
    assert locales.locale_for("pt-BR").strings is locales.load("pt").strings
    assert format_date("2019-12-24", "en-Latn") == "24 December 2019"  # a script is no region


def test_region_tagged_editions_build(tmp_path: Path) -> None:
    """``language: en-GB`` with ``translations: [pt-BR]``: the translated edition is not taken for a bilingual
    one because its tag holds a hyphen, and the bilingual en-GB+pt-BR edition labels both languages."""
    root = make_book(tmp_path / "book", "en-GB", ARTICLE, {"pt-BR": HAND["es"]})
    result = build(root, ["pt-BR", "en-GB+pt-BR"], ["epub"])
    assert result.diagnostics == ()
    one, both = root / "build/river-town.pt-BR.epub", root / "build/river-town.en-GB-pt-BR.epub"
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(epubcheck, [one, both])) == [[], []]
    assert "Índice" in texts(one)["EPUB/nav.xhtml"] and "Contents / Índice" in texts(both)["EPUB/nav.xhtml"]
    assert "24 de dezembro de 2019" in next(v for k, v in texts(one).items() if "bridge" in k)


def test_weasyprint_hyphenates_with_the_folders_dictionary() -> None:
    """pyphen alone would take pt -> Brazilian and de -> Austrian patterns; the folders say pt_PT and de_DE,
    and a regional tag (pt-BR) keeps its own."""
    from weasyprint import HTML

    from publish.render.strings import hyphenation_css

    html = (f'<html lang="pt"><style>{hyphenation_css()}</style><body><p>um</p><p lang="pt-BR">dois</p>'
            '<p lang="de">drei</p></body></html>')
    seen: dict[str, str] = {}

    def walk(box: object) -> None:
        if type(box).__name__ == "TextBox":
            seen[box.text] = box.style["lang"]  # type: ignore[attr-defined]
        for child in getattr(box, "children", []):
            walk(child)

    walk(HTML(string=html).render().pages[0]._page_box)
    assert seen == {"um": "pt-PT", "dois": "pt-BR", "drei": "de-DE"}
    assert {pyphen.language_fallback(lang) for lang in seen.values()} == {"pt_PT", "pt_BR", "de_DE"}


def test_a_quote_style_the_language_lacks_is_reported(tmp_path: Path) -> None:
    root = make_book(tmp_path / "book", "en", ARTICLE, {"es": HAND["es"]})
    yaml = root / "publish.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "quotes: low\n", encoding="utf-8")
    result = build(root, ["es"], ["epub"])
    assert [(d.code, d.path) for d in result.diagnostics] == [("quotes", "publish.yaml")]
    assert "'low' is not a style of 'es'" in result.diagnostics[0].message
    assert "«una medida temporal»" in next(v for k, v in texts(root / "build/river-town.es.epub").items()
                                            if "bridge" in k)


@pytest.mark.parametrize(("yaml_text", "says"), [
    ("quotes: [\n  - a\n bad", "is not valid YAML"),
    ("quotes:\n  default: fancy\n  styles:\n    curly: [[\"“\", \"”\"]]\n", "quotes.default 'fancy' is not one"),
    ("quotes:\n  styles:\n    curly: [\"“\", \"”\"]\n", "quotes.styles.curly must be a list of [open, close] pairs"),
    ("space_before: [\";\"]\n", "space_before must be a mapping"),
    ("units: [1]\n", "units must be text"),
])
def test_a_broken_language_folder_is_one_clear_error(italian_folder: Path, tmp_path: Path, yaml_text: str,
                                                      says: str) -> None:
    """A folder someone added with a mistake: exit 3 naming the file (and line), never a traceback."""
    (italian_folder / "it" / "locale.yaml").write_text(yaml_text, encoding="utf-8")
    root = make_book(tmp_path / "it-book", "en", ARTICLE, {"it": HAND["it"]})
    before = sorted(p.name for p in root.rglob("*"))
    with pytest.raises(PublishError) as caught:
        build(root, ["it"], ["epub"], force=True)
    assert caught.value.exit_code == ExitCode.INPUT and says in caught.value.message
    assert caught.value.path == str(italian_folder / "it" / "locale.yaml")
    assert sorted(p.name for p in root.rglob("*")) == before
