"""Probe for a split PDF render (issue 14, part 5; see bench/parallel_pdf.md): the English PDF of the
100-article book in one pass against the same articles rendered as two half-books in two processes at once,
then joined page by page with pikepdf (no outline, tags or links merged: this measures the ceiling of the gain
and the cost of the join, it is not a publishable PDF).

Usage: .venv/bin/python bench/probe_split_pdf.py [ARTICLES]
"""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigbook import make_big_project  # noqa: E402


def _render(args: tuple[Path, int, int]) -> tuple[bytes, float]:
    from publish.reader import read_project
    from publish.writers.options import Options, build_timestamp
    from publish.writers.pdf import write_pdf

    root, start, stop = args
    book, _ = read_project(root)
    part = dataclasses.replace(book, articles=book.articles[start:stop])
    began = time.perf_counter()
    data = write_pdf(part, Options(root=root, modified=build_timestamp(book.date)))
    return data, time.perf_counter() - began


def main(articles: int = 100) -> None:
    import pikepdf

    work = Path(tempfile.mkdtemp(prefix="publish-probe-"))
    try:
        root = make_big_project(work / "book", articles)
        single, single_s = _render((root, 0, articles))
        context = multiprocessing.get_context("fork")
        began = time.perf_counter()
        with context.Pool(2) as pool:
            halves = pool.map(_render, [(root, 0, articles // 2), (root, articles // 2, articles)])
        parallel_s = time.perf_counter() - began
        began = time.perf_counter()
        joined = pikepdf.new()
        for data, _ in halves:
            joined.pages.extend(pikepdf.open(io.BytesIO(data)).pages)
        out = io.BytesIO()
        joined.save(out)
        join_s = time.perf_counter() - began
        pages = [len(pikepdf.open(io.BytesIO(d)).pages) for d, _ in halves]
        print(f"single pass: {single_s:.1f} s, {len(pikepdf.open(io.BytesIO(single)).pages)} pages, "
              f"{len(single) / 2**20:.1f} MiB")
        print(f"two halves in parallel: {parallel_s:.1f} s wall (each {halves[0][1]:.1f} s and {halves[1][1]:.1f} s), "
              f"{pages} pages (each repeats the front and back matter)")
        print(f"pikepdf page join: {join_s:.1f} s, {out.tell() / 2**20:.1f} MiB (fonts embedded once per half)")
        print(f"ratio parallel+join / single: {(parallel_s + join_s) / single_s:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
