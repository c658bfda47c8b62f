"""Fuzz the typed schema: N random YAML documents (the generators of tests/test_config_fuzz.py: values of every
type, control characters and lone surrogates, anchors and aliases, duplicate keys, raw YAML tokens, alias bombs,
garbage lines) fed into publish.yaml, front matter and the glossary through the real loaders in-process.
Prints the outcomes per kind (ok / exit N) and every internal error (any exception other than a PublishError
with exit 1, 3 or 4), with its document; optionally builds every --check-every'th accepted book and runs
EPUBCheck on it.

Usage: .venv/bin/python bench/fuzz_config.py N [--seed S] [--check-every K]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from markdown_books import EpubCheck  # noqa: E402
from test_config_fuzz import build_and_check, cases, run_case  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of random documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--check-every", type=int, default=0, help="EPUBCheck every K-th accepted book (0: none)")
    args = parser.parse_args()
    outcomes: Counter[tuple[str, str]] = Counter()
    internal: list[str] = []
    invalid_epubs: list[str] = []
    epubs_checked = [0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, EpubCheck() as checker:
        root = Path(tmp) / "book"

        @seed(args.seed)
        @settings(max_examples=args.n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(cases())
        def one(case: tuple[str, str]) -> None:
            kind, text = case
            try:
                outcome = run_case(root, kind, text)
            except Exception:  # noqa: BLE001  counting internal errors is the point
                outcome = "internal error"
                internal.append(f"{kind}: {text!r}\n{traceback.format_exc(limit=4)}")
            outcomes[(kind, outcome)] += 1
            accepted = sum(n for (k, o), n in outcomes.items() if o == "ok" and k != "glossary")
            if outcome == "ok" and kind != "glossary" and args.check_every and accepted % args.check_every == 0:
                epubs_checked[0] += 1
                try:
                    messages = build_and_check(root, checker)
                except Exception:  # noqa: BLE001  a writer crash on an accepted book counts, and the run goes on
                    messages = [traceback.format_exc(limit=6)]
                if messages:
                    invalid_epubs.append(f"{kind}: {text!r}: {messages[:3]}")

        one()
    elapsed = time.perf_counter() - started
    total = sum(outcomes.values())
    for kind in sorted({k for k, _ in outcomes}):
        row = ", ".join(f"{o}: {n}" for (k, o), n in sorted(outcomes.items()) if k == kind)
        print(f"{kind:14} {row}")
    for failure in internal[:20]:
        print("---- internal error\n" + failure, file=sys.stderr)
    for failure in invalid_epubs[:20]:
        print("---- EPUBCheck\n" + failure, file=sys.stderr)
    checked = f", {epubs_checked[0]} EPUBs checked, {len(invalid_epubs)} invalid" if args.check_every else ""
    print(f"{total} documents (seed {args.seed}) in {elapsed:.0f} s: {len(internal)} internal errors{checked}")
    return 1 if internal or invalid_epubs else 0


if __name__ == "__main__":
    sys.exit(main())
