"""Shared fixtures: copies of the sample project, real EPUBCheck and DAISY Ace runners, golden-file switch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import copy_sample


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh, writable copy of the sample project."""
    return copy_sample(tmp_path / "book")


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project built once (EPUB + PDF) for read-only tests."""
    from publish.build import build

    root = copy_sample(tmp_path_factory.mktemp("built") / "book")
    build(root)
    return root


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[object, ...]]]:
    """Fail on, and record, any attempt to open a network connection."""
    import socket

    attempts: list[tuple[object, ...]] = []

    def unless_local(original: Any) -> Any:
        def connect(self: socket.socket, address: object, *args: object) -> Any:
            if self.family == socket.AF_UNIX:  # a process on this machine (the build's fork server)
                return original(self, address, *args)
            attempts.append((address,))
            raise OSError(f"network access attempted: {address}")
        return connect

    monkeypatch.setattr(socket.socket, "connect", unless_local(socket.socket.connect))
    monkeypatch.setattr(socket.socket, "connect_ex", unless_local(socket.socket.connect_ex))
    yield attempts
