"""Clean process handling of the parallel build: workers die with their parent (kill -9 included), SIGINT and
SIGTERM end the build within a second with one line and exit 130/143 (also SIGINT through ``timeout
--foreground``, and when publish was started with SIGINT ignored), no worker traceback, no orphan, no stale
temp or lock file, and build/ unchanged."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import copy_sample

PUBLISH = [sys.executable, "-c", "from publish.cli import main; main()"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("signals") / "book")
    (root / "build").mkdir()
    (root / "build" / "bolivia-2019.en.pdf").write_bytes(b"an earlier build")
    return root


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (a zombie is dead; only its exit status waits to be collected)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _start(project: Path, wrapper: list[str] | None = None, ignore_sigint: bool = False) -> subprocess.Popen[str]:
    def ignore() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    args = [*(wrapper or []), *PUBLISH, "build", "--lang", "all", "--format", "pdf", "-j", "2", "-C", str(project)]
    return subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            preexec_fn=ignore if ignore_sigint else None, start_new_session=True)


def _descendants(pid: int) -> list[int]:
    found = _children(pid)
    return found + [d for child in found for d in _descendants(child)]


def _workers(publish_pid: int) -> list[int]:
    """The build's helper processes once two workers run: the fork server and the workers it forked (and the
    resource tracker multiprocessing starts beside the server)."""
    def forked() -> int:
        return sum(len(_children(child)) for child in _children(publish_pid))

    assert _wait_for(lambda: forked() >= 2, 60), "the parallel build started no workers"
    return _descendants(publish_pid)


def _after(project: Path, before: dict[str, str], workers: list[int]) -> None:
    assert _wait_for(lambda: not any(_running(w) for w in workers), 1.0), "a worker outlived the build"
    assert _digest(project / "build") == before, "an interrupted build changed build/"
    strays = [p for p in project.rglob(".*") if p.is_file()]
    assert not strays, f"temp or lock files left: {strays}"


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_ends_the_build_within_a_second(project: Path, signum: int, code: int) -> None:
    before = _digest(project / "build")
    proc = _start(project)
    workers = _workers(proc.pid)
    os.killpg(proc.pid, signum) if signum == signal.SIGINT else proc.send_signal(signum)  # Ctrl-C hits the group
    sent = time.monotonic()
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 1.0
    assert proc.returncode == code, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "interrupted" in lines[0] and "Traceback" not in err, err
    _after(project, before, workers)


def test_sigint_through_timeout_foreground(project: Path) -> None:
    """``timeout --foreground`` passes SIGINT to its child only, not to the workers."""
    before = _digest(project / "build")
    proc = _start(project, wrapper=["timeout", "--foreground", "120"])
    assert _wait_for(lambda: bool(_children(proc.pid)), 30)
    publish = _children(proc.pid)[0]
    workers = _workers(publish)
    proc.send_signal(signal.SIGINT)
    sent = time.monotonic()
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 1.0
    assert proc.returncode == 130, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    _after(project, before, workers)


def test_sigint_ends_the_build_when_started_with_sigint_ignored(project: Path) -> None:
    """A non-interactive shell starts background jobs with SIGINT ignored; publish still stops on it."""
    before = _digest(project / "build")
    proc = _start(project, ignore_sigint=True)
    workers = _workers(proc.pid)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=5)
    assert proc.returncode == 130, err
    _after(project, before, workers)


def test_kill_9_of_the_parent_kills_its_workers(project: Path) -> None:
    before = _digest(project / "build")
    proc = _start(project)
    workers = _workers(proc.pid)
    proc.kill()
    proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert _wait_for(lambda: not any(_running(w) for w in workers), 1.0), "workers outlived a killed parent"
    assert _digest(project / "build") == before


def test_sigterm_during_translate_leaves_no_lock_and_no_half_file(tmp_path: Path) -> None:
    from publish.translate.engines.apertium import apertium_available

    if not apertium_available("en", "es"):
        pytest.skip("apertium-eng-spa is not installed")
    root = copy_sample(tmp_path / "book")
    folder = root / "translations" / "es"
    for po in folder.glob("*.po"):
        po.unlink()
    proc = subprocess.Popen([*PUBLISH, "translate", "--engine", "apertium", "-C", str(root)],
                            stderr=subprocess.PIPE, text=True)
    assert _wait_for(lambda: (folder / ".lock").exists() or proc.poll() is not None, 60)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=10)
    if proc.returncode == 0:
        pytest.skip("translate finished before the signal arrived")
    assert proc.returncode == 143 and "interrupted (SIGTERM)" in err and "Traceback" not in err, err
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")], "a .lock or temp file was left"
    import polib

    for po in folder.glob("*.po"):  # what a checkpoint wrote is whole
        assert polib.pofile(str(po)) is not None
