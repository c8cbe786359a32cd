"""Records → the clean tables: IDs, text, names, dates and delivery periods repaired, every change logged."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from extract.model import UNREAD_PRINT

from .action_ids import IdReader, flag_duplicate_ids, flag_missing_ids
from .blank_leads import records_to_blank_leads
from .column_maps import EXTRA_ROLE, UNREAD_LABEL
from .corrections import CorrectionLog
from .dates import parse_date
from .extra_values import settle_extra_values
from .hyphens import english_words, join_broken_lines, merge_broken_lines, text_words, unsure_breaks
from .ids import dominant_shapes
from .name_doubts import is_speck_name
from .names import Matcher, NameMatch, segment
from .ocr_spelling import OcrLexicon
from .prose_habits import ProseHabits
from .records import Piece, Record
from .settings import NormaliseSettings
from .spills import column_values, date_spill_to_column, id_spill_to_action
from .text import clean_lines, expand_ligatures, fold_text, join_lines, strip_markup, strip_strays
from .themes import ocr_theme_reading, repair_theme
from .timing import TimingContext, record_to_date, record_to_delivery
from .vocabulary import Vocabulary

NAME_FIELDS = {"leads": "lead_teams", "partners": "partners"}
# The fields an OCR word of low confidence puts in doubt (role → output column). Not the ID, which the
# plan's sequence confirms or puts in doubt; a names field only where a name matched no canonical one.
CONFIDENCE_FIELDS = {"action": "action", "leads": "lead_teams", "partners": "partners", "start": "start_date",
                     "end": "end_date"}
# A record's column roles → the field names the corrections log and the actions table use.
ROLE_FIELDS = {"id": "action_id", "action": "action", "leads": "lead_teams", "partners": "partners",
               "start": "start", "end": "end"}
DATA_FIELDS = {"start", "end", "action_id", "delivery_periods"}
PLAN_COLUMNS = {"leads": "lead_teams", "partners": "partners", "start": "start", "end": "end"}  # role → field flagged


@dataclass
class Built:
    actions: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {"leads": [], "partners": []})
    unmatched: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    marks_read: list[str] = field(default_factory=list)  # symbols read as delivery marks, for conservation
    marked_cells: list[tuple[int, int, int]] = field(default_factory=list)  # raw (table, row, col) read as marked
    extra: list[dict[str, Any]] = field(default_factory=list)  # columns with no known role, per action
    stale_overrides: list[str] = field(default_factory=list)  # analyst's overrides that no longer fit
    # Per action (same order as ``actions``): the corrections log's field name → the raw (table, row, col)
    # cells it was read from, so a reviewer can be shown where on the page each value was printed.
    cells: list[dict[str, list[tuple[int, int, int]]]] = field(default_factory=list)


def reads_as_data(name: str, vocab: Vocabulary) -> bool:
    """A "name" that is a date, Ongoing/TBC or a Gantt mark, or holds a date in figures ("Transport Jan-26":
    the next column's date run into the name): a value from another column, never a name. A year alone
    ("Net Zero 2030 Board") may be a name's."""
    dated = bool(name.strip()) and parse_date(name, False, vocab.date_words, vocab.confusables).known
    holds_date = any(any(ch.isdigit() for ch in token) and not token.isdigit()
                     and parse_date(token, False, vocab.date_words, vocab.confusables).value is not None
                     for token in name.split())
    return dated or holds_date or name in vocab.marks


def cells_by_field(rec: Record) -> dict[str, list[tuple[int, int, int]]]:
    """Where each of a record's fields was printed: field name → raw (table, row, col) cells."""
    out: dict[str, list[tuple[int, int, int]]] = {}
    for role, pieces in rec.fields.items():
        name = "delivery_periods" if role.startswith("year:") else ROLE_FIELDS.get(role, role)
        out.setdefault(name, []).extend(p.cell for p in pieces if p.cell[0] >= 0)
    out["theme"] = [p.cell for p in rec.theme_parts if p.cell[0] >= 0]
    return out


MATCHERS: dict[tuple[int, NormaliseSettings], tuple[Vocabulary, dict[str, Matcher]]] = {}


def matchers_for(vocab: Vocabulary, settings: NormaliseSettings) -> dict[str, Matcher]:
    """The lead and partner matchers of one vocabulary (the same object while its files are unchanged):
    kept, with the matches they have cached, for the next PDF a worker reads. (Keyed by the object, which
    the entry keeps alive; a vocabulary holds dicts, so it cannot be hashed.)"""
    key = (id(vocab), settings)
    if key not in MATCHERS:
        if len(MATCHERS) >= 4:
            MATCHERS.pop(next(iter(MATCHERS)))
        MATCHERS[key] = (vocab, {"leads": Matcher(vocab.teams, vocab.confusables, settings, vocab.name_endings),
                                 "partners": Matcher(vocab.partners, vocab.confusables, settings,
                                                     vocab.name_endings)})
    return MATCHERS[key][1]


class Builder:
    def __init__(self, vocab: Vocabulary, settings: NormaliseSettings, log: CorrectionLog, source_file: str,
                 ocr: bool = False):
        self.vocab, self.settings, self.log, self.source_file = vocab, settings, log, source_file
        self.ocr = ocr  # the text was OCR'd by the pipeline: its misread words may be re-spelled
        self.lexicon: OcrLexicon | None = None
        self.ids = IdReader(vocab, log, ocr)
        self.spilled: dict[int, list[str]] = {}  # id(record) → the columns whose values its dates held
        self.habits = ProseHabits()
        self.matchers = matchers_for(vocab, settings)
        self.out = Built()
        self.sections_logged: set[tuple[str, int]] = set()
        self.plan_years: dict[str, set[str]] = {}  # per plan, the Gantt years any of its tables reads
        self.plan_roles: dict[str, set[str]] = {}  # per plan, the columns any of its tables reads

    def clean_piece(self, piece: Piece, action_id: str, field_name: str,
                    labels: dict[int, str]) -> list[tuple[str, bool | None]]:
        """A cell's lines with markup removed and stray page numbers dropped, each change logged; with
        each line, whether it continues the line above (wrapped text), where the page says so."""
        raw = [ln for ln in piece.text.splitlines() if ln.strip()]
        text = expand_ligatures(piece.text)
        if text != piece.text:
            self.log.add(piece.page, action_id, field_name, fold_text(piece.text), fold_text(text), "ligature")
        # Markup first, over the whole cell: a tag can span a line break.
        unmarked = strip_markup(text)
        if unmarked != text:
            self.log.add(piece.page, action_id, field_name, fold_text(text), fold_text(unmarked), "markup")
        text = unmarked
        strays = self.vocab.data_strays if field_name in DATA_FIELDS else self.vocab.strays
        despeckled = strip_strays(text, strays)
        if despeckled != text:
            self.log.add(piece.page, action_id, field_name, fold_text(text), fold_text(despeckled), "ocr-stray")
            text = despeckled
        if self.lexicon is not None:
            unspeckled = self.lexicon.unspeckle(text)
            if unspeckled != text:
                self.log.add(piece.page, action_id, field_name, fold_text(text), fold_text(unspeckled), "ocr-stray")
                text = unspeckled
        cleaned = clean_lines(text)
        known = len(piece.breaks) == len(raw) - 1 and len(cleaned) == len(raw)
        lines: list[tuple[str, bool | None]] = []
        dropped_before = True  # the first line, and a line after a dropped one, has no known join
        for k, line in enumerate(cleaned):
            if line == labels.get(piece.page):
                self.log.add(piece.page, action_id, field_name, line, "", "page-number")
                dropped_before = True
                continue
            letter = piece.breaks[k - 1] if known and not dropped_before else "?"
            wrapped = None if letter == "?" else letter == "w"
            lines.append((line, wrapped))
            dropped_before = False
        return lines

    def field_lines(self, rec: Record, role: str, action_id: str, field_name: str) -> list[str]:
        return [ln for ln, _ in self.field_lines_wrapped(rec, role, action_id, field_name)]

    def field_lines_wrapped(self, rec: Record, role: str, action_id: str,
                            field_name: str) -> list[tuple[str, bool | None]]:
        pieces = rec.fields.get(role, [])
        lines = [ln for p in pieces for ln in self.clean_piece(p, action_id, field_name, rec.page_labels)]
        if len(pieces) > 1:
            # A row continued in the cells below: a tag can span two cells as it spans a cell's lines.
            text = "\n".join(ln for ln, _ in lines)
            unmarked = strip_markup(text)
            if unmarked != text:
                self.log.add(pieces[0].page, action_id, field_name, fold_text(text), fold_text(unmarked), "markup")
                return [(ln, None) for ln in clean_lines(unmarked)]
        return lines

    def context(self, plan: str) -> TimingContext:
        return TimingContext(self.vocab, self.log, self.ocr, self.plan_years.get(plan, set()),
                             self.out.marks_read, self.out.marked_cells)

    def build(self, records: list[Record]) -> Built:
        # The lexicon that tells a typesetter's hyphen from a compound's: English words and the document's.
        texts = [p.text for rec in records for role in ("action", "leads", "partners")
                 for p in rec.fields.get(role, [])]
        names = [v for _, v in self.vocab.teams.pairs() + self.vocab.partners.pairs()]
        self.seen_words = text_words(texts + names)
        self.lexicon = OcrLexicon.of(texts, names + [v for _, v in self.vocab.themes.pairs()], self.vocab.ocr_letters,
                                     names, self.vocab.abbreviations) if self.ocr else None
        self.habits = ProseHabits.of([rec.text("action") for rec in records]) if self.ocr else ProseHabits()
        self.ids = IdReader(self.vocab, self.log, self.ocr, self.lexicon)
        ids_by_plan: dict[str, list[str]] = {}
        for rec in records:
            if self.ocr:
                id_spill_to_action(rec, self.vocab.confusables, self.vocab.data_strays, self.log)
            ids_by_plan.setdefault(rec.plan, []).append(self.ids.shaped(fold_text(rec.text("id"))))
        shapes = {plan: dominant_shapes(ids, self.ocr) for plan, ids in ids_by_plan.items()}
        for rec in records:
            self.plan_years.setdefault(rec.plan, set()).update(rec.years)
            self.plan_roles.setdefault(rec.plan, set()).update(rec.fields)
        if self.ocr:
            values = column_values(records)
            for rec in records:
                if moved := date_spill_to_column(rec, self.plan_roles.get(rec.plan, set()), values, self.log):
                    self.spilled[id(rec)] = moved
        previous: dict[str, str] = {}
        seen: dict[str, int] = {}
        blank = records_to_blank_leads(records)
        for i, rec in enumerate(records):
            position = seen[rec.plan] = seen.get(rec.plan, -1) + 1
            ids = ids_by_plan[rec.plan]
            following = ids[position + 1] if position + 1 < len(ids) else None
            lead_from = records[blank.source[i]] if i in blank.source else None
            previous[rec.plan] = self.build_action(rec, shapes[rec.plan], previous.get(rec.plan), following,
                                                   lead_from, i in blank.shared)
        if self.lexicon is not None:
            self.settle_extra()
        flag_duplicate_ids(self.out.actions, self.log)
        flag_missing_ids(self.out.actions, self.log)
        return self.out

    def settle_extra(self) -> None:
        """OCR'd extra values re-spelled and spaced (``extra_values``); a row holding one in doubt is flagged."""
        assert self.lexicon is not None
        actions = {(a["plan"], a["action_id"]): a for a in self.out.actions}
        pages = {key: (a["source_pages"] or [0])[0] for key, a in actions.items()}
        for key in settle_extra_values(self.out.extra, self.lexicon, self.log, pages, self.vocab.values):
            if key in actions:
                actions[key]["needs_review"] = True

    def build_action(self, rec: Record, shapes: set[str], previous: str | None, following: str | None = None,
                     lead_from: Record | None = None, shares_lead: bool = False) -> str:
        """``lead_from``: the row above whose lead this row, printing none in a table without rules, takes;
        ``shares_lead``: rows below take this row's lead so."""
        page = rec.pages[0] if rec.pages else 0
        action_id, review = self.ids.read(fold_text(rec.text("id")), page, shapes, previous, following)
        theme = repair_theme([strip_strays(p.text, self.vocab.strays) for p in rec.theme_parts], self.vocab.themes,
                             self.vocab.confusables, self.settings.theme_accept)
        if theme and theme.name != theme.printed and (rec.plan, rec.section) not in self.sections_logged:
            self.sections_logged.add((rec.plan, rec.section))
            self.log.add(rec.theme_parts[0].page, action_id, "theme", theme.printed, theme.name,
                         "theme-rejoin-review" if theme.review else "theme-rejoin",
                         None if theme.score is None else round(theme.score, 1))
        elif theme and theme.review:
            # Every row the guess flags carries its reason, not only the section's first.
            self.log.flag(page, action_id, "theme", theme.name or "", "theme-rejoin-review")
        review |= bool(theme and theme.review)
        if theme and theme.name and theme.score is None and self.lexicon is not None:
            name, doubted = ocr_theme_reading(theme.name, self.vocab.themes, self.vocab.confusables, self.lexicon)
            if name != theme.name:
                self.log.add(page, action_id, "theme", theme.name, name, "theme-ocr-review")
                theme = replace(theme, name=name)
            elif doubted:
                self.log.flag(page, action_id, "theme", theme.name, "theme-ocr-review")
            review |= doubted
        if not rec.plan:
            # No title was read above the table (a heading lost in OCR, or none printed): the row's plan is
            # unknown, and an analyst filtering by plan would lose it.
            self.log.flag(page, action_id, "plan", "", "plan-missing")
            review = True
        for role in sorted(self.plan_roles.get(rec.plan, set()) & set(PLAN_COLUMNS) - set(rec.fields)):
            # A column the plan's other tables read is missing from this row's: its header lost (a scan's
            # "From" merged into its neighbour), and the row's value with it.
            self.log.flag(page, action_id, PLAN_COLUMNS[role], "", "column-unread")
            review = True
        for column in self.spilled.get(id(rec), []):
            # Its table's header lost this column's label, its values read into the dates: a misread table.
            self.log.flag(page, action_id, column, rec.text(EXTRA_ROLE + column), "column-spill-review")
            review = True
        for role in sorted(r for r in rec.fields if r.startswith(UNREAD_LABEL) and rec.text(r).strip()):
            # Cells under an OCR'd label that reads as none (a Gantt quarter, a mark): a value of the row's
            # that no column holds. Logged with its printed label, and the row flagged.
            self.log.flag(page, action_id, "extra", f"{role[len(UNREAD_LABEL):]}: {rec.text(role)}",
                          "column-label-unread")
            review = True
        if rec.theme_unsure and theme and theme.name:
            # Rows were lost since the theme's heading was read, or the row starts a new series of IDs: a
            # heading lost among them would give this row another theme.
            self.log.flag(page, action_id, "theme", theme.name, "theme-carried-review")
            review = True
        if rec.passed_heading and rec.plan:
            # A heading over a table that could not be read lies between the row and its plan's title:
            # the row may belong to the plan that heading started.
            self.log.flag(page, action_id, "plan", f"{rec.plan} (or {rec.passed_heading}?)", "plan-review")
            review = True
        if self.ocr and rec.joined_inside:
            # An OCR'd row with no ID inside a table, read as part of the row above: an ID the OCR lost
            # would make it an action of its own (the gap in the IDs, if any, is flagged too).
            self.log.flag(rec.joined_inside[0], action_id, "action", action_id, "row-join-review")
            review = True
        action_lines = self.field_lines(rec, "action", action_id, "action")
        action_text, rejoined = join_broken_lines(action_lines, english_words(), self.seen_words)
        for word in unsure_breaks(action_lines, english_words(), self.seen_words):
            # Kept as printed, hyphen and all, but a typesetter's break as likely: the analyst decides.
            self.log.flag(page, action_id, "action", word, "hyphen-review")
            review = True
        for before, after in rejoined:
            self.log.add(page, action_id, "action", before, after, "hyphenation")
        if self.lexicon is not None:
            spelled = self.lexicon.respell(action_text, inked=[w for p in rec.fields.get("action", [])
                                                               for w in p.inked])
            for before, after in spelled.changes:
                self.log.add(page, action_id, "action", before, after, "ocr-spelling")
            for word, rule in spelled.doubts:
                self.log.flag(page, action_id, "action", word, rule)
            review |= bool(spelled.doubts)
            action_text, restored = self.habits.restore(spelled.text)
            for before, after in restored:
                self.log.add(page, action_id, "action", before, after, "ocr-habit")
        names: dict[str, list[NameMatch]] = {}
        for role in NAME_FIELDS:
            names[role], flagged = self.build_names(rec, role, action_id, page, lead_from, shares_lead)
            review |= flagged
        start, start_raw, flagged_s = record_to_date(self.field_lines(rec, "start", action_id, "start"), "start",
                                                     action_id, page, self.vocab, self.log, self.ocr)
        end, end_raw, flagged_e = record_to_date(self.field_lines(rec, "end", action_id, "end"), "end",
                                                 action_id, page, self.vocab, self.log, self.ocr)
        review |= flagged_s or flagged_e
        periods, source, flagged_d = record_to_delivery(rec, action_id, start, end, self.context(rec.plan))
        review |= flagged_d
        review |= self.flag_low_confidence(rec, action_id, page, {role for role, found in names.items()
                                                                   if all(n.matched for n in found)})
        self.out.actions.append({
            "source_file": self.source_file,
            "source_pages": sorted(rec.pages),
            "plan": rec.plan,
            "theme": theme.name if theme else None,
            "action_id": action_id,
            "action": action_text,
            "lead_teams": [n.name for n in names["leads"]],
            "partners": [n.name for n in names["partners"]],
            "start_date": start.value, "start_ongoing": start.ongoing,
            "end_date": end.value, "end_ongoing": end.ongoing,
            "start_raw": start_raw, "end_raw": end_raw,
            "delivery_periods": periods, "delivery_source": source,
            "needs_review": review,
        })
        self.out.cells.append(cells_by_field(rec))
        for role in rec.fields:
            if role.startswith(EXTRA_ROLE):
                column = role[len(EXTRA_ROLE):]
                value = join_lines(self.field_lines(rec, role, action_id, column))
                if value:
                    self.out.extra.append({"source_file": self.source_file, "plan": rec.plan,
                                           "action_id": action_id, "column": column, "value": value})
        return action_id

    def flag_low_confidence(self, rec: Record, action_id: str, page: int, matched: set[str]) -> bool:
        """Flag each OCR'd field read from a word tesseract was unsure of (below ``ocr_confidence``): its
        value may be a misreading that no repair can tell (``Jun 2025`` for ``Jan 2025``); and each left
        empty where its cell holds print OCR read nothing of (``UNREAD_PRINT``). ``matched``: the
        names fields whose every name matched a canonical one (the match vouches for the reading)."""
        flagged = False
        # The columns kept whole in the extra table are the row's values too (a Status read "Dn track").
        fields = {**CONFIDENCE_FIELDS, **{r: r[len(EXTRA_ROLE):] for r in rec.fields if r.startswith(EXTRA_ROLE)}}
        for role in fields:
            if role in matched:
                continue
            every = rec.fields.get(role, [])
            if not any(p.text.strip() for p in every) and any(p.confidence == UNREAD_PRINT for p in every):
                # Nothing read, where the scan's cell holds print: the value OCR lost (a date in light type).
                self.log.flag(page, action_id, fields[role], "", "value-unread")
                flagged = True
                continue
            pieces = [p for p in every if p.confidence >= 0 and p.text.strip()]
            lowest = min((p.confidence for p in pieces), default=100.0)
            if lowest < self.settings.ocr_confidence:
                self.log.flag(page, action_id, fields[role], fold_text(rec.text(role))[:200],
                              "ocr-low-confidence", round(lowest, 1))
                flagged = True
        return flagged

    def build_names(self, rec: Record, role: str, action_id: str, page: int, lead_from: Record | None = None,
                    shares_lead: bool = False) -> tuple[list[NameMatch], bool]:
        field_name = NAME_FIELDS[role]
        taken_from = lead_from if role == "leads" and lead_from is not None else None
        printed = self.field_lines_wrapped(taken_from or rec, role, action_id, field_name)
        lines, rejoined = merge_broken_lines(printed, english_words(), self.seen_words)
        for before, after in rejoined:
            self.log.add(page, action_id, field_name, before, after, "hyphenation")
        unsure = unsure_breaks([ln for ln, _ in printed], english_words(), self.seen_words)
        for word in unsure:
            self.log.flag(page, action_id, field_name, word, "hyphen-review")
        wrapped = {k: w for k, (_, w) in enumerate(lines) if w is not None}
        seg = segment("\n".join(ln for ln, _ in lines), self.matchers[role], wrapped)
        for dropped in seg.dropped:
            self.log.add(page, action_id, field_name, dropped, "", "name-separator")
        review = bool(unsure)
        unruled = any(not piece.ruled for piece in rec.fields.get(role, []))
        if taken_from is not None and seg.names:
            # Printed blank in a table without rules: the merged cell above, most likely (or a cell left
            # empty), so taken from the row above and flagged.
            self.log.add(page, action_id, field_name, "", "; ".join(n.name for n in seg.names), "lead-from-above")
            review = True
        elif any(piece.merged for piece in rec.fields.get(role, [])) and seg.names:
            # One cell over several rows, read where no grid shows it: each row has its names, flagged.
            self.log.flag(page, action_id, field_name, "; ".join(n.name for n in seg.names), "merged-cell-review")
            review = True
        elif role == "leads" and shares_lead and seg.names:
            self.log.flag(page, action_id, field_name, "; ".join(n.name for n in seg.names), "lead-shared-review")
            review = True
        elif role == "leads" and role in rec.fields and not seg.names and unruled:
            # Without rules, a blank lead cell may be one merged with the cell above (no rule shows it)
            # or a cell left empty: the analyst should look.
            self.log.flag(page, action_id, field_name, "", "lead-missing")
            review = True
        names: list[NameMatch] = []
        for n in seg.names:
            if self.lexicon is not None and not n.matched and is_speck_name(n.name):
                # OCR's reading of a speck, a stamp's stroke or a rule ("—__-", "1", "we"): no name.
                self.log.add(page, action_id, field_name, n.printed, "", "ocr-stray")
                continue
            if self.lexicon is not None and not n.matched:
                # An OCR'd name no list knows, with a word OCR misread ("Digitat Services"): re-spelled as
                # action text is, where one reading is clearly meant; logged.
                spelled = self.lexicon.respell(n.name)
                for before, after in spelled.changes:
                    self.log.add(page, action_id, field_name, before, after, "ocr-spelling")
                n = replace(n, name=spelled.text)
            names.append(n)
            self.out.names[role].append({"source_file": self.source_file, "plan": rec.plan, "action_id": action_id,
                                         "name": n.name,
                                         "printed": n.printed, "score": round(n.score, 1),
                                         "matched": n.matched})
            if n.matched and n.review and n.printed == n.name:
                # Read exactly, but where it ends is in doubt (an unknown name beside it, no mark between):
                # a flag, since a change of nothing would leave the row's doubt unexplained.
                self.log.flag(page, action_id, field_name, n.printed,
                              "canonical-name-review" if n.score < self.settings.accept else "name-join-review",
                              round(n.score, 1))
                review = True
            elif n.matched:
                self.log.add(page, action_id, field_name, n.printed, n.name,
                             "canonical-name-review" if n.review else "canonical-name", round(n.score, 1))
                review |= n.review
            else:
                if n.review:
                    self.log.flag(page, action_id, field_name, n.printed, "name-join-review")
                    review = True
                if self.lexicon is not None and not n.review and self.lexicon.doubts_name(n.name):
                    # OCR'd, and no list knows it: in a known name's shape, or holding no word, it may be
                    # a misreading (``OfT`` for ``DfT``).
                    self.log.flag(page, action_id, field_name, n.printed, "ocr-name-review", round(n.score, 1))
                    review = True
                if reads_as_data(n.name, self.vocab):
                    # A date, Ongoing or a Gantt mark where a name belongs: the column was misread.
                    self.log.flag(page, action_id, field_name, n.printed, "name-is-data")
                    review = True
                entry = self.out.unmatched.setdefault((field_name, n.name), {
                    "source_file": self.source_file, "field": field_name, "name": n.name, "action_ids": [],
                    "best_candidate": n.candidate,
                    "score": round(n.score, 1)})
                entry["action_ids"].append(action_id)
        return names, review
