"""Which PDF standard the print PDF claims (``--pdf-standard``), and the WeasyPrint options that give it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import ExitCode, PublishError


@dataclass(frozen=True)
class PdfStandard:
    """One ``--pdf-standard`` choice."""

    variant: str | None
    """WeasyPrint's ``pdf_variant`` (None: plain PDF 1.7, untagged)."""
    tagged: bool
    """Whether the structure tree is written (and mended by pdf_tags)."""
    archival: bool = False
    """PDF/A: an ICC output intent and no transparency."""


STANDARDS: dict[str, PdfStandard] = {
    "ua1": PdfStandard("pdf/ua-1", True),
    "ua2": PdfStandard("pdf/ua-2", True),
    "a2a": PdfStandard("pdf/a-2a", True, archival=True),
    "a3a": PdfStandard("pdf/a-3a", True, archival=True),
    "none": PdfStandard(None, False),
}
DEFAULT_STANDARD = "ua1"


def pdf_standard(name: str) -> PdfStandard:
    """The standard named on the command line, or a usage error listing the choices."""
    try:
        return STANDARDS[name]
    except KeyError:
        raise PublishError(f"unknown PDF standard '{name}'", hint=f"use one of: {', '.join(STANDARDS)}.",
                           exit_code=ExitCode.USAGE) from None


def write_options(standard: PdfStandard) -> dict[str, Any]:
    """Keyword arguments for ``HTML.write_pdf``: the variant, and our tag mending when tags are written."""
    if not standard.tagged:
        return {"pdf_variant": standard.variant} if standard.variant else {}
    from .pdf_tags import artifact_finisher, install_tag_hooks

    install_tag_hooks()
    return {"pdf_variant": standard.variant, "pdf_tags": True, "finisher": artifact_finisher}
