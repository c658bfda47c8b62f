"""Benchmark of publish translate (not a timed test). Run: ``.venv/bin/python bench/bench_translate.py``.

1. Argos throughput: publish's batched CTranslate2 path against the anchor, plain
   ``argostranslate.translate.translate()`` called paragraph by paragraph, same tiny model and same
   text, each in its own subprocess (so peak RSS is per method). The tiny model is built here: real
   model figures must come from a machine that has the en->es package installed.
2. Apertium sentences per second on a 100-article manuscript (the sample's two articles x 50).
3. A no-op run on that book (in process, and the whole CLI), and the segments sent after editing
   one paragraph.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="publish-bench-"))
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ.setdefault(_name, str(WORK / _name.lower()))  # argostranslate reads these at import
os.environ.setdefault("ARGOS_PACKAGES_DIR", str(WORK / "packages"))
REPEATS = 3
COPIES = 2
"""The sample book's paragraphs are repeated this many times for the Argos comparison."""


def paragraphs() -> list[str]:
    from publish.reader import read_project
    from publish.translate.markup import plain_text
    from publish import model as m

    book, _ = read_project(REPO)
    texts = [plain_text(b.children) for a in book.articles for b in a.body if isinstance(b, m.Paragraph)]
    return texts * COPIES


def measure(method: str) -> None:
    """Child process: time one method REPEATS times, print JSON with timings and peak RSS."""
    texts = paragraphs()
    from publish.translate.sentences import split_sentences

    sentences = [s for t in texts for s in split_sentences(t)]
    if method == "anchor":
        from argostranslate import translate

        def work() -> None:
            for text in texts:
                translate.translate(text, "en", "es")
    else:
        from publish.translate.argos_packages import find_package
        from publish.translate.engines.argos import ArgosEngine

        engine = ArgosEngine(find_package("en", "es"))

        def work() -> None:
            engine.translate_batch(sentences)
    work()  # warm-up: model load, first-call costs
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"median": statistics.median(times), "times": times, "peak_mb": peak,
                      "paragraphs": len(texts), "sentences": len(sentences),
                      "chars": sum(map(len, texts))}))


def argos_comparison() -> dict[str, dict[str, float]]:
    from argostranslate import package

    sys.path.insert(0, str(REPO / "tests"))  # the tiny package builder is test code
    from argos_tiny import build_tiny_package

    package.install_from_path(build_tiny_package(WORK / "models", "minisbd", eos_bias=1.6))
    results = {}
    for method in ("anchor", "publish"):
        out = subprocess.run([sys.executable, __file__, "--measure", method], capture_output=True, text=True,
                             check=True, env=os.environ.copy())
        results[method] = json.loads(out.stdout.strip().splitlines()[-1])
    return results


def hundred_article_book() -> Path:
    root = WORK / "book100"
    (root / "manuscript").mkdir(parents=True)
    sources = sorted((REPO / "manuscript").glob("*.md"))
    stems = []
    for copy in range(50):
        for source in sources:
            stem = f"{len(stems) + 1:03d}-{source.stem.split('-', 1)[1]}-{copy}"
            text = source.read_text(encoding="utf-8")
            # Vary each copy a little so segments differ across copies (no free duplicates).
            text = text.replace("\n\n", f"\n\nCopy {copy} of this article. ", 3)
            (root / "manuscript" / f"{stem}.md").write_text(text, encoding="utf-8")
            stems.append(stem)
    config = (REPO / "publish.yaml").read_text(encoding="utf-8").split("articles:")[0]
    (root / "publish.yaml").write_text(config + "articles:\n" + "".join(f"  - {s}\n" for s in stems), encoding="utf-8")
    return root


def apertium_and_incremental() -> dict[str, float]:
    from publish.translate.run import RunOptions, translate_project

    root = hundred_article_book()
    start = time.perf_counter()
    first = translate_project(root, RunOptions(engine="apertium"))
    elapsed = time.perf_counter() - start
    noop_times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        noop = translate_project(root, RunOptions(engine="apertium"))
        noop_times.append(time.perf_counter() - start)
        assert noop.sent == 0
    cli_times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "from publish.cli import main; main()", "translate", "--to", "es",
                        "-C", str(root)],
                       check=True, capture_output=True, env=os.environ.copy())
        cli_times.append(time.perf_counter() - start)
    article = next((root / "manuscript").glob("001-*.md"))
    text = article.read_text(encoding="utf-8")
    target = "Despite the resilience on display here, there is also a sense of dread."
    article.write_text(text.replace(target, "Despite the resilience shown here, there was a sense of dread."),
                       encoding="utf-8")
    edited = translate_project(root, RunOptions(engine="apertium"))
    return {"articles": 100, "sentences": first.sent, "seconds": elapsed, "per_second": first.sent / elapsed,
            "noop_median": statistics.median(noop_times), "noop_cli_median": statistics.median(cli_times),
            "one_paragraph_edit_sent": edited.sent}


def main() -> None:
    argos = argos_comparison()
    anchor, ours = argos["anchor"], argos["publish"]
    print(f"Argos, tiny test model, {ours['paragraphs']} paragraphs / {ours['sentences']} sentences / "
          f"{ours['chars']} chars, {os.cpu_count()} cores, median of {REPEATS}:")
    print(f"  {'method':<44}{'median s':>10}{'chars/s':>10}{'peak RSS MB':>13}")
    for label, row in (("anchor: argostranslate.translate() per paragraph", anchor),
                       ("publish: CTranslate2 translate_batch, whole book", ours)):
        print(f"  {label:<44}{row['median']:>10.3f}{row['chars'] / row['median']:>10.0f}{row['peak_mb']:>13.0f}")
    print(f"  throughput ratio publish/anchor: {anchor['median'] / ours['median']:.1f}x")
    apertium = apertium_and_incremental()
    print(f"Apertium on the 100-article manuscript: {apertium['sentences']} segments in {apertium['seconds']:.1f} s "
          f"= {apertium['per_second']:.0f} segments/s")
    print(f"No-op run on the 100-article book: {apertium['noop_median']:.3f} s in process, "
          f"{apertium['noop_cli_median']:.3f} s for the whole CLI (median of {REPEATS})")
    print(f"Editing one paragraph sent {apertium['one_paragraph_edit_sent']} segment(s) to the engine")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        measure(sys.argv[2])
    else:
        main()
