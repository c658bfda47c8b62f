"""Reading a project folder: publish.yaml and the manuscript files it lists, into a Book."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from .. import model as m
from ..errors import Diagnostic, PublishError
from ..frontmatter import ARTICLE_STEM as _STEM
from ..frontmatter import split_front_matter
from .images import ImageResolver
from .markdown import parse_body

CONFIG = "publish.yaml"
TRIMS = ("a5", "6x9", "letter")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def read_text(path: Path, root: Path) -> str:
    """Read a UTF-8 file, or fail with a line naming the file and the first bad byte's line."""
    rel = _rel(path, root)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PublishError("file not found", path=rel, hint="check the path.") from None
    try:
        return data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PublishError(
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})",
            path=rel,
            line=line,
            hint="re-save it as UTF-8 (e.g. iconv -f cp1252 -t utf-8).",
        ) from None


def read_project(root: Path) -> tuple[m.Book, list[Diagnostic]]:
    """Read ``root/publish.yaml`` and every article it lists."""
    root = root.resolve()
    config_path = root / CONFIG
    if not config_path.is_file():
        raise PublishError(
            f"no {CONFIG} here ({root})",
            hint="run publish in a project folder, pass -C DIR, or create one with 'publish init DIR'.",
        )
    config = _load_config(read_text(config_path, root))
    diagnostics: list[Diagnostic] = []
    resolver = ImageResolver(root, diagnostics)
    stems = _article_stems(config, read_text(config_path, root))
    articles = tuple(_read_article(root, stem, line, resolver, diagnostics) for stem, line in stems)
    _check_unique_slugs(articles)
    book = _book(config, articles, tuple(resolver.images))
    return book, diagnostics


def _load_config(text: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PublishError(
            f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
            path=CONFIG,
            line=mark.line + 1 if mark is not None else None,
            hint="fix the YAML syntax.",
        ) from None
    if not isinstance(data, dict):
        raise PublishError("publish.yaml must be a mapping of key: value lines", path=CONFIG, line=1)
    if not str(data.get("title") or "").strip():
        raise PublishError("the book has no title", path=CONFIG, line=1, hint="add 'title: ...' to publish.yaml.")
    trim = str(data.get("trim", "a5")).lower()
    if trim not in TRIMS:
        raise PublishError(f"unknown trim size '{trim}'", path=CONFIG, line=_key_line(text, "trim"),
                           hint=f"use one of: {', '.join(TRIMS)}.")
    return data


def _article_stems(config: dict[str, Any], text: str) -> list[tuple[str, int | None]]:
    listed = config.get("articles") or []
    if not isinstance(listed, list):
        raise PublishError("'articles' must be a list of manuscript file names", path=CONFIG,
                           line=_key_line(text, "articles"), hint="write one '- NN-slug' line per article.")
    out: list[tuple[str, int | None]] = []
    seen: set[str] = set()
    for item in listed:
        stem = str(item).removesuffix(".md").removeprefix("manuscript/")
        line = _key_line(text, str(item), list_item=True)
        if stem in seen:
            raise PublishError(f"article '{stem}' is listed twice", path=CONFIG, line=line,
                               hint="remove the second entry from 'articles'.")
        seen.add(stem)
        out.append((stem, line))
    return out


def _read_article(
    root: Path, stem: str, order_line: int | None, resolver: ImageResolver, diagnostics: list[Diagnostic]
) -> m.Article:
    path = root / "manuscript" / f"{stem}.md"
    rel = f"manuscript/{stem}.md"
    if not _STEM.match(stem):
        raise PublishError(f"'{stem}' is not a valid article name", path=CONFIG, line=order_line,
                           hint="article files are named NN-slug.md (digits, a dash, lowercase letters/digits/dashes).")
    if not path.is_file():
        raise PublishError(f"article '{stem}' is listed but {rel} does not exist", path=CONFIG, line=order_line,
                           hint=f"create {rel} or remove '{stem}' from 'articles'.")
    front, body, body_line = split_front_matter(_without_control_chars(read_text(path, root), rel, diagnostics), rel)
    title = front.get("title")
    if not isinstance(title, str) or not title.strip():
        raise PublishError("the article has no title", path=rel, line=1,
                           hint="add 'title: ...' to the front matter.")
    resolver.current_path = rel
    blocks, footnotes, body_diags = parse_body(body, rel, body_line, resolver)
    diagnostics.extend(body_diags)
    if not blocks:
        diagnostics.append(Diagnostic("empty-body", "the article has no body text", rel, body_line,
                                      hint="paste the article text below the front matter."))
    source = _source(front.get("source"), rel)
    return m.Article(
        slug=_STEM.match(stem).group(2),  # type: ignore[union-attr]
        title=title.strip(),
        subtitle=_opt_str(front.get("subtitle")),
        authors=_authors(front.get("authors"), rel),
        date=_opt_str(front.get("date")),
        source=source,
        body=blocks,
        footnotes=footnotes,
        lang=str(front.get("lang", "en")),
        path=rel,
    )


def _without_control_chars(text: str, rel: str, diagnostics: list[Diagnostic]) -> str:
    """Remove characters XML cannot hold (they would make the EPUB invalid), warning once per file."""
    match = _CONTROL.search(text)
    if not match:
        return text
    line = text.count("\n", 0, match.start()) + 1
    diagnostics.append(Diagnostic("control-char", f"control character U+{ord(match.group()):04X} removed "
                                  "(and any others in this file)", rel, line,
                                  hint="delete it; it usually comes from copying out of a PDF or a word processor."))
    return _CONTROL.sub("", text)


def _authors(value: Any, rel: str) -> tuple[m.Author, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        raise PublishError("'authors' must be a list", path=rel, hint="write '- name: ...' items.")
    out = []
    for item in value:
        if isinstance(item, str):
            out.append(m.Author(item.strip()))
        elif isinstance(item, dict) and str(item.get("name") or "").strip():
            out.append(m.Author(str(item["name"]).strip(), _opt_str(item.get("bio"))))
        else:
            raise PublishError("an author has no name", path=rel, hint="each author needs 'name: ...'.")
    return tuple(out)


def _source(value: Any, rel: str) -> m.Source:
    if value is None:
        return m.Source()
    if not isinstance(value, dict):
        raise PublishError("'source' must be a mapping", path=rel,
                           hint="write publication/url/accessed/rights under 'source:'.")
    return m.Source(*(_opt_str(value.get(k)) for k in ("publication", "url", "accessed", "rights")))


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    return text or None


def _check_unique_slugs(articles: tuple[m.Article, ...]) -> None:
    seen: dict[str, str] = {}
    for article in articles:
        if article.slug in seen:
            raise PublishError(f"duplicate article slug '{article.slug}' (also {seen[article.slug]})",
                               path=article.path, line=1, hint="rename one of the files to a different slug.")
        seen[article.slug] = article.path


def _book(config: dict[str, Any], articles: tuple[m.Article, ...], images: tuple[m.Image, ...]) -> m.Book:
    title = str(config["title"]).strip()
    editors = config.get("editors") or []
    translations = config.get("translations") or []
    date = _opt_str(config.get("date")) or "1970-01-01"
    return m.Book(
        slug=str(config.get("slug") or _slugify(title)),
        title=title,
        subtitle=_opt_str(config.get("subtitle")),
        editors=tuple(str(e) for e in (editors if isinstance(editors, list) else [editors])),
        lang=str(config.get("language", "en")),
        identifier=str(config.get("identifier") or f"urn:publish:{_slugify(title)}"),
        publisher=_opt_str(config.get("publisher")),
        rights=_opt_str(config.get("rights")),
        date=date,
        translations=tuple(str(t) for t in (translations if isinstance(translations, list) else [translations])),
        articles=articles,
        description=_opt_str(config.get("description")),
        trim=str(config.get("trim", "a5")).lower(),
        images=images,
    )


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "book"


def _key_line(text: str, key: str, list_item: bool = False) -> int | None:
    pattern = re.compile(rf"^\s*-\s*['\"]?{re.escape(key)}" if list_item else rf"^{re.escape(key)}\s*:")
    for number, line in enumerate(text.split("\n"), start=1):
        if pattern.match(line):
            return number
    return None


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)
