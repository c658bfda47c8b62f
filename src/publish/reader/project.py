"""Reading a project folder: publish.yaml and the manuscript files it lists, into a Book.

The keys and their checks live in ``config`` (publish.yaml) and ``frontmatter`` (articles); every file
is opened through ``paths.inside``, so nothing outside the project is read, symlinks included.
"""

from __future__ import annotations

from pathlib import Path

from .. import model as m
from ..config import ARTICLE_STEM, CONFIG, TRIMS, ProjectConfig, load_project_config
from ..errors import Diagnostic, PublishError
from ..frontmatter import read_front_matter
from ..paths import inside
from ..text_clean import clean_text
from .images import ImageResolver
from .markdown import parse_body

__all__ = ["CONFIG", "TRIMS", "read_project", "read_text"]


def read_text(path: Path, root: Path) -> str:
    """Read a UTF-8 file inside the project, or fail with a line naming the file and the first bad byte's line."""
    rel = _rel(path, root)
    resolved = inside(root, path.relative_to(root.resolve()) if path.is_absolute() else path, shown=rel)
    try:
        data = resolved.read_bytes()
    except FileNotFoundError:
        raise PublishError("file not found", path=rel, hint="check the path.") from None
    except IsADirectoryError:
        raise PublishError("is a folder, not a file", path=rel, hint="remove or rename the folder.") from None
    except PermissionError:
        raise PublishError("cannot be read (permission denied)", path=rel, hint="check the file's permissions.") from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
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
    if config_path.is_dir():
        raise PublishError("is a folder, not the project's settings file", path=CONFIG,
                           hint=f"move the folder away and write the book's settings in {CONFIG}.")
    if not config_path.is_file():
        raise PublishError(
            f"no {CONFIG} here ({root})",
            hint="run publish in a project folder, pass -C DIR, or create one with 'publish init DIR'.",
        )
    config = load_project_config(read_text(config_path, root))
    diagnostics: list[Diagnostic] = list(config.diagnostics)
    resolver = ImageResolver(root, diagnostics)
    articles = tuple(_read_article(root, config, stem, line, resolver, diagnostics)
                     for stem, line in zip(config.articles, config.article_lines))
    _check_unique_slugs(articles)
    return _book(config, articles, tuple(resolver.images)), diagnostics


def _read_article(root: Path, config: ProjectConfig, stem: str, order_line: int, resolver: ImageResolver,
                  diagnostics: list[Diagnostic]) -> m.Article:
    rel = f"manuscript/{stem}.md"
    path = inside(root, rel, where=CONFIG, line=order_line)
    if not path.is_file():
        raise PublishError(f"article '{stem}' is listed but {rel} does not exist", path=CONFIG, line=order_line,
                           hint=f"create {rel} or remove '{stem}' from 'articles'.")
    front, body, body_line = read_front_matter(_without_control_chars(read_text(path, root), rel, diagnostics), rel)
    diagnostics.extend(front.diagnostics)
    resolver.current_path = rel
    blocks, footnotes, body_diags = parse_body(body, rel, body_line, resolver)
    diagnostics.extend(body_diags)
    if not blocks:
        diagnostics.append(Diagnostic("empty-body", "the article has no body text", rel, body_line,
                                      hint="paste the article text below the front matter."))
    return m.Article(
        slug=ARTICLE_STEM.match(stem).group(2),  # type: ignore[union-attr]
        title=front.title,
        subtitle=front.subtitle,
        authors=front.authors,
        date=front.date,
        source=front.source,
        body=blocks,
        footnotes=footnotes,
        lang=front.lang or config.language,
        path=rel,
    )


def _without_control_chars(text: str, rel: str, diagnostics: list[Diagnostic]) -> str:
    """Remove characters XML cannot hold (they would make the EPUB invalid), warning once per file."""
    cleaned = clean_text(text)
    if cleaned.removed is None:
        return text
    line = text.count("\n", 0, cleaned.offset) + 1
    diagnostics.append(Diagnostic("control-char", f"{cleaned.describe()} removed (and any others in this file)",
                                  rel, line, hint="delete it; it usually comes from copying out of a PDF or a "
                                  "word processor."))
    return cleaned.text


def _check_unique_slugs(articles: tuple[m.Article, ...]) -> None:
    seen: dict[str, str] = {}
    for article in articles:
        if article.slug in seen:
            raise PublishError(f"duplicate article slug '{article.slug}' (also {seen[article.slug]})",
                               path=article.path, line=1, hint="rename one of the files to a different slug.")
        seen[article.slug] = article.path


def _book(config: ProjectConfig, articles: tuple[m.Article, ...], images: tuple[m.Image, ...]) -> m.Book:
    return m.Book(
        slug=config.slug,
        title=config.title,
        subtitle=config.subtitle,
        editors=config.editors,
        lang=config.language,
        identifier=config.identifier,
        publisher=config.publisher,
        rights=config.rights,
        date=config.date,
        translations=config.translations,
        articles=articles,
        description=config.description,
        trim=config.trim,
        images=images,
        quotes=config.quotes,
    )


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.resolve()) if path.is_absolute() else path)
    except ValueError:
        return str(path)
