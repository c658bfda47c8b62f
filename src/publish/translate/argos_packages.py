"""Argos packages: listing what is installed, finding the package(s) for a language pair (directly or
through English, as Argos's own packages are mostly X->en and en->Y), and installing, from the argospm
index or a local file.

Only ``argostranslate.package`` is imported (light, no network at import); never at module import
time of publish itself, because ``argostranslate.settings`` creates folders under ``~/.local``.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ExitCode, PublishError

LAYOUT_HINT = "an .argosmodel holds one folder with metadata.json, model/ and sentencepiece.model."
PIVOT = "en"
"""The language Argos's package index is built around: most pairs exist as X->en and en->Y."""


def install_hint(source: str, target: str) -> str:
    """How to install an Argos package for the pair (online from the index, or offline from a file)."""
    return (f"run 'publish models install {source} {target}' (online), or "
            "'publish models install --file PATH.argosmodel'")


@dataclass(frozen=True)
class PackageInfo:
    """One installed Argos package."""

    from_code: str
    to_code: str
    name: str
    version: str
    path: str
    splitter: str
    """The sentence splitter it bundles (minisbd, stanza, spacy or none); publish does not use it."""


def installed_packages() -> list[Any]:
    from argostranslate import package

    return [p for p in package.get_installed_packages() if getattr(p, "type", "translate") == "translate"]


def find_package(from_code: str, to_code: str) -> Any | None:
    """The newest installed package for the pair; a region or script tag (``pt-BR``) falls back to
    its language (``pt``) when no package names the tag itself."""
    packages = installed_packages()
    for source in _candidates(from_code):
        for target in _candidates(to_code):
            matches = [p for p in packages if p.from_code == source and p.to_code == target]
            if matches:
                return max(matches, key=lambda p: _version_key(str(p.package_version)))
    return None


def find_route(from_code: str, to_code: str) -> list[Any]:
    """The packages that translate ``from_code`` into ``to_code``: one when a direct package is
    installed, two (X->en, en->Y) when English can bridge them, none otherwise."""
    direct = find_package(from_code, to_code)
    if direct is not None:
        return [direct]
    if PIVOT in (_candidates(from_code)[-1], _candidates(to_code)[-1]):
        return []
    first, second = find_package(from_code, PIVOT), find_package(PIVOT, to_code)
    return [first, second] if first is not None and second is not None else []


ARGOS_CODES = {"pt-br": "pb", "zh-hant": "zt", "zh-tw": "zt"}
"""Tags the argospm index writes with codes of its own (Brazilian Portuguese, Traditional Chinese)."""


def _candidates(tag: str) -> list[str]:
    """The package codes that may serve a tag, best first: the tag, Argos's own code for it, its language."""
    language = tag.split("-")[0].lower()
    found = [tag, tag.lower(), ARGOS_CODES.get(tag.lower(), ""), language]
    return [code for code in dict.fromkeys(found) if code]


def describe(pkg: Any) -> PackageInfo:
    sbd = getattr(pkg, "packaged_sbd_path", None)
    return PackageInfo(pkg.from_code, pkg.to_code, Path(pkg.package_path).name, str(pkg.package_version),
                       str(pkg.package_path), Path(sbd).name if sbd else "none")


MODEL_FILES = ("sentencepiece.model", "model/model.bin", "model/config.json")
"""What a usable package holds (a CTranslate2 model and its SentencePiece vocabulary)."""


def check_installed(pkg: Any) -> None:
    """Fail with one line when an installed package lacks the model files publish needs."""
    missing = [name for name in MODEL_FILES if not (Path(pkg.package_path) / name).is_file()]
    if missing:
        raise PublishError(f"the Argos package {Path(pkg.package_path).name} has no {', '.join(missing)}",
                           path=str(pkg.package_path), hint="install a complete package with "
                           f"'publish models install {pkg.from_code} {pkg.to_code}' or --file.",
                           exit_code=ExitCode.MISSING_PART)


def list_packages() -> list[PackageInfo]:
    return [describe(p) for p in installed_packages()]


def install_from_index(from_code: str, to_code: str) -> PackageInfo:
    """Download the package from the argospm index (needs a network) and install it."""
    from argostranslate import package

    package.update_package_index()
    try:
        available = package.get_available_packages()
    except OSError:
        available = []
    match = next((p for p in available if p.from_code == from_code and p.to_code == to_code), None)
    if match is None:
        raise PublishError(f"no {from_code}->{to_code} package could be found in the argospm index",
                           hint="check the network connection, or download the .argosmodel elsewhere and use "
                                "'publish models install --file PATH.argosmodel'.", exit_code=ExitCode.MISSING_PART)
    try:
        download = match.download()
    except Exception as exc:  # argostranslate raises bare Exception on a failed download
        raise PublishError(f"the download failed: {exc}", exit_code=ExitCode.MISSING_PART,
                           hint="try again online, or use 'publish models install --file'.") from None
    return install_file(Path(download), from_code, to_code)


def install_file(path: Path, from_code: str | None = None, to_code: str | None = None) -> PackageInfo:
    """Check an ``.argosmodel`` file thoroughly, then install it with argostranslate. The pair is the
    one its metadata names; ``from_code``/``to_code``, when given, must match it."""
    metadata = validate_archive(path, from_code, to_code)
    from argostranslate import package

    package.install_from_path(path)
    installed = find_package(str(metadata["from_code"]), str(metadata["to_code"]))
    if installed is None:  # pragma: no cover - argostranslate installed it somewhere else
        raise PublishError("the package was extracted but argostranslate does not list it", path=str(path))
    return describe(installed)


def validate_archive(path: Path, from_code: str | None, to_code: str | None) -> dict[str, Any]:
    """The package's metadata, or a clear error: not a zip, corrupt, unsafe entries, wrong pair."""
    rel = str(path)
    if path.is_dir():
        raise PublishError("this is a folder, not an .argosmodel file", path=rel,
                           hint="give the path of the downloaded .argosmodel file itself.")
    if not path.is_file():
        raise PublishError("no such file", path=rel, hint="give the path of a downloaded .argosmodel file.")
    if not zipfile.is_zipfile(path):
        raise PublishError("not an Argos package: the file is not a zip archive (corrupt or incomplete download?)",
                           path=rel, hint="download the .argosmodel file again.")
    with zipfile.ZipFile(path) as archive:
        try:
            bad = archive.testzip()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            bad = f"({exc})"
        if bad:
            raise PublishError(f"the package is corrupt: entry {bad} fails its checksum", path=rel,
                               hint="download the .argosmodel file again.")
        top = _single_top_folder(archive, rel)
        try:
            metadata = json.loads(archive.read(f"{top}/metadata.json"))
        except (KeyError, ValueError):
            raise PublishError(f"not an Argos package: {top}/metadata.json is missing or not JSON", path=rel,
                               hint=LAYOUT_HINT) from None
        if not isinstance(metadata, dict):
            raise PublishError(f"not an Argos package: {top}/metadata.json holds a {type(metadata).__name__}, "
                               "not an object", path=rel, hint=LAYOUT_HINT)
        names = {info.filename.rstrip("/") for info in archive.infolist()}
    if not all(isinstance(metadata.get(k), str) and metadata[k] for k in ("from_code", "to_code")):
        raise PublishError("not an Argos package: metadata.json's from_code and to_code must be language codes "
                           f"(found {str(metadata.get('from_code'))[:20]}, {str(metadata.get('to_code'))[:20]})",
                           path=rel, hint=LAYOUT_HINT)
    pair = (str(metadata["from_code"]), str(metadata["to_code"]))
    wanted = (from_code or pair[0], to_code or pair[1])
    if pair != wanted:
        raise PublishError(f"this package translates {pair[0]}->{pair[1]}, not {wanted[0]}->{wanted[1]}",
                           path=rel, hint=f"download the {wanted[0]}->{wanted[1]} package "
                                          f"(translate-{wanted[0]}_{wanted[1]}), or leave out the languages.")
    missing = [name for name in MODEL_FILES if f"{top}/{name}" not in names]
    if missing:
        raise PublishError(f"not an Argos package: it has no model ({', '.join(missing)} missing)", path=rel,
                           hint=LAYOUT_HINT)
    return dict(metadata)


def _single_top_folder(archive: zipfile.ZipFile, rel: str) -> str:
    tops: set[str] = set()
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        is_link = (info.external_attr >> 16) & 0o170000 == 0o120000
        if not parts or name.startswith(("/", "./")) or ":" in parts[0] or ".." in parts or is_link:
            raise PublishError(f"refusing the package: entry '{info.filename}' would extract outside the "
                               "packages folder", path=rel, hint="this file is not a genuine Argos package.")
        tops.add(parts[0])
    if len(tops) != 1:
        raise PublishError(f"not an Argos package: expected one top-level folder, found {len(tops)}", path=rel,
                           hint="an .argosmodel holds exactly one folder.")
    return tops.pop()


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))
