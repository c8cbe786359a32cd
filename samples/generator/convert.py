"""``.docx`` → PDF with LibreOffice headless; PDF → scanned PDF with pdftoppm and tesseract."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def require(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise SystemExit(f"error: {tool} not found: apt-get install {package}")
    return path


def office_to_pdf(document: Path, pdf: Path) -> Path:
    """A ``.docx`` or ``.xlsx`` → PDF with LibreOffice headless (Writer or Calc, by the file's type)."""
    soffice = require("soffice", "libreoffice-writer-nogui libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        # A private profile: a second LibreOffice (or a user's desktop one) must not share its lock.
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(document)],
            check=True, capture_output=True, timeout=300,
        )
        pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(Path(tmp, document.with_suffix(".pdf").name)), pdf)
    return pdf


def docx_to_pdf(docx: Path, pdf: Path) -> Path:
    return office_to_pdf(docx, pdf)


def rasterise(pdf: Path, folder: Path, dpi: int, gray: bool = True) -> list[Path]:
    require("pdftoppm", "poppler-utils")
    args = ["pdftoppm", "-r", str(dpi), "-png"] + (["-gray"] if gray else [])
    subprocess.run(args + [str(pdf), str(folder / "page")], check=True, timeout=600)
    return sorted(folder.glob("page-*.png"))


def scan(pdf: Path, out: Path, dpi: int = 200, skew_degrees: float = 0.0, jpeg_quality: int = 0) -> Path:
    """Rasterise ``pdf`` and OCR it back into a PDF with a text layer, as a scanned appendix arrives."""
    tesseract = require("tesseract", "tesseract-ocr")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        images = rasterise(pdf, folder, dpi)
        if skew_degrees or jpeg_quality:
            images = [degrade(img, skew_degrees, jpeg_quality, dpi) for img in images]
        listing = folder / "pages.txt"
        listing.write_text("\n".join(str(p) for p in images) + "\n")
        subprocess.run([tesseract, str(listing), str(folder / "ocr"), "pdf"],
                       check=True, capture_output=True, timeout=1800)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(folder / "ocr.pdf"), out)
    return out


def degrade(image: Path, skew_degrees: float, jpeg_quality: int, dpi: int) -> Path:
    """A rougher scan: the page a little skewed and saved through JPEG (keeping its resolution, which
    tesseract sizes the PDF page by)."""
    from PIL import Image

    with Image.open(image) as img:
        page = img.convert("L").rotate(skew_degrees, expand=False, fillcolor=255)
        out = image.with_suffix(".jpg") if jpeg_quality else image
        page.save(out, quality=jpeg_quality or 95, dpi=(dpi, dpi))
    return out


def image_only(pdf: Path, out: Path, dpi: int = 100, pages: int = 2) -> Path:
    """The first ``pages`` pages as pictures with no text layer at all."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        images = rasterise(pdf, Path(tmp), dpi)[:pages]
        frames = [Image.open(p).convert("RGB") for p in images]
        out.parent.mkdir(parents=True, exist_ok=True)
        frames[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=frames[1:])
    return out


def rotate_pages(pdf: Path, out: Path, degrees: int = 90) -> Path:
    """Store each landscape page as a portrait page whose content is turned, with ``/Rotate`` set so a
    viewer shows it upright again: how Word's landscape sections sometimes export."""
    from pypdf import PdfWriter, Transformation

    writer = PdfWriter(clone_from=str(pdf))
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        # Turn the content a quarter anticlockwise into a portrait box; /Rotate 90 turns it back on screen.
        page.add_transformation(Transformation().rotate(degrees).translate(height, 0))
        page.mediabox.lower_left = (0, 0)
        page.mediabox.upper_right = (height, width)
        page.cropbox.lower_left, page.cropbox.upper_right = (0, 0), (height, width)
        page.rotation = degrees
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as f:
        writer.write(f)
    return out
