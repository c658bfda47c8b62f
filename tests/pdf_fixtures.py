"""A sample-project copy with what the sample lacks for PDF tests: footnotes, a photo with alt text, an image
without one, a link and a subheading (the article is written for these tests)."""

from __future__ import annotations

from pathlib import Path

import yaml

ARTICLE = """\
---
title: Notes from the river port
authors:
- name: Test Writer
date: '2020-01-05'
---

The boats leave at dawn, loaded with fruit for the market upriver.[^1] Nobody on the quay
could say when the road would open again.[^2]

![Boats tied up at the quay before dawn](images/quay.png)

## What the ferrymen said

They count the days by the water level, which you can read on the [harbour gauge](https://example.org/gauge).

![](images/blank.png)

The last paragraph closes the article after the image that has no description, and a table of the boats.

| Boat | Cargo | Leaves |
|------|-------|--------|
| Esperanza | Bananas | 05:00 |
| San Juan | Oranges | 05:30 |

[^1]: The market is three hours away by boat.
[^2]: The road was closed by a landslide in December.
"""


def add_notes_article(root: Path) -> Path:
    """Add ``03-river-port`` (with two PNGs drawn here) to the project; returns the article path."""
    from PIL import Image

    images = root / "manuscript" / "images"
    images.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 800), (90, 120, 160)).save(images / "quay.png", dpi=(300, 300))
    Image.new("RGB", (600, 60), (200, 200, 200)).save(images / "blank.png", dpi=(300, 300))
    path = root / "manuscript" / "03-river-port.md"
    path.write_text(ARTICLE, encoding="utf-8")
    config = yaml.safe_load((root / "publish.yaml").read_text(encoding="utf-8"))
    config["articles"].append("03-river-port")
    (root / "publish.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
