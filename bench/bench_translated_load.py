"""What loading a translated edition costs for the 100-article book, and what the kept QA counts save.

1. In one process, each step of ``load_edition(root, book, "es")`` (as build and preview call it): reading the
   book, the PO files, translating the Book, the review-queue counts (translation QA: cold, with the Hunspell
   dictionaries to load, then from ``build/.cache/flagged-es.json``), typography. Then the whole step again as
   ``publish preview`` does after a save: nothing changed (PO files parsed and counts known), then two edits
   to one article (its count worked out again; the first edit loads the dictionaries, the second has them).
2. ``publish build --lang es --format epub --force`` wall time, alternating: with the kept counts (every
   rebuild of an unchanged translation) and without them (the file removed first: what every translated build
   paid before the counts were kept).

Usage: .venv/bin/python bench/bench_translated_load.py [RUNS]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigbook import make_big_project  # noqa: E402

BIN = Path(sys.executable).parent
CACHE = Path("build") / ".cache" / "flagged-es.json"


STEPS = """
import sys, time
from pathlib import Path
root, mode = Path(sys.argv[1]), sys.argv[2]
clock = time.perf_counter
from publish.editions import load_edition
from publish.reader import read_project
from publish.transform.typography import typeset
from publish.translate.apply import load_memory, translate_edition


def once(label):
    t0 = clock(); book, _ = read_project(root)
    t1 = clock(); memory = load_memory(root, "es", shared=True)
    t2 = clock(); translated, records, _ = translate_edition(book, memory, "es")
    t3 = clock(); typeset(translated)
    t4 = clock()
    print(f"{label:<36} read {t1 - t0:5.2f}  PO files {t2 - t1:5.2f}  translate + counts {t3 - t2:5.2f}  "
          f"typeset {t4 - t3:5.2f}  total {t4 - t0:5.2f} s  (flagged {sum(r.flagged for r in records.values())})")


def preview(label):
    t = clock(); load_edition(root, read_project(root)[0], "es")
    print(f"{label:<36} read + load_edition {clock() - t:5.2f} s")


if mode == "cold":
    once("QA cold (dictionaries loaded)")
else:
    once("counts from build/.cache")
    preview("preview, nothing changed")
    article = sorted((root / "manuscript").glob("*.md"))[4]
    for n in (1, 2):
        with open(article, "a", encoding="utf-8") as handle:
            handle.write(f"\\nAn editor added paragraph {n} during the preview.\\n")
        preview(f"preview, edit {n} to one article")
"""


def steps(root: Path) -> None:
    """Seconds per step of loading the Spanish edition, each case in a fresh process (no dictionary loaded)."""
    cache = root / CACHE
    kept = cache.read_bytes()
    cache.unlink()
    subprocess.run([sys.executable, "-c", STEPS, str(root), "cold"], check=True)
    cache.write_bytes(kept)
    subprocess.run([sys.executable, "-c", STEPS, str(root), "kept"], check=True)


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(runs: int = 3) -> None:
    work = Path(tempfile.mkdtemp(prefix="publish-bench-"))
    root = make_big_project(work / "bigbook")
    build = [str(BIN / "publish"), "build", "--lang", "es", "--format", "epub", "--force", "-C", str(root)]
    subprocess.run(build, check=True, stdout=subprocess.DEVNULL)  # writes the EPUB, the manifest and the counts
    kept: list[float] = []
    cold: list[float] = []
    for _ in range(runs):
        kept.append(timed(build))
        (root / CACHE).unlink()
        cold.append(timed(build))
    print(f"publish build --lang es --format epub --force, median of {runs} (alternating):")
    print(f"  counts kept    {statistics.median(kept):6.2f} s   {' '.join(f'{t:.2f}' for t in kept)}")
    print(f"  counts absent  {statistics.median(cold):6.2f} s   {' '.join(f'{t:.2f}' for t in cold)}")
    steps(root)  # last: it edits an article
    shutil.rmtree(work)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
