"""No dead code: vulture finds nothing unused in src/publish and tools/ beyond tests/vulture_whitelist.py,
whose every entry says who uses the name. Delete what has no caller rather than whitelisting it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_vulture_finds_no_unused_code() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vulture", "src/publish", "tools", "tests/vulture_whitelist.py",
         "--min-confidence", "60", "--exclude", "tools/ace,tools/commonmark-spec"],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 3), result.stderr  # 3: unused code found (listed on stdout)
    assert result.stdout == "", "unused code (delete it, or whitelist it with a reason):\n" + result.stdout


def test_the_whitelist_has_no_stale_entries() -> None:
    """An entry whose name no longer appears in the code hides nothing and misleads: it must go."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in [*(REPO / "src" / "publish").rglob("*.py"),
                                                              *(REPO / "src" / "publish" / "templates").rglob("*")]
                     if p.is_file())
    for line in (REPO / "tests" / "vulture_whitelist.py").read_text(encoding="utf-8").splitlines():
        name = line.split("#")[0].strip().removeprefix("_.")
        if name and name.isidentifier() and name != "_":
            assert name in code, f"whitelisted name '{name}' is not in src/publish any more"
