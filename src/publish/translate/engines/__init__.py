"""Translation engines (Argos, Apertium) and the choice between them (``--engine auto|argos|apertium``)."""

from __future__ import annotations

from ...errors import ExitCode, PublishError
from .base import Engine, Progress, provenance_of

CHOICES = ("auto", "argos", "apertium")

__all__ = ["CHOICES", "Engine", "Progress", "provenance_of", "select_engine"]


def select_engine(choice: str, source: str = "en", target: str = "es") -> tuple[Engine, str]:
    """The engine to use and a sentence saying which was picked and why."""
    if choice not in CHOICES:
        raise PublishError(f"unknown engine '{choice}'", hint=f"use one of: {', '.join(CHOICES)}.",
                           exit_code=ExitCode.USAGE)
    broken = ""
    if choice in ("auto", "argos"):
        from ..argos_packages import INSTALL_HINT

        try:
            engine = _argos_engine(source, target)
        except PublishError as exc:
            if choice == "argos":
                raise
            broken = f"; warning: the installed Argos package cannot be used ({exc.message}), so Apertium is used"
            engine = None
        if engine is not None:
            return engine, f"engine: argos ({engine.model_name} {engine.model_version})"
        if choice == "argos":
            raise PublishError(f"no Argos {source}->{target} model is installed", hint=INSTALL_HINT + ".",
                               exit_code=ExitCode.MISSING_PART)
    from .apertium import ApertiumEngine, apertium_available

    if choice == "auto" and not apertium_available(source, target):
        from ..argos_packages import INSTALL_HINT

        raise PublishError(f"no translation engine for {source}->{target}: no Argos model and no Apertium",
                           hint=INSTALL_HINT + "; or 'apt-get install apertium-eng-spa'.",
                           exit_code=ExitCode.MISSING_PART)
    engine_a = ApertiumEngine(source, target)
    why = " (no Argos en->es model is installed)" if choice == "auto" and not broken else ""
    return engine_a, f"engine: apertium ({engine_a.model_name} {engine_a.model_version}){why}{broken}"


def _argos_engine(source: str, target: str) -> Engine | None:
    """The Argos engine of the installed package, None when there is none; a broken one is a PublishError."""
    from ..argos_packages import find_package, check_installed

    try:
        package = find_package(source, target)
    except Exception as exc:  # noqa: BLE001 - argostranslate fails in many ways on a damaged packages folder
        raise PublishError(f"the Argos packages folder cannot be read: {exc}",
                           exit_code=ExitCode.MISSING_PART) from None
    if package is None:
        return None
    check_installed(package)
    from .argos import ArgosEngine

    return ArgosEngine(package)
