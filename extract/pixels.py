"""Cell shading read from the page image, for scanned pages where the vector fills are gone: each cell's
interior is sampled and its median colour taken (text is a minority of a cell's pixels)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from .model import RawTable

DPI = 50
INSET = 0.2  # sample the middle of the cell, clear of its rules
WHITE = 235  # a median this bright on every channel is paper, not shading


def sampled_fill(pixels: np.ndarray, box: tuple[float, float, float, float], scale: float) -> str:
    x0, top, x1, bottom = box
    dx, dy = (x1 - x0) * INSET, (bottom - top) * INSET
    c0, c1 = int((x0 + dx) * scale), int((x1 - dx) * scale)
    r0, r1 = int((top + dy) * scale), int((bottom - dy) * scale)
    patch = pixels[max(r0, 0):max(r1, r0 + 1), max(c0, 0):max(c1, c0 + 1)]
    if patch.size == 0:
        return ""
    median = np.median(patch.reshape(-1, patch.shape[-1]), axis=0)
    if (median >= WHITE).all():
        return ""
    return "#" + "".join(f"{int(v):02x}" for v in median[:3])


def fills_from_image(path: Path, tables: list[RawTable], pages: set[int], password: str | None) -> None:
    """Set each cell's ``fill`` on ``pages`` from the rendered page, where no vector fill was found."""
    if not pages:
        return
    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        scale = DPI / 72
        for number in sorted(pages):
            on_page = [t for t in tables if t.page == number]
            if not on_page:
                continue
            image = pdf[number - 1].render(scale=scale).to_pil().convert("RGB")
            pixels = np.asarray(image)
            for table in on_page:
                table.cells = [c if c.fill else replace(c, fill=sampled_fill(pixels, (c.x0, c.top, c.x1, c.bottom),
                                                                               scale))
                               for c in table.cells]
    finally:
        pdf.close()
