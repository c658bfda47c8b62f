"""A typographic cover image (PNG) drawn from the book's title, so library views never show a blank."""

from __future__ import annotations

import functools
import io
import subprocess

from PIL import Image, ImageDraw, ImageFont

from ..model import Book

WIDTH, HEIGHT = 1600, 2400
BACKGROUND = (38, 52, 64)
INK = (244, 238, 226)
ACCENT = (201, 160, 92)


@functools.lru_cache(maxsize=8)
def _font_file(family: str) -> str | None:
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _font(family: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _font_file(family)
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size)


def _draw_lines(draw: ImageDraw.ImageDraw, lines: list[str], font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
                top: int, fill: tuple[int, int, int], leading: float) -> int:
    size = getattr(font, "size", 40)
    for line in lines:
        width = draw.textlength(line, font=font)
        draw.text(((WIDTH - width) / 2, top), line, font=font, fill=fill)
        top += int(size * leading)
    return top


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
          width: float) -> list[str]:
    """Greedy line breaking by measured width, so lines fill the cover evenly."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def cover_png(book: Book) -> bytes:
    """Render the cover: title, subtitle and editors centred on a plain ground, with a rule between."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    title_font = _font("Linux Libertine O:style=Regular", 150)
    top = _draw_lines(draw, _wrap(draw, book.title, title_font, WIDTH * 0.8), title_font, 560, INK, 1.15)
    draw.line([(WIDTH / 2 - 180, top + 70), (WIDTH / 2 + 180, top + 70)], fill=ACCENT, width=5)
    top += 170
    if book.subtitle:
        italic = _font("Linux Libertine O:style=Italic", 80)
        top = _draw_lines(draw, _wrap(draw, book.subtitle, italic, WIDTH * 0.75), italic, top, INK, 1.3)
    if book.editors:
        _draw_lines(draw, [", ".join(book.editors)], _font("Linux Libertine O:style=Regular", 64),
                    HEIGHT - 420, ACCENT, 1.3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
