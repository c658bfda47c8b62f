"""What ``publish init`` writes: a minimal valid project with one example article."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from .config import GLOSSARY_TEMPLATE, load_project_config
from .errors import ExitCode, PublishError
from .frontmatter import dump_article
from .paths import slugify

CONFIG = """# Book metadata. See docs/manuscript-format.md in the publish repository.
title: {title}
slug: {slug}
editors: []
language: en
identifier: urn:uuid:{uuid}
publisher: null
rights: null
date: 2026-01-01
translations:
  - es
trim: a5
articles:
  - 01-example
"""

EXAMPLE_BODY = """This is the first paragraph of an example article. Replace it with your text, or run
`publish assemble` on a folder of saved articles.

## A subheading

Footnotes work like this.[^1] Emphasis is *like this*.

[^1]: A footnote.
"""


def create_project(directory: Path) -> list[Path]:
    """Create ``directory`` as a publish project; refuse to touch an existing project."""
    if directory.exists() and not directory.is_dir():
        raise PublishError(f"'{directory}' is a file, not a folder",
                           hint="give a new folder name (it is created) or an empty folder.", exit_code=ExitCode.USAGE)
    if (directory / "publish.yaml").exists():
        raise PublishError(f"{directory} already holds a publish project", path=str(directory / "publish.yaml"),
                           hint="choose an empty folder.", exit_code=ExitCode.USAGE)
    title = directory.resolve().name.replace("-", " ").replace("_", " ").strip().title() or "Untitled"
    slug = slugify(title)
    # A random identifier is fine here: it is written once and then fixed in publish.yaml.
    files = {
        "publish.yaml": CONFIG.format(title=json.dumps(title, ensure_ascii=False), slug=slug, uuid=uuid.uuid4()),
        "manuscript/01-example.md": dump_article(
            {"title": "An example article", "authors": [{"name": "Your Name"}], "date": "2026-01-01",
             "source": {}}, EXAMPLE_BODY),
        ".gitignore": "/build/\n",
    }
    config = load_project_config(files["publish.yaml"])  # what init writes must read back cleanly
    for lang in config.translations:
        files[f"translations/{lang}/glossary.yaml"] = GLOSSARY_TEMPLATE
    written = []
    try:
        for name, text in files.items():
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise PublishError(f"cannot create the project: {exc.strerror}", path=str(exc.filename or directory),
                           hint="choose a folder you can write to.", exit_code=ExitCode.OUTPUT) from None
    return written
