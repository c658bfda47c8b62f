"""Editions in other language pairs, end to end through the real command line: a French edition drafted
by a tiny real Argos en->fr package, a Catalan one by Debian's real Apertium eng-cat, and a book written
in Spanish translated into English (tiny Argos es->en).

Each run is a subprocess with its own Argos folders and a socket guard (``sitecustomize``) that logs
and refuses every network connection (every one but a Unix socket's, which only reaches a process on this
machine: the build's fork server), so "offline" is checked for these pairs too. Only the outputs asserted
on are built: each translated edition as EPUB (EPUBCheck 0/0, Ace 0) and PDF, each bilingual one as EPUB.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polib
import pytest
from argos_tiny import build_tiny_package
from helpers import ace_violations, copy_sample, epubcheck, run_publish

GUARD = '''
import socket

def _refuse(*args, **kwargs):
    with open(__LOG__, "a", encoding="utf-8") as log:
        log.write(repr(args[1:2] if args and isinstance(args[0], socket.socket) else args[:1]) + "\\n")
    raise OSError("network access attempted during an offline test")

def _unless_local(original):
    def connect(self, *args, **kwargs):
        if self.family == socket.AF_UNIX:  # a process on this machine (the build's fork server), not the network
            return original(self, *args, **kwargs)
        return _refuse(self, *args, **kwargs)
    return connect

socket.socket.connect = _unless_local(socket.socket.connect)
socket.socket.connect_ex = _unless_local(socket.socket.connect_ex)
socket.create_connection = socket.getaddrinfo = _refuse
'''


@pytest.fixture
def offline(tmp_path: Path) -> dict[str, str]:
    """Environment for a publish subprocess: Argos kept in tmp_path, every network connection logged and
    refused."""
    guard = tmp_path / "guard"
    guard.mkdir()
    log = tmp_path / "connections.log"
    (guard / "sitecustomize.py").write_text(GUARD.replace("__LOG__", repr(str(log))), encoding="utf-8")
    env = {name: str(tmp_path / "argos" / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME",
                                                                      "XDG_CACHE_HOME")}
    env["ARGOS_PACKAGES_DIR"] = str(tmp_path / "argos" / "packages")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(guard), os.environ.get("PYTHONPATH")]))
    env["CONNECTIONS_LOG"] = str(log)
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 9))"],
                           env={**os.environ, **env}, capture_output=True, text=True, timeout=60)
    assert "offline test" in probe.stderr and len(connections(env)) == 1, "the socket guard is not loaded"
    log.unlink()
    return env


def connections(env: dict[str, str]) -> list[str]:
    log = Path(env["CONNECTIONS_LOG"])
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def publish(env: dict[str, str], *args: str) -> str:
    """Run publish; on success return its stderr (where it reports), else fail with it."""
    result = run_publish(*args, env=env)
    assert result.returncode == 0, f"publish {' '.join(args)}: exit {result.returncode}: {result.stderr[-1500:]}"
    return result.stderr + result.stdout


def with_translations(root: Path, *langs: str) -> None:
    config = root / "publish.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index("translations:")
    end = text.index("\n", text.index("  - ", start))
    config.write_text(text[:start] + "translations: [" + ", ".join(langs) + "]" + text[end:], encoding="utf-8")


def check_edition(root: Path, tag: str, source: str, tmp_path: Path) -> dict[str, str]:
    """EPUBCheck 0/0 and Ace 0 on the translated EPUB, EPUBCheck on the bilingual one, the PDF rendered
    in the target language; returns the translated EPUB's texts."""
    build = root / "build"
    slug = next(build.glob(f"*.{tag}.epub")).name.removesuffix(f".{tag}.epub")
    edition, bilingual = build / f"{slug}.{tag}.epub", build / f"{slug}.{source}-{tag}.epub"
    with ThreadPoolExecutor(3) as pool:  # each check is a Java or Node process: run them side by side
        checks = [pool.submit(epubcheck, edition), pool.submit(epubcheck, bilingual),
                  pool.submit(ace_violations, edition, tmp_path / f"ace-{tag}")]
    assert [c.result() for c in checks] == [[], [], []]
    import pypdf

    pdf = pypdf.PdfReader(build / f"{slug}.{tag}.pdf")
    assert pdf.trailer["/Root"]["/Lang"] == tag and len(pdf.pages) > 4
    with zipfile.ZipFile(edition) as epub:
        texts = {n: epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith((".xhtml", ".opf"))}
    opf = next(t for n, t in texts.items() if n.endswith(".opf"))
    assert f"<dc:language>{tag}</dc:language>" in opf
    with zipfile.ZipFile(bilingual) as epub:
        both = "".join(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml"))
    assert f'lang="{tag}"' in both and f'lang="{source}"' in both
    return texts


def visible_text(epub_path: Path, lang: str) -> str:
    """The text a reader sees in the EPUB's pages, leaving out passages marked as another language
    (an untranslated segment, an original title): what is left must be in ``lang``."""
    from lxml import etree

    parts = []
    with zipfile.ZipFile(epub_path) as epub:
        for name in sorted(n for n in epub.namelist() if n.endswith(".xhtml")):
            tree = etree.fromstring(epub.read(name))
            for element in list(tree.iter()):
                tag = element.get("lang") or element.get("{http://www.w3.org/XML/1998/namespace}lang")
                if tag and tag.split("-")[0] != lang and element.getparent() is not None:
                    element.getparent().remove(element)
            parts.append(re.sub(r"[ \t\r\n]+", " ", "".join(tree.itertext())))  # keeps no-break spaces
    return "\n".join(parts)


def leftover_ui(text: str, lang: str, other: str) -> list[str]:
    """Book strings (headings, labels, notices) of ``other``'s catalogue found in ``text`` where ``lang``'s
    catalogue says something else. Words under six letters ("By", "and") are left out: nonsense drafts hold them."""
    import publish

    def catalogue(code: str) -> dict[str, str]:
        po = polib.pofile(str(Path(publish.__file__).parent / "locale" / code / "messages.po"))
        return {e.msgctxt or e.msgid: e.msgstr or e.msgid for e in po if e.msgid}

    mine, theirs = catalogue(lang), catalogue(other)
    return [string for key, string in theirs.items()
            if "{" not in string and len(string) >= 6 and string != mine.get(key)
            and re.search(rf"(?<!\w){re.escape(string)}(?!\w)", text)]


def pdf_text(path: Path) -> str:
    import pypdf

    return " ".join(re.sub(r"\s+", " ", page.extract_text() or "") for page in pypdf.PdfReader(path).pages)


def drafts(root: Path, lang: str) -> list[polib.POEntry]:
    entries = []
    for path in sorted((root / "translations" / lang).glob("*.po")):
        po = polib.pofile(str(path))
        assert po.metadata["Language"] == lang
        entries += [e for e in po if not e.obsolete]
    return entries


def test_french_edition_from_a_tiny_argos_package(tmp_path: Path, offline: dict[str, str]) -> None:
    root = copy_sample(tmp_path / "book")
    with_translations(root, "es", "fr")
    package = build_tiny_package(tmp_path / "models", "minisbd", from_code="en", to_code="fr")
    publish(offline, "models", "install", "--file", str(package))
    assert "argos en->fr  translate-en_fr-tiny-minisbd" in publish(offline, "models", "list")
    said = publish(offline, "translate", "--to", "fr", "-C", str(root))
    assert "engine: argos (translate-en_fr-tiny-minisbd 0.0.1)" in said
    entries = drafts(root, "fr")
    assert len(entries) > 100 and all(e.msgstr for e in entries)
    # The tiny model gives every title the same nonsense word; a translator titles the articles (two
    # Sources sections with one name would be one landmark twice for Ace).
    for slug, title in (("chapare", "Le Chapare"), ("bolivian-coup", "Le coup d’État en Bolivie")):
        po = polib.pofile(str(root / "translations" / "fr" / f"{slug}.po"))
        next(e for e in po if e.msgctxt.startswith(f"{slug}/title.")).msgstr = title
        if slug == "chapare":  # and writes one sentence as people type it: plain spaces, straight quotes
            next(e for e in po if e.msgctxt.startswith(f"{slug}/p.")).msgstr = \
                'Il a demandé : "Pourquoi partir ?" Personne n\'a répondu!'
        po.save()
    publish(offline, "build", "--lang", "fr", "-C", str(root))
    publish(offline, "build", "--lang", "en+fr", "--format", "epub", "-C", str(root))
    texts = check_edition(root, "fr", "en", tmp_path)
    opf = next(t for n, t in texts.items() if n.endswith(".opf"))
    assert "argos translate-en_fr-tiny-minisbd 0.0.1 (machine translation)" in opf
    seen = visible_text(root / "build" / "bolivia-2019.fr.epub", "fr")
    # French typography: no-break space before ':', narrow ones before '?', '!' and inside « ».
    assert "Il a demandé\u00a0: «\u202fPourquoi partir\u202f?\u202f» Personne n’a répondu\u202f!" in seen
    assert "24 décembre 2019" in seen and "13 novembre 2019" in seen  # the articles' dates, by Babel
    assert "December" not in seen and leftover_ui(seen, "fr", "en") == []
    assert "24 décembre 2019" in pdf_text(root / "build" / "bolivia-2019.fr.pdf")
    assert connections(offline) == []


def test_catalan_edition_from_apertium(tmp_path: Path, offline: dict[str, str]) -> None:
    from publish.translate.engines.apertium import find_mode

    if find_mode("en", "ca") is None:
        pytest.skip("apertium-eng-cat is not installed (scripts/setup.sh installs it)")
    root = copy_sample(tmp_path / "book")
    with_translations(root, "es", "ca")
    # No --to: every translation in turn; Spanish is already complete, so only Catalan reaches an engine.
    said = publish(offline, "translate", "-C", str(root))
    assert "es: translations are up to date" in said
    assert "ca: engine: apertium (apertium-eng-cat " in said and "no Argos en->ca model is installed" in said
    entries = drafts(root, "ca")
    titles = {e.msgid: e.msgstr for e in entries if e.msgctxt.startswith("_book/title")}
    assert titles == {"Chapare and the Coup": "Chapare i el Cop"}  # real Catalan from the real engine
    publish(offline, "build", "--lang", "ca", "-C", str(root))
    publish(offline, "build", "--lang", "en+ca", "--format", "epub", "-C", str(root))
    texts = check_edition(root, "ca", "en", tmp_path)
    assert "apertium apertium-eng-cat" in next(t for n, t in texts.items() if n.endswith(".opf"))
    seen = visible_text(root / "build" / "bolivia-2019.ca.epub", "ca")
    assert "24 de desembre del 2019" in seen and "December" not in seen
    assert leftover_ui(seen, "ca", "en") == [] and leftover_ui(seen, "ca", "es") == []
    assert "desembre" in pdf_text(root / "build" / "bolivia-2019.ca.pdf")
    assert connections(offline) == []


SPANISH_BOOK = {
    "publish.yaml": """\
title: Cuaderno de la costa
slug: cuaderno
editors: [Redacción de prueba]
language: es
identifier: urn:uuid:0d3c5f1e-8a7b-4c2d-9e6f-1a2b3c4d5e6f
date: 2024-03-15
translations: [en]
articles: [01-puerto]
""",
    "manuscript/01-puerto.md": """\
---
title: El puerto amanece
authors:
- name: Marta Ribas
date: '2024-03-02'
---

Los pescadores salen antes del alba. ¿Quién compra el pescado? La cooperativa del pueblo lo vende en el mercado.

## La lonja

La lonja abre a las seis. Los precios se cantan en voz alta y la subasta dura poco.[^1]

> «El mar no espera», dice la patrona de la barca.

[^1]: Los precios del día se publican en la puerta.
""",
}


def test_spanish_book_translated_into_english(tmp_path: Path, offline: dict[str, str]) -> None:
    root = tmp_path / "cuaderno"
    for name, text in SPANISH_BOOK.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    package = build_tiny_package(tmp_path / "models", "minisbd", from_code="es", to_code="en")
    publish(offline, "models", "install", "--file", str(package))
    said = publish(offline, "translate", "--to", "en", "-C", str(root))
    assert "engine: argos (translate-es_en-tiny-minisbd 0.0.1)" in said
    sources = {e.msgid for e in drafts(root, "en")}
    assert {"Los pescadores salen antes del alba.", "¿Quién compra el pescado?", "La lonja"} <= sources
    publish(offline, "build", "--lang", "en", "--lang", "es+en", "--format", "epub", "-C", str(root))
    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(epubcheck, [root / "build" / f"cuaderno.{tag}.epub" for tag in ("en", "es-en")])) == [[], []]
    with zipfile.ZipFile(root / "build" / "cuaderno.en.epub") as epub:
        opf = next(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".opf"))
    assert "<dc:language>en</dc:language>" in opf and "translate-es_en-tiny-minisbd" in opf
    seen = visible_text(root / "build" / "cuaderno.en.epub", "en")
    assert "2 March 2024" in seen and "marzo" not in seen and leftover_ui(seen, "en", "es") == []
    assert connections(offline) == []
