"""The command line: every --help carries an example; bad input fails cleanly and touches nothing."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
CURRENT = ROOT / "samples" / "current" / "current.pdf"


def run(*args: str, cwd: Path = ROOT, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **extra_env}
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.mark.parametrize("command", [["extract"], ["normalise"], ["pipeline", "run"], ["pipeline", "diff"],
                                     ["samples.generator"], ["bench"]])
def test_help_carries_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout and ("python -m" in result.stdout or "appendix " in result.stdout)


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


BAD_CASES = {
    "not_a_pdf.pdf": "not a PDF",
    "empty.pdf": "empty",
    "truncated.pdf": "truncated",
    "encrypted.pdf": "PASSWORD=",
    "no_action_table.pdf": "no action table",
    "image_only.pdf": "no OCR is available",
}


@pytest.mark.parametrize("name, words", BAD_CASES.items())
def test_bad_input_fails_cleanly(tmp_path: Path, name: str, words: str) -> None:
    out = tmp_path / "out"
    # APPENDIX_TESSERACT="" : no OCR available, so an image-only PDF is an error (with OCR it is read).
    result = run("pipeline", "run", str(BAD / name), "--out", str(out), APPENDIX_TESSERACT="")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {name}: ") and words in lines[0]
    assert "Traceback" not in result.stderr
    assert not (out / Path(name).stem).exists()
    assert not [p for p in out.glob("*") if not p.name.startswith(".")] if out.exists() else True


def test_wrong_password_fails_and_right_one_opens(tmp_path: Path) -> None:
    out = tmp_path / "out"
    wrong = run("pipeline", "run", str(BAD / "encrypted.pdf"), "--out", str(out), "--password", "nope")
    assert wrong.returncode != 0 and "password does not open" in wrong.stderr
    right = run("pipeline", "run", str(BAD / "encrypted.pdf"), "--out", str(out), "--password", "secret")
    assert right.returncode == 0, right.stderr
    assert (out / "encrypted" / "actions.parquet").is_file()


def test_failed_run_leaves_earlier_output_untouched(tmp_path: Path) -> None:
    pdf = tmp_path / "appendix.pdf"
    shutil.copy(CURRENT, pdf)
    out = tmp_path / "out"
    assert run("pipeline", "run", str(pdf), "--out", str(out)).returncode == 0
    before = tree_digest(out / "appendix")
    pdf.write_bytes(CURRENT.read_bytes()[:5000])  # the same name, now truncated
    result = run("pipeline", "run", str(pdf), "--out", str(out))
    assert result.returncode != 0
    assert tree_digest(out / "appendix") == before
    assert sorted(p.name for p in out.iterdir() if not p.name.endswith(".lock")) == ["appendix"]


def test_make_all_reports_error_and_writes_nothing(tmp_path: Path) -> None:
    result = subprocess.run(["make", "-s", "all", f"PDF={BAD / 'not_a_pdf.pdf'}", f"OUT={tmp_path}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert result.stderr.splitlines()[0].startswith("error: not_a_pdf.pdf: ")
    assert not (tmp_path / "not_a_pdf").exists()


def test_two_runs_at_once_end_with_one_complete_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(CURRENT), "--out", str(out)],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    assert all(p.wait(timeout=300) == 0 for p in procs)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["current"]
    assert not [p for p in out.iterdir() if ".tmp-" in p.name or ".old-" in p.name]
    assert (out / "current" / "actions.parquet").is_file() and (out / "current" / "raw" / "manifest.json").is_file()


def test_parallel_make_equals_serial(tmp_path: Path) -> None:
    pdfs = f"{CURRENT} {ROOT / 'samples' / 'numbered' / 'numbered.pdf'}"
    for jobs, out in (("-j2", tmp_path / "parallel"), ("-j1", tmp_path / "serial")):
        result = subprocess.run(["make", "-s", jobs, "all", f"PDFS={pdfs}", f"OUT={out}"], cwd=ROOT,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
    for stem in ("current", "numbered"):
        for name in ("actions.csv", "leads.csv", "partners.csv", "corrections.csv"):
            parallel, serial = (tmp_path / run / stem / name for run in ("parallel", "serial"))
            assert parallel.read_bytes() == serial.read_bytes()
