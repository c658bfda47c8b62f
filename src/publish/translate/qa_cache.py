"""Each article's review-queue size (the machine-draft notice's "N segments flagged"), kept between builds.

Counting it runs translation QA over every translated segment: two Hunspell dictionaries to load (about
1.3 s of CPU) and about 3.5 s more for a 100-article book. A build of an unchanged translation must not
pay that, so each article's count is kept in ``build/.cache/flagged-<lang>.json`` under a key that is a
hash of everything the count is computed from:

- the article's segments as read now (id, kind, English with placeholders, what each placeholder holds);
- its PO file: the sha256 of the very bytes that were parsed (``MemoryFile.seen``), so every entry,
  comment and flag, a hand edit included;
- the glossary as read (``keep`` terms and renderings);
- the book's names (words its source capitalises mid-sentence; QA does not call them leftovers) that
  occur in the article's translations: QA looks a name up only for a word of the translation, so the
  others cannot change this article's count, and an edit elsewhere in the book does not re-run it;
- both languages, and for each its Hunspell files (contents) and spylls' version, or their absence;
- the code: the translate package's modules, the model's and text_clean's (``code_files``), polib's
  version, Python's.

A key is a content hash, so a kept count is never stale: when any input changes, the key changes and the
old count is not found (it is dropped at the next write). Counts are also kept in memory for the process
(``publish preview`` reads the book again on every save).

The file is written by ``publish build`` only, in the same ``atomic.replace_all`` as the outputs and the
manifest (``pending_files``), and only when the build writes something else too: a failed or no-op build
leaves build/ byte-identical. Reading it never fails a build: an unreadable file counts as empty.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from importlib import metadata
from pathlib import Path

from .markup import strip_placeholders
from .memory import Memory, MemoryFile
from .qa_lexicon import dictionary_path
from .qa_queue import review_queue
from .qa_segment import Languages, book_names, file_reports, languages_named
from .segments import Segment

CACHE_DIR = Path("build") / ".cache"
FORMAT = "publish-flagged-1"
_MEMO: dict[str, int] = {}
"""Counts worked out or read in this process, by key (content hashes: never wrong, only unused)."""
_MEMO_LIMIT = 200_000
_PENDING: dict[Path, bytes] = {}
"""Cache files to write with the next build's outputs, by path, when they differ from the file on disk."""


def cache_path(root: Path, lang: str) -> Path:
    return root / CACHE_DIR / f"flagged-{lang}.json"


def flagged_counts(memory: Memory, source_lang: str, articles: dict[str, list[Segment]],
                   book_fields: list[Segment]) -> dict[str, int]:
    """The review-queue size of each article (by slug, from its segments), as ``check --translations --queue``
    lists them; QA runs (and the dictionaries load) only for articles whose inputs changed."""
    names = book_names([*book_fields, *(s for segments in articles.values() for s in segments)])
    base = _base_key(source_lang, memory)
    keys = {slug: _article_key(base, segments, memory.files[slug], names)
            for slug, segments in articles.items() if slug in memory.files}
    path = cache_path(memory.root, memory.lang)
    stored = _read_cache(path)
    counts = {slug: 0 for slug in articles}  # no PO file: nothing translated, nothing to flag
    missed: list[str] = []
    for slug, key in keys.items():
        known = _MEMO.get(key, stored.get(key))
        if known is None:
            missed.append(slug)
        else:
            counts[slug] = known
    if missed:
        languages = languages_named(source_lang, memory.lang, names)
        trusted = _lexicons_as_keyed(languages)
        for slug in missed:
            counts[slug] = _queue_size(memory, memory.files[slug], articles[slug], languages)
            if not trusted:
                keys.pop(slug)  # computed with other dictionaries than the key names: not kept
    _remember({key: counts[slug] for slug, key in keys.items()}, path, stored)
    return counts


def pending_files(root: Path) -> list[tuple[Path, bytes]]:
    """The cache files under ``root`` this process has new counts for, to be written with a build's outputs.
    (A file queued by an earlier, failed request of the same process is as right: its counts are keyed by
    content.)"""
    folder = root.resolve() / CACHE_DIR
    found = [(path, data) for path, data in _PENDING.items() if path.parent == folder]
    for path, _ in found:
        del _PENDING[path]
    return found


def _queue_size(memory: Memory, memory_file: MemoryFile, segments: list[Segment], languages: Languages) -> int:
    reports, _ = file_reports(memory_file.rel, segments, memory_file.by_id, memory.glossary, languages)
    return len(review_queue(reports))


def _remember(current: dict[str, int], path: Path, stored: dict[str, int]) -> None:
    """Keep the counts in memory, and queue the file (this book's current keys only) when it changes."""
    if len(_MEMO) > _MEMO_LIMIT:
        _MEMO.clear()
    _MEMO.update(current)
    if current == stored:
        _PENDING.pop(path, None)
    else:
        _PENDING[path] = (json.dumps({"format": FORMAT, "counts": current}, sort_keys=True, indent=0) + "\n").encode()


def _read_cache(path: Path) -> dict[str, int]:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    counts = data.get("counts") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(counts, dict):
        return {}
    return {k: v for k, v in counts.items() if isinstance(k, str) and type(v) is int and v >= 0}


def _article_key(base: str, segments: list[Segment], memory_file: MemoryFile, names: frozenset[str]) -> str:
    digest = hashlib.sha256(base.encode())
    for segment in segments:
        slots = repr(sorted(segment.slots.items()))
        digest.update(json.dumps([segment.id, segment.kind, segment.source, slots]).encode())
    digest.update(f"\0po\0{memory_file.seen or 'absent'}\0".encode())
    translated = "\n".join(strip_placeholders(entry.msgstr) for entry in memory_file.by_id.values())
    digest.update(json.dumps(sorted(name for name in names if name in translated)).encode())
    return digest.hexdigest()


def _base_key(source_lang: str, memory: Memory) -> str:
    glossary = memory.glossary
    return json.dumps([FORMAT, _code_digest(), source_lang, _lexicon_digest(source_lang), memory.lang,
                       _lexicon_digest(memory.lang), list(glossary.keep), sorted(glossary.render.items())])


def code_files() -> list[Path]:
    """The modules a count depends on: the translate package (PO reading, glossary, QA) and, outside it, the
    model (placeholder kinds) and text_clean (what reading a PO file removes). The other publish modules
    QA imports read publish.yaml and the glossary (the key holds the values they give), or write files."""
    base = Path(__file__).resolve().parent.parent
    return sorted([*base.joinpath("translate").rglob("*.py"), base / "model.py", base / "text_clean.py"])


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """The QA code of this process (its files, read once: the code that runs is the code first imported), and
    the versions of Python and polib."""
    base = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{sys.version}\0polib {_version('polib')}\0".encode())
    for path in code_files():
        digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=8)
def _lexicon_digest(lang: str) -> str:
    """The dictionary ``load_lexicon`` loads for ``lang`` (once per process, as this is): its files' contents
    and spylls' version, or ``none``."""
    stem = dictionary_path(lang)
    spylls = _version("spylls")
    if stem is None or spylls is None:
        return "none"
    digest = hashlib.sha256(f"{stem}\0spylls {spylls}\0".encode())
    try:
        for suffix in (".aff", ".dic"):
            digest.update(Path(f"{stem}{suffix}").read_bytes())  # the files spylls reads
    except OSError:
        return "none"  # QA cannot load it either; a count made without it is then not kept
    return digest.hexdigest()


def _lexicons_as_keyed(languages: Languages) -> bool:
    """Whether the dictionaries QA has are the ones the keys describe (not so when spylls is there but fails
    to import, or a test takes the dictionaries away)."""
    return all((lexicon is None) == (_lexicon_digest(lang) == "none")
               for lang, lexicon in ((languages.source, languages.source_lex),
                                     (languages.target, languages.target_lex)))


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
