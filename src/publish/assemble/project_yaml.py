"""Adding article stems to the ``articles:`` list of publish.yaml without rewriting the rest.

The list is edited as text so comments and key order survive; the result is parsed again and
must equal the old mapping with the stems appended. Only if that fails (an unusual layout) is the
whole file re-serialised, which keeps every key but loses comments; the caller is told.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..config import CONFIG, load_project_config
from ..errors import PublishError
from ..yamlfile import load_yaml

_KEY = re.compile(r"^articles\s*:(?P<value>[^#]*?)\s*(?P<comment>#.*)?$")
_ITEM = re.compile(r"^(?P<indent>\s*)-\s")


def read_config_text(path: Path, shown: str) -> str:
    """publish.yaml's text, or one line saying it is not UTF-8 (and on which line)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise PublishError(f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})", path=shown,
                           line=data[: exc.start].count(b"\n") + 1,
                           hint="re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8).") from None


def load_config(text: str, path: str) -> dict[str, Any]:
    """The publish.yaml mapping, after the same checks the reader makes (``config.load_project_config``)."""
    if not text.strip():
        return {}
    load_project_config(text, path)
    data = load_yaml(text, path).data
    return dict(data) if isinstance(data, dict) else {}


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
        return load_yaml(text, CONFIG).data
    except PublishError:
        return None
