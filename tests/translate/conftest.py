"""Fixtures for the translation tests: Argos kept in temp folders, a socket guard, tiny real packages.

argostranslate reads its settings and creates folders at import time, so the environment is set
here, when pytest imports this file, before any test can import argostranslate.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_ARGOS_HOME = Path(tempfile.mkdtemp(prefix="publish-argos-"))
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = str(_ARGOS_HOME / _name.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(_ARGOS_HOME / "packages")

REPO = Path(__file__).resolve().parents[2]


class Connections(list[str]):
    """Every connection attempt the guard refused."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[Connections]:
    """Fail any connection attempt (and record it), so 'offline' is checked by every test here."""
    attempts = Connections()

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args[1:] if args and isinstance(args[0], socket.socket) else args))
        raise OSError("network access attempted during an offline test")

    def unless_local(original: Any) -> Any:
        def connect(self: socket.socket, *args: Any, **kwargs: Any) -> Any:
            if self.family == socket.AF_UNIX:  # a process on this machine (the build's fork server)
                return original(self, *args, **kwargs)
            return refuse(self, *args, **kwargs)
        return connect

    monkeypatch.setattr(socket.socket, "connect", unless_local(socket.socket.connect))
    monkeypatch.setattr(socket.socket, "connect_ex", unless_local(socket.socket.connect_ex))
    for target, name in ((socket, "create_connection"), (socket, "getaddrinfo")):
        monkeypatch.setattr(target, name, refuse)
    yield attempts


@pytest.fixture
def book_root(tmp_path: Path) -> Path:
    """A copy of the sample project with no translations yet."""
    root = tmp_path / "book"
    root.mkdir()
    shutil.copy2(REPO / "publish.yaml", root / "publish.yaml")
    shutil.copytree(REPO / "manuscript", root / "manuscript")
    return root


@pytest.fixture(scope="session")
def tiny_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny real .argosmodel files: one bundling minisbd/, one bundling stanza/ (as argospm ones do)."""
    from argos_tiny import build_tiny_package

    folder = tmp_path_factory.mktemp("argosmodels")
    return {variant: build_tiny_package(folder, variant) for variant in ("minisbd", "stanza")}


@pytest.fixture
def argos_home() -> Iterator[Path]:
    """An empty Argos packages folder for the test; argostranslate's caches cleared around it."""
    packages = Path(os.environ["ARGOS_PACKAGES_DIR"])
    _clear_packages(packages)
    yield packages
    _clear_packages(packages)


def _clear_packages(packages: Path) -> None:
    if packages.exists():
        shutil.rmtree(packages)
    packages.mkdir(parents=True)
    import sys

    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.installed_translates.clear()
        translate.get_installed_languages.cache_clear()
