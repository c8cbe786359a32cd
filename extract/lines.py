"""Words → printed lines: words whose tops lie within a tolerance are one line, read left to right."""
from __future__ import annotations

from typing import Any

Word = dict[str, Any]
LINE_TOLERANCE = 2.0  # points


def group_lines(words: list[Word], tolerance: float = LINE_TOLERANCE) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def is_bold(line: list[Word]) -> bool:
    """Whether a line is set in bold throughout (by its fonts' names)."""
    return all("bold" in str(w.get("fontname", "")).lower() for w in line)


def line_text(line: list[Word]) -> str:
    return " ".join(w["text"] for w in line)


def words_to_text(words: list[Word]) -> str:
    """A cell's words → its text, one printed line per line."""
    return "\n".join(line_text(line) for line in group_lines(words))
