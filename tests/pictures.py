"""Page pictures drawn with text, as a scan's page is after rendering: for the OCR tests that need tesseract."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DPI = 300
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SCALE = 72 / DPI  # points per pixel


def drawn_page(path: Path, size: tuple[int, int], texts: list[tuple[tuple[int, int], str]],
               font_size: int = 36) -> Path:
    """A white page of ``size`` pixels with each text drawn black at its pixel position, saved at DPI."""
    page = Image.new("L", size, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), font_size)
    for place, text in texts:
        draw.text(place, text, font=font, fill=0)
    page.save(path, dpi=(DPI, DPI))
    return path
