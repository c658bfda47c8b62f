"""Adding article stems to the ``articles:`` list of publish.yaml without rewriting the rest.

The list is edited as text so comments and key order survive; the result is parsed again and
must equal the old mapping with the stems appended. Only if that fails (an unusual layout) is the
whole file re-serialised, which keeps every key but loses comments; the caller is told.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import PublishError

_KEY = re.compile(r"^articles\s*:(?P<value>[^#]*?)\s*(?P<comment>#.*)?$")
_ITEM = re.compile(r"^(?P<indent>\s*)-\s")


def load_config(text: str, path: str) -> dict[str, Any]:
    """The publish.yaml mapping (an error for invalid YAML or a non-mapping)."""
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PublishError("publish.yaml is not valid YAML", path=path, line=mark.line + 1 if mark else None,
                           hint="fix the YAML syntax before assembling.") from None
    if not isinstance(data, dict):
        raise PublishError("publish.yaml must be a mapping of keys", path=path, line=1,
                           hint="see docs/manuscript-format.md for its keys.")
    articles = data.get("articles")
    if articles is not None and not (isinstance(articles, list) and all(isinstance(a, str) for a in articles)):
        raise PublishError("'articles' in publish.yaml must be a list of file stems", path=path,
                           hint="write one '- NN-slug' line per article under 'articles:'.")
    return data


def append_articles(text: str, stems: list[str], path: str) -> tuple[str, bool]:
    """publish.yaml text with ``stems`` appended to ``articles:``; the flag says comments were kept."""
    old = load_config(text, path)
    expected = dict(old)
    expected["articles"] = list(old.get("articles") or []) + stems
    edited = _edit(text, stems)
    if edited is not None and _loads(edited) == expected:
        return edited, True
    return yaml.safe_dump(expected, allow_unicode=True, sort_keys=False, default_flow_style=False), False


def _edit(text: str, stems: list[str]) -> str | None:
    lines = text.split("\n")
    key_at = next((i for i, line in enumerate(lines) if _KEY.match(line)), None)
    if key_at is None:
        body = text if text.endswith("\n") or not text else text + "\n"
        return body + "articles:\n" + "".join(f"  - {stem}\n" for stem in stems)
    match = _KEY.match(lines[key_at])
    assert match is not None
    value = match.group("value").strip()
    if value not in ("", "null", "~", "[]"):
        return None  # a flow list or something unusual: let the fallback handle it
    if value:
        comment = f" {match.group('comment')}" if match.group("comment") else ""
        lines[key_at] = "articles:" + comment
    last, indent = key_at, "  "
    for index in range(key_at + 1, len(lines)):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _ITEM.match(line)
        if not item:
            break
        last, indent = index, item.group("indent")
    lines[last + 1 : last + 1] = [f"{indent}- {stem}" for stem in stems]
    return "\n".join(lines)


def _loads(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None
