"""Apertium (Debian's ``apertium-eng-spa``): a rule-based offline engine for machines with no Argos model.

The whole batch goes through one ``apertium -u eng-spa`` process: segments are written one per
line with a blank line between them, which Apertium's text format keeps as a block separator.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from ...errors import ExitCode, PublishError
from .base import Progress, in_chunks

PAIRS = {("en", "es"): ("eng-spa", "apertium-eng-spa")}
DATA_ROOT = Path("/usr/share/apertium")
CHUNK = 2000
"""Segments per process: large enough to amortise start-up, small enough to show progress."""


def apertium_available(source: str = "en", target: str = "es") -> bool:
    pair = PAIRS.get((source, target))
    return pair is not None and shutil.which("apertium") is not None and (DATA_ROOT / "modes" / f"{pair[0]}.mode").is_file()


class ApertiumEngine:
    """Runs the system's Apertium; ``model_version`` is the Debian package version of the language pair."""

    name = "apertium"

    def __init__(self, source: str = "en", target: str = "es") -> None:
        if not apertium_available(source, target):
            raise PublishError(
                f"Apertium with the {source}-{target} pair is not installed",
                hint="install it with 'apt-get install apertium-eng-spa', or install an Argos model "
                     "with 'publish models install en es'.", exit_code=ExitCode.MISSING_PART)
        self.mode, self.model_name = PAIRS[(source, target)]
        self.model_version = _package_version(self.model_name)
        self.model_hash = "sha256:" + _data_hash(DATA_ROOT / self.model_name)

    def translate_batch(self, texts: list[str], progress: Progress | None = None) -> list[str]:
        return in_chunks(texts, CHUNK, self._run, progress)

    def _run(self, texts: list[str]) -> list[str]:
        # A segment never holds a newline (segments are whitespace-normalised), so blank lines
        # separate them unambiguously; an empty segment would collapse two separators, so pad it.
        payload = "\n\n".join(" ".join(t.split()) or "." for t in texts) + "\n\n"
        result = subprocess.run(["apertium", "-u", self.mode], input=payload, capture_output=True,
                                text=True, encoding="utf-8", check=False)
        if result.returncode != 0:
            raise PublishError(f"apertium failed: {result.stderr.strip()[:200]}", exit_code=ExitCode.MISSING_PART,
                               hint="run 'echo test | apertium -u eng-spa' to see the problem.")
        blocks = [" ".join(b.split()) for b in result.stdout.strip("\n").split("\n\n")]
        if len(blocks) != len(texts):
            raise PublishError(f"apertium returned {len(blocks)} segments for {len(texts)}",
                               hint="a segment may contain characters Apertium's text format treats specially; "
                                    "report it with the article.")
        return blocks


def _package_version(package: str) -> str:
    try:
        result = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True,
                                text=True, check=False)
    except FileNotFoundError:
        return "unknown"
    return result.stdout.strip() or "unknown"


def _data_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.glob("*") if p.is_file()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
