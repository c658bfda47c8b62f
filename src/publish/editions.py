"""Editions: the source-language book as read, a translated edition (``fr``) or a bilingual one (``en+fr``),
assembled from the manuscript and the segment memory, each set in its languages' typography. The writers
then render any of them alike. No language is named here: what varies by language is in ``publish/locale``."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path
from typing import Any

from . import model as m
from .errors import Diagnostic, ExitCode, PublishError
from .locales import available, locale_for
from .transform.typography import typeset

MACHINE_TRANSLATOR = "publish translate"


def edition_tag(spec: str) -> str:
    """``en+fr`` -> ``en-fr`` (file names and identifiers); ``fr`` -> ``fr``."""
    return spec.replace("+", "-")


def parse_spec(book: m.Book, spec: str) -> tuple[str, bool]:
    """(target language, bilingual?) of an edition spec such as ``fr`` or ``en+fr``; validated."""
    source, plus, target = spec.partition("+")
    other = next((t for t in book.translations if t != book.lang), "<lang>")
    if not spec.strip() or (plus and not (source and target)):
        raise PublishError(f"'{spec}' names no edition", exit_code=ExitCode.USAGE,
                           hint=f"use {book.lang}, a translation such as {other}, a pair such as "
                           f"{book.lang}+{other}, or all.")
    if not plus:
        source, target = book.lang, spec
    if source != book.lang:
        # es+en is en+es written backwards: suggest the swap, not en+en.
        other = source if target == book.lang else target
        raise PublishError(f"the '{spec}' edition must start from the book's language ({book.lang})",
                           hint=f"use '{book.lang}+{other}'.", exit_code=ExitCode.USAGE)
    if target != book.lang and target not in book.translations:
        raise PublishError(f"'{target}' is not among the translations of publish.yaml",
                           path="publish.yaml", hint=f"add '{target}' to 'translations', then run "
                           f"'publish translate --to {target}'.", exit_code=ExitCode.USAGE)
    if plus and target == book.lang:
        raise PublishError(f"'{spec}' pairs a language with itself", hint=f"use '{book.lang}+{other}'.",
                           exit_code=ExitCode.USAGE)
    return target, bool(plus)


def load_edition(root: Path, book: m.Book, spec: str) -> tuple[m.Book, list[Diagnostic]]:
    """The Book to render for ``spec``; translated editions read ``translations/<lang>/``."""
    target, bilingual = parse_spec(book, spec)
    if target == book.lang:
        return typeset(book), _locale_diagnostics(target, book.quotes)
    from .translate.apply import load_memory, translate_edition

    memory = load_memory(root, target, shared=True)  # read-only here; preview reads it again on every save
    if not memory.files:
        raise PublishError(f"there is no {target} translation yet (translations/{target}/ has no PO files)",
                           hint=f"run 'publish translate --to {target}'.", exit_code=ExitCode.INPUT)
    translated, records, diagnostics = translate_edition(book, memory, target)
    articles = tuple(dataclasses.replace(done, original=source, provenance=records[source.slug])
                     for source, done in zip(book.articles, translated.articles, strict=True))
    edition = dataclasses.replace(
        translated, articles=articles, original=book, edition=edition_tag(spec),
        identifier=edition_identifier(book.identifier, edition_tag(spec)),
        translators=_translators(memory), lang=book.lang if bilingual else target)
    return typeset(edition), [*_locale_diagnostics(target, book.quotes), *diagnostics]


def _locale_diagnostics(lang: str, quotes: str) -> list[Diagnostic]:
    """Warnings about ``lang``'s folder: none at all (its strings are then printed in English), or no
    quotation style of the name ``quotes:`` asks for (its own default is used)."""
    primary = lang.split("-")[0].lower()
    if primary not in available():
        return [Diagnostic("locale", f"publish has no strings or typography for '{lang}': the book's headings "
                           f"and labels are printed in English ({', '.join(available())} are known)", "publish.yaml",
                           hint=f"add a folder src/publish/locale/{primary}/ with messages.po and locale.yaml "
                           "(copy one of the others and translate it).")]
    rules = locale_for(lang).typography
    if quotes and quotes not in rules.quote_styles:
        return [Diagnostic("quotes", f"quotes: '{quotes}' is not a style of '{lang}', so the {lang} edition uses "
                           f"its own ({rules.default_quotes})", "publish.yaml",
                           hint=f"use one of {', '.join(rules.quote_styles)}, or leave 'quotes' out.")]
    return []


def edition_identifier(identifier: str, tag: str) -> str:
    """A distinct, stable identifier per edition, derived from the book's own."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, identifier + '#' + tag)}"


def _translators(memory: Any) -> tuple[str, ...]:
    """People named as Last-Translator in the PO headers (a PO editor sets it); publish's own name is not a person."""
    names: list[str] = []
    for memory_file in memory.files.values():
        if memory_file.po is None:
            continue
        name = str(memory_file.po.metadata.get("Last-Translator", "")).strip()
        name = name.split("<")[0].strip()
        if name and not name.startswith(MACHINE_TRANSLATOR) and "FULL NAME" not in name and name not in names:
            names.append(name)
    return tuple(names)
