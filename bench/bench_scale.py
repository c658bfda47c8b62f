"""Scale: the English EPUB and PDF of the 100-article book against the 1,000-article book (the sample repeated,
about 1.66 M words): time and peak memory of each, measured once (the big PDF takes many minutes).

Usage: .venv/bin/python bench/bench_scale.py [ARTICLES_SMALL ARTICLES_BIG]      (make bench-scale)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigbook import make_big_project, word_count  # noqa: E402
from measure import measure  # noqa: E402

BIN = Path(sys.executable).parent


def main(small: int = 100, big: int = 1000) -> None:
    work = Path(tempfile.mkdtemp(prefix="publish-bench-scale-"))
    try:
        results = {}
        for articles in (small, big):
            root = make_big_project(work / f"book{articles}", articles)
            publish = [str(BIN / "publish"), "build", "--force", "--lang", "en", "-C", str(root)]
            for fmt in ("epub", "pdf"):
                results[articles, fmt] = measure(f"{articles} articles {fmt}", [*publish, "--format", fmt], 1)
                found = results[articles, fmt]
                print(f"{articles:>5} articles ({word_count(root):,} words) {fmt}: {found.seconds:.1f} s, "
                      f"peak {found.peak_mib:.0f} MiB", flush=True)
            shutil.rmtree(root)
        for fmt in ("epub", "pdf"):
            a, b = results[small, fmt], results[big, fmt]
            print(f"{fmt}: time {b.seconds / a.seconds:.1f}x (target <= {1.05 * big / small:.1f}x), "
                  f"peak memory {b.peak_mib / a.peak_mib:.2f}x (target <= 1.5x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
