"""Random YAML values of every type fed into publish.yaml, an article's front matter and a glossary, through
the real loaders in-process: every outcome is success or a PublishError with exit 1, 3 or 4, never any other
exception; a sample of the books that read cleanly is built and must pass EPUBCheck with 0 errors/0 warnings.

The generators and ``run_case`` are shared with ``bench/fuzz_config.py`` (the same cases, 10,000 at a time).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from markdown_books import EpubCheck
from publish.config import FRONT_KEYS, GLOSSARY_KEYS, PROJECT_KEYS, SOURCE_KEYS
from publish.errors import PublishError
from publish.reader import read_project
from publish.translate.glossary import load_glossary
from publish.writers.epub import write_epub
from publish.writers.options import Options, build_timestamp

KINDS = ("publish.yaml", "front matter", "glossary")
ALLOWED_EXITS = {1, 3, 4}
EXAMPLES = 200

_KEYS = {
    "publish.yaml": [k.name for k in PROJECT_KEYS],
    "front matter": [k.name for k in FRONT_KEYS],
    "glossary": [k.name for k in GLOSSARY_KEYS],
}
_ODD_CHARACTERS = ["\x00", "\x01", "\x1b", "\x7f", "\ud800", "\udfff", "\ufffe", "\uffff", "\ufeff", "\u2028",
                   "\u0085", "\n", "\t", "\r", ":", "#", "&", "*", "-", "'", '"', "{", "]", "%", "@", "`", "é", "写"]
_MEANINGFUL = ["en", "es", "pt-BR", "zz", "en_US", "../x", "/etc", "a5", "6x9", "b7", "curly", "angular", "sideways",
               "01-a", "02-b", "01-A", "javascript:alert(1)", "https://example.org/x", "mailto:a@b.example",
               "urn:uuid:6c1f9a52-3d0e-4b8e-9f2a-4f5b2c7d8e10", "2019-02-30", "2019-13-45", "2020-02-29", "2019-12",
               "2019", "yesterday", "0000-01-01", "", " ", "Evo Morales"]
_RAW_TOKENS = ["2019-02-30", "2019-12-24", "2019-12-24T10:00:00Z", "yes", "no", "on", "~", "null", ".nan", ".inf",
               "-.inf", "0o17", "0x1F", "1_000", "1e400", "!!binary aGk=", "!!str 12", "!!int x", "!!float 1",
               "!!python/name:os.system", "!!set {a, b}", "!!omap [a: 1]", "|\n  block\n  text", ">-\n  folded",
               "'unclosed", "[unclosed", "{a: 1, a: 2}", "&x [1, *x]", "*nowhere", "<<: {a: 1}"]

_text = st.text(st.one_of(st.characters(), st.sampled_from(_ODD_CHARACTERS)), max_size=24)
_scalars = st.one_of(_text, st.integers(-10**30, 10**30), st.floats(), st.booleans(), st.none(),
                     st.dates().map(str), st.sampled_from(_MEANINGFUL))


def _values(keys: list[str]) -> st.SearchStrategy[Any]:
    """Any YAML value: scalars, lists and mappings nested a few levels (keys often the schema's own)."""
    mapping_keys = st.one_of(st.sampled_from(keys + [k.name for k in SOURCE_KEYS] + ["name", "bio"]), _text,
                             st.integers(0, 3000))
    return st.recursive(_scalars, lambda kids: st.one_of(
        st.lists(kids, max_size=4), st.dictionaries(mapping_keys, kids, max_size=4)), max_leaves=10)


def _flow(value: Any) -> str:
    """One value as flow YAML on one line (control characters and surrogates escaped, as a user could write)."""
    text = yaml.safe_dump(value, default_flow_style=True, width=10**9, allow_unicode=False)
    return text.removesuffix("\n...\n").strip()


@st.composite
def documents(draw: st.DrawFn, kind: str) -> str:
    """A YAML mapping document for ``kind``: schema keys and misspellings with random values, sometimes
    anchors and aliases, duplicate keys, raw YAML tokens, an alias bomb or a line of garbage."""
    keys = _KEYS[kind]
    lines: list[str] = []
    if kind != "glossary" and draw(st.booleans()):  # often a valid base, so values reach the later stages
        lines.append("title: A fuzzed book")
        if kind == "publish.yaml":
            lines.append("articles: [01-a]")
    names = st.one_of(st.sampled_from(keys), st.sampled_from([k[:-1] + "x" for k in keys]), _text.map(_flow))
    anchors = 0
    for _ in range(draw(st.integers(0, 6))):
        name = draw(names)
        how = draw(st.sampled_from(["value", "value", "value", "raw", "anchor", "alias", "block"]))
        if how == "raw":
            value = draw(st.sampled_from(_RAW_TOKENS))
        elif how == "anchor":
            anchors += 1
            value = f"&a{anchors} {_flow(draw(_values(keys)))}"
        elif how == "alias" and anchors:
            value = f"[*a{draw(st.integers(1, anchors))}, *a{anchors}]"
        elif how == "block":
            items = draw(st.lists(_values(keys), min_size=1, max_size=3))
            value = "".join(f"\n  - {_flow(item)}" for item in items)
        else:
            value = _flow(draw(_values(keys)))
        lines.append(f"{name}: {value}")
    extra = draw(st.sampled_from(["none"] * 8 + ["bomb", "garbage", "duplicate", "tab"]))
    if extra == "bomb":
        lines.append("b0: &b0 [x, x, x, x, x, x, x, x, x, x]")
        lines += [f"b{i}: &b{i} [{', '.join([f'*b{i - 1}'] * 10)}]" for i in range(1, 7)]
    elif extra == "garbage":
        lines.insert(draw(st.integers(0, len(lines))), draw(_text))
    elif extra == "duplicate" and lines:
        lines.append(draw(st.sampled_from(lines)))
    elif extra == "tab" and lines:
        lines.append("\t" + lines[0])
    return "\n".join(lines) + "\n"


def cases() -> st.SearchStrategy[tuple[str, str]]:
    """(kind, document) pairs across the three kinds."""
    return st.sampled_from(KINDS).flatmap(lambda kind: documents(kind).map(lambda text: (kind, text)))


# ------------------------------------------------------------------ running one case

BODY = "A paragraph of the article.[^1]\n\n## A heading\n\nMore text with a [link](https://example.org/a).\n\n" \
       "[^1]: A note.\n"


def write_case(root: Path, kind: str, text: str) -> None:
    """A small project with ``text`` in the place ``kind`` names (the other files valid)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "manuscript").mkdir(parents=True)
    (root / "translations" / "es").mkdir(parents=True)
    project = text if kind == "publish.yaml" else "title: A fuzzed book\narticles: [01-a]\ntranslations: [es]\n"
    front = text if kind == "front matter" else "title: An article\n"
    (root / "publish.yaml").write_text(project, encoding="utf-8", errors="surrogatepass")
    (root / "manuscript" / "01-a.md").write_text(f"---\n{front}---\n\n{BODY}", encoding="utf-8",
                                                 errors="surrogatepass")
    (root / "translations" / "es" / "glossary.yaml").write_text(text if kind == "glossary" else "keep: []\n",
                                                                encoding="utf-8", errors="surrogatepass")


def run_case(root: Path, kind: str, text: str) -> str:
    """Read the case through the real loaders: 'ok', or 'exit N' for a PublishError (any other exception
    propagates: that is an internal error)."""
    write_case(root, kind, text)
    try:
        if kind == "glossary":
            load_glossary(root / "translations" / "es", "translations/es")
        else:
            read_project(root)
    except PublishError as error:
        assert error.exit_code in ALLOWED_EXITS, f"exit {error.exit_code}: {error.one_line()}"
        assert "internal error" not in error.one_line()
        return f"exit {int(error.exit_code)}"
    return "ok"


def build_and_check(root: Path, checker: EpubCheck) -> list[str]:
    """Build the case's English EPUB through the library and return EPUBCheck's messages (empty is 0/0)."""
    book, _ = read_project(root)
    epub = root / "book.epub"
    epub.write_bytes(write_epub(book, Options(root, build_timestamp(book.date))))
    return checker.messages(epub)


# ------------------------------------------------------------------ the tests

_OK: dict[str, list[str]] = {kind: [] for kind in KINDS}


@pytest.fixture(scope="module")
def checker() -> Iterator[EpubCheck]:
    with EpubCheck() as running:
        yield running


def _explore(kind: str, root: Path, examples: int) -> dict[str, int]:
    """Run ``examples`` random documents of ``kind``; count the outcomes and keep accepted ones in ``_OK``."""
    outcomes: dict[str, int] = {}

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(documents(kind))
    def check(text: str) -> None:
        outcome = run_case(root, kind, text)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if outcome == "ok" and len(_OK[kind]) < 50:
            _OK[kind].append(text)

    check()
    return outcomes


@pytest.mark.parametrize("kind", KINDS)
def test_random_yaml_gives_success_or_one_clear_error(kind: str, tmp_path: Path) -> None:
    outcomes = _explore(kind, tmp_path / "book", EXAMPLES)
    assert sum(outcomes.values()) >= EXAMPLES
    assert outcomes.get("ok") and outcomes.get("exit 3"), outcomes  # both sides of the schema were reached


@pytest.mark.parametrize("kind", ("publish.yaml", "front matter"))
def test_a_sample_of_accepted_documents_builds_a_valid_epub(kind: str, tmp_path: Path, checker: EpubCheck) -> None:
    if not _OK[kind]:  # run on its own: find some accepted documents first
        _explore(kind, tmp_path / "explore", 100)
    texts = _OK[kind]
    assert texts, "no accepted document among 100 random ones"
    # The ones with the most keys set say the most; four of them keep the test fast.
    for number, text in enumerate(sorted(texts, key=lambda t: -t.count("\n"))[:4]):
        root = tmp_path / f"case{number}"
        assert run_case(root, kind, text) == "ok"
        assert build_and_check(root, checker) == [], text
