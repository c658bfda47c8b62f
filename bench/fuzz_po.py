"""Fuzz the PO reading path of ``publish build --lang es``: random edits of a real PO file, and count outcomes.

    .venv/bin/python bench/fuzz_po.py [N] [--seed S] [--msgfmt]

Each example writes a mutated ``translations/es/_book.po`` into a copy of the sample, reads the memory and
applies it to the book (what a build does before rendering). An outcome is "ok", a PublishError with its exit
code, or an internal error (any other exception: the count must be 0). With ``--msgfmt``, every example is
also given to ``msgfmt -c``, and the examples where publish accepts what msgfmt refuses on syntax are counted.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PIECES = ['"', "\\", "\\n", "\\q", "\\x4", "\\101", "msgid ", "msgstr ", "msgctxt ", "msgstr[0] ", "msgid_plural ",
          "#~ ", "#| ", "#, fuzzy", "\n", "\x00", "\x01", "\x7f", "\ufffe", "\ud800", "é", "⟦1⟧", " ", "\t", "\r"]


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(text))
        action = rng.choice(["insert", "delete", "swap", "cut", "random"])
        if action == "insert":
            text = text[:at] + "".join(rng.choices(PIECES, k=rng.randint(1, 4))) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + rng.randint(1, 40):]
        elif action == "swap":
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif action == "cut":
            text = text[:at]
        else:
            text = text[:at] + "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 20))) + text[at:]
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--msgfmt", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="print what msgfmt said when publish accepted")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from publish.errors import PublishError
    from publish.reader import read_project
    from publish.translate.apply import translate_book
    from publish.translate.memory import read_memory

    root = Path(tempfile.mkdtemp(prefix="fuzz-po-")) / "book"
    root.mkdir()
    shutil.copy2(REPO / "publish.yaml", root / "publish.yaml")
    shutil.copytree(REPO / "manuscript", root / "manuscript")
    shutil.copytree(REPO / "translations", root / "translations")
    sample = (REPO / "translations" / "es" / "_book.po").read_text(encoding="utf-8")
    po = root / "translations" / "es" / "_book.po"
    rng, outcomes, lenient = random.Random(args.seed), Counter[str](), 0
    book, _ = read_project(root)
    started = time.perf_counter()
    for _ in range(args.n):
        po.write_bytes(mutate(sample, rng).encode("utf-8", "surrogatepass"))
        try:
            translate_book(book, read_memory(root, "es"), "es")
            outcomes["ok"] += 1
            accepted = True
        except PublishError as exc:
            outcomes[f"exit {int(exc.exit_code)}"] += 1
            accepted = False
        except Exception as exc:  # noqa: BLE001 - what we count
            outcomes["internal error"] += 1
            print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
            accepted = False
        if args.msgfmt and accepted:
            check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True)
            missed = check.returncode != 0 and "header" not in check.stderr and "format" not in check.stderr
            lenient += missed
            if missed and args.verbose:
                print(check.stderr.strip(), file=sys.stderr)
                shutil.copy(po, f"/tmp/fuzz-po-missed-{lenient}.po")
    seconds = time.perf_counter() - started
    print(f"{args.n} examples in {seconds:.1f} s: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(f"internal errors: {outcomes['internal error']}")
    if args.msgfmt:
        print(f"accepted by publish but refused by msgfmt -c (not for header/format reasons): {lenient}")
    shutil.rmtree(root.parent)


if __name__ == "__main__":
    main()
