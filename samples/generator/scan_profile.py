"""A printed appendix → the same appendix as it comes back from a scanner or photocopier: an image-only
PDF, each page at the profile's resolution, skewed by its own angle, one page perhaps fed sideways, saved
through JPEG, with speckle, photocopy darkening and a faint stamp over the table. The profile is drawn
from the seed's own stream, so a seed's print (and truth) does not change when it is scanned."""
from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

STAMP_WORDS = ("RECEIVED", "COPY", "DRAFT FOR CABINET", "SCANNED")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class ScanProfile:
    dpi: int
    skews: tuple[float, ...]  # degrees per page, anticlockwise
    sideways: int  # 1-based page fed sideways (turned 90°), 0 for none
    jpeg_quality: int
    speckle: float  # share of pixels flipped to black or white
    darken: float  # 0: as printed; 1: a heavy photocopy (grey paper, thick strokes)
    stamp: str  # faint words stamped over the table of page 1, "" for none

    def dimensions(self) -> dict[str, str]:
        """The profile as fuzz dimensions, bucketed so that each value has several variants."""
        return {"scan_dpi": "150-199" if self.dpi < 200 else ("200-249" if self.dpi < 250 else "250-300"),
                "scan_jpeg": "30-59" if self.jpeg_quality < 60 else "60-90",
                "scan_skew": "under 1°" if max(map(abs, self.skews), default=0) < 1 else "1-2°",
                "scan_sideways": "yes" if self.sideways else "no",
                "scan_darken": "heavy" if self.darken >= 0.5 else "light",
                "scan_stamp": "yes" if self.stamp else "no"}


def draw_profile(seed: int, pages: int) -> ScanProfile:
    rng = random.Random(f"{seed}-scan")
    return ScanProfile(
        dpi=rng.randint(150, 300),
        skews=tuple(round(rng.uniform(-2.0, 2.0), 2) for _ in range(pages)),
        sideways=rng.randint(1, pages) if pages > 1 and rng.random() < 0.3 else 0,
        jpeg_quality=rng.randint(30, 90),
        speckle=round(rng.uniform(0.0, 0.002), 4),
        darken=round(rng.random(), 2),
        stamp=rng.choice(STAMP_WORDS) if rng.random() < 0.4 else "")


def photocopy(gray: np.ndarray, darken: float, rng: np.random.Generator) -> np.ndarray:
    """Grey paper and heavier strokes, in proportion to ``darken``."""
    paper = 255 - 40 * darken
    out = gray.astype(np.float32) * (paper / 255.0)
    out = 255 * (out / 255) ** (1 + 0.8 * darken)  # mid-greys (thin strokes, light shading) darken
    out += rng.normal(0, 4 + 6 * darken, out.shape)
    return np.clip(out, 0, 255)


def add_speckle(gray: np.ndarray, share: float, rng: np.random.Generator) -> np.ndarray:
    flips = rng.random(gray.shape)
    gray[flips < share / 2] = 0
    gray[(flips >= share / 2) & (flips < share)] = 255
    return gray


def stamp(image: Image.Image, words: str, dpi: int) -> Image.Image:
    """A faint, tilted stamp in a box over the page's middle, as a receiving office leaves."""
    size = int(dpi * 0.45)
    font = ImageFont.truetype(FONT, size) if Path(FONT).exists() else ImageFont.load_default()
    layer = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(layer)
    x, y = image.width // 3, image.height // 3
    box = draw.textbbox((x, y), words, font=font)
    draw.text((x, y), words, fill=255, font=font)
    draw.rectangle([box[0] - size // 3, box[1] - size // 3, box[2] + size // 3, box[3] + size // 3],
                   outline=255, width=max(2, size // 10))
    layer = layer.rotate(12, center=(x, y))
    ink = Image.new("L", image.size, 110)
    return Image.composite(ink, image, layer.point(lambda v: v * 35 // 100))


def scan_page(image: Image.Image, profile: ScanProfile, page: int, rng: np.random.Generator) -> Image.Image:
    gray = np.asarray(image.convert("L"), dtype=np.float32)
    gray = add_speckle(photocopy(gray, profile.darken, rng), profile.speckle, rng)
    out = Image.fromarray(gray.astype(np.uint8), "L")
    if profile.stamp and page == 1:
        out = stamp(out, profile.stamp, profile.dpi)
    out = out.rotate(profile.skews[page - 1], resample=Image.Resampling.BICUBIC, expand=False,
                     fillcolor=int(255 - 40 * profile.darken))
    if page == profile.sideways:
        out = out.rotate(90, expand=True)
    buffer = io.BytesIO()
    out.save(buffer, format="JPEG", quality=profile.jpeg_quality)
    return Image.open(io.BytesIO(buffer.getvalue()))


def scan_pdf(pdf: Path, out: Path, profile: ScanProfile, seed: int) -> Path:
    """``pdf`` scanned with ``profile`` into an image-only ``out`` (no text layer: the pipeline OCRs it)."""
    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = [scan_page(doc[i].render(scale=profile.dpi / 72).to_pil(), profile, i + 1, rng)
                 for i in range(len(doc))]
    finally:
        doc.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(out, "PDF", resolution=profile.dpi, save_all=True, append_images=pages[1:])
    return out
