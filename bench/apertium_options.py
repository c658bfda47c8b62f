"""Which way of running ``apertium eng-spa`` leaves the fewest English words in the sample's drafts.

Each variant translates every segment of the sample book (glossary enforced, as ``publish translate``
does) and is scored with the QA of ``publish check --translations``: leftover English words (Hunspell
plus Apertium's own ``*`` marks), words no Spanish dictionary knows, placeholder (inline markup)
problems and glossary violations. Variants:

- ``txt``: the text formatter with ``⟦n⟧`` placeholders for inline markup (what publish uses);
- ``txt -n``: the same without Apertium's sentence-end heuristics;
- ``html``: ``-f html`` with inline markup as HTML elements instead of placeholders;
- ``raw``: ``txt`` without the glossary (to count what enforcing the glossary fixes).

    .venv/bin/python bench/apertium_options.py [--json]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from publish.reader import read_project
from publish.translate.qa_segment import Languages, book_names, languages_named
from publish.translate.enforce import protect, restore
from publish.translate.glossary import Glossary, load_glossary, violations
from publish.translate.markup import placeholder_problem
from publish.translate.qa_lexicon import load_lexicon
from publish.translate.qa_words import leftover_words, unknown_words
from publish.translate.segments import all_segments

ROOT = Path(__file__).resolve().parent.parent
_OPEN, _CLOSE, _ATOM = re.compile(r"⟦(\d+)⟧"), re.compile(r"⟦/(\d+)⟧"), re.compile(r"⟦(\d+)/⟧")
_TAG = re.compile(r'<span data-p="(\d+)">|</span data-p="(\d+)">|<br data-p="(\d+)"/>')
_UNKNOWN = re.compile(r"\*((?!g?\d+⟧)[^\W\d_][\w'’-]*)")


def to_html(text: str) -> str:
    text = html.escape(text, quote=False)
    text = _ATOM.sub(lambda m: f'<br data-p="{m.group(1)}"/>', text)
    text = _OPEN.sub(lambda m: f'<span data-p="{m.group(1)}">', text)
    # Closing tags carry their number so the round trip is exact even if Apertium reorders them.
    return _CLOSE.sub(lambda m: f'</span data-p="{m.group(1)}">', text)


def from_html(text: str) -> str:
    def back(match: re.Match[str]) -> str:
        opened, closed, atom = match.groups()
        return f"⟦{opened}⟧" if opened else f"⟦/{closed}⟧" if closed else f"⟦{atom}/⟧"

    return html.unescape(_TAG.sub(back, text))


def run_apertium(texts: list[str], args: list[str]) -> list[str]:
    payload = "\n\n".join(" ".join(t.split()) or "." for t in texts) + "\n\n"
    if "html" in args:
        payload = "\n".join(f"<p>{t}</p>" for t in texts) + "\n"
    out = subprocess.run(["apertium", *args, "eng-spa"], input=payload, capture_output=True, text=True,
                         check=True).stdout
    if "html" in args:
        blocks = re.findall(r"<p>(.*?)</p>", out, re.S)
    else:
        blocks = out.strip("\n").split("\n\n")
    assert len(blocks) == len(texts), (args, len(blocks), len(texts))
    return [" ".join(b.split()) for b in blocks]


def score(variant: str, args: list[str], segments: list[tuple[str, dict[int, object]]], glossary: Glossary,
          languages: Languages) -> dict[str, object]:
    use = glossary if variant != "raw" else Glossary()
    shields = [protect(source, use) for source, _ in segments]
    texts = [s.text for s in shields]
    if "html" in args:
        texts = [to_html(t) for t in texts]
    start = time.perf_counter()
    outputs = run_apertium(texts, args)
    seconds = time.perf_counter() - start
    leftover = unknown = markup = glossary_problems = marks = 0
    examples: list[str] = []
    texts_out: list[str] = []
    for (source, slots), shield, output in zip(segments, shields, outputs):
        if "html" in args:
            output = from_html(output)
        marked = [w for w in _UNKNOWN.findall(output)]
        marks += len(marked)
        text, _ = restore(re.sub(r"[*#@]", "", output), shield)
        words = leftover_words(source, text, glossary, languages.target_lex, languages.source_lex, tuple(marked),
                               languages.names)
        texts_out.append(text)
        leftover += len(words)
        unknown += len(unknown_words(source, text, glossary, languages.target_lex, words))
        markup += bool(placeholder_problem(text, slots))  # type: ignore[arg-type]
        glossary_problems += len(violations(source, text, glossary, languages.same_word))
        if words and len(examples) < 3:
            examples.append(f"{', '.join(words)}: {text[:90]}")
    return {"variant": variant, "args": " ".join(args), "segments": len(segments), "leftover_words": leftover,
            "apertium_unknown_marks": marks, "unknown_words": unknown, "markup_problems": markup,
            "glossary_violations": glossary_problems, "seconds": round(seconds, 2), "examples": examples,
            "texts": texts_out}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    book, _ = read_project(ROOT)
    glossary = load_glossary(ROOT / "translations" / "es", "translations/es")
    every = [s for segs in all_segments(book).values() for s in segs]
    languages = languages_named(book.lang, "es", book_names(every))
    segments = [(s.source, s.slots) for s in every]
    variants = {"txt": ["-f", "txt"], "txt -n": ["-n", "-f", "txt"], "html": ["-f", "html"], "raw": ["-f", "txt"]}
    rows = [score(name, args, segments, glossary, languages) for name, args in variants.items()]  # type: ignore[arg-type]
    base = list(rows[0]["texts"])  # type: ignore[call-overload]
    for row in rows:  # how many drafts differ from the text formatter's (what publish uses)
        texts = row.pop("texts")
        row["differs_from_txt"] = sum(a != b for a, b in zip(texts, base))  # type: ignore[call-overload]
    if options.json:
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        return 0
    for row in rows:
        print(f"{row['variant']:8} leftover {row['leftover_words']:3}  marks {row['apertium_unknown_marks']:3}  "
              f"unknown {row['unknown_words']:3}  markup {row['markup_problems']:2}  "
              f"glossary {row['glossary_violations']:2}  differ {row['differs_from_txt']:3}  {row['seconds']}s")
        for example in row["examples"]:  # type: ignore[attr-defined]
            print("         ", example)
    return 0


if __name__ == "__main__":
    sys.exit(main())
