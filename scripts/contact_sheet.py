"""Paste PNG pages (from pdftoppm) side by side into one contact sheet, for looking at a PDF at a glance."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image


def main(out: str, pages: list[str], cols: int = 6) -> None:
    images = [Image.open(p) for p in sorted(pages)]
    w, h = images[0].size
    rows = (len(images) + cols - 1) // cols
    sheet = Image.new("RGB", (cols * (w + 8), rows * (h + 8)), "gray")
    for i, im in enumerate(images):
        sheet.paste(im, ((i % cols) * (w + 8), (i // cols) * (h + 8)))
    sheet.save(out)


if __name__ == "__main__":
    main(sys.argv[1], [str(p) for p in Path(sys.argv[2]).glob("*.png") if p.name != Path(sys.argv[1]).name])
