"""Write the key tables of docs/manuscript-format.md from the schema in ``publish.config`` (``key_table``).

Each table sits between ``<!-- keys:NAME -->`` and ``<!-- /keys -->`` comments; the text around them is left
alone. ``--check`` writes nothing and exits 1 when the document and the schema differ (tests/test_docs_keys.py
runs the same comparison).

Usage: .venv/bin/python tools/gen_docs.py [--check]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from publish.config import FRONT_KEYS, GLOSSARY_KEYS, PROJECT_KEYS, SOURCE_KEYS, Key, key_table

DOC = Path(__file__).resolve().parent.parent / "docs" / "manuscript-format.md"
TABLES: dict[str, tuple[Key, ...]] = {
    "publish.yaml": PROJECT_KEYS, "front matter": FRONT_KEYS, "source": SOURCE_KEYS, "glossary": GLOSSARY_KEYS,
}
_BLOCK = re.compile(r"(<!-- keys:(?P<name>[^>]+?) -->\n).*?(<!-- /keys -->)", re.S)


def regenerate(text: str) -> str:
    """``text`` with every marked table replaced by the schema's; an unknown or missing table is an error."""
    found: list[str] = []

    def table(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in TABLES:
            raise SystemExit(f"{DOC}: no schema for the table 'keys:{name}' (known: {', '.join(TABLES)})")
        found.append(name)
        return f"{match.group(1)}{key_table(TABLES[name])}\n{match.group(3)}"

    out = _BLOCK.sub(table, text)
    missing = [name for name in TABLES if name not in found]
    if missing:
        raise SystemExit(f"{DOC}: no '<!-- keys:{missing[0]} -->' ... '<!-- /keys -->' block")
    return out


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    fresh = regenerate(text)
    if "--check" in sys.argv[1:]:
        if fresh != text:
            print(f"{DOC} is out of step with publish.config: run tools/gen_docs.py", file=sys.stderr)
            return 1
        return 0
    if fresh != text:
        DOC.write_text(fresh, encoding="utf-8")
        print(f"updated {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
