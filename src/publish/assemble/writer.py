"""Planning and writing the manuscript files: names, numbering, overwrite protection, atomic writes.

Everything is planned before anything is written. Each file is first written in full to a temp
file beside its target, then all are moved into place with ``os.replace`` (publish.yaml last),
so an interrupted or failed run leaves the project as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import replace_all
from ..errors import ExitCode, PublishError
from ..frontmatter import ARTICLE_STEM as _STEM
from .markdown_out import article_text
from .model import Draft
from .project_yaml import append_articles, load_config, read_config_text
from .slugs import make_slug

CONFIG = "publish.yaml"


@dataclass
class Planned:
    draft: Draft
    stem: str
    text: str
    overwrite: bool

    @property
    def rel(self) -> str:
        return f"manuscript/{self.stem}.md"


@dataclass
class Plan:
    articles: list[Planned] = field(default_factory=list)
    config_text: str | None = None
    added: list[str] = field(default_factory=list)
    comments_kept: bool = True


def plan(root: Path, drafts: list[Draft], force: bool) -> Plan:
    """Decide every file name and the new publish.yaml; refuse to overwrite without ``force``."""
    config_path = root / CONFIG
    if not config_path.is_file():
        raise PublishError(f"no {CONFIG} in {root}", hint="run 'publish init' there first, or pass -C DIR.")
    config_text = read_config_text(config_path, CONFIG)
    listed = list(load_config(config_text, CONFIG).get("articles") or [])
    by_slug = _existing(root, listed)
    next_number = max((int(_STEM.match(s).group(1)) for s in by_slug.values()), default=0) + 1  # type: ignore[union-attr]
    result, used = Plan(), set[str]()
    for draft in drafts:
        slug = _unique(draft.slug_hint or make_slug(draft.title), used)
        used.add(slug)
        stem = by_slug.get(slug)
        if stem is None:
            stem, next_number = f"{next_number:02d}-{slug}", next_number + 1
        exists = (root / "manuscript" / f"{stem}.md").exists()
        result.articles.append(Planned(draft, stem, article_text(draft), exists))
    _refuse_overwrites(result.articles, force)
    result.added = [p.stem for p in result.articles if p.stem not in listed]
    if result.added:
        result.config_text, result.comments_kept = append_articles(config_text, result.added, CONFIG)
    return result


def _existing(root: Path, listed: list[str]) -> dict[str, str]:
    """slug -> stem of the articles the project already has (files and publish.yaml entries)."""
    stems = list(listed)
    folder = root / "manuscript"
    if folder.is_dir():
        stems += sorted(p.stem for p in folder.glob("*.md"))
    found: dict[str, str] = {}
    for stem in stems:
        match = _STEM.match(stem)
        if match:
            found.setdefault(match.group(2), stem)
    return found


def _unique(slug: str, used: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in used:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def _refuse_overwrites(planned: list[Planned], force: bool) -> None:
    clashes = [p for p in planned if p.overwrite]
    if clashes and not force:
        first = clashes[0]
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        raise PublishError(
            f"{first.rel} already exists; it would be replaced by '{first.draft.title[:60]}'{more}",
            path=first.draft.source, line=first.draft.line,
            hint="pass --force to overwrite, or remove or rename the existing article first.",
            exit_code=ExitCode.OUTPUT,
        )


def write(root: Path, result: Plan) -> None:
    """Write the planned files atomically: all temp files first, then every rename (publish.yaml last)."""
    targets = [(root / "manuscript" / f"{p.stem}.md", p.text.encode("utf-8")) for p in result.articles]
    if result.config_text is not None:
        targets.append((root / CONFIG, result.config_text.encode("utf-8")))
    try:
        replace_all(targets)
    except OSError as exc:
        raise PublishError(f"could not write the manuscript: {exc}", path=str(root),
                           hint="check free space and permissions, then run assemble again.",
                           exit_code=ExitCode.OUTPUT) from None
