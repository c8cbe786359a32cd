"""A random appendix's truth → a PDF drawn directly with reportlab's canvas, as Word's own PDF export and
report tools draw tables: text placed with explicit spaces, rules as lines, Gantt marks as filled cells
or symbols. Rows never split inside; a row that does not fit starts a new page under a repeated header,
so the pages each row was printed on are known here, from the drawing itself.
"""
from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .random_truth import ROOT, RandomAppendix, TruthAction, canonical_years
from .source import Name
from .wrap_truth import ambiguous_lines

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu")]
WIDTHS = {"id": 1.1, "action": 6.0, "leads": 2.6, "partners": 2.8, "start": 1.2, "end": 1.2, "year": 0.9,
          "extra": 1.6}
MARGIN = 36.0
PAD = 2.5


def register_fonts() -> tuple[str, str]:
    """DejaVu Sans where the system has it (it has ✓ ● ■), else reportlab's Helvetica."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def names_text(names: list[Name], separator: str) -> str:
    printed = [n.printed for n in names]
    return {"lines": "\n".join(printed), "commas": ", ".join(printed), "semicolons": "; ".join(printed)}[separator]


class Drawing:
    def __init__(self, doc: RandomAppendix, path: Path):
        self.doc, self.layout = doc, doc.layout
        self.font, self.bold = register_fonts()
        if self.layout.marks in ("✓", "●", "■") and self.font == "Helvetica":
            raise RuntimeError("symbol marks need DejaVu Sans (apt-get install fonts-dejavu-core)")
        # As a person would: a table too wide for the page is printed smaller, then turned landscape.
        for size_pt in (self.layout.font_size, 7.0, 6.0):
            for wide in dict.fromkeys([self.layout.landscape, True]):
                self.width, self.height = landscape(A4) if wide else A4
                self.size = size_pt
                self.columns = self.column_plan()
                if self.fits():
                    break
            if self.fits():
                break
        if not self.fits():
            raise RuntimeError(f"seed {doc.seed}: the table does not fit on an A4 page")
        doc.layout = self.layout = replace(self.layout, landscape=self.width > self.height, font_size=self.size)
        self.canvas = Canvas(str(path), pagesize=(self.width, self.height), invariant=1)
        self.leading = self.size * 1.2
        self.page = 1

    def column_plan(self) -> list[tuple[str, float]]:
        """(role, width) left to right, each year a column of its own: widths by weight, but never narrower
        than the longest word the column prints (as a word processor widens a column to fit)."""
        roles: list[str] = []
        for role in self.layout.order:
            roles += [f"year:{y}" for y in self.doc.years] if role == "years" else [role]
        weights = [WIDTHS["year"] if r.startswith("year:") else WIDTHS.get(r, WIDTHS["extra"]) for r in roles]
        available = self.width - 2 * MARGIN
        widths = [w * available / sum(weights) for w in weights]
        least = [self.longest_word(r) + 2 * PAD + 1 for r in roles]
        widths = [max(w, m) for w, m in zip(widths, least)]
        excess = sum(widths) - available
        flexible = [k for k, r in enumerate(roles) if r in ("action", "leads", "partners")]
        slack = sum(widths[k] - least[k] for k in flexible)
        for k in flexible:
            widths[k] -= excess * (widths[k] - least[k]) / slack if slack > 0 else 0
        return list(zip(roles, widths))

    def fits(self) -> bool:
        """Every column at least as wide as its longest word, and the text columns readable."""
        least = {"action": 110.0, "leads": 55.0, "partners": 55.0}
        return all(w >= least.get(r, 0.0) and w >= self.longest_word(r) + 2 * PAD for r, w in self.columns)

    def longest_word(self, role: str) -> float:
        texts = [self.label(role)]
        for a in self.doc.actions:
            if role.startswith("year:"):
                texts.append(self.layout.marks if self.layout.marks != "fill" else "")
                continue
            texts.append({"id": a.action_id, "action": a.action, "start": a.start.printed, "end": a.end.printed,
                          "leads": " ".join(n.printed for n in a.leads),
                          "partners": " ".join(n.printed for n in a.partners)}.get(role, a.extras.get(role, "")))
        words = [w for t in texts for line in self.header_lines(t) for w in line.split()]
        return max((pdfmetrics.stringWidth(w, self.bold, self.size) for w in words), default=0.0)

    @staticmethod
    def header_lines(label: str) -> list[str]:
        """A year label wraps after its hyphen or slash, as Word wraps ``2025-26`` in a narrow column."""
        for sep in ("-", "/"):
            if sep in label and label[:2] in ("20", "FY"):
                head, _, tail = label.partition(sep)
                return [head + sep, tail]
        return [label]

    def label(self, role: str) -> str:
        if role.startswith("year:"):
            return role[5:]
        return self.layout.headers.get(role, role)

    def year_label_lines(self, role: str, width: float) -> list[str]:
        label = self.label(role)
        if pdfmetrics.stringWidth(label, self.bold, self.size) <= width - 2 * PAD:
            return [label]
        return self.header_lines(label)

    def lines(self, text: str, width: float, font: str) -> list[str]:
        out: list[str] = []
        for paragraph in text.split("\n"):
            out += simpleSplit(paragraph, font, self.size, width - 2 * PAD) or [""]
        return out

    def row_height(self, cells: list[list[str]]) -> float:
        return max(len(c) for c in cells) * self.leading + 2 * PAD + 1

    def new_page(self) -> float:
        """Footer and running header of a fresh page; the y where content starts."""
        label = str(self.page)
        self.text(self.width / 2 - pdfmetrics.stringWidth(label, self.font, self.size) / 2, MARGIN / 2, label,
                  self.font)
        top = self.height - MARGIN
        if self.layout.running_header:
            self.text(MARGIN, self.height - MARGIN / 2, self.layout.running_header, self.font)
        return top

    def end_page(self) -> float:
        self.canvas.showPage()
        self.page += 1
        return self.new_page()

    def rule(self, x0: float, y: float, x1: float) -> None:
        if self.layout.producer == "word":
            # Word's export draws borders as thin filled rectangles, not stroked lines.
            self.canvas.setFillColor(black)
            self.canvas.rect(x0, y - 0.25, x1 - x0, 0.5, stroke=0, fill=1)
            return
        self.canvas.setStrokeColor(black)
        self.canvas.setLineWidth(0.5)
        self.canvas.line(x0, y, x1, y)

    def vrule(self, x: float, y0: float, y1: float) -> None:
        if self.layout.producer == "word":
            self.canvas.setFillColor(black)
            self.canvas.rect(x - 0.25, y0, 0.5, y1 - y0, stroke=0, fill=1)
            return
        self.canvas.setStrokeColor(black)
        self.canvas.setLineWidth(0.5)
        self.canvas.line(x, y0, x, y1)

    def text(self, x: float, y: float, string: str, font: str, size: float | None = None) -> None:
        """A string at (x, y); the glyphs producer places each glyph with its own operation and writes no
        space characters (word gaps exist only as positions)."""
        size = size or self.size
        self.canvas.setFont(font, size)
        if self.layout.producer != "glyphs":
            self.canvas.drawString(x, y, string)
            return
        for ch in string:
            if ch != " ":
                self.canvas.drawString(x, y, ch)
            x += pdfmetrics.stringWidth(ch, font, size)

    def draw_cells(self, y: float, cells: list[list[str]], height: float, font: str,
                   fills: dict[int, str] | None = None, band: str = "") -> None:
        c = self.canvas
        x = MARGIN
        if band:  # zebra striping: a tint across the whole row, which marks nothing
            c.setFillColor(HexColor(band))
            c.rect(MARGIN, y - height, self.width - 2 * MARGIN, height, stroke=0, fill=1)
        for k, ((_, width), lines) in enumerate(zip(self.columns, cells)):
            if fills and k in fills:
                c.setFillColor(HexColor(fills[k]))
                c.rect(x, y - height, width, height, stroke=0, fill=1)
            c.setFillColor(black)
            for i, line in enumerate(lines):
                self.text(x + PAD, y - PAD - self.size - i * self.leading, line, font)
            if self.layout.rules == "grid":
                self.vrule(x, y - height, y)
                self.vrule(x + width, y - height, y)
                self.rule(x, y, x + width)
            x += width
        if self.layout.rules in ("horizontal", "grid"):
            self.rule(MARGIN, y - height, self.width - MARGIN)

    def header(self, y: float) -> float:
        if self.layout.group_header:
            first = next(i for i, (r, _) in enumerate(self.columns) if r.startswith("year:"))
            height = self.leading + 2 * PAD + 1
            x = MARGIN + sum(w for _, w in self.columns[:first])
            self.text(x + PAD, y - PAD - self.size, "Delivery Period", self.bold)
            if self.layout.rules != "none":
                self.rule(x, y - height, x + sum(w for r, w in self.columns if r.startswith("year:")))
            y -= height
        cells = [self.year_label_lines(r, w) if r.startswith("year:") else self.lines(self.label(r), w, self.bold)
                 for r, w in self.columns]
        height = self.row_height(cells)
        self.draw_cells(y, cells, height, self.bold)
        if self.layout.rules == "none":
            self.rule(MARGIN, y - height, self.width - MARGIN)  # booktabs-like: a rule under the header alone
        return y - height

    def action_cells(self, a: TruthAction) -> tuple[list[list[str]], dict[int, str]]:
        cells, fills = [], {}
        canonical = canonical_years(self.doc)
        for k, (role, width) in enumerate(self.columns):
            if role.startswith("year:"):
                marked = canonical[self.doc.years.index(role[5:])] in a.delivery
                text = self.layout.marks if marked and self.layout.marks != "fill" else ""
                if marked and self.layout.marks == "fill":
                    fills[k] = self.layout.fill
                cells.append([text] if text else [""])
                continue
            text = {"id": a.action_id, "action": a.action, "leads": names_text(a.leads, self.layout.separator),
                    "partners": names_text(a.partners, self.layout.separator), "start": a.start.printed,
                    "end": a.end.printed}.get(role, a.extras.get(role, ""))
            cells.append(self.lines(text, width, self.font))
        return cells, fills

    def ambiguous_wrap(self, a: TruthAction) -> bool:
        """Whether a names cell of ``a``, as this drawing wraps it, breaks where the page cannot tell one name
        from two (``wrap_truth.ambiguous_lines``): the lines are this drawing's own, and a word fits where
        its width does."""
        widths = dict(self.columns)
        endings = name_endings()
        for role, names in (("leads", a.leads), ("partners", a.partners)):
            # Names listed with commas or semicolons are parted by them; a comma inside a name one per line
            # ("Farmers, land owners and managers") does not make a list.
            if role not in widths or (self.layout.separator != "lines" and len(names) > 1):
                continue
            lines = [(k, line) for k, n in enumerate(names) for line in self.lines(n.printed, widths[role], self.font)]

            def fits(k: int, lines: list[tuple[int, str]] = lines, width: float = widths[role]) -> bool:
                first = lines[k + 1][1].split()[0] if lines[k + 1][1].split() else ""
                return pdfmetrics.stringWidth(f"{lines[k][1]} {first}", self.font, self.size) <= width - 2 * PAD

            if ambiguous_lines(names, lines, fits, endings):
                return True
        return False

    def draw(self) -> None:
        y = self.new_page()
        for plan in self.doc.plans:
            rows = [a for a in self.doc.actions if a.plan == plan]
            if y - 4 * self.leading < MARGIN + 40:
                y = self.end_page()
            self.text(MARGIN, y - self.size - 4, plan, self.bold, self.size + 4)
            y -= 2.2 * (self.size + 4)
            y = self.header(y)
            theme = None
            for n, a in enumerate(rows):
                cells, fills = self.action_cells(a)
                height = self.row_height(cells)
                section = a.theme and a.theme != theme
                needed = height + (self.leading + 2 * PAD + 1 if section else 0)
                if y - needed < MARGIN + 10:
                    y = self.header(self.end_page())
                if section:
                    y = self.section_row(y, a.theme)
                    theme = a.theme
                band = "#f2f2f2" if self.layout.producer == "word" and n % 2 else ""
                self.draw_cells(y, cells, height, self.font, fills, band)
                a.pages = [self.page]
                a.needs_review = a.needs_review or self.ambiguous_wrap(a)
                y -= height
            y -= 2 * self.leading
        self.canvas.showPage()
        self.canvas.save()

    def section_row(self, y: float, theme: str) -> float:
        height = self.leading + 2 * PAD + 1
        self.canvas.setFillColor(HexColor("#d9e2f3"))
        self.canvas.rect(MARGIN, y - height, self.width - 2 * MARGIN, height, stroke=0, fill=1)
        self.canvas.setFillColor(black)
        self.text(MARGIN + PAD, y - PAD - self.size, theme, self.bold)
        if self.layout.rules != "none":
            self.rule(MARGIN, y - height, self.width - MARGIN)
        return y - height


def name_endings() -> frozenset[str]:
    """The vocabulary's last words of complete organisation names, read as data."""
    path = ROOT / "normalise" / "vocab" / "name_endings.csv"
    with path.open(newline="", encoding="utf-8") as f:
        return frozenset(r["word"].casefold() for r in csv.DictReader(f))


def write_pdf(doc: RandomAppendix, path: Path) -> Path:
    Drawing(doc, path).draw()
    return path
