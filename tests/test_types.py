"""The source is fully typed: mypy --strict finds nothing in src/."""

from __future__ import annotations

import subprocess
import sys

from helpers import REPO


def test_mypy_strict_on_src() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--ignore-missing-imports",
                             "--no-error-summary", str(REPO / "src" / "publish")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
