"""Where an image path may point: only at files inside the project. Remote URLs are reported, not fetched."""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath

from .. import model as m
from ..errors import Diagnostic, PublishError

MEDIA_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp"}


class ImageResolver:
    """Checks each image reference of the manuscript and collects the images the book uses."""

    def __init__(self, root: Path, diagnostics: list[Diagnostic]) -> None:
        self.root = root
        self.diagnostics = diagnostics
        self.images: list[m.Image] = []
        self.current_path = ""

    def __call__(self, src: str, alt: str, line: int) -> m.Image | None:
        if "://" in src or src.startswith("//") or src.lower().startswith("data:"):
            self.diagnostics.append(Diagnostic(
                "remote-image", f"remote image '{src}' was not fetched; the figure keeps only its caption",
                self.current_path, line, hint="download the image into manuscript/images/ and link it there."))
            return None
        rel = self._inside_project(src, line)
        path = self.root / rel
        if not path.is_file():
            raise PublishError(f"image '{src}' not found", path=self.current_path, line=line,
                               hint=f"put the file at {rel} or fix the path.")
        media_type = MEDIA_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        if media_type not in MEDIA_TYPES.values():
            raise PublishError(f"image '{src}' is not a JPEG, PNG, GIF, SVG or WebP file", path=self.current_path,
                               line=line, hint="convert it to PNG or JPEG.")
        if not alt.strip():
            self.diagnostics.append(Diagnostic(
                "image-no-alt", f"image '{src}' has no alt text; readers and the tagged PDF treat it as decoration",
                self.current_path, line, hint=f"describe it between the brackets: ![What the photo shows]({src})."))
        image = m.Image(rel, alt, str(media_type))
        if all(existing.src != rel for existing in self.images):
            self.images.append(image)
        return image

    def _inside_project(self, src: str, line: int) -> str:
        """Resolve ``src`` (relative to manuscript/) to a project-relative path, refusing escapes."""
        pure = PurePosixPath(src)
        refuse = pure.is_absolute() or ".." in pure.parts
        if not refuse:
            candidate = (self.root / "manuscript" / pure).resolve()
            refuse = not candidate.is_relative_to(self.root)
        if refuse:
            raise PublishError(f"image path '{src}' points outside the project", path=self.current_path, line=line,
                               hint="copy the image into manuscript/images/ and use a relative path like images/x.png.")
        return str(candidate.relative_to(self.root))
