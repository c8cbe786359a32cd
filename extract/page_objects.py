"""A PDF page → its chars, words and vector shapes, read with pypdfium2 as the dicts pdfplumber gives.

pdfplumber parses a page's content stream in Python (about 0.15 s for a dense table page); pdfium does
it in C in about a hundredth of that. Everything downstream (wrap hints, titles, footers, the words
parser, cell fills) reads these dicts, so the two sources are interchangeable. Pages with a /Rotate
(pdfplumber's coordinates are already in the displayed frame) or with tilted text (a skewed scan's text
layer) keep pdfplumber: see ``pages.Pages``.
"""
from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils import extract_words

Matrix = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f as in PDF's ``cm``
Point = tuple[float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
TILT = 1e-3  # a baseline sloping more than this (a skewed scan's text layer) is left to pdfplumber
LINE_END_HYPHEN = "\x02"  # pdfium's code for a hyphen it judges to end a line: the printed "-"
WORD_ATTRS = ["fontname", "size"]  # a change of font or size ends a word, as in pdfplumber's extract_words
SPACELESS_GAP = 0.125  # of the type size: the gap that ends a word where the text layer has no spaces
MIN_SPACELESS_CHARS = 40


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies ``inner`` then ``outer``."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, point: Point) -> Point:
    x, y = point
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def object_matrix(obj: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


# The text object a char was drawn by, as a plain address (pypdfium2's own binding returns a ctypes
# pointer, which cannot be compared or used as a key without a further call per char).
def address_of(function: Any) -> int:
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise ImportError("pdfium's FPDFText_GetTextObject is missing: upgrade pypdfium2")
    return address


TEXT_OBJECT_OF = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    address_of(pdfium_c.FPDFText_GetTextObject))


def textpage_to_chars(textpage: Any, height: float, origin: Point = (0.0, 0.0)) -> list[dict[str, Any]]:
    """The page's printed characters in content order, in top-left coordinates.

    A char's box runs from its origin to the end of its advance (the right edge of pdfium's loose box,
    which is the ink's where a glyph overhangs: a final "f" ends up to 0.3 pt further right) and spans
    its font size above its baseline, as pdfminer draws it for fonts without a descent: pdfium's own
    boxes follow each font's ascent, which would move a line's top by up to 4 pt from font to font.

    Font, size and matrix belong to the text object that drew the char (one text state each), so they
    are read once per object, not once per char: a dense page has 3 000 chars in a few hundred objects."""
    raw = textpage.raw
    count = textpage.count_chars()
    text_all = textpage.get_text_range(0, count) if count else ""
    # One UTF-16 unit per char index; a char outside the BMP would shift them, so read those one by one.
    by_range = len(text_all) == count
    chars = []
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    x, y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    states: dict[int | None, tuple[float, str, bool, bool]] = {}
    is_generated, get_unicode = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetUnicode
    char_origin, loose_box = pdfium_c.FPDFText_GetCharOrigin, pdfium_c.FPDFText_GetLooseCharBox
    for i in range(count):
        text = text_all[i] if by_range else chr(get_unicode(raw, i))
        if text == "\ufffe":
            # The range's text writes pdfium's line-end hyphen (0x02) as U+FFFE: the char's own code says.
            text = chr(get_unicode(raw, i))
        # pdfium infers spaces and line ends (pdfminer has none); only those can be generated.
        if (text.isspace() or text < " ") and is_generated(raw, i):
            continue
        text = "-" if text == LINE_END_HYPHEN else text
        if text in "\r\n\x00\ufffe":
            continue
        address = TEXT_OBJECT_OF(raw, i)
        state = states.get(address)
        if state is None:
            pdfium_c.FPDFText_GetMatrix(raw, i, matrix)
            pdfium_c.FPDFText_GetFontInfo(raw, i, name, len(name), flags)
            state = (float(pdfium_c.FPDFText_GetFontSize(raw, i)), name.value.decode("utf-8", "replace"),
                     matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0, abs(matrix.b) > TILT * abs(matrix.a))
            if address is not None:
                states[address] = state
        size, font, upright, tilted = state
        loose_box(raw, i, box)
        char_origin(raw, i, x, y)
        baseline = height - (y.value - origin[1])
        left = x.value - origin[0]
        chars.append({
            "text": text, "x0": left, "x1": max(box.right - origin[0], left), "top": baseline - size,
            "bottom": baseline, "doctop": baseline - size, "size": size, "fontname": font,
            "upright": upright, "tilted": tilted,
        })
    return chars


def dedupe_chars(chars: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Chars drawn twice at one spot (an overprinted page: some PDF tools draw a page's content twice) →
    one of each, and how many were dropped. Two identical glyphs on one spot print as one. The chars of
    one ligature glyph (``ff``) also share a spot, but follow each other in content order, so a char that
    repeats the one just before it is kept."""
    seen: set[tuple[str, float, float, float]] = set()
    kept = []
    previous = None
    for c in chars:
        key = (c["text"], round(c["x0"], 1), round(c["top"], 1), round(c["size"], 1))
        if key not in seen or key == previous:
            seen.add(key)
            kept.append(c)
        previous = key
    return kept, len(chars) - len(kept)


def chars_to_words(chars: list[dict[str, Any]], spaceless: bool = False) -> list[dict[str, Any]]:
    """Chars → words exactly as pdfplumber's ``Page.extract_words(extra_attrs=["fontname", "size"])``.
    ``spaceless``: the text layer writes no space characters (a browser's print, pdfTeX, a layout tool
    placing each glyph on its own), so words are told apart by their gaps alone: a gap wider than an
    eighth of the type size (a word space is about a quarter) ends a word."""
    if spaceless:
        return extract_words(chars, extra_attrs=WORD_ATTRS, x_tolerance_ratio=SPACELESS_GAP, return_chars=True)
    return extract_words(chars, extra_attrs=WORD_ATTRS, return_chars=True)


def is_spaceless(chars: list[dict[str, Any]]) -> bool:
    """A page of text that holds (almost) no space characters: prose and tables have one in every six or
    so; a browser's print writes none in the page's own text, only in the header and footer it adds."""
    spaces = sum(1 for c in chars if c["text"] == " ")
    return len(chars) >= MIN_SPACELESS_CHARS and spaces < 0.02 * len(chars)


def path_segments(obj: Any, matrix: Matrix) -> list[list[Point]]:
    """A path object's subpaths as point lists in PDF user space (a closed subpath repeats its start)."""
    subpaths: list[list[Point]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = apply(matrix, (x.value, y.value))
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and subpaths[-1][0] != point:
            subpaths[-1].append(subpaths[-1][0])
    return subpaths


def is_rectangle(points: list[Point], tolerance: float = 0.01) -> bool:
    if len(points) == 5 and max(abs(points[0][k] - points[4][k]) for k in (0, 1)) <= tolerance:
        points = points[:4]
    if len(points) != 4:
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    close = lambda a, b: abs(a - b) <= tolerance  # noqa: E731
    return ((close(x0, x1) and close(y1, y2) and close(x2, x3) and close(y3, y0))
            or (close(y0, y1) and close(x1, x2) and close(y2, y3) and close(x3, x0)))


def subpath_to_shape(points: list[Point], height: float, fill: bool, stroke: bool,
                     colour: tuple[float, ...] | None) -> tuple[str, dict[str, Any]]:
    """One subpath → ("line" | "rect" | "curve", a pdfplumber-style dict), classified as pdfminer does."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    shape = {"x0": min(xs), "x1": max(xs), "top": height - max(ys), "bottom": height - min(ys),
             "fill": fill, "stroke": stroke, "non_stroking_color": colour}
    if len(points) == 2 or (len(points) == 3 and points[2] == points[0]):
        return "line", shape
    return ("rect" if is_rectangle(points) else "curve"), shape


def fill_colour(obj: Any) -> tuple[float, ...] | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


def objects_to_shapes(objects: list[tuple[Any, Matrix]], height: float) -> dict[str, list[dict[str, Any]]]:
    """Path objects (each with the matrix of the forms around it) → pdfplumber's lines, rects and curves."""
    shapes: dict[str, list[dict[str, Any]]] = {"line": [], "rect": [], "curve": []}
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    for obj, outer in objects:
        pdfium_c.FPDFPath_GetDrawMode(obj, mode, stroke)
        fill, stroked = mode.value != 0, bool(stroke.value)
        if not (fill or stroked):
            continue  # a clipping path draws nothing
        colour = fill_colour(obj)
        for points in path_segments(obj, compose(object_matrix(obj), outer)):
            kind, shape = subpath_to_shape(points, height, fill, stroked, colour)
            shapes[kind].append(shape)
    return shapes


def page_paths(objects: Any, outer: Matrix = IDENTITY) -> list[tuple[Any, Matrix]]:
    """Every path object on the page, inside form XObjects too, with the matrix of the forms around it."""
    out: list[tuple[Any, Matrix]] = []
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            out.append((obj, outer))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = compose(object_matrix(obj), outer)
            children = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            out.extend(page_paths(children, inner))
    return out


class PdfiumPage:
    """One unrotated page's chars, words, lines, rects and curves, read once when the page is opened."""

    def __init__(self, page: pdfium.PdfPage):
        self.width, self.height = (float(v) for v in page.get_size())
        # Coordinates are taken from the MediaBox's lower-left corner, as pdfminer (so camelot) and
        # pdfplumber take them: a MediaBox need not start at 0, 0 (some tools write [-842 -595 0 0]).
        left, bottom, right, top = (float(v) for v in page.get_mediabox())
        origin = (min(left, right), min(bottom, top))
        textpage = page.get_textpage()
        try:
            self.chars, self.overprinted_chars = dedupe_chars(textpage_to_chars(textpage, self.height, origin))
        finally:
            textpage.close()
        handles = [pdfium_c.FPDFPage_GetObject(page, i) for i in range(pdfium_c.FPDFPage_CountObjects(page))]
        to_origin: Matrix = (1.0, 0.0, 0.0, 1.0, -origin[0], -origin[1])
        shapes = objects_to_shapes(page_paths(handles, to_origin), self.height)
        self.lines, self.rects, self.curves = shapes["line"], shapes["rect"], shapes["curve"]
        # pdfplumber boxes a tilted glyph by its rotated outline, and its words follow from that;
        # the upright boxes here would differ, so such a page is read with pdfplumber instead.
        self.tilted = any(c["tilted"] for c in self.chars)
        self.spaceless = is_spaceless(self.chars)

    def words(self) -> list[dict[str, Any]]:
        # Words end at spaces and at gaps alike: one text layer can write spaces in some places (a
        # browser's header and footer) and none in others (the page's own text).
        return chars_to_words(self.chars, spaceless=True)
