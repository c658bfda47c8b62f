"""The one URL policy for every link the book writes (body links, the Sources page, the OPF, PDF links).

Only ``http``/``https`` with a host, ``mailto`` with an address, and in-book fragments (``#id``, which the
Markdown reader resolves) may become links; anything else (``javascript:``, ``data:``, ``file:``, a bare
path) is kept as text by the caller, with a warning.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SCHEMES = ("http", "https", "mailto")
_SPACE = re.compile(r"\s")


def safe_url(url: str) -> bool:
    """True when ``url`` may be written as a link (a fragment is safe here; the reader checks it resolves)."""
    if url.startswith("#"):
        return len(url) > 1 and not _SPACE.search(url)
    if _SPACE.search(url) or any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return "@" in parts.path
    return scheme in ("http", "https") and _valid_host(parts.hostname or "")


def _valid_host(host: str) -> bool:
    """A host a reading system can use (EPUBCheck's RSC-020 rejects the rest)."""
    if ":" in host:  # an IPv6 literal
        return bool(re.fullmatch(r"[0-9a-f:.]+", host))
    labels = host.removesuffix(".").split(".")
    return all(re.fullmatch(r"[a-z0-9_~-]+", label) for label in labels)


def url_problem(url: str) -> str | None:
    """Why ``url`` is kept as text rather than a link, or None when it is a safe link."""
    if safe_url(url):
        return None
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme and scheme not in _SCHEMES:
        return f"'{scheme}:' links are not allowed (only http, https and mailto)"
    return "not a complete http(s) or mailto address"
