"""Where an image path may point, and what the file must be, before the book uses it.

Only files inside the project (symlinks resolved); remote URLs are reported, not fetched. Raster images
are decoded with Pillow: the format must match the extension, the file must not be truncated, and the
pixel count is bounded. SVG is refused when it holds scripts, event handlers, entities or references to
anything outside itself. File names may hold spaces and non-ASCII letters: the Markdown link is
percent-decoded for the lookup; the writers encode it again where a URL is written.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from lxml import etree
from PIL import Image as PILImage
from PIL import ImageFile

from .. import model as m
from ..errors import Diagnostic, PublishError
from ..paths import inside

MEDIA_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp"}
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
MAX_PIXELS = 50_000_000
"""Largest raster image accepted (50 megapixels: a 300 dpi full-page photo is under 10)."""
_SVG_EXTERNAL = re.compile(r"^\s*(?!#)\S", re.S)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.I)


class ImageResolver:
    """Checks each image reference of the manuscript and collects the images the book uses."""

    def __init__(self, root: Path, diagnostics: list[Diagnostic]) -> None:
        self.root = root
        self.diagnostics = diagnostics
        self.images: list[m.Image] = []
        self.current_path = ""
        self._checked: dict[str, m.Image] = {}

    def __call__(self, src: str, alt: str, line: int) -> m.Image | None:
        if "://" in src or src.startswith("//") or src.lower().startswith("data:"):
            self.diagnostics.append(Diagnostic(
                "remote-image", f"remote image '{src[:80]}' was not fetched; the figure keeps only its caption",
                self.current_path, line, hint="download the image into manuscript/images/ and link it there."))
            return None
        name = unquote(src)
        rel = self._inside_project(name, line)
        if rel not in self._checked:
            self._checked[rel] = m.Image(rel, alt, self._check_file(name, rel, line))
        if not alt.strip():
            self.diagnostics.append(Diagnostic(
                "image-no-alt", f"image '{name}' has no alt text; readers and the tagged PDF treat it as decoration",
                self.current_path, line, hint=f"describe it between the brackets: ![What the photo shows]({src})."))
        image = m.Image(rel, alt, self._checked[rel].media_type)
        if all(existing.src != rel for existing in self.images):
            self.images.append(image)
        return image

    def _fail(self, name: str, problem: str, line: int, hint: str) -> PublishError:
        return PublishError(f"image '{name}' {problem}", path=self.current_path, line=line, hint=hint)

    def _check_file(self, name: str, rel: str, line: int) -> str:
        """The media type of a usable image file, or an error saying what is wrong with it."""
        path = self.root / rel
        if not path.is_file():
            raise self._fail(name, "not found", line, f"put the file at {rel} or fix the path.")
        media_type = MEDIA_TYPES.get(path.suffix.lower())
        if media_type is None:
            raise self._fail(name, "is not a JPEG, PNG, GIF, SVG or WebP file", line, "convert it to PNG or JPEG.")
        problem = _svg_problem(path) if media_type == "image/svg+xml" else _raster_problem(path, media_type)
        if problem:
            raise self._fail(name, problem, line, "re-export the image (PNG or JPEG) from an image editor.")
        return media_type

    def _inside_project(self, src: str, line: int) -> str:
        """Resolve ``src`` (relative to manuscript/) to a project-relative path, refusing escapes."""
        pure = PurePosixPath(src)
        if pure.is_absolute() or ".." in pure.parts:
            raise PublishError(f"image path '{src}' points outside the project", path=self.current_path, line=line,
                               hint="copy the image into manuscript/images/ and use a relative path like images/x.png.")
        resolved = inside(self.root, Path("manuscript") / pure, shown=f"image path '{src}'",
                          where=self.current_path, line=line)
        return str(resolved.relative_to(self.root.resolve()))


def _raster_problem(path: Path, media_type: str) -> str | None:
    """Why Pillow cannot use the file as ``media_type`` (wrong format, too big, truncated), or None."""
    # WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import; a check must not inherit it.
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with PILImage.open(path) as image:
                if image.format != _FORMATS[media_type]:
                    found = image.format or "unknown"
                    return f"is a {found} file, but its name says {_FORMATS[media_type]}"
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return f"is {width}x{height} pixels, more than the {MAX_PIXELS:,} allowed"
                image.load()
            _decode_as_weasyprint_does(path)
    except PILImage.DecompressionBombError:
        return f"has more pixels than the {MAX_PIXELS:,} allowed"
    except Exception as exc:  # noqa: BLE001  Pillow's plugins raise many kinds (OSError, SyntaxError, struct.error...) on hostile files
        return f"cannot be decoded ({str(exc)[:80] or type(exc).__name__})"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return None


def _decode_as_weasyprint_does(path: Path) -> None:
    """Checksums verified, then decoded again the lenient way WeasyPrint's Pillow does: a file with a bad
    chunk or garbage after its pixel data passes a strict ``load()`` but crashes the PDF writer."""
    with PILImage.open(path) as image:
        image.verify()
    ImageFile.LOAD_TRUNCATED_IMAGES = True
    try:
        with PILImage.open(path) as image:
            image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = False


def _svg_problem(path: Path) -> str | None:
    """Why the SVG is unsafe in a book (scripts, handlers, entities, outside references), or None."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        return f"is not well-formed SVG ({str(exc)[:80]})"
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        return "declares a DOCTYPE or entities, which books may not carry"
    root = tree.getroot()
    if etree.QName(root).localname != "svg":
        return "is not an SVG image"
    for element in root.iter():
        if not isinstance(element.tag, str):
            if isinstance(element, etree._Entity):
                return "uses an entity"
            continue
        local = etree.QName(element).localname
        if local in ("script", "foreignObject", "iframe", "embed", "object"):
            return f"holds a <{local}> element"
        if local == "style" and _CSS_URL.search(element.text or ""):
            return "has a stylesheet that loads something from outside"
        for attr, value in element.attrib.items():
            attr_local = etree.QName(attr).localname
            if attr_local.lower().startswith("on"):
                return f"has an event handler ({attr_local})"
            if attr_local == "href" and _SVG_EXTERNAL.match(value):
                return f"refers to something outside itself ({value[:60]})"
            if _CSS_URL.search(value):
                return "has a style that loads something from outside"
    return None
