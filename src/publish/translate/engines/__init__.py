"""Translation engines (Argos, Apertium) and the choice between them (``--engine auto|argos|apertium``).

``auto`` prefers a direct Argos package, then an installed Apertium mode, then Argos through English
(two neural passes lose more than one rule-based pass between related languages).
"""

from __future__ import annotations

from ...errors import ExitCode, PublishError
from .base import Engine, Progress, origin_of
from .pivot import PivotEngine

CHOICES = ("auto", "argos", "apertium")

__all__ = ["CHOICES", "Engine", "Progress", "origin_of", "select_engine"]


def select_engine(choice: str, source: str, target: str) -> tuple[Engine, str]:
    """The engine to use for ``source`` -> ``target`` and a sentence saying which was picked and why."""
    if choice not in CHOICES:
        raise PublishError(f"unknown engine '{choice}'", hint=f"use one of: {', '.join(CHOICES)}.",
                           exit_code=ExitCode.USAGE)
    from .apertium import apertium_available

    argos, broken = _argos_or_warning(choice, source, target)
    pivoted = isinstance(argos, PivotEngine)
    if argos is not None and (choice == "argos" or not pivoted or not apertium_available(source, target)):
        return argos, f"engine: argos ({argos.model_name} {argos.model_version})"
    if choice == "argos":
        raise _missing(f"no Argos {source}->{target} model is installed", source, target, apertium=False)
    if not apertium_available(source, target):
        if choice == "apertium":
            raise _missing(f"Apertium with the {source}->{target} pair is not installed", source, target,
                           argos=False)
        raise _missing(f"no translation engine for {source}->{target}: no Argos model and no Apertium pair",
                       source, target)
    from .apertium import ApertiumEngine

    engine = ApertiumEngine(source, target)
    why = (" (preferred to Argos through English)" if pivoted else
           f" (no Argos {source}->{target} model is installed)" if choice == "auto" and not broken else "")
    return engine, f"engine: apertium ({engine.model_name} {engine.model_version}){why}{broken}"


def _argos_or_warning(choice: str, source: str, target: str) -> tuple[Engine | None, str]:
    """The Argos engine (None when not asked for or not installed) and, under ``auto``, why a broken one was skipped."""
    if choice == "apertium":
        return None, ""
    try:
        return _argos_engine(source, target), ""
    except PublishError as exc:
        if choice == "argos":
            raise
        return None, f"; warning: the installed Argos package cannot be used ({exc.message}), so Apertium is used"


def _missing(message: str, source: str, target: str, argos: bool = True, apertium: bool = True) -> PublishError:
    from ..argos_packages import install_hint as argos_hint
    from .apertium import install_hint as apertium_hint

    apt = apertium_hint(source, target) if apertium else None
    # Debian packages no Apertium pair for most languages: then an Argos package is the way, whatever was asked.
    hints = [argos_hint(source, target) if argos or not apt else "", f"'{apt}'" if apt else ""]
    return PublishError(message, hint="; or ".join(h for h in hints if h) + ".", exit_code=ExitCode.MISSING_PART)


def _argos_engine(source: str, target: str) -> Engine | None:
    """The Argos engine for the pair (direct, or through English); None when none is installed; a broken one is a PublishError."""
    from ..argos_packages import check_installed, find_route

    try:
        route = find_route(source, target)
    except Exception as exc:  # noqa: BLE001 - argostranslate fails in many ways on a damaged packages folder
        raise PublishError(f"the Argos packages folder cannot be read: {exc}",
                           exit_code=ExitCode.MISSING_PART) from None
    if not route:
        return None
    for package in route:
        check_installed(package)
    from .argos import ArgosEngine

    engines = [ArgosEngine(package) for package in route]
    if len(engines) == 1:
        return engines[0]
    return PivotEngine(engines[0], engines[1])
