"""The analyst's toolkit: the appendix command on awkward names and folders, the council's own lists and
fixes outside the code, outputs that open cleanly (frictionless, Excel, DuckDB), files as the umask says."""
from __future__ import annotations

import csv
import os
import shutil
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CURRENT = ROOT / "samples" / "current" / "current.pdf"
NUMBERED = ROOT / "samples" / "numbered" / "numbered.pdf"
NEXT = ROOT / "samples" / "next-version" / "next-version.pdf"
COUNCIL = "2035 Net Zero Council Action Plan"


def appendix(*args: str, umask: int | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**{k: v for k, v in os.environ.items() if not k.startswith("APPENDIX_")}, "PYTHONPATH": str(ROOT),
                **env}
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          env=full_env, timeout=600, preexec_fn=preexec)


def make(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPENDIX_")}
    return subprocess.run(["make", "-s", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def only_error_line(result: subprocess.CompletedProcess[str], name: str, words: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0
    assert len(lines) == 1 and lines[0].startswith(f"error: {name}: ") and words in lines[0], result.stderr


def test_make_all_takes_a_name_with_spaces_and_unicode(tmp_path: Path) -> None:
    pdf = tmp_path / "in put" / "Appendix B – Action Plan ü.pdf"
    pdf.parent.mkdir()
    shutil.copy(NUMBERED, pdf)
    result = make("all", f"PDF={pdf}", f"OUT={tmp_path / 'out'}")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "Appendix B – Action Plan ü" / "actions.parquet").is_file()


def test_make_evaluates_no_name_or_password(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(NUMBERED, folder / "$(shell touch PWNED1)`touch PWNED2`.pdf")
    result = make("all", f"PDF_DIR={folder}", f"OUT={tmp_path / 'out'}",
                  "PASSWORD=x\" ; touch PWNED3 ; echo \"$(shell touch PWNED4)")
    assert result.returncode == 0, result.stderr
    missing = make("all", f"PDF={tmp_path}/$(shell touch PWNED5).pdf", f"OUT={tmp_path / 'out'}")
    assert missing.returncode != 0 and "error: " in missing.stderr
    planted = [p for where in (ROOT, tmp_path, folder) for p in where.glob("PWNED*")]
    assert planted == []
    assert (tmp_path / "out" / "$(shell touch PWNED1)`touch PWNED2`" / "actions.csv").is_file()


def test_run_over_a_folder_with_upper_case_and_awkward_names(tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    shutil.copy(NUMBERED, folder / "BORDERLESS.PDF")
    shutil.copy(NUMBERED, folder / "Appendix B - Action Plan.pdf")
    (folder / "notes.txt").write_text("not a PDF", encoding="utf-8")
    result = appendix("run", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["Appendix B - Action Plan", "BORDERLESS"]


def test_run_takes_a_glob_without_a_shell(tmp_path: Path) -> None:
    for name in ("a.pdf", "b.pdf"):
        shutil.copy(NUMBERED, tmp_path / name)
    result = appendix("run", str(tmp_path / "*.pdf"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a", "b"]


@pytest.mark.parametrize("case", ["missing file", "missing folder", "empty folder", "same stem"])
def test_bad_inputs_are_refused_before_anything_runs(tmp_path: Path, case: str) -> None:
    out = tmp_path / "out"
    if case == "missing file":
        args, name, words = [str(tmp_path / "missing.pdf")], "missing.pdf", "no such file"
    elif case == "missing folder":
        args, name, words = [str(tmp_path / "nowhere") + "/"], "nowhere", "no such file or folder"
    elif case == "empty folder":
        (tmp_path / "empty").mkdir()
        args, name, words = [str(tmp_path / "empty")], "empty", "holds no PDF"
    else:
        for v in ("v1", "v2"):
            (tmp_path / v).mkdir()
            shutil.copy(NUMBERED, tmp_path / v / "appendix.pdf")
        args, name, words = [str(tmp_path / "v1" / "appendix.pdf"), str(tmp_path / "v2" / "appendix.pdf")], \
            "appendix.pdf", "would both write OUT/appendix/"
    only_error_line(appendix("run", *args, "--out", str(out)), name, words)
    assert not out.exists() or not list(out.iterdir())


def test_make_all_on_a_missing_pdf_and_an_empty_folder(tmp_path: Path) -> None:
    assert "error: missing.pdf: " in make("all", f"PDF={tmp_path / 'missing.pdf'}").stderr
    (tmp_path / "empty").mkdir()
    result = make("all", f"PDF_DIR={tmp_path / 'empty'}")
    assert result.returncode != 0 and "error: empty: " in result.stderr


def test_help_and_version() -> None:
    for args in (["--help"], ["run", "--help"], ["diff", "--help"], ["batch", "--help"], ["regress", "--help"]):
        result = appendix(*args)
        assert result.returncode == 0 and "Example" in result.stdout, args
    run_help = appendix("run", "--help").stdout
    for option in ("--out", "--vocab", "--password-file", "--max-seconds", "--max-memory-mb", "--max-page-area"):
        assert option in run_help
    version = appendix("--version")
    assert version.returncode == 0 and version.stdout.startswith("appendix ")
    assert "make all" in make("help").stdout


@pytest.fixture(scope="module")
def vocab_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """next-version with the council's own teams.csv (one more team) and an overrides.csv."""
    tmp = tmp_path_factory.mktemp("vocab")
    vocab = tmp / "council"
    vocab.mkdir()
    teams = (ROOT / "normalise" / "canonical" / "teams.csv").read_text(encoding="utf-8")
    (vocab / "teams.csv").write_text(teams + "Net Zero Programme Office,\n", encoding="utf-8")
    (vocab / "overrides.csv").write_text(
        "plan,action_id,field,value,note,printed\n"
        f"{COUNCIL},LCC.15,start_date,2026-05-01,confirmed with the officer,Apr-26\n"
        f"{COUNCIL},LCC.15,partners,Parks Service; Friends groups,by email,\n"
        f"{COUNCIL},LCC.99,action,Gone,an action the new version dropped,\n"
        f"{COUNCIL},LCC.2,end_date,2028-03-31,written against another printing,Mar-99\n",
        encoding="utf-8")
    result = appendix("run", str(NEXT), "--out", str(tmp / "out"), "--vocab", str(vocab))
    assert result.returncode == 0, result.stderr
    (tmp / "stderr.txt").write_text(result.stderr, encoding="utf-8")
    return tmp


def test_vocab_folder_overrides_one_list(vocab_run: Path) -> None:
    actions = {r["action_id"]: r for r in read_csv(vocab_run / "out" / "next-version" / "actions.csv")}
    assert actions["LCC.15"]["lead_teams"].startswith("Net Zero Programme Office")
    leads = [r for r in read_csv(vocab_run / "out" / "next-version" / "leads.csv") if r["action_id"] == "LCC.15"]
    assert leads[0]["name"] == "Net Zero Programme Office" and leads[0]["matched"] == "true"
    # The package's own list is untouched: without --vocab the name is unmatched again.
    assert "Net Zero Programme Office" not in (ROOT / "normalise" / "canonical" / "teams.csv").read_text(
        encoding="utf-8")


def test_overrides_applied_and_stale_ones_reported(vocab_run: Path) -> None:
    folder = vocab_run / "out" / "next-version"
    actions = {r["action_id"]: r for r in read_csv(folder / "actions.csv")}
    assert actions["LCC.15"]["start_date"] == "2026-05-01"
    assert actions["LCC.15"]["partners"] == "Parks Service; Friends groups"
    assert actions["LCC.2"]["end_date"] == "2027-03-31"  # the stale override was not applied
    partners = [r["name"] for r in read_csv(folder / "partners.csv") if r["action_id"] == "LCC.15"]
    assert partners == ["Parks Service", "Friends groups"]
    corrections = read_csv(folder / "corrections.csv")
    applied = [(c["action_id"], c["field"], c["before"], c["after"]) for c in corrections if c["rule"] == "override"]
    assert ("LCC.15", "start_date", "2026-04-01", "2026-05-01") in applied and len(applied) == 2
    stale = {c["action_id"] for c in corrections if c["rule"] == "override-stale"}
    assert stale == {"LCC.99", "LCC.2"}
    warnings = (vocab_run / "stderr.txt").read_text(encoding="utf-8")
    assert "line 4: stale" in warnings and "line 5: stale" in warnings and "LCC.99" in warnings


def test_a_broken_vocabulary_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "teams.csv").write_text("name\nSomeone\n", encoding="utf-8")
    result = appendix("run", str(NUMBERED), "--out", str(tmp_path / "out"), "--vocab", str(tmp_path))
    assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1
    assert "no column canonical" in result.stderr and not (tmp_path / "out").exists()


def test_appendix_vocab_environment_variable(tmp_path: Path) -> None:
    (tmp_path / "overrides.csv").write_text(
        "plan,action_id,field,value,note\n" "Nowhere,X1,action,text,\n", encoding="utf-8")
    result = appendix("run", str(NUMBERED), "--out", str(tmp_path / "out"), APPENDIX_VOCAB=str(tmp_path))
    assert result.returncode == 0 and "stale, not applied" in result.stderr


@pytest.fixture(scope="module")
def current_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("umask")
    result = appendix("run", str(CURRENT), "--out", str(out), umask=0o022)
    assert result.returncode == 0, result.stderr
    return out


def test_files_follow_the_umask_and_nothing_is_left_behind(current_out: Path) -> None:
    assert [p.name for p in current_out.iterdir()] == ["current"]
    for path in [current_out / "current", *(current_out / "current").rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_workbook_reads_back_with_types(current_out: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(current_out / "current" / "appendix.xlsx")
    assert set(book.sheetnames) == {"actions", "leads", "partners", "corrections", "unmatched", "extra"}
    sheet = book["actions"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    lcc3 = next(r for r in rows if r["action_id"] == "LCC.3")
    assert lcc3["start_date"].date() == date(2024, 4, 1) and lcc3["start_raw"] == "Apr-24"
    assert isinstance(lcc3["needs_review"], bool) and all(isinstance(r["action_id"], str) for r in rows)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_duckdb_reads_every_table_and_joins_without_multiplying(current_out: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    folder = current_out / "current"
    con = duckdb.connect()
    n_actions = con.execute(f"SELECT count(*) FROM '{folder}/actions.parquet'").fetchone()[0]
    n_leads = con.execute(f"SELECT count(*) FROM '{folder}/leads.parquet'").fetchone()[0]
    joined = con.execute(f"SELECT count(*) FROM '{folder}/leads.parquet' l JOIN '{folder}/actions.parquet' a "
                         "USING (source_file, plan, action_id)").fetchone()[0]
    assert joined == n_leads and n_actions == 52
    assert con.execute(f"SELECT start_date, end_date FROM '{folder}/actions.parquet' LIMIT 1").fetchone()


def test_datapackage_is_valid_under_frictionless(current_out: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(current_out / "current" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = frictionless.Package(current_out / "current" / "datapackage.json")
    actions = package.get_resource("actions-csv")
    assert actions.schema.primary_key == ["source_file", "plan", "action_id"]
    assert package.get_resource("leads-parquet").schema.foreign_keys


def test_regress_command_runs_without_common_options(monkeypatch: pytest.MonkeyPatch) -> None:
    # `appendix regress` has no --verbose/--debug of its own: main must not expect them.
    import pipeline.regress_cli
    from pipeline.cli import main

    monkeypatch.setattr(pipeline.regress_cli, "regress", lambda: 0)
    assert main(["regress"]) == 0
