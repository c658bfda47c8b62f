"""The bilingual PDF against the English one, in one process: ``write_pdf`` (the parts path ``publish build``
runs) on the en and en-es editions of the benchmark book, alternating, after one warm-up render of each.
Reports median wall and CPU seconds, their ratios (issue 14: <= 2.2x), and both page counts.

The CLI row of ``make bench`` (bench_fast.py) measures the same ratio through ``publish build``; this one leaves
out process start-up and reading the project, which both editions share, so its ratio is the stricter one.

Usage: .venv/bin/python bench/bench_bilingual.py [ARTICLES [RUNS]]      (defaults: 20 articles, 3 runs)
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigbook import make_big_project, word_count  # noqa: E402


def main(articles: int = 20, runs: int = 3) -> None:
    from pypdf import PdfReader

    from publish.editions import load_edition
    from publish.reader import read_project
    from publish.writers.options import Options
    from publish.writers.pdf import write_pdf

    work = Path(tempfile.mkdtemp(prefix="publish-bench-bilingual-"))
    try:
        root = make_big_project(work / "bigbook", articles)
        source, _ = read_project(root)
        books = {spec: load_edition(root, source, spec)[0] for spec in ("en", "en+es")}
        options = Options(root=root, modified=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
        pages = {spec: len(PdfReader(_write(write_pdf, book, options, work, spec)).pages)
                 for spec, book in books.items()}  # also the warm-up: fonts, dictionaries, imports
        wall: dict[str, list[float]] = {spec: [] for spec in books}
        cpu: dict[str, list[float]] = {spec: [] for spec in books}
        for _ in range(runs):
            for spec, book in books.items():
                start, start_cpu = time.perf_counter(), time.process_time()
                write_pdf(book, options)
                wall[spec].append(time.perf_counter() - start)
                cpu[spec].append(time.process_time() - start_cpu)
        print(f"book: {articles} articles, {word_count(root):,} words; medians of {runs} alternating runs, in-process")
        for spec in books:
            print(f"{spec:6} {statistics.median(wall[spec]):7.2f} s wall {statistics.median(cpu[spec]):7.2f} s CPU "
                  f"{pages[spec]:5d} pages   runs: {' '.join(f'{t:.2f}' for t in wall[spec])}")
        ratio_wall = statistics.median(wall["en+es"]) / statistics.median(wall["en"])
        ratio_cpu = statistics.median(cpu["en+es"]) / statistics.median(cpu["en"])
        verdict = "met" if ratio_wall <= 2.2 else "NOT MET"
        print(f"en-es / en: {ratio_wall:.2f}x wall, {ratio_cpu:.2f}x CPU (target <= 2.2x: {verdict})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write(write_pdf: object, book: object, options: object, work: Path, spec: str) -> Path:
    path = work / f"{spec.replace('+', '-')}.pdf"
    path.write_bytes(write_pdf(book, options))  # type: ignore[operator]
    return path


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
