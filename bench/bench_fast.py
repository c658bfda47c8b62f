"""Issue 14's table on the 100-article book: no-op build, one-paragraph rebuild vs cold, en-es vs en PDF,
preview save -> reload in Chromium, cold ``--jobs 2`` PDF vs raw WeasyPrint. Medians of RUNS, ours and the
anchor alternating, peak RSS of the largest process (the build's workers included: measure.py).

Usage: .venv/bin/python bench/bench_fast.py [RUNS [PDF_RUNS]]      (make bench; PDF_RUNS defaults to RUNS:
on a machine shared with other work, 1 keeps the PDF rows to minutes, at the cost of medians)
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))  # the DevTools-pipe driver of Debian's Chromium

from bigbook import make_big_project, word_count  # noqa: E402
from measure import Measure, _run_once  # noqa: E402

BIN = Path(sys.executable).parent
Row = tuple[str, str, str, str]


def alternate(ours: tuple[str, list[str]], anchor: tuple[str, list[str]], runs: int,
              before_ours: Callable[[], None] = lambda: None) -> tuple[Measure, Measure]:
    """ABAB... runs; ``before_ours`` prepares each of our runs (an edit) outside the timing."""
    a, b = [], []
    for _ in range(runs):
        b.append(_run_once(anchor[0], anchor[1], None, None))
        before_ours()
        a.append(_run_once(ours[0], ours[1], None, None))
    return tuple(Measure(name, statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs), runs)
                 for name, rs in ((ours[0], a), (anchor[0], b)))  # type: ignore[return-value]


def noop_row(publish: list[str], root: Path, runs: int) -> Row:
    subprocess.run([*publish, "--lang", "all"], check=True, capture_output=True)
    times = [_run_once("no-op", [*publish, "--lang", "all"], None, None) for _ in range(max(runs, 5))]
    probe = ("import sys; from publish.cli import main; sys.argv = ['publish', 'build', '--lang', 'all', '-C', "
             f"{str(root)!r}]\ntry:\n    main()\nexcept SystemExit:\n    print('weasyprint' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip()
    seconds = statistics.median(t[0] for t in times)
    return ("no-op build --lang all (whole CLI)", f"{seconds:.3f} s, {statistics.median(t[1] for t in times):.0f} "
            f"MiB, WeasyPrint imported: {loaded.splitlines()[-1]}", "<= 0.3 s, no WeasyPrint",
            _verdict(seconds <= 0.3 and loaded.endswith("False")))


def edit_row(publish: list[str], root: Path, runs: int) -> Row:
    article = sorted((root / "manuscript").glob("*.md"))[len(list((root / "manuscript").glob("*.md"))) // 2]
    counter = iter(range(10_000))

    def edit() -> None:
        text = article.read_text(encoding="utf-8")
        text = re.sub(r"(\n\n)([A-Z][^\n]{40,})", lambda m: f"{m.group(1)}Edit {next(counter)}: {m.group(2)}", text,
                      count=1)
        article.write_text(text, encoding="utf-8")

    pdf = [*publish, "--lang", "en", "--format", "pdf"]
    edited, cold = alternate(("edit one paragraph, en PDF", pdf), ("cold en PDF (--force)", [*pdf, "--force"]), runs,
                             edit)
    ratio = edited.seconds / cold.seconds
    return ("edit one paragraph, rebuild en PDF", f"{edited.seconds:.1f} s vs cold {cold.seconds:.1f} s = "
            f"{ratio:.3f}x", "<= 0.10x cold", _verdict(ratio <= 0.10))


def bilingual_row(publish: list[str], runs: int) -> Row:
    pdf = [*publish, "--format", "pdf", "--force"]
    both, english = alternate(("en-es PDF", [*pdf, "--lang", "en+es"]), ("en PDF", [*pdf, "--lang", "en"]), runs)
    ratio = both.seconds / english.seconds
    return ("en-es PDF vs en PDF", f"{both.seconds:.1f} s vs {english.seconds:.1f} s = {ratio:.2f}x "
            f"(peak {both.peak_mib:.0f} vs {english.peak_mib:.0f} MiB)", "<= 2.2x", _verdict(ratio <= 2.2))


def raw_row(publish: list[str], root: Path, work: Path, runs: int) -> Row:
    from publish.reader import read_project
    from publish.writers.pdf import print_html

    book, _ = read_project(root)
    (root / "print.html").write_text(print_html(book), encoding="utf-8")
    ours, raw = alternate(("publish --jobs 2", [*publish, "--lang", "en", "--format", "pdf", "--jobs", "2", "--force"]),
                          ("weasyprint", [str(BIN / "weasyprint"), "--pdf-variant", "pdf/ua-1", str(root / "print.html"),
                                          str(work / "raw.pdf")]), runs)
    time_x, mem_x = ours.seconds / raw.seconds, ours.peak_mib / raw.peak_mib
    return ("cold en PDF --jobs 2 vs raw WeasyPrint (pdf/ua-1)",
            f"{ours.seconds:.1f} s vs {raw.seconds:.1f} s = {time_x:.2f}x; {ours.peak_mib:.0f} vs "
            f"{raw.peak_mib:.0f} MiB = {mem_x:.2f}x", "<= 0.65x time, <= 1.1x memory",
            _verdict(time_x <= 0.65 and mem_x <= 1.1))


def preview_row(root: Path, runs: int) -> Row:
    """Seconds from saving an article to the open Chromium page showing the new text."""
    from cdp_pipe import Chromium

    server = subprocess.Popen([str(BIN / "publish"), "preview", "--port", "0", "-C", str(root)],
                              stderr=subprocess.PIPE, text=True)
    browser = Chromium()
    try:
        url = re.search(r"http://\S+/", server.stderr.readline()).group(0)  # type: ignore[union-attr]
        article = sorted((root / "manuscript").glob("*.md"))[0]
        name = next(p for p in _pages(url) if p.startswith("article-001-"))
        browser.open(url + name)
        browser.wait_for("document.body && document.body.textContent.length > 1000", timeout=60)
        delays = []
        for n in range(max(runs, 5)):
            marker = f"Preview probe {n} {time.time_ns()}"
            text = article.read_text(encoding="utf-8")
            text = re.sub(r"(\n\n)([A-Z][^\n]{40,})", lambda m: f"{m.group(1)}{marker} {m.group(2)}", text, count=1)
            start = time.monotonic()
            article.write_text(text, encoding="utf-8")
            browser.wait_for(f"document.body && document.body.textContent.includes({marker!r})", timeout=30, step=0.01)
            delays.append(time.monotonic() - start)
            time.sleep(0.5)
    finally:
        browser.close()
        server.terminate()
        server.wait(timeout=10)
    median = statistics.median(delays)
    return ("preview: save -> page shows the change", f"{median:.2f} s (median of {len(delays)}; "
            f"{min(delays):.2f}-{max(delays):.2f})", "<= 1 s", _verdict(median <= 1.0))


def _pages(url: str) -> list[str]:
    from urllib.request import urlopen

    with urlopen(url) as index:  # noqa: S310 (our own server on 127.0.0.1)
        return re.findall(r'href="/([^"]+\.xhtml)"', index.read().decode())


def _verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


def main(runs: int = 3, pdf_runs: int | None = None) -> None:
    pdf_runs = pdf_runs or runs
    work = Path(tempfile.mkdtemp(prefix="publish-bench-fast-"))
    try:
        root = make_big_project(work / "bigbook")
        publish = [str(BIN / "publish"), "build", "-C", str(root)]
        print(f"book: 100 articles, {word_count(root):,} words; medians of {runs} runs ({pdf_runs} for PDF rows), "
              f"alternating; {os.cpu_count()} cores; SOURCE_DATE_EPOCH unset", flush=True)
        rows: list[Row] = []
        for row in (lambda: noop_row(publish, root, runs), lambda: preview_row(root, runs),
                    lambda: edit_row(publish, root, pdf_runs), lambda: bilingual_row(publish, pdf_runs),
                    lambda: raw_row(publish, root, work, pdf_runs)):
            rows.append(row())
            print(" | ".join(rows[-1]), flush=True)
        print()
        print(f"| {'what':<50} | {'measured':<64} | {'target':<30} | verdict |")
        print(f"|{'-' * 52}|{'-' * 66}|{'-' * 32}|---------|")
        for what, measured, target, verdict in rows:
            print(f"| {what:<50} | {measured:<64} | {target:<30} | {verdict:<7} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
