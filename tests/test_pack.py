"""An appendix inside a committee pack gives the same dataset as the appendix alone (but for its pages)."""
from __future__ import annotations

import csv
from functools import partial
from pathlib import Path

import pytest

from extract import ExtractSettings
from extract.document import read_pages, worker_count
from extract.pages import enough_header_hits
from normalise.vocabulary import load_vocabulary
from pipeline.run import run_pdf

pypdf = pytest.importorskip("pypdf")
ROOT = Path(__file__).resolve().parent.parent
CURRENT = ROOT / "samples" / "current" / "current.pdf"
PROSE = ROOT / "tests" / "data" / "bad" / "no_action_table.pdf"  # prose and a budget table


def make_pack(out: Path, before: int, after: int) -> Path:
    writer = pypdf.PdfWriter()
    for _ in range(before):
        writer.append(str(PROSE))
    writer.append(str(CURRENT))
    for _ in range(after):
        writer.append(str(PROSE))
    with out.open("wb") as f:
        writer.write(f)
    return out


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("workers", [1, 2], ids=["serial", "two-processes"])
def test_pack_and_appendix_give_the_same_dataset(tmp_path: Path, workers: int) -> None:
    # 12 + 6 + 50 = 68 pages: more than one span of the text pass, so two processes share it
    pack = make_pack(tmp_path / "pack.pdf", before=12, after=50)
    alone = run_pdf(CURRENT, tmp_path / "alone", ExtractSettings())
    packed = run_pdf(pack, tmp_path / "packed", ExtractSettings(workers=workers))
    a, p = rows(alone, "actions.csv"), rows(packed, "actions.csv")
    assert len(a) == len(p) == 52
    for x, y in zip(a, p):
        shifted = "; ".join(str(int(n) + 12) for n in x.pop("source_pages").split("; "))
        assert y.pop("source_pages") == shifted
        x.pop("source_file"), y.pop("source_file")
        assert x == y
    for name in ("leads.csv", "partners.csv"):
        assert [{**r, "source_file": ""} for r in rows(alone, name)] == \
            [{**r, "source_file": ""} for r in rows(packed, name)]


def test_the_text_pass_reads_the_same_pages_in_parallel(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack.pdf", before=60, after=60)
    assert worker_count(126, 2) == 2 and worker_count(126, 1) == 1 and worker_count(40, 4) == 1
    accept = partial(enough_header_hits, vocabulary=load_vocabulary().headers, min_hits=3)
    serial = read_pages(pack, None, accept, workers=1)
    assert read_pages(pack, None, accept, workers=2) == serial
    assert [p.number for p in serial] == list(range(1, 127))
    assert [p.number for p in serial if accept(p.text)] == list(range(61, 67))
