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
    if (REPO / "translations").is_dir():
        shutil.copytree(REPO / "translations", dest / "translations")
    config["articles"] = stems
    config["slug"] = "bigbook"
    (dest / "publish.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def word_count(root: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in (root / "manuscript").glob("*.md"))
