"""Dates as readers write them ("24 December 2019", "24 de diciembre de 2019") from ISO strings."""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"),
}


def format_date(value: str | None, lang: str) -> str | None:
    """Format an ISO date (YYYY-MM-DD, YYYY-MM or YYYY) for readers; other strings come back as given."""
    if not value:
        return None
    months = MONTHS.get(lang.split("-")[0], MONTHS["en"])
    of = " de " if lang.startswith("es") else " "
    parts = value.split("-")
    try:
        if len(parts) == 3:
            day = dt.date.fromisoformat(value)
            return f"{day.day}{of}{months[day.month - 1]}{of}{day.year}"
        if len(parts) == 2:
            return f"{months[int(parts[1]) - 1]}{of}{int(parts[0])}".capitalize()
    except (ValueError, IndexError):
        return value
    return value
