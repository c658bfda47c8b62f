"""A repeated ``publish build``, answered from the manifest before the command line is parsed.

Each build that writes records in the manifest the words it was started with and the directory it was started
in, next to the request they meant (``buildcache.request_key``). The same words in the same directory mean the
same request: Typer's parsing depends on nothing else (the one default taken from the machine, ``--jobs``, never
changes the bytes). ``answer`` finds the manifest, looks the words up and runs the same check ``build`` runs first
(``buildcache.unchanged_request``). When every output is up to date, it prints what ``publish build`` prints
and returns its exit code. When an input changed, it builds with the options recorded for those words,
still without Typer (``build_command.execute``): an edit-and-rebuild loop skips Typer's 0.3 s of start-up
(typer 0.29 imports pydantic to coerce options). A new spelling or another command returns None, and Typer
takes over. The words are a key and are never interpreted. To find the manifest, ``answer`` tries the directory
it was started in and each word that names a directory holding one.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Diagnostic

if TYPE_CHECKING:
    from .build_command import BuildArgs

MAX_RECORDED_JOBS = 256
_invoked: list[str] = []
_answered: list[bool] = []


def command_key(argv: Sequence[str], cwd: str) -> str:
    return json.dumps([cwd, list(argv)])


def invoked(argv: Sequence[str], cwd: str) -> None:
    """Note the words of this run (``cli.main``), for ``build`` to record with its outputs."""
    _invoked[:] = [command_key(argv, cwd)]


def answered() -> bool:
    """Whether ``answer`` ran a build to its end in this process."""
    return bool(_answered)


def current() -> str | None:
    """The words this process was started with, when it was started as ``publish`` (not from a test's API call)."""
    return _invoked[0] if _invoked else None


def answer(argv: Sequence[str], cwd: str) -> int | None:
    """The exit code of ``publish build`` when ``argv`` repeats, in ``cwd``, a build recorded in a manifest: at
    once when its outputs are all up to date, else after building with the options recorded for these words."""
    if not argv or argv[0] != "build":
        return None
    from .buildcache import MANIFEST, Manifest, unchanged_request

    key = command_key(argv, cwd)
    for word in dict.fromkeys([".", *argv[1:]]):
        root = Path(cwd, word)
        if not (root / MANIFEST).is_file():
            continue
        manifest = Manifest.load(root)
        recorded = manifest.commands.get(key)
        if recorded is None:
            continue
        from .build_command import BuildArgs, execute

        try:
            args = BuildArgs.from_dict(recorded["args"])
        except (KeyError, TypeError, ValueError):
            return None  # written by another version: let Typer parse the words
        if not _plausible(args, root, cwd):
            return None
        known = None if args.force else unchanged_request(root, recorded["request"], manifest)
        if known is None:
            invoked(argv, cwd)
            code = execute(args, current(), checked=True)
        else:
            outputs, diagnostics = known
            failed = args.strict and bool(diagnostics)
            code = report([] if failed else outputs, outputs, diagnostics, args.strict, root.resolve())
        _answered.append(True)
        return code
    return None


def _plausible(args: BuildArgs, root: Path, cwd: str) -> bool:
    """Whether recorded options could have come from these words here: the manifest is a file in the project,
    and a hostile one must not send the build to another folder or start thousands of workers."""
    return Path(cwd, args.directory).resolve() == root.resolve() and 0 <= args.jobs <= MAX_RECORDED_JOBS


def report(outputs: Sequence[Path], up_to_date: Sequence[Path], diagnostics: Sequence[Diagnostic], strict: bool,
           root: Path) -> int:
    """Print what a build did (its warnings, then a line per output) and return its exit code."""
    for diagnostic in diagnostics:
        print(diagnostic.one_line(), file=sys.stderr)
    if strict and diagnostics:
        print("publish: error: --strict: the build has warnings, so build/ was left as it was.", file=sys.stderr)
    for path in outputs:
        done = "up to date:" if path in up_to_date else "wrote"
        print(f"{done} {os.path.relpath(path, root)}")
    failing = [d for d in diagnostics if d.severity == "error" or strict]
    return 1 if failing else 0
