"""``publish assemble``: turning copied articles (text dumps, saved pages, Markdown) into manuscript files.

This module owns the run: read every source (any failure stops the run before anything is
written), add the warnings for fields the sources do not state, plan file names, then write.
The pieces: ``decode`` (encodings), ``blocks``/``reflow``/``noise`` (lines), ``furniture`` and ``page``
(what a copied page carries around the article), ``text_dump``/``head``/``body``/``classify``/``bylines``/
``dates``/``dump_finish`` (dump heuristics), ``html_page``, ``markdown_file``, ``slugs``, ``writer``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import PublishError
from .decode import check_not_binary, open_text
from .language import detect_lang
from .markdown_file import MARKDOWN_SUFFIXES, count_markdown_paragraphs, parse_markdown_file
from .markdown_out import count_paragraphs, render_body
from .model import Draft, Skipped, SourceResult
from .writer import Plan, plan, write


@dataclass
class Report:
    """What a run did (or would do): one entry per article, the skipped titles, the publish.yaml edit."""

    plan: Plan
    skipped: list[Skipped] = field(default_factory=list)
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "articles": [_article_row(p.rel, p.draft) for p in self.plan.articles],
            "skipped": [{"source": s.source, "line": s.line, "title": s.title, "reason": s.reason}
                        for s in self.skipped],
            "publish_yaml": {"added": self.plan.added, "comments_kept": self.plan.comments_kept},
        }


def assemble(root: Path, sources: list[Path], *, dry_run: bool = False, force: bool = False) -> Report:
    """Read ``sources`` (relative to ``root`` unless absolute) and write their articles into ``root``."""
    root = root.resolve()
    if not sources:
        raise PublishError("no sources given", hint="name one or more .txt, .html or .md files to assemble.")
    results = [read_source(root, source) for source in sources]
    drafts = [draft for result in results for draft in result.drafts]
    planned = plan(root, drafts, force)
    if not dry_run:
        write(root, planned)
    return Report(planned, [s for result in results for s in result.skipped], dry_run)


def read_source(root: Path, source: Path) -> SourceResult:
    """One source file's articles, each with a warning for every field its source does not state."""
    result = _read_by_kind(root, source)
    for draft in result.drafts:
        _finish_draft(draft)
    return result


def _read_by_kind(root: Path, source: Path) -> SourceResult:
    """Markdown with front matter, a saved HTML page, or (anything else) a plain-text dump."""
    path = source if source.is_absolute() else root / source
    display = _display(path, root)
    if not path.is_file():
        what = "a folder, not a file" if path.is_dir() else "no such file"
        raise PublishError(f"{what}", path=display, hint="name the source files themselves (shell globs work: *.txt).")
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return parse_markdown_file(path, display)
    from .html_page import looks_like_html, parse_html_page

    if looks_like_html(path, check_not_binary(path, display)):
        return parse_html_page(path, display)
    from .text_dump import parse_text_dump

    return parse_text_dump(open_text(path, display))


def _finish_draft(draft: Draft) -> None:
    """Warn about each field the source does not state (it stays empty); set a non-English language."""
    if draft.body_markdown is None:
        lang = detect_lang(" ".join(e.text or " ".join(e.parts) for e in draft.body))
        if lang and lang != "en" and not draft.lang:
            draft.lang = lang
    if not draft.authors:
        draft.warn("no byline: authors not recorded")
    if not draft.date:
        draft.warn("no date stated: date not recorded")
    if not draft.publication:
        draft.warn("no publication stated (no 'Source:' line or site name): not recorded")


def _article_row(file: str, draft: Draft) -> dict[str, Any]:
    paragraphs = (count_markdown_paragraphs(draft.body_markdown) if draft.body_markdown is not None
                  else count_paragraphs(draft.body))
    return {
        "file": file,
        "source": draft.source,
        "line": draft.line,
        "title": draft.title,
        "authors": [a.name for a in draft.authors],
        "date": draft.date,
        "publication": draft.publication,
        "paragraphs": paragraphs,
        "warnings": list(draft.warnings),
        # Where each field was read, so a person can check it against the source.
        **{f"{name}_line": draft.lines.get(name) for name in _FIELD_LINES},
    }


_FIELD_LINES = ("title", "subtitle", "authors", "date", "publication")


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


__all__ = ["Report", "assemble", "read_source", "render_body"]
