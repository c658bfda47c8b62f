"""The project schema: every key of ``publish.yaml``, of an article's front matter and of a glossary.

Each key is declared once (name, allowed form, what it does); the loaders below check every value
against it and return frozen, typed configs, and ``docs/manuscript-format.md``'s key tables are generated
from the same declarations (``key_table``). Wrong types and values are errors naming the file, the line
and the allowed form; unknown keys are warnings naming the nearest valid key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import Diagnostic, PublishError
from .locales import quote_styles
from .paths import canonical_language, language_problem, slug_problem, slugify
from .yamlfile import YamlDoc, load_yaml

CONFIG = "publish.yaml"

TRIMS: dict[str, dict[str, str]] = {
    "a5": {"page_size": "A5", "margin_top": "17mm", "margin_bottom": "19mm", "margin_inner": "20mm",
           "margin_outer": "14mm", "font_size": "10.5pt"},
    "6x9": {"page_size": "6in 9in", "margin_top": "0.75in", "margin_bottom": "0.8in", "margin_inner": "0.85in",
            "margin_outer": "0.6in", "font_size": "11pt"},
    "letter": {"page_size": "letter", "margin_top": "0.9in", "margin_bottom": "1in", "margin_inner": "1.25in",
               "margin_outer": "1in", "font_size": "12pt"},
}
"""The print trim sizes (``trim:``): page box, margins and body size for the PDF writer."""

QUOTES = quote_styles()
"""``quotes:`` styles, as the language folders define them (``publish/locale/<lang>/locale.yaml``)."""

ARTICLE_STEM = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
"""A manuscript file name without ``.md``: a number, a dash and the article's slug (``01-chapare``)."""

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATE_FORM = "an ISO date: YYYY-MM-DD (or YYYY-MM, or YYYY)"


class Bad(Exception):
    """A value that does not fit its key: what is wrong, the allowed form, and the list item at fault."""

    def __init__(self, problem: str, form: str, item: int | None = None) -> None:
        super().__init__(problem)
        self.problem, self.form, self.item = problem, form, item


# --- value converters: each returns the typed value or raises Bad -------------------------------------

def text(value: Any) -> str | None:
    """Optional one-line text."""
    if value is None:
        return None
    if not isinstance(value, str):
        shown = f"the number {value}" if isinstance(value, (int, float)) and not isinstance(value, bool) else _kind(value)
        raise Bad(f"must be text, not {shown}", "text on one line, in quotes if YAML reads it as something else")
    return value.strip() or None


def texts(value: Any) -> tuple[str, ...]:
    """A list of text items (a single text is a list of one)."""
    items = _items(value, "a list of text items ('- ...' lines)")
    out = []
    for index, item in enumerate(items):
        try:
            found = text(item)
        except Bad as bad:
            raise Bad(bad.problem, bad.form, index) from None
        if found:
            out.append(found)
    return tuple(out)


def iso_date(value: Any) -> str | None:
    """An ISO date, checked against the calendar (``2019-02-30`` is refused)."""
    if value is None:
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise Bad(f"must be a date, not {_kind(value)}", _DATE_FORM)
    raw = str(value).strip()
    match = _ISO.match(raw)
    if match is None or not _real_date(match):
        raise Bad(f"'{raw[:40]}' is not a date", _DATE_FORM)
    return raw


def loose_date(value: Any) -> str | None:
    """A date as the source printed it: ISO-shaped values must be real dates, other text is kept as written."""
    found = text(value)
    if found is not None and re.match(r"^\d{4}-\d{1,2}(-\d{1,2})?$", found):
        return iso_date(found)
    return found


def language(value: Any) -> str | None:
    found = text(value)
    if found is None:
        return None
    problem = language_problem(found)
    if problem:
        raise Bad(f"'{found[:40]}' {problem}", "a BCP 47 language tag such as en, es, pt-BR")
    return canonical_language(found)


def languages(value: Any) -> tuple[str, ...]:
    out = []
    for index, item in enumerate(_items(value, "a list of language tags")):
        try:
            found = language(item)
        except Bad as bad:
            raise Bad(bad.problem, bad.form, index) from None
        if found:
            out.append(found)
    return tuple(dict.fromkeys(out))


def slug(value: Any) -> str | None:
    found = text(value)
    if found is None:
        return None
    problem = slug_problem(found)
    if problem:
        raise Bad(f"'{found[:40]}' {problem}", "lowercase letters, digits and dashes, e.g. my-book-2019")
    return found


def one_of(options: tuple[str, ...]) -> Callable[[Any], str | None]:
    def convert(value: Any) -> str | None:
        found = text(value)
        if found is not None and found.lower() not in options:
            raise Bad(f"'{found[:40]}' is not allowed", "one of: " + ", ".join(options))
        return found.lower() if found else None
    return convert


def stems(value: Any) -> tuple[str, ...]:
    out = []
    for index, item in enumerate(_items(value, "a list of manuscript file names ('- NN-slug' lines)")):
        name = item.removesuffix(".md").removeprefix("manuscript/") if isinstance(item, str) else None
        if name is None or not ARTICLE_STEM.match(name):
            shown = name if name is not None else _kind(item)
            raise Bad(f"'{shown[:60]}' is not a valid article name",
                      "NN-slug: digits, a dash, lowercase letters/digits/dashes (the file manuscript/NN-slug.md)",
                      index)
        if name in out:
            raise Bad(f"article '{name}' is listed twice", "each article once", index)
        out.append(name)
    return tuple(out)


def _items(value: Any, form: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [value]
    raise Bad(f"must be a list, not {_kind(value)}", form)


def _real_date(match: re.Match[str]) -> bool:
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _kind(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", bool: "true/false", bytes: "binary data", set: "a set",
             str: "text", int: "a number", float: "a number", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


# --- the declarations ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Key:
    """One documented key: its name, converter, allowed form (for the docs) and what it does."""

    name: str
    convert: Callable[[Any], Any]
    form: str
    doc: str
    required: bool = False


PROJECT_KEYS: tuple[Key, ...] = (
    Key("title", text, "text", "The book's title.", required=True),
    Key("subtitle", text, "text", "The subtitle, printed under the title."),
    Key("slug", slug, "lowercase letters, digits, dashes",
        "Names the output files: `build/<slug>.<lang>.epub`. Default: made from the title."),
    Key("editors", texts, "list of text", "The people who compiled the book (dc:creator, role edt)."),
    Key("language", language, "BCP 47 tag", "The language the articles are written in. Default: `en`."),
    Key("identifier", text, "text (URI)", "The book's fixed identifier (`urn:uuid:…`), so rebuilds are identical."),
    Key("publisher", text, "text", "The publisher's name."),
    Key("rights", text, "text", "The rights statement of the compilation."),
    Key("description", text, "text", "A short description for the EPUB metadata."),
    Key("date", iso_date, "YYYY-MM-DD", "The edition date (also `dcterms:modified`)."),
    Key("translations", languages, "list of BCP 47 tags", "The languages of the translated editions."),
    Key("trim", one_of(tuple(TRIMS)), " \\| ".join(TRIMS), "The print PDF's page size. Default: `a5`."),
    Key("quotes", one_of(QUOTES), " \\| ".join(QUOTES),
        "Quotation marks of every edition, by nesting level: `angular` («» with “” inside, e.g. the RAE order), "
        "`curly` (“” with ‘’) or German `low` („“ with ‚‘). Default, or a style a language lacks: the language's own."),
    Key("articles", stems, "list of NN-slug", "The reading order: file stems in `manuscript/`."),
    Key("blurb", text, "text", "The back-cover text of `publish cover` (paragraphs separated by blank lines)."),
)

SOURCE_KEYS: tuple[Key, ...] = (
    Key("publication", text, "text", "Where the article first appeared."),
    Key("url", text, "http(s) URL", "The original's address (only http, https and mailto become links)."),
    Key("accessed", iso_date, "YYYY-MM-DD", "When the original was read."),
    Key("rights", text, "text", "Who holds the rights, as the source states."),
)

FRONT_KEYS: tuple[Key, ...] = (
    Key("title", text, "text", "The article's title.", required=True),
    Key("subtitle", text, "text", "The dek, if the source has one."),
    Key("authors", lambda v: v, "list of {name, bio} or names", "Who wrote it; `bio` in the source's own words."),
    Key("date", loose_date, "YYYY-MM-DD or text", "The article's date; a raw string if the source is ambiguous."),
    Key("source", lambda v: v, "mapping", "publication, url, accessed, rights (each optional)."),
    Key("lang", language, "BCP 47 tag", "The article's language when it differs from the book's."),
)

GLOSSARY_KEYS: tuple[Key, ...] = (
    Key("keep", texts, "list of text", "Terms never translated (names of people, places, organisations)."),
    Key("render", lambda v: v, "mapping term: rendering", "Fixed renderings, matched as whole words, any case."),
)

GLOSSARY_TEMPLATE = """\
# Glossary for `publish translate` into this language: enforced around the translation engine and
# checked by `publish check --translations`. Both keys are optional (see docs/manuscript-format.md).
#
# keep:     terms never translated (names of people, places, organisations), one '- term' per line
# render:   fixed renderings, one 'term in the book's language: its translation' per line,
#           matched as whole words in any case
keep: []
render: {}
"""
"""A new language folder's glossary: no terms, only comments saying how to add them."""


def key_table(keys: tuple[Key, ...]) -> str:
    """The Markdown table of ``keys`` that docs/manuscript-format.md carries (a test keeps them in step)."""
    rows = ["| key | value | meaning |", "|---|---|---|"]
    for key in keys:
        name = f"`{key.name}`" + (" (required)" if key.required else "")
        rows.append(f"| {name} | {key.form} | {key.doc} |")
    return "\n".join(rows)


def read_mapping(doc: YamlDoc, keys: tuple[Key, ...], where: tuple[object, ...] = (),
                 what: str = "this file") -> tuple[dict[str, Any], list[Diagnostic]]:
    """Each declared key converted (absent keys are None), and a warning per unknown key."""
    data = doc.data
    for step in where:
        data = data.get(step) if isinstance(data, dict) else None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PublishError(f"{what} must be a mapping of 'key: value' lines, not {_kind(data)}", path=doc.path,
                           line=doc.line(*where), hint="write one 'key: value' per line.")
    diagnostics = [_unknown(doc, key, where, keys) for key in data if key not in {k.name for k in keys}]
    values: dict[str, Any] = {}
    for key in keys:
        try:
            values[key.name] = key.convert(data.get(key.name))
        except Bad as bad:
            at = (*where, key.name) + (() if bad.item is None else (bad.item,))
            raise PublishError(f"'{key.name}': {bad.problem}", path=doc.path, line=doc.line(*at),
                               hint=f"write it as {bad.form}.") from None
        if key.required and values[key.name] is None:
            raise PublishError(f"'{key.name}' is missing or empty", path=doc.path, line=doc.line(*where, key.name),
                               hint=f"add '{key.name}: ...'.")
    return values, diagnostics


def _unknown(doc: YamlDoc, key: object, where: tuple[object, ...], keys: tuple[Key, ...]) -> Diagnostic:
    names = [k.name for k in keys]
    near = difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
    hint = f"did you mean '{near[0]}'?" if near else "known keys: " + ", ".join(names) + "."
    return Diagnostic("unknown-key", f"unknown key '{str(key)[:40]}' is ignored", doc.path,
                      doc.line(*where, key), hint=hint)


@dataclass(frozen=True)
class ProjectConfig:
    """``publish.yaml``, checked and typed (see ``PROJECT_KEYS`` for what each key means)."""

    title: str
    slug: str
    language: str
    identifier: str
    date: str
    trim: str
    quotes: str
    subtitle: str | None = None
    editors: tuple[str, ...] = ()
    publisher: str | None = None
    rights: str | None = None
    description: str | None = None
    blurb: str | None = None
    translations: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    article_lines: tuple[int, ...] = ()
    """The publish.yaml line of each entry of ``articles`` (for messages)."""
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)


def load_project_config(text_: str, path: str = CONFIG) -> ProjectConfig:
    """Parse and check publish.yaml; warnings (unknown keys, removed characters) ride on the result."""
    doc = load_yaml(text_, path)
    values, unknown = read_mapping(doc, PROJECT_KEYS, what=path)
    own_slug = values["slug"] or slugify(values["title"])
    lang = values["language"] or "en"
    return ProjectConfig(
        title=values["title"], slug=own_slug, language=lang,
        identifier=values["identifier"] or f"urn:publish:{own_slug}", date=values["date"] or "1970-01-01",
        trim=values["trim"] or "a5", quotes=values["quotes"] or "", subtitle=values["subtitle"],
        editors=values["editors"], publisher=values["publisher"], rights=values["rights"],
        description=values["description"], blurb=values["blurb"],
        translations=tuple(t for t in values["translations"] if t != lang), articles=values["articles"],
        article_lines=tuple(doc.line("articles", i) for i in range(len(values["articles"]))),
        diagnostics=(*doc.diagnostics, *unknown))
