"""What tagging costs: ``publish build --format pdf`` on the 100-article book, tagged (``--pdf-standard ua1``, the
default: WeasyPrint's PDF/UA-1 plus our mending of its structure tree) and untagged (``none``), each against raw
``weasyprint`` on the exact same HTML at the same variant (``--pdf-variant pdf/ua-1``, and none).

Ours and the anchor run alternately (ABAB…), so drift in the machine's speed hits both alike. Prints medians
and peak memory. Usage: .venv/bin/python bench/bench_pdf_tags.py [RUNS]
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

    work = Path(tempfile.mkdtemp(prefix="publish-bench-tags-"))
    root = make_big_project(work / "bigbook")
    book, _ = read_project(root)
    (root / "print.html").write_text(print_html(book), encoding="utf-8")
    publish = [str(BIN / "publish"), "build", "-C", str(root), "--format", "pdf"]
    raw = [str(BIN / "weasyprint"), str(root / "print.html"), str(work / "raw.pdf")]
    print(f"book: {len(book.articles)} articles, {word_count(root):,} words; {runs} runs each, alternating")
    tagged = measure_pair(("publish --pdf-standard ua1", [*publish, "--pdf-standard", "ua1"]),
                          ("weasyprint --pdf-variant pdf/ua-1", [*raw, "--pdf-variant", "pdf/ua-1"]), runs)
    untagged = measure_pair(("publish --pdf-standard none", [*publish, "--pdf-standard", "none"]),
                            ("weasyprint (no variant)", raw), runs)
    print(table([tagged, untagged]))
    ours_tagged, ours_plain = tagged[0], untagged[0]
    print(f"tagging costs publish {ours_tagged.seconds / ours_plain.seconds:.2f}x the time and "
          f"{ours_tagged.peak_mib / ours_plain.peak_mib:.2f}x the memory of the untagged build; "
          f"WeasyPrint's own tagging costs {tagged[1].seconds / untagged[1].seconds:.2f}x")
    print("target: tagged publish <= 1.05x raw WeasyPrint at the same variant")
    shutil.rmtree(work)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
