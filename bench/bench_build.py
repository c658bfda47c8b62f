"""Benchmark of the English edition on a 100-article book (the sample repeated, about 166k words).

EPUB: ``publish build --format epub`` against Debian's pandoc making an EPUB 3 from the same Markdown.
PDF: ``publish build --format pdf`` against raw ``weasyprint`` on the exact HTML the PDF writer produces.
Prints medians and peak memory side by side, in one run. Usage: .venv/bin/python bench/bench_build.py [RUNS]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigbook import make_big_project, word_count  # noqa: E402
from measure import measure_pair, table  # noqa: E402

BIN = Path(sys.executable).parent


def main(runs: int = 3) -> None:
    from publish.reader import read_project
    from publish.writers.pdf import print_html

    work = Path(tempfile.mkdtemp(prefix="publish-bench-"))
    root = make_big_project(work / "bigbook")
    book, _ = read_project(root)
    (root / "print.html").write_text(print_html(book), encoding="utf-8")
    manuscript = sorted(str(p) for p in (root / "manuscript").glob("*.md"))
    publish = [str(BIN / "publish"), "build", "--force", "-C", str(root)]  # cold builds, not up-to-date skips
    print(f"book: {len(book.articles)} articles, {word_count(root):,} words; {runs} runs each, ours and the anchor alternating; "
          f"SOURCE_DATE_EPOCH unset")
    epub, pandoc = measure_pair(
        ("publish build --format epub", [*publish, "--format", "epub"]),
        ("pandoc -t epub3", ["pandoc", "-f", "markdown", "-t", "epub3", "-o", str(work / "p.epub"),
                             "--metadata", f"title={book.title}", *manuscript]), runs)
    pdf, raw = measure_pair(
        ("publish build --format pdf", [*publish, "--format", "pdf"]),
        ("weasyprint (same HTML)", [str(BIN / "weasyprint"), str(root / "print.html"), str(work / "raw.pdf")]), runs)
    print(table([(epub, pandoc), (pdf, raw)]))
    print("targets: EPUB time <= 1.0x pandoc; PDF time <= 1.05x and peak memory <= 1.1x raw WeasyPrint")
    shutil.rmtree(work)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
