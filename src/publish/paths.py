"""The one boundary for paths and names that come from user files.

Slugs, language tags and article names become file names (``build/<slug>.<lang>.epub``,
``translations/<lang>/``, ``manuscript/<stem>.md``), so each is checked here once, by shape; every file
the project reads is then resolved here and must stay inside the project, symlinks included.
"""

from __future__ import annotations

import re
from pathlib import Path

import langcodes

from .errors import PublishError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""A book slug: lowercase ASCII letters and digits in dash-separated runs (it names the output files)."""
MAX_SLUG = 80


def slug_problem(value: str) -> str | None:
    """Why ``value`` cannot be a slug, or None."""
    if len(value) > MAX_SLUG:
        return f"is longer than {MAX_SLUG} characters"
    if not SLUG.match(value):
        return "must be lowercase ASCII letters, digits and single dashes (it names the output files)"
    return None


def language_problem(value: str) -> str | None:
    """Why ``value`` is not a usable BCP 47 language tag (checked with langcodes), or None."""
    if not re.fullmatch(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", value) or len(value) > 35:
        return "is not a BCP 47 language tag"
    try:
        valid = langcodes.tag_is_valid(value)
    except (ValueError, LookupError):  # langcodes raises on some malformed input
        valid = False
    if not valid:
        return "is not a valid BCP 47 language tag"
    return None


def canonical_language(value: str) -> str:
    """The tag's one spelling (``EN`` -> ``en``, ``pt-br`` -> ``pt-BR``), so folder and file names agree."""
    try:
        return str(langcodes.standardize_tag(value))
    except (ValueError, LookupError):  # a tag langcodes validates but cannot rewrite stays as written
        return value


def slugify(text: str) -> str:
    """A slug made from a title (ASCII letters and digits only), ``book`` when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:MAX_SLUG].strip("-") or "book"


def inside(root: Path, relative: str | Path, *, shown: str | None = None, where: str | None = None,
           line: int | None = None) -> Path:
    """``root / relative`` resolved (symlinks followed); an error when it ends outside ``root``.

    ``shown`` is the name used in the message, ``where``/``line`` the file and line that named the path.
    """
    root = root.resolve()
    candidate = Path(relative)
    name = shown or str(relative)
    if candidate.is_absolute() or ".." in candidate.parts:
        raise PublishError(f"'{name}' points outside the project", path=where, line=line,
                           hint="use a path inside the project folder, without '..'.")
    resolved = (root / candidate).resolve()
    if not resolved.is_relative_to(root):
        raise PublishError(f"'{name}' is a link to a file outside the project ({resolved})", path=where,
                           line=line, hint="copy the file into the project instead of linking to it.")
    return resolved
