"""Images are checked before use: decoded with Pillow, SVG refused when unsafe, and names with spaces or
non-ASCII letters usable (the EPUB still passes EPUBCheck 0/0 and the PDF shows the image)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from helpers import epubcheck, run_publish
from publish.errors import PublishError
from publish.reader.images import MAX_PIXELS, ImageResolver

ARTICLE = "manuscript/01-chapare.md"


def _png(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, "PNG")
    return out.getvalue()


def _resolve(root: Path, name: str, data: bytes, src: str | None = None) -> str:
    folder = root / "manuscript" / "images"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    resolver = ImageResolver(root, [])
    resolver.current_path = ARTICLE
    image = resolver(src or f"images/{name}", "A photo", 3)
    assert image is not None
    return image.media_type


def _refused(root: Path, name: str, data: bytes) -> str:
    with pytest.raises(PublishError) as caught:
        _resolve(root, name, data)
    line = caught.value.one_line()
    assert line.startswith(f"{ARTICLE}:3: image 'images/{name}'") and "Hint:" in line
    return line


def test_a_real_png_is_accepted(tmp_path: Path) -> None:
    assert _resolve(tmp_path, "ok.png", _png()) == "image/png"


@pytest.mark.parametrize(("name", "data", "says"), [
    ("text.png", b"this is not an image at all\n", "cannot be decoded"),
    ("jpeg-named.png", b"", "cannot be decoded"),
    ("truncated.png", _png((300, 300))[:-200], "cannot be decoded"),
])
def test_broken_rasters_are_refused(tmp_path: Path, name: str, data: bytes, says: str) -> None:
    assert says in _refused(tmp_path, name, data)


def test_a_truncated_png_is_refused_after_weasyprint_is_loaded(tmp_path: Path) -> None:
    import weasyprint  # noqa: F401  (its import makes Pillow accept truncated files process-wide)
    from PIL import ImageFile

    assert "cannot be decoded" in _refused(tmp_path, "cut.png", _png((300, 300))[:-200])
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint's own setting is put back


def test_a_png_named_jpg_is_refused(tmp_path: Path) -> None:
    assert "is a PNG file, but its name says JPEG" in _refused(tmp_path, "photo.jpg", _png())


def test_too_many_pixels_are_refused_before_decoding(tmp_path: Path) -> None:
    side = int(MAX_PIXELS ** 0.5) + 10
    # A 1-bit PNG compresses to a few KB even at this size; only its header is read.
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG")
    assert "pixels" in _refused(tmp_path, "huge.png", out.getvalue())


SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'


@pytest.mark.parametrize(("body", "says"), [
    ("<script>alert(1)</script>", "<script>"),
    ('<rect width="5" height="5" onclick="alert(1)"/>', "event handler"),
    ('<image href="https://example.org/x.png" width="5" height="5"/>', "outside itself"),
    ('<use xlink:href="file:///etc/passwd#x"/>', "outside itself"),
    ('<rect style="fill:url(https://example.org/p.svg#a)" width="5" height="5"/>', "loads something"),
    ("<foreignObject><p>x</p></foreignObject>", "foreignObject"),
])
def test_unsafe_svg_is_refused(tmp_path: Path, body: str, says: str) -> None:
    assert says in _refused(tmp_path, "x.svg", f"{SVG_HEAD}{body}</svg>".encode())


def test_svg_with_entities_is_refused(tmp_path: Path) -> None:
    svg = f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>{SVG_HEAD}<text>&a;</text></svg>'
    assert "DOCTYPE" in _refused(tmp_path, "ent.svg", svg.encode())


def test_a_plain_svg_with_internal_references_is_accepted(tmp_path: Path) -> None:
    svg = f'{SVG_HEAD}<defs><circle id="c" r="3"/></defs><use href="#c"/></svg>'
    assert _resolve(tmp_path, "ok.svg", svg.encode()) == "image/svg+xml"


def test_a_symlink_out_of_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(_png())
    root = tmp_path / "book"
    (root / "manuscript" / "images").mkdir(parents=True)
    (root / "manuscript" / "images" / "link.png").symlink_to(outside)
    resolver = ImageResolver(root, [])
    with pytest.raises(PublishError, match="outside the project"):
        resolver("images/link.png", "x", 1)


def test_names_with_spaces_and_accents_build_a_valid_epub(project: Path) -> None:
    images = project / "manuscript" / "images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "mañana en Chapare.png").write_bytes(_png())
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("::: figure\nPeople are happy", "![A sunny road](<images/mañana en Chapare.png>)"
                                 "\n\n::: figure\nPeople are happy", 1), encoding="utf-8")
    result = run_publish("build", "-C", str(project), "--lang", "en")
    assert result.returncode == 0, result.stderr
    epub = project / "build" / "bolivia-2019.en.epub"
    assert epubcheck(epub) == []
    import zipfile
    names = zipfile.ZipFile(epub).namelist()
    assert any(n.startswith("EPUB/images/ma-ana-en-Chapare-") for n in names), names
    from pypdf import PdfReader
    pdf = PdfReader(project / "build" / "bolivia-2019.en.pdf")
    placed = [name for page in pdf.pages for name in page.images]  # WeasyPrint found the file by its real name
    assert placed, "the image is missing from the PDF"
