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
    if choice in ("auto", "argos"):
        from ..argos_packages import INSTALL_HINT, find_package

        package = find_package(source, target)
        if package is not None:
            from .argos import ArgosEngine

            engine = ArgosEngine(package)
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
    why = " (no Argos en->es model is installed)" if choice == "auto" else ""
    return engine_a, f"engine: apertium ({engine_a.model_name} {engine_a.model_version}){why}"
