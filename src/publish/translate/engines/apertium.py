"""Apertium: rule-based offline engines, one per language-pair mode that Debian's packages installed.

The installed pairs are discovered from ``/usr/share/apertium/modes/*.mode`` (what ``apertium -l``
lists), never from a hard-coded table; the only table is Debian's package names, for the install hint.
The whole batch goes through one ``apertium -u <mode>`` process: segments are written one per line
with a blank line between them, which Apertium's text format keeps as a block separator.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ...errors import ExitCode, PublishError
from .base import Progress, in_chunks

DATA_ROOT = Path("/usr/share/apertium")
CHUNK = 2000
"""Segments per process: large enough to amortise start-up, small enough to show progress."""
DEBIAN_PACKAGES = (
    "apertium-afr-nld", "apertium-arg-cat", "apertium-bel-rus", "apertium-br-fr", "apertium-cat-ita",
    "apertium-cat-srd", "apertium-dan-nor", "apertium-en-gl", "apertium-eng-cat", "apertium-eng-spa",
    "apertium-eo-ca", "apertium-eo-en", "apertium-eo-es", "apertium-eo-fr", "apertium-es-gl", "apertium-es-pt",
    "apertium-es-ro", "apertium-eu-en", "apertium-eu-es", "apertium-fr-es", "apertium-fra-cat",
    "apertium-fra-frp", "apertium-hbs-eng", "apertium-isl-eng", "apertium-isl-swe", "apertium-mkd-bul",
    "apertium-mkd-eng", "apertium-nno-nob", "apertium-oc-ca", "apertium-oc-es", "apertium-oci-fra",
    "apertium-pol-szl", "apertium-por-cat", "apertium-pt-gl", "apertium-rus-ukr", "apertium-spa-arg",
    "apertium-spa-ast", "apertium-spa-cat", "apertium-spa-ita", "apertium-srd-ita", "apertium-swe-dan",
    "apertium-swe-nor",
)
"""Debian's Apertium language-pair packages (Debian 12), only to name the one to install; a package
usually holds both directions. The language codes are read out of the names."""
_MODE = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})(?:_([A-Za-z0-9_]+))?$")
_PACKAGE_DIR = re.compile(r"/usr/share/apertium/(apertium-[a-z]{2,3}-[a-z]{2,3})/")
_MARKS = re.compile(r"[*#@]")
"""Apertium's marks: ``*`` unknown word, ``#`` generation gap, ``@`` no bilingual entry (what ``-u`` hides)."""
_UNKNOWN = re.compile(r"\*((?!g?\d+⟧)[^\W\d_][\w'’-]*)")
"""A ``*``-marked unknown word (not a placeholder's inside, which Apertium also marks: ``⟦*g1⟧``)."""


@dataclass(frozen=True)
class Mode:
    """One installed translation mode, e.g. ``eng-cat`` (English to Catalan) or ``eng-cat_valencia``."""

    name: str
    source: str
    """The source language as a BCP 47 tag (``en``), from the mode's ISO 639 code."""
    target: str
    """The target as a BCP 47 tag; a variant mode adds its variant (``ca-valencia``, ``en-us``)."""
    package: str
    """The Debian package whose data the mode runs (``apertium-eng-cat``)."""


def primary(tag: str) -> str:
    """The language subtag of a tag or an ISO 639-2/3 code, in BCP 47 form: ``eng`` -> ``en``, ``pt-BR`` -> ``pt``."""
    import langcodes

    try:
        return str(langcodes.Language.get(langcodes.standardize_tag(tag)).language or tag).lower()
    except (ValueError, LookupError):
        return tag.split("-")[0].lower()


def installed_modes() -> list[Mode]:
    """Every translation mode installed on this machine (empty when Apertium itself is missing)."""
    folder = DATA_ROOT / "modes"
    if shutil.which("apertium") is None or not folder.is_dir():
        return []
    modes = []
    for path in sorted(folder.glob("*.mode")):
        match = _MODE.match(path.stem)
        if match is None:
            continue  # debugging modes (eng-cat-tagger) are not translations
        source, target, variant = match.groups()
        modes.append(Mode(path.stem, primary(source), _variant_tag(primary(target), variant), _package_of(path)))
    return modes


def find_mode(source: str, target: str) -> Mode | None:
    """The installed mode for this pair: an exact variant (``ca-valencia``) first, else the plain pair."""
    modes = [m for m in installed_modes() if m.source == primary(source)]
    exact = next((m for m in modes if m.target.lower() == target.lower()), None)
    return exact or next((m for m in modes if m.target == primary(target)), None)


def _variant_tag(language: str, variant: str | None) -> str:
    """``cat`` + ``valencia_uni`` -> ``ca-valencia-uni``; ``eng`` + ``US`` -> ``en-US`` (a region stays upper case)."""
    parts = (variant or "").split("_") if variant else []
    return "-".join([language, *(p.upper() if len(p) == 2 and p.isalpha() else p.lower() for p in parts)])


def apertium_available(source: str, target: str) -> bool:
    return find_mode(source, target) is not None


def debian_package(source: str, target: str) -> str | None:
    """The Debian package that holds (in either direction) Apertium's data for this pair, if there is one."""
    wanted = {primary(source), primary(target)}
    for package in DEBIAN_PACKAGES:
        _, first, second = package.split("-")
        if {primary(first), primary(second)} == wanted:
            return package
    return None


def install_hint(source: str, target: str) -> str | None:
    package = debian_package(source, target)
    return f"apt-get install {package}" if package else None


def _package_of(mode_file: Path) -> str:
    try:
        found = _PACKAGE_DIR.search(mode_file.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        found = None
    return found.group(1) if found else f"apertium-{mode_file.stem.split('_')[0]}"


class ApertiumEngine:
    """Runs the system's Apertium; ``model_version`` is the Debian package version of the language pair."""

    name = "apertium"

    def __init__(self, source: str, target: str) -> None:
        mode = find_mode(source, target)
        if mode is None:
            how = install_hint(source, target)
            raise PublishError(
                f"Apertium with the {source}->{target} pair is not installed",
                hint=(f"install it with '{how}', or " if how else "")
                + f"install an Argos model with 'publish models install {source} {target}'.",
                exit_code=ExitCode.MISSING_PART)
        self.mode, self.model_name = mode.name, mode.package
        self.model_version = _package_version(self.model_name)
        self.model_hash = "sha256:" + _data_hash(DATA_ROOT / self.model_name)

    def translate_batch(self, texts: list[str], progress: Progress | None = None) -> list[str]:
        return in_chunks(texts, CHUNK, self._run, progress)

    def translate_scored(self, texts: list[str], progress: Progress | None = None
                         ) -> list[tuple[str, float | None, tuple[str, ...]]]:
        """(text, None, unknown words) per text: Apertium gives no score, but marks each source word
        it does not know with ``*`` when run without ``-u``; the marks are taken out of the text."""
        marked = in_chunks(texts, CHUNK, lambda chunk: self._run(chunk, marks=True), progress)
        out: list[tuple[str, float | None, tuple[str, ...]]] = []
        for source, text in zip(texts, marked):
            if any(c in source for c in "*#@"):
                # The source holds a mark character itself: only '-u' tells marks from text apart.
                plain = self._run([source])[0]
                out.append((plain, None, tuple(w for w in _UNKNOWN.findall(text) if f"*{w}" not in plain)))
            else:
                out.append((_MARKS.sub("", text), None, tuple(_UNKNOWN.findall(text))))
        return out

    def _run(self, texts: list[str], marks: bool = False) -> list[str]:
        # A segment never holds a newline (segments are whitespace-normalised), so blank lines
        # separate them unambiguously; an empty segment would collapse two separators, so pad it.
        payload = "\n\n".join(" ".join(t.split()) or "." for t in texts) + "\n\n"
        command = ["apertium", self.mode] if marks else ["apertium", "-u", self.mode]
        result = subprocess.run(command, input=payload, capture_output=True,
                                text=True, encoding="utf-8", check=False)
        if result.returncode != 0:
            raise PublishError(f"apertium failed: {result.stderr.strip()[:200]}", exit_code=ExitCode.MISSING_PART,
                               hint=f"run 'echo test | apertium -u {self.mode}' to see the problem.")
        blocks = [" ".join(b.split()) for b in result.stdout.strip("\n").split("\n\n")]
        if len(blocks) != len(texts):
            raise PublishError(f"apertium returned {len(blocks)} segments for {len(texts)}",
                               hint="a segment may contain characters Apertium's text format treats specially; "
                                    "report it with the article.")
        return [_initial_capital(source, block) for source, block in zip(texts, blocks)]


def _initial_capital(source: str, output: str) -> str:
    """Give back a capital Apertium lost by reordering ("Bolivia's free territory" -> eng-cat's "el territori
    lliure de Bolívia"): a segment that starts with a capital letter starts with one in translation too."""
    first = next((c for c in source if c.isalpha()), "")
    index = next((i for i, c in enumerate(output) if c.isalpha()), None)
    if first.isupper() and index is not None and output[index].islower():
        return output[:index] + output[index].upper() + output[index + 1:]
    return output


def _package_version(package: str) -> str:
    try:
        result = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True,
                                text=True, check=False)
    except FileNotFoundError:
        return "unknown"
    return result.stdout.strip() or "unknown"


def _data_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.glob("*") if p.is_file()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
