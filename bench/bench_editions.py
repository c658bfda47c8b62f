"""Benchmark of the six outputs (en, es, en-es; EPUB + PDF) of the 100-article book.

Compares, in one run: all six built serially (``--jobs 1``) against in parallel on 2 cores (``--jobs 2``),
and the bilingual PDF against the English PDF. Usage: .venv/bin/python bench/bench_editions.py [RUNS]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigbook import make_big_project, word_count  # noqa: E402
from measure import measure, table  # noqa: E402

BIN = Path(sys.executable).parent


def main(runs: int = 3) -> None:
    work = Path(tempfile.mkdtemp(prefix="publish-bench-"))
    root = make_big_project(work / "bigbook")
    publish = [str(BIN / "publish"), "build", "--force", "-C", str(root)]  # cold builds, not up-to-date skips
    print(f"book: 100 articles, {word_count(root):,} words; {runs} runs each")
    parallel = measure("all six, --jobs 2", [*publish, "--lang", "all", "--jobs", "2"], runs)
    serial = measure("all six, --jobs 1", [*publish, "--lang", "all", "--jobs", "1"], runs)
    bilingual = measure("en-es PDF", [*publish, "--lang", "en+es", "--format", "pdf"], runs)
    english = measure("en PDF", [*publish, "--lang", "en", "--format", "pdf"], runs)
    print(table([(parallel, serial), (bilingual, english)]))
    print("targets: parallel <= 0.65x serial; bilingual PDF <= 2.2x the English PDF")
    shutil.rmtree(work)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
