"""The laid-out parts of one print PDF, kept between builds in ``build/.cache/parts/<output>/``.

Each part is ``<key>.pdf`` with ``<key>.json`` (its page count and the warnings WeasyPrint gave while laying it
out, so an unchanged part still warns); a part laid out in chunks (pdf_chunks) adds ``<key>-1.pdf``, ... ``index.json`` remembers the front matter's and the book's page counts,
the next build's first guesses; ``join-log.json`` the last join (pdf_join_log). Files are only ever written with the build's outputs, in the same all-or-nothing replace,
so a failed build leaves the cache as it was; after a good build, parts no longer used are removed.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from .pdf_book import Joined
from ..atomic import Data
from .pdf_join_log import Resume
from .pdf_parts import Part, PartPdf, pdf_bytes

PARTS = Path("build") / ".cache" / "parts"
LOG = "join-log.json"


class PartCache:
    """The part cache of one output (``build/<slug>.<tag>.pdf``)."""

    def __init__(self, root: Path, output_name: str, fresh: bool = False) -> None:
        self.folder = root / PARTS / output_name
        self.output = root / "build" / f"{output_name}.pdf"
        self.fresh = fresh
        """Find nothing (``publish build --force``): every part is laid out again, and the cache refilled."""

    def lookup(self, part: Part) -> PartPdf | None:
        if self.fresh:
            return None
        try:
            meta = json.loads((self.folder / f"{part.key}.json").read_text(encoding="utf-8"))
            pdf = self.folder / f"{part.key}.pdf"
            more = tuple((self.folder / f"{part.key}-{n}.pdf", int(pages))
                         for n, pages in enumerate(meta.get("more", []), start=1))
            if not all(path.is_file() for path in [pdf, *(path for path, _ in more)]):
                return None
            return PartPdf(pdf, int(meta["pages"]), tuple(tuple(d) for d in meta["diagnostics"]), more)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def guesses(self) -> tuple[int | None, int | None]:
        """The front matter's and the whole book's page counts in the last build (unknown at first)."""
        try:
            index = json.loads((self.folder / "index.json").read_text(encoding="utf-8"))
            return int(index["front_pages"]), int(index["total_pages"])
        except (OSError, ValueError, KeyError, TypeError):
            return None, None

    def resume(self) -> Resume | None:
        """The last join's log, with the output it made (none after ``--force``: the join starts afresh)."""
        return None if self.fresh else Resume.load(self.folder / LOG, self.output)

    def files(self, joined: Joined) -> list[tuple[Path, Data]]:
        """What to write with the outputs: the parts not yet on disk (read one at a time), and the index."""
        out: list[tuple[Path, Data]] = []
        for key, part in joined.parts.items():
            if self.fresh or not (self.folder / f"{key}.json").is_file():
                meta = {"pages": part.pages, "diagnostics": [list(d) for d in part.diagnostics],
                        "more": [pages for _, pages in part.more]}
                out += [(self.folder / f"{key}{f'-{n}' if n else ''}.pdf", partial(pdf_bytes, pdf))
                        for n, (pdf, _) in enumerate(part.chunks())]
                out.append((self.folder / f"{key}.json", json.dumps(meta).encode()))
        index = json.dumps({"front_pages": joined.front_pages, "total_pages": joined.total_pages,
                            "parts": sorted(joined.parts)}).encode()
        return [*out, (self.folder / "index.json", index), (self.folder / LOG, joined.log)]

    def prune(self, joined: Joined) -> None:
        """Remove the parts this output no longer uses (after the build's files are in place)."""
        keep = set(joined.parts)
        keep |= {f"{key}-{n}" for key, part in joined.parts.items() for n in range(1, len(part.more) + 1)}
        try:
            names = list(self.folder.iterdir())
        except OSError:
            return
        for path in names:
            if path.suffix in (".pdf", ".json") and path.stem not in keep and path.name not in ("index.json", LOG):
                try:
                    path.unlink()
                except OSError:
                    pass
