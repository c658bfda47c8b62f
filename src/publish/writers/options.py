"""What every writer needs besides the Book: the project root and the fixed timestamp of the build."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """Writer options. ``modified`` is never the clock: it comes from publish.yaml or SOURCE_DATE_EPOCH."""

    root: Path
    """Project root: images are read from here, and nothing outside it."""
    modified: dt.datetime
    """dcterms:modified of the EPUB and the zip entry timestamps (UTC)."""
    pdf_standard: str = "ua1"
    """PDF standard of the print PDF (writers/pdf_standards.py): ua1, ua2, a2a, a3a or none."""
    profile: str = "print"
    """Output profile of the print PDF (writers/pdf_profiles.py): screen, print, kdp or ingramspark."""


@dataclass(frozen=True)
class PdfSettings:
    """What ``publish build`` was asked for the PDF: ``--pdf-standard`` and ``--profile``."""

    standard: str = "ua1"
    profile: str = "print"


def build_timestamp(book_date: str) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the book's date at midnight UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    try:
        day = dt.date.fromisoformat(book_date[:10])
    except ValueError:
        day = dt.date(1980, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
