"""Readers of built PDFs for the tests: the two PyPI accessibility checkers, and the text of the structure tree
in reading order (which neither checker sees)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "td", "th", "dt", "dd", "pre")


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    path = str(found) if found.exists() else shutil.which(name)
    assert path, f"{name} is not installed: run scripts/setup.sh --test"
    return path


def outloud_findings(path: Path) -> list[str]:
    """outloud's errors and warnings (PDF/UA-1 + WCAG 2.2 rules) for one PDF; empty means it passes."""
    proc = subprocess.run([_tool("outloud"), "--json", "-", str(path)], capture_output=True, text=True, timeout=300)
    report = json.loads(proc.stdout)
    result = report["results"][0]
    assert result["error"] is None, result["error"]
    return [f"{f['rule']} p.{f.get('page')}: {f['message']}" for f in result["findings"]
            if f["severity"] in ("error", "warning")]


def pdfua_findings(path: Path) -> list[str]:
    """``pdfua check`` findings of any severity for one PDF; empty means it passes."""
    proc = subprocess.run([_tool("pdfua"), "check", "--format", "json", str(path)], capture_output=True, text=True,
                          timeout=300)
    report = json.loads(proc.stdout)
    assert report["summary"]["rules_run"] >= 10, report
    return [f"{f.get('rule_id')}: {f.get('message')}" for f in report["findings"]]


def normalise(text: str) -> str:
    """Letters and digits only, case-folded: line breaks, hyphenation and ligatures do not count."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def marked_text(path: Path) -> tuple[dict[tuple[int, int], str], list[str]]:
    """Text drawn inside each marked-content sequence, by (page index, MCID), and the artifact text per page."""
    from pypdf import PdfReader

    by_mcid: dict[tuple[int, int], str] = {}
    artifacts: list[str] = []
    for index, page in enumerate(PdfReader(path).pages):
        stack: list[Any] = []
        pieces: list[str] = []

        def before(op: bytes, args: list[Any], cm: Any, tm: Any) -> None:
            if op == b"BDC":
                props = args[1] if len(args) > 1 else {}
                stack.append("artifact" if args[0] == "/Artifact" else
                             int(props["/MCID"]) if hasattr(props, "get") and "/MCID" in props else None)
            elif op == b"BMC":
                stack.append("artifact" if args[0] == "/Artifact" else None)
            elif op == b"EMC" and stack:
                stack.pop()

        def text(chunk: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
            if "artifact" in stack:
                pieces.append(chunk)
                return
            mcid = next((m for m in reversed(stack) if isinstance(m, int)), None)
            assert mcid is not None or not chunk.strip(), f"page {index + 1}: text outside any tag: {chunk!r}"
            if mcid is not None:
                by_mcid[(index, mcid)] = by_mcid.get((index, mcid), "") + chunk

        page.extract_text(visitor_operand_before=before, visitor_text=text)
        artifacts.append("".join(pieces))
    return by_mcid, artifacts


def structure_text(path: Path) -> str:
    """The text of the document in structure-tree order (what a screen reader reads), MCID by MCID."""
    import pikepdf

    by_mcid, _ = marked_text(path)
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        out: list[str] = []

        def walk(node: Any, page: int | None) -> None:
            if isinstance(node, int):
                out.append(by_mcid.get((page, node), "") if page is not None else "")
            elif isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid, page)
            elif isinstance(node, pikepdf.Dictionary):
                if "/Pg" in node:
                    page = pages[node.Pg.objgen]
                if node.get("/Type") == "/MCR":
                    walk(int(node.MCID), page)
                elif "/K" in node:
                    walk(node.K, page)

        walk(pdf.Root.StructTreeRoot.K, None)
    return "".join(out)


def html_blocks(html: str) -> list[str]:
    """The text of each innermost block of the print HTML, in document order (hidden running-head copies out)."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html.encode("utf-8"))
    found = []
    for element in tree.iter(*BLOCKS):
        if any(d.tag in BLOCKS for d in element.iterdescendants()):
            continue
        if re.search(r"\brunning-head", " ".join(a.get("class", "") for a in (element, *element.iterancestors()))):
            continue
        # Contents entries get a leader and a page number from CSS (not in the HTML): take their parts one by one.
        in_nav = any(a.tag == "nav" for a in element.iterancestors())
        parts = [element] if not in_nav else [c for c in element if c.tag in ("a", "span")] or [element]
        found += [text for part in parts if (text := normalise("".join(part.itertext())))]
    return found


def out_of_order(blocks: list[str], text: str) -> list[str]:
    """Blocks of the HTML not found in ``text`` after the block before them (empty: same order)."""
    missing, position = [], 0
    for block in blocks:
        at = text.find(block, position)
        if at < 0:
            missing.append(block[:60])
        else:
            position = at + len(block)
    return missing
