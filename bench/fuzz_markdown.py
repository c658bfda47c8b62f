"""Fuzz the Markdown reader and the EPUB writer: N generated articles (CommonMark constructs composed by
hypothesis: nested lists and quotes, emphasis runs, links, code, raw HTML, tables, footnotes, headings at every
level, unicode and control characters), each built into an EPUB and checked in-process (well-formed XHTML,
unique ids, resolving links) and by EPUBCheck 5.3. A failure is shrunk by hypothesis to a minimal Markdown
reproducer, printed with its messages.

Usage: .venv/bin/python bench/fuzz_markdown.py [--examples 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from markdown_books import EpubCheck, build_epub, markdown_articles, structure_problems  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    counts = {"built": 0, "warnings": 0}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, EpubCheck() as checker:
        work = Path(tmp)

        @seed(args.seed)
        @settings(max_examples=args.examples, deadline=None, database=None, print_blob=True,
                  suppress_health_check=list(HealthCheck))
        @given(markdown_articles())
        def one_book(markdown: str) -> None:
            epub, warnings = build_epub(work / "project", [markdown], work / "book.epub")
            problems = structure_problems(epub) + checker.messages(epub)
            counts["built"] += 1
            counts["warnings"] += len(warnings)
            assert not problems, "\n".join(problems)

        try:
            one_book()
        except Exception as failure:  # hypothesis has shrunk each distinct failure to a minimal reproducer
            print(f"FAILED after {counts['built']} books:", file=sys.stderr)
            for case in getattr(failure, "exceptions", [failure]):
                print("----", file=sys.stderr)
                print("\n".join(getattr(case, "__notes__", [])), file=sys.stderr)
                print(f"{type(case).__name__}: {case}"[:3000], file=sys.stderr)
            return 1
    elapsed = time.perf_counter() - started
    print(f"{counts['built']} generated books built and checked, 0 failures "
          f"({counts['warnings']} reader warnings), {elapsed:.0f} s, {elapsed / max(counts['built'], 1):.2f} s/book")
    return 0


if __name__ == "__main__":
    sys.exit(main())
