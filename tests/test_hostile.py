"""Hostile and unlucky input: no formula fires, limits hold with one clear line, nothing is left behind
or silently lost, and mutated PDFs end in an output or one error line, never a traceback or a signal."""
from __future__ import annotations

import contextlib
import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.constants import UserAccessPermissions
from pypdf.generic import RectangleObject

from extract.ocr import tesseract
from fuzz.mutants import MUTATIONS, make_mutants
from fuzz.run_mutants import run_mutant
from normalise.build import Built
from normalise.corrections import CorrectionLog
from normalise.csv_safety import spreadsheet_safe, unneutralise
from normalise.write import write_tables
from pipeline.publish import exchange, publish, staging

ROOT = Path(__file__).resolve().parent.parent
CURRENT = ROOT / "samples" / "current" / "current.pdf"
NUMBERED = ROOT / "samples" / "numbered" / "numbered.pdf"
IMAGE_ONLY = ROOT / "samples" / "image-only" / "image-only.pdf"
PAYLOADS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def appendix(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("APPENDIX_")}, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=600)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def dataset(folder: Path) -> list[dict[str, str]]:
    """actions.csv without the file name (the same appendix under another name)."""
    return [{k: v for k, v in r.items() if k != "source_file"} for r in rows(folder / "actions.csv")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_spreadsheet_safe(payload: str) -> None:
    assert spreadsheet_safe(payload) == "'" + payload and unneutralise(spreadsheet_safe(payload)) == payload
    assert spreadsheet_safe("Apr-25") == "Apr-25" and spreadsheet_safe("2025-26") == "2025-26"


def test_every_csv_neutralises_formulas_and_parquet_keeps_them(tmp_path: Path) -> None:
    built, log = Built(), CorrectionLog()
    for k, payload in enumerate(PAYLOADS):
        action_id = f"=T{k}" if k == 0 else f"T{k}"
        built.actions.append({
            "source_file": "x.pdf", "source_pages": [1], "plan": payload, "theme": payload, "action_id": action_id,
            "action": payload, "lead_teams": [payload], "partners": [], "start_date": None, "start_ongoing": False,
            "end_date": None, "end_ongoing": False, "start_raw": payload, "end_raw": "", "delivery_periods": [],
            "delivery_source": "dates", "needs_review": True})
        built.names["leads"].append({"source_file": "x.pdf", "plan": payload, "action_id": action_id,
                                     "name": payload, "printed": payload, "score": 0.0, "matched": False})
        built.unmatched[("lead_teams", payload)] = {"source_file": "x.pdf", "field": "lead_teams", "name": payload,
                                                    "action_ids": [action_id], "best_candidate": payload,
                                                    "score": 10.0}
        built.extra.append({"source_file": "x.pdf", "plan": payload, "action_id": action_id, "column": payload,
                            "value": payload})
        log.flag(1, action_id, "action", payload, "date-unparsed")
    write_tables(built, log, tmp_path, "x", "x.pdf")
    for table in ("actions", "leads", "unmatched", "extra", "corrections"):
        with (tmp_path / f"{table}.csv").open(newline="", encoding="utf-8") as f:
            cells = [c for row in csv.reader(f) for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], table
        assert "'=HYPERLINK(\"http://x\",\"y\")" in cells
    assert pq.read_table(tmp_path / "actions.parquet").column("action").to_pylist() == PAYLOADS


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The current appendix written the ways odd tools write it, each run once."""
    folder = tmp_path_factory.mktemp("variants")
    writer = PdfWriter(clone_from=CURRENT)
    writer.encrypt(user_password="", owner_password="owner-only", permissions_flag=UserAccessPermissions.PRINT,
                   algorithm="AES-128")
    writer.write(folder / "restricted.pdf")
    original = PdfReader(CURRENT)
    for name, pages in (("overprinted-page", {1}), ("overprinted-all", set(range(len(original.pages))))):
        writer = PdfWriter(clone_from=CURRENT)
        for i in pages:
            writer.pages[i].merge_page(original.pages[i])
        writer.write(folder / f"{name}.pdf")
    writer = PdfWriter(clone_from=CURRENT)
    for page in writer.pages:
        width, height = float(page.mediabox.right), float(page.mediabox.top)
        page.add_transformation(Transformation().translate(-width, -height))
        page.mediabox = RectangleObject([-width, -height, 0, 0])
    writer.write(folder / "negative-mediabox.pdf")
    writer = PdfWriter()
    for _ in range(3):
        for page in original.pages:
            writer.add_page(page)
    writer.write(folder / "repeated.pdf")
    result = appendix("run", str(folder), "--out", str(folder / "out"), "--max-seconds", "300")
    (folder / "stderr.txt").write_text(result.stderr, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    baseline = appendix("run", str(CURRENT), "--out", str(folder / "baseline"))
    assert baseline.returncode == 0, baseline.stderr
    return folder


@pytest.mark.parametrize("name", ["restricted", "overprinted-page", "overprinted-all", "negative-mediabox"])
def test_odd_writers_give_the_same_dataset(variants: Path, name: str) -> None:
    assert dataset(variants / "out" / name) == dataset(variants / "baseline" / "current")


def test_overprint_is_logged(variants: Path) -> None:
    logged = [r for r in rows(variants / "out" / "overprinted-page" / "corrections.csv") if r["rule"] == "overprint"]
    assert logged and {r["page"] for r in logged} == {"2"}


def test_repeated_appendix_flags_every_copy(variants: Path) -> None:
    actions = rows(variants / "out" / "repeated" / "actions.csv")
    assert len(actions) == 3 * 52 and all(a["needs_review"] == "true" for a in actions)
    rules = {r["rule"] for r in rows(variants / "out" / "repeated" / "corrections.csv")}
    assert "id-duplicate" in rules
    assert "ID printed more than once" in (variants / "stderr.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, ok", [("..pdf", False), ("." + "a" * 240 + ".pdf", True), ("a" * 251 + ".pdf", True)])
def test_odd_stems(tmp_path: Path, name: str, ok: bool) -> None:
    (tmp_path / name).write_bytes(NUMBERED.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep").mkdir()
    result = appendix("run", str(tmp_path / name), "--out", str(out))
    assert (result.returncode == 0) == ok, result.stderr
    assert (out / "keep").is_dir() and not [p for p in out.iterdir() if p.name.startswith(".tmp-")]
    if ok:
        assert (out / name[:-4] / "actions.parquet").is_file()
    else:
        assert result.stderr.startswith("error: ..pdf: ") and len(result.stderr.splitlines()) == 1


def test_leftovers_of_killed_runs_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = out / f".tmp-0123456789ab-{dead.pid}-deadbeef"
    stale.mkdir(parents=True)
    (stale / "actions.csv").write_text("half", encoding="utf-8")
    result = appendix("run", str(NUMBERED), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["numbered"]


def test_publish_swaps_atomically(tmp_path: Path) -> None:
    final = tmp_path / "out" / "x"
    for version in ("old", "new"):
        with staging(final.parent, "x") as tmp:
            (tmp / "version.txt").write_text(version, encoding="utf-8")
            publish(tmp, final)
    assert (final / "version.txt").read_text(encoding="utf-8") == "new"
    assert [p.name for p in final.parent.iterdir()] == ["x"]
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "f").write_text("a", encoding="utf-8")
    assert exchange(a, b) and (b / "f").read_text(encoding="utf-8") == "a" and not (a / "f").exists()


def default_sigint() -> None:
    """In the child before it starts: Ctrl-C's default meaning back, as in a terminal (a test suite run in
    the background, as `make test &` or a CI runner may, hands its children SIGINT ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(tesseract() is None, reason="needs tesseract (the OCR run is what is interrupted)")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_run_ends_with_one_line_and_no_leftovers(tmp_path: Path, sig: signal.Signals) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # Its own process group, signalled whole: Ctrl-C in a terminal reaches the run and its OCR child alike,
    # and no child is left running into the next test.
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(IMAGE_ONLY), "--out", str(out)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=default_sigint)
    deadline = time.monotonic() + 60
    while not (out.is_dir() and any(p.name.startswith(".tmp-") for p in out.iterdir())):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.1)
    time.sleep(1.0)
    os.killpg(proc.pid, sig)
    try:
        _, stderr = proc.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: image-only.pdf: interrupted"), stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("option, value, words", [
    ("--max-page-area", "10", "--max-page-area"),
    ("--max-page-objects", "50", "--max-page-objects"),
    ("--max-memory-mb", "20", "--max-memory-mb"),
    ("--max-seconds", "0.3", "--max-seconds"),
])
def test_limits_end_with_one_line_naming_the_option(tmp_path: Path, option: str, value: str, words: str) -> None:
    result = appendix("run", str(CURRENT), "--out", str(tmp_path / "out"), option, value)
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0 and len(lines) == 1, result.stderr
    assert lines[0].startswith("error: current.pdf: ") and words in lines[0]
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_limits_hold_where_ctrl_c_is_ignored(tmp_path: Path) -> None:
    """A run started in the background (nohup, a scheduler) has SIGINT ignored: the limits still end it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", str(CURRENT), "--out", str(tmp_path / "out"),
                             "--max-seconds", "0.3"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    assert result.returncode != 0 and "--max-seconds" in result.stderr, result.stderr


@pytest.mark.skipif(tesseract() is None, reason="needs tesseract")
def test_pages_to_ocr_are_bounded(tmp_path: Path) -> None:
    result = appendix("run", str(IMAGE_ONLY), "--out", str(tmp_path / "out"), "--max-ocr-pages", "2")
    assert result.returncode != 0 and "--max-ocr-pages" in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_mutated_pdfs_end_in_an_output_or_one_error_line(tmp_path: Path, kind: str) -> None:
    """Two seeded mutants of each kind (the full run is make fuzz-pdf)."""
    mutants = [p for p in make_mutants(NUMBERED, tmp_path / "in", 2 * len(MUTATIONS), seed=11) if p.stem.endswith(kind)]
    for pdf in mutants:
        outcome = run_mutant(pdf, tmp_path / "out")
        assert outcome.kind in ("ok", "clean error"), f"{outcome.pdf}: {outcome.detail}"


def inflate_bomb(path: Path, megabytes: int) -> Path:
    """A one-page PDF whose content stream is a few hundred KB and inflates to ``megabytes`` of spaces."""
    import zlib

    co = zlib.compressobj(9)
    data = b"".join(co.compress(b" " * 2**20) for _ in range(megabytes)) + co.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_a_decompression_bomb_ends_at_the_memory_limit(tmp_path: Path) -> None:
    pdf = inflate_bomb(tmp_path / "bomb.pdf", 600)
    assert pdf.stat().st_size < 1_000_000
    result = appendix("run", str(pdf), "--out", str(tmp_path / "out"), "--max-memory-mb", "400")
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0 and len(lines) == 1 and "--max-memory-mb" in lines[0], result.stderr
    assert not (tmp_path / "out" / "bomb").exists()
