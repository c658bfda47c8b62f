"""Up-to-date checks for ``publish build``: what each output was built from, kept in ``build/.cache/manifest.json``.

An output is up to date when every input that can change it hashes as it did when it was written: publish.yaml,
every file under manuscript/ (and the images the book links from elsewhere in the project), every file under
translations/<lang>/ for a translated or bilingual edition, the publish package itself (code, templates, CSS,
strings), the installed distributions (their versions), the fonts and colour profiles on the system (their
files' sizes and times, as fontconfig sees them), the options and SOURCE_DATE_EPOCH. Inputs are compared by their
contents. A file whose size, times and inode are as they were when it was last hashed keeps that hash, as git's
index does, but only when those times were more than two seconds old at the time (``TRUSTED_AGE_NS``): a file
rewritten within the same clock tick as it was hashed is hashed again.

The manifest also keeps, per request (``--lang``/``--format``/PDF settings), the diagnostics of the last build,
so a no-op build prints the same warnings and ``--strict`` still fails on a warning in an unchanged input. The
check needs no Markdown, no WeasyPrint and no ebooklib: a no-op build is a few hundred file hashes. The manifest
is written with the outputs in one ``atomic.replace_all``, so it never describes files that were not written.
It also keeps the words of the commands that wrote it (``repeat.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Diagnostic

MANIFEST = Path("build") / ".cache" / "manifest.json"
FORMAT_VERSION = 1
SYSTEM_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts", "/usr/share/color/icc",
               "~/.fonts", "~/.local/share/fonts")
"""Where the fonts and colour profiles WeasyPrint may embed live: any change there can change a PDF."""
ABSENT = "absent"
TRUSTED_AGE_NS = 2_000_000_000
"""A file's recorded hash is reused only if its times were this much older than the moment they were read
(coarse file-system clocks tick in up to two seconds)."""
COMMANDS_KEPT = 32
Stat = list[Any]
"""``[size, mtime_ns, ctime_ns, inode, taken_ns, sha256]`` of one file as last hashed."""


@dataclass(frozen=True)
class OutputRecord:
    """What one output (``build/<slug>.<tag>.<fmt>``) was built from."""

    inputs: dict[str, str]
    """Project-relative path -> sha256 of every input file (``absent`` for a linked file that was missing)."""
    folders: tuple[str, ...]
    """Project folders whose every file is an input (a new file there makes the output stale)."""
    environment: str
    """Digest of the toolchain, the system fonts and the options."""
    output: str
    """sha256 of the output as written (a hand-edited or deleted output is rebuilt)."""
    options: dict[str, str] = field(default_factory=dict)
    """The command-line choices that shaped it (format, edition, PDF standard, profile)."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """What the writer warned about while rendering it."""
    units: int = 0
    """Pages laid out to make it (1 for an EPUB): the next build's progress bar expects as many."""


@dataclass
class Hasher:
    """Hashes files under ``root`` once per run (two editions share publish.yaml and the manuscript).

    ``known``: the stats of the last build (see ``Stat``); ``seen_stats`` collects this run's, for the next."""

    root: Path
    known: dict[str, Stat] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)
    seen_stats: dict[str, Stat] = field(default_factory=dict)

    def file(self, rel: str) -> str:
        if rel not in self.seen:
            self.seen[rel] = self.hash(rel, self.root / rel)
        return self.seen[rel]

    def hash(self, key: str, path: Path) -> str:
        """sha256 of ``path``, reused from ``known[key]`` when the file is untouched since (see the docstring)."""
        try:
            info = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            return ABSENT
        taken = time.time_ns()
        shape = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        old = self.known.get(key)
        if old and old[:4] == shape and old[4] - max(shape[1], shape[2]) > TRUSTED_AGE_NS:
            self.seen_stats[key] = old
            return str(old[5])
        digest = _sha_file(path)  # read after the stat: a write in between makes the next stat differ
        if digest != ABSENT:
            self.seen_stats[key] = [*shape, taken, digest]
        return digest

    def folder_files(self, folder: str) -> list[str]:
        """Every file under ``folder`` (project-relative, sorted), skipping editor backups and hidden files."""
        base = self.root / folder
        found: list[str] = []
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel_dir = Path(dirpath).relative_to(self.root)
            found += [str(rel_dir / name) for name in filenames if not _ignored(name)]
        return sorted(found)

    def inputs(self, folders: Sequence[str], files: Iterable[str]) -> dict[str, str]:
        names = [*files, *(f for folder in folders for f in self.folder_files(folder))]
        return {rel: self.file(rel) for rel in sorted(set(names))}


def _ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith("~")


def _sha_file(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return ABSENT


def environment_digest(options: dict[str, str], package: str | None = None) -> str:
    """The toolchain (publish's own files, installed distributions, Python), system fonts and the options.
    ``package``: ``package_digest()`` if the caller has it (one build asks for several outputs)."""
    digest = hashlib.sha256()
    digest.update(json.dumps(sorted(options.items())).encode())
    digest.update(sys.version.encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    digest.update((package or package_digest()).encode())
    for entry in sys.path:  # the installed distributions' names carry their versions
        if os.path.basename(entry) in ("site-packages", "dist-packages") and os.path.isdir(entry):
            digest.update("\0".join(sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))).encode())
    for folder in SYSTEM_DIRS:
        _stat_tree(Path(folder).expanduser(), digest)
    return digest.hexdigest()


def package_digest(hasher: Hasher | None = None) -> str:
    """Contents of every file of the installed publish package (code, templates, CSS, locale data), looked at
    afresh each build: a long-running preview or test session must see an edited template. With ``hasher``, an
    untouched file keeps its recorded hash (keys ``publish:<path>``)."""
    base = Path(__file__).resolve().parent
    hasher = hasher or Hasher(base)
    digest = hashlib.sha256()
    for path in sorted(base.rglob("*")):
        if "__pycache__" not in path.parts and path.is_file():
            rel = str(path.relative_to(base))
            digest.update(f"{rel}\0{hasher.hash('publish:' + rel, path)}\n".encode())
    return digest.hexdigest()


def _stat_tree(base: Path, digest: Any) -> None:
    """Names, sizes and times of the files under ``base``: system files are not ours to read whole."""
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames.sort()
        for name in sorted(filenames):
            try:
                info = os.stat(os.path.join(dirpath, name))
            except OSError:
                continue
            digest.update(f"{dirpath}/{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())


def request_key(langs: Sequence[str], formats: Sequence[str], standard: str, profile: str) -> str:
    """One build request as the user wrote it: the no-op check finds its outputs without reading the book."""
    return json.dumps([list(langs), list(formats), standard, profile])


def _diagnostic_from(data: dict[str, Any]) -> Diagnostic:
    return Diagnostic(code=data["code"], message=data["message"], path=data.get("path"), line=data.get("line"),
                      severity=data.get("severity", "warning"), hint=data.get("hint"))


def _record_from(data: dict[str, Any]) -> OutputRecord:
    return OutputRecord(inputs=dict(data["inputs"]), folders=tuple(data["folders"]), environment=data["environment"],
                        output=data["output"], options=dict(data["options"]),
                        diagnostics=tuple(_diagnostic_from(d) for d in data.get("diagnostics", ())),
                        units=int(data.get("units", 0)))


def _record_to(record: OutputRecord) -> dict[str, Any]:
    return {"inputs": record.inputs, "folders": list(record.folders), "environment": record.environment,
            "output": record.output, "options": record.options, "diagnostics": [d.as_dict() for d in record.diagnostics],
            "units": record.units}


def record_digest(record: OutputRecord) -> str:
    return hashlib.sha256(json.dumps(_record_to(record), sort_keys=True).encode()).hexdigest()


@dataclass
class Manifest:
    """Every output's record, and per request the outputs it made and all the diagnostics it printed."""

    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    requests: dict[str, dict[str, Any]] = field(default_factory=dict)
    commands: dict[str, dict[str, Any]] = field(default_factory=dict)
    """``repeat.command_key`` -> the request it meant and the options it gave (the last COMMANDS_KEPT)."""
    stats: dict[str, Stat] = field(default_factory=dict)
    """Every input's stat and hash as last hashed (``Hasher.known``)."""

    @classmethod
    def load(cls, root: Path) -> Manifest:
        """The last build's manifest; an empty one when there is none or it cannot be read (then all rebuild)."""
        try:
            data = json.loads((root / MANIFEST).read_bytes())
            if data.get("version") != FORMAT_VERSION:
                return cls()
            return cls({rel: _record_from(rec) for rel, rec in data["outputs"].items()}, dict(data["requests"]),
                       dict(data.get("commands", {})), dict(data.get("stats", {})))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def to_bytes(self) -> bytes:
        data = {"version": FORMAT_VERSION, "outputs": {rel: _record_to(rec) for rel, rec in self.outputs.items()},
                "requests": self.requests, "commands": self.commands, "stats": self.stats}
        return json.dumps(data, sort_keys=True, indent=1).encode() + b"\n"

    def remember(self, key: str, records: dict[str, OutputRecord], diagnostics: Sequence[Diagnostic],
                 command: tuple[str, dict[str, Any]] | None = None) -> None:
        """Record one finished request: its outputs (in order), every diagnostic it reported, and the words of
        the command that asked for it with the options they gave (build_command.BuildArgs)."""
        self.outputs.update(records)
        self.requests[key] = {"outputs": {rel: record_digest(rec) for rel, rec in records.items()},
                              "order": list(records), "diagnostics": [d.as_dict() for d in diagnostics]}
        if command is not None:
            self.commands.pop(command[0], None)
            self.commands[command[0]] = {"request": key, "args": command[1]}
            for oldest in list(self.commands)[:-COMMANDS_KEPT]:
                del self.commands[oldest]


@dataclass
class Checker:
    """Compares outputs with what they were built from, hashing each input file once."""

    root: Path
    known: dict[str, Stat] = field(default_factory=dict)
    """The last build's stats (``Manifest.stats``)."""
    hasher: Hasher = field(init=False)
    environments: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.hasher = Hasher(self.root, self.known)
        self.package = ""

    def environment(self, options: dict[str, str]) -> str:
        key = json.dumps(sorted(options.items()))
        if key not in self.environments:
            self.package = self.package or package_digest(self.hasher)  # once per build, not per output
            self.environments[key] = environment_digest(options, self.package)
        return self.environments[key]

    def current(self, folders: Sequence[str], files: Iterable[str], options: dict[str, str]) -> OutputRecord:
        """The record an output built now would get (output digest and diagnostics still to fill in)."""
        return OutputRecord(self.hasher.inputs(folders, files), tuple(folders), self.environment(options), "",
                            dict(options))

    def is_fresh(self, rel: str, now: OutputRecord, old: OutputRecord | None) -> bool:
        return (old is not None and old.inputs == now.inputs and old.folders == now.folders
                and old.environment == now.environment and _sha_file(self.root / rel) == old.output)

    def still_current(self, rel: str, old: OutputRecord) -> bool:
        """Whether ``old`` still describes the inputs on disk, re-walking its folders for new files."""
        explicit = [name for name in old.inputs if not any(_under(name, f) for f in old.folders)]
        return self.is_fresh(rel, self.current(old.folders, explicit, old.options), old)


def _under(name: str, folder: str) -> bool:
    return name.startswith(folder.rstrip("/") + "/")


def options_of(fmt: str, spec: str, standard: str, profile: str) -> dict[str, str]:
    """What of the command line shapes one output (``--jobs`` never does: the bytes are the same)."""
    return {"format": fmt, "edition": spec, "pdf_standard": standard, "profile": profile}


def unchanged_request(root: Path, key: str,
                      manifest: Manifest | None = None) -> tuple[list[Path], tuple[Diagnostic, ...]] | None:
    """The outputs and diagnostics of request ``key`` when none of its inputs changed since it last ran, else None.

    Reads only the manifest (``manifest``, if the caller has loaded it) and hashes the inputs it lists: no
    Markdown parse, no writer import.
    """
    manifest = manifest or Manifest.load(root)
    request = manifest.requests.get(key)
    if not request:
        return None
    checker = Checker(root, manifest.stats)
    try:
        for rel in request["order"]:
            old = manifest.outputs.get(rel)
            if old is None or record_digest(old) != request["outputs"][rel]:
                return None
            if not checker.still_current(rel, old):
                return None
        return ([root / rel for rel in request["order"]],
                tuple(_diagnostic_from(d) for d in request["diagnostics"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
