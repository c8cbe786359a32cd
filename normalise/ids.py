"""Action IDs: lookalike characters folded to Latin, markup stripped, checked against the table's own ID shape."""
from __future__ import annotations

import re
from collections import Counter

from .text import fold_confusables, strip_markup, strip_strays

# What an action ID can look like: an optional letter prefix and numbers (``LCC.1``, ``T7``, ``AD1``,
# ``1.2.3``, ``1.2.``). The shape each table actually uses is learned from its rows (``id_shape``).
ID_LIKE = re.compile(r"^(?:[A-Z]{1,6}[.\-]?)?\d{1,3}(?:[.\-]\d{1,3}){0,3}\.?$")


def clean_id(printed: str, confusables: dict[str, str], strays: str = "") -> str:
    """The ID as printed once cleaned: markup, OCR specks (``strays``, and marks standing apart before or
    after it) and spaces gone, lookalikes folded, a trailing stop kept off."""
    tokens = strip_markup(printed).split()
    # A speck standing apart before or after the ID (OCR's "-" or "' ." on a line of its own in the cell).
    while tokens and not any(ch.isalnum() for ch in tokens[-1]):
        tokens.pop()
    while tokens and not any(ch.isalnum() for ch in tokens[0]):
        tokens.pop(0)
    text = re.sub(r"\s+", "", strip_strays(" ".join(tokens), strays))
    text = fold_confusables(text, confusables)
    return text[:-1] if text.endswith(".") and ID_LIKE.match(text) else text


def looks_like_id(printed: str, confusables: dict[str, str], strays: str = "") -> bool:
    return bool(ID_LIKE.match(clean_id(printed, confusables, strays)))


def id_shape(action_id: str) -> str:
    """``LCC.12`` → ``A.9``; ``T7`` → ``A9``; ``1.2.3`` → ``9.9.9``: letters and digit runs collapsed."""
    return re.sub(r"\d+", "9", re.sub(r"[A-Z]+", "A", action_id))


def dominant_shapes(ids: list[str], stops: bool = False) -> set[str]:
    """The shapes used by at least a fifth of a table's IDs; an ID of another shape is suspect. With
    ``stops`` (OCR'd text), not a shape that is a more used one with its stops lost (``11``, ``21`` beside
    ``2.2``, ``2.3``, ``3.1``: tiny print's stops are lost often enough to make a fifth)."""
    counts = Counter(id_shape(i) for i in ids)
    total = sum(counts.values())
    dominant = {shape for shape, n in counts.items() if n * 5 >= total}
    if stops:
        dominant -= {id_shape(shape.replace(".", "")) for shape in dominant if "." in shape
                     and counts[shape] > counts[id_shape(shape.replace(".", ""))]}
    return dominant


def next_in_sequence(previous: str) -> str | None:
    """``T7`` → ``T8``; ``LCC.9`` → ``LCC.10``; ``1.2`` → ``1.3``; ``LCC-08`` → ``LCC-09``: the last number
    moved on by one, as wide as printed where it is padded with zeros."""
    m = re.match(r"^(.*?)(\d+)$", previous)
    if not m:
        return None
    digits = m.group(2)
    width = len(digits) if digits.startswith("0") else 1
    return f"{m.group(1)}{int(digits) + 1:0{width}d}"


def ocr_readings(text: str, confusions: dict[str, tuple[str, ...]], limit: int = 512) -> list[str]:
    """Every way ``text`` could read if OCR confused some of its characters (``TS`` → ``T5``, ``cS`` → ``C5``):
    each character as seen, as the confusion table allows, or in the other case."""
    readings = [""]
    for ch in text:
        options = dict.fromkeys([ch, ch.upper(), *confusions.get(ch, ())])
        readings = [r + o for r in readings for o in options][:limit]
    return readings


def lost_stop_readings(readings: list[str]) -> list[str]:
    """``readings`` with one full stop put back between a letter or digit and a digit (OCR drops a small
    stop: ``14`` for ``1.4``, ``LCC7`` for ``LCC.7``), where the reading has no stop."""
    return [r[:k] + "." + r[k:] for r in readings if "." not in r
            for k in range(1, len(r)) if r[k - 1].isalnum() and r[k].isdigit()]


def dropped_readings(readings: list[str]) -> list[str]:
    """``readings`` with one character left out (OCR reads a speck or a serif as one more: ``TI1`` for
    ``T1``, ``NZ.1°`` for ``NZ.1``, ``332`` for ``3.2`` with its stop read as a 3), and each of those with a
    lost stop put back. Never a reading on its own: only one the sequence confirms is taken."""
    dropped = list(dict.fromkeys(r[:k] + r[k + 1:] for r in readings if len(r) > 2 for k in range(len(r))))
    return dropped + lost_stop_readings(dropped)


def starts_series(action_id: str, previous: str | None) -> bool:
    """Whether an ID is the first of a series (``T1``, ``NZ-01``, ``2.1``) other than the one before it."""
    m = re.match(r"^(.*?)(\d+)$", action_id)
    if not m or int(m.group(2)) != 1:
        return False
    before = re.match(r"^(.*?)\d+$", previous) if previous else None
    return before is None or before.group(1) != m.group(1)


def new_series(action_id: str, previous: str) -> bool:
    """Whether an ID starts a series other than the one before it: the first of one (``2.1`` after ``1.5``),
    or one whose letter differs (``R1`` after ``C5``; OCR's ``Rl`` too, which is no ID until read again)."""
    first, before = action_id[:1].upper(), previous[:1].upper()
    return starts_series(action_id, previous) or (first.isalpha() and before.isalpha() and first != before)


def fits_sequence(action_id: str, previous: str | None, following: str | None) -> bool:
    """Whether an ID follows the one before it (or starts a series), or is followed by the next: a row's
    neighbour lost leaves the other to confirm it."""
    return previous is None or following is None or next_in_sequence(previous) == action_id \
        or starts_series(action_id, previous) or next_in_sequence(action_id) == following


def repair_id(action_id: str, previous: str | None, shapes: set[str], confusions: dict[str, tuple[str, ...]],
              following: str | None = None, stops: bool = False) -> tuple[str, bool] | None:
    """An ID of a shape its table does not use, read again through the OCR confusion table.
    Returns (repaired, confirmed): confirmed where the repair is the ID the sequence expects next
    (between ``T7`` and ``T9`` comes ``T8``), or, where the row above is another series (the first of a
    theme: ``Ti`` after ``LCC.14``), the one the next row's ID follows (``T1`` before ``T2``); None where
    no reading fits the table's shape. With ``stops`` (OCR'd text), a full stop OCR dropped (``14`` for
    ``1.4``) is put back where so confirmed, or, unconfirmed, where the ID as read has one place only for it."""
    readings = ocr_readings(action_id, confusions)
    fitting = [r for r in readings if ID_LIKE.match(r) and id_shape(r) in shapes]
    # A stop put back is a reading only where the sequence confirms it: "Lees" is no "LEE.5".
    stopped = [r for r in lost_stop_readings(readings) if ID_LIKE.match(r) and id_shape(r) in shapes] if stops else []
    expected = next_in_sequence(previous) if previous else None
    if expected in fitting or expected in stopped:
        return expected, True
    before = [r for r in fitting + stopped if following and next_in_sequence(r) == following]
    if len(set(before)) == 1:
        return before[0], True
    # One character too many, confirmed by the sequence only: "TI1" before "T2" is "T1".
    dropped = [r for r in dropped_readings(readings) if ID_LIKE.match(r) and id_shape(r) in shapes] if stops else []
    if expected in dropped:
        return expected, True
    before = [r for r in dropped if following and next_in_sequence(r) == following]
    if len(set(before)) == 1:
        return before[0], True
    # Unconfirmed, the one reading that starts a new series is likelier than the rest (the first row of a
    # plan, "Til": T1 rather than TI1); taken for review. No stop is put back so ("111" may be 1.11 or
    # 11.1), nor the first character left out (the prefix's capital, the ID's largest print: not "I1").
    first = set(ocr_readings(action_id[:1], confusions))
    unstopped = [r for r in dropped if r.count(".") <= action_id.count(".") and r[:1] in first]
    # Of those, the shortest: a "1" read as two strokes ("il") is commoner than a prefix read whole.
    starts = {r for r in fitting + unstopped if starts_series(r, previous)}
    shortest = {r for r in starts if len(r) == min(map(len, starts))}
    if len(shortest) == 1:
        return shortest.pop(), False
    if fitting:
        return fitting[0], False
    # The ID as read, with one place only to put a lost stop back: taken, for review (the first of a plan,
    # "11" for "1.1"). Not through the confusions: "Lees" is no "LEE.5".
    literal = [r for r in lost_stop_readings([action_id]) if ID_LIKE.match(r) and id_shape(r) in shapes]
    return (literal[0], False) if stops and len(literal) == 1 else None


def expected_by_reading(action_id: str, previous: str | None, confusions: dict[str, tuple[str, ...]],
                        stops: bool = False) -> str | None:
    """The ID the sequence expects next, where ``action_id`` (of a fitting shape) is one OCR reading
    away from it: after ``T2``, a scanned ``I3`` is ``T3``; after ``1.3``, ``14`` is ``1.4``. None where it
    reads as printed. ``stops``: as repair_id's."""
    expected = next_in_sequence(previous) if previous else None
    if expected is None or expected == action_id or len(expected) not in (len(action_id), len(action_id) + 1):
        return None
    readings = ocr_readings(action_id, confusions)
    return expected if expected in readings or (stops and expected in lost_stop_readings(readings)) else None


def gap_in_sequence(previous: str | None, following: str | None) -> str | None:
    """The one ID that fits between its neighbours (``LCC.4`` … ``LCC.6`` → ``LCC.5``), for a row whose
    printed ID reads as no ID at all; None where the neighbours leave no single gap."""
    expected = next_in_sequence(previous) if previous else None
    if expected and following and next_in_sequence(expected) == following:
        return expected
    return None


MAX_MISSING_RUN = 8  # a jump over more numbers than this is a numbering scheme (T10, T20), not lost rows


def missing_ids(ids: list[str]) -> list[tuple[int, list[str]]]:
    """The IDs a plan's sequence skips, with the position of the ID after each gap: ``T1, T2, T5`` →
    ``[(2, ["T3", "T4"])]``; a run of one prefix that starts after 1 (``LCC.3`` first) misses the ones
    before. IDs of no number, or a jump of more than MAX_MISSING_RUN, say nothing."""
    out: list[tuple[int, list[str]]] = []
    last: dict[str, int] = {}
    for position, action_id in enumerate(ids):
        m = re.match(r"^(.*?)(\d+)$", action_id)
        if not m:
            continue
        prefix, number = m.group(1), int(m.group(2))
        before = last.get(prefix, 0)
        if before < number - 1 and number - 1 - before <= MAX_MISSING_RUN:
            width = len(m.group(2))  # as printed: NZ-04 between NZ-03 and NZ-05, not NZ-4
            out.append((position, [f"{prefix}{n:0{width}d}" for n in range(before + 1, number)]))
        last[prefix] = max(before, number)
    return out


def id_and_trailing(printed: str, confusables: dict[str, str], strays: str) -> tuple[str, str] | None:
    """An ID cell's ID and the tokens after it that hold no digit (``E2 EEE eee``: a shading's specks;
    ``C2 .Waste``: a word over the column's edge), or None where the cell starts with no ID or nothing
    follows it. The ID is the fewest tokens that read as one (``LCC 1``: a token with a digit is the ID's)."""
    tokens = printed.split()
    for k in range(1, len(tokens)):
        if any(ch.isdigit() for t in tokens[k:] for ch in t):
            continue
        if looks_like_id(" ".join(tokens[:k]), confusables, strays):
            return " ".join(tokens[:k]), " ".join(tokens[k:])
        return None
    return None


MAX_ID_CHARS = 14  # longer than any ID ID_LIKE allows: a cell of words is read as printed, never as a misread ID


def misread_id(printed: str, confusables: dict[str, str], strays: str,
               ocr_confusions: dict[str, tuple[str, ...]] | None) -> bool:
    """Whether some OCR reading of a cell is an ID (none without ``ocr_confusions``)."""
    if not ocr_confusions:
        return False
    cleaned = clean_id(printed, confusables, strays)
    return 0 < len(cleaned) <= MAX_ID_CHARS and any(ID_LIKE.match(r) for r in ocr_readings(cleaned, ocr_confusions))
