"""Dates as readers of a language write them ("24 December 2019", "24 décembre 2019"), from ISO strings,
through Babel's CLDR data for the language's locale."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as babel_date
from babel.dates import format_skeleton

from ..locales import locale_for


def format_date(value: str | None, lang: str) -> str | None:
    """Format an ISO date (YYYY-MM-DD, YYYY-MM or YYYY) for readers; other strings come back as given."""
    if not value:
        return None
    cldr = locale_for(lang).cldr
    parts = value.split("-")
    try:
        if len(parts) == 3 and len(value) == 10:
            return str(babel_date(dt.date.fromisoformat(value), "long", locale=cldr))
        if len(parts) == 2 and len(parts[0]) == 4:
            month = str(format_skeleton("yMMMM", dt.date(int(parts[0]), int(parts[1]), 1), locale=cldr))
            return month[:1].upper() + month[1:]  # standing alone (a table cell, after a comma) it starts a phrase
    except ValueError:
        return value
    return value
