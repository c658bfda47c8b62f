"""Makes the benchmark manuscript: the sample's articles repeated into a 100-article project."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def make_big_project(dest: Path, articles: int = 100) -> Path:
    """Copy the sample into ``dest`` with ``articles`` articles (the sample's, repeated, renamed)."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "manuscript").mkdir(parents=True)
    config = yaml.safe_load((REPO / "publish.yaml").read_text(encoding="utf-8"))
    sources = [REPO / "manuscript" / f"{stem}.md" for stem in config["articles"]]
    stems = []
    for n in range(articles):
        source = sources[n % len(sources)]
        slug = re.sub(r"^\d+-", "", source.stem)
        stem = f"{n + 1:03d}-{slug}-{n + 1}"
        shutil.copy2(source, dest / "manuscript" / f"{stem}.md")
        stems.append(stem)
    _copy_translations(dest, stems)
    config["articles"] = stems
    config["slug"] = "bigbook"
    (dest / "publish.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def word_count(root: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in (root / "manuscript").glob("*.md"))


def _copy_translations(dest: Path, stems: list[str]) -> None:
    """Give every repeated article the segment memory of the sample article it repeats (ids renamed)."""
    for folder in (REPO / "translations").glob("*"):
        if not folder.is_dir():
            continue
        target = dest / "translations" / folder.name
        target.mkdir(parents=True)
        for extra in folder.iterdir():
            if extra.suffix != ".po" or extra.stem.startswith("_"):
                shutil.copy2(extra, target / extra.name)
        for stem in stems:
            slug = re.sub(r"^\d+-", "", stem)
            original = re.sub(r"-\d+$", "", slug)
            po = folder / f"{original}.po"
            if po.exists():
                text = po.read_text(encoding="utf-8").replace(f'msgctxt "{original}/', f'msgctxt "{slug}/')
                (target / f"{slug}.po").write_text(text, encoding="utf-8")
