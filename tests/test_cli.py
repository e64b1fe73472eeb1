"""The ``nkextract`` command: typer CliRunner tests, real subprocess runs, and a run killed
with SIGKILL then resumed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal
from typer.testing import CliRunner

from nkextract.batch.run import run
from nkextract.cli import app, main
from nkextract.batch.io import TABLES, read_table

from test_batch import make_folder, story

runner = CliRunner()


def python_m(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nkextract", *args], capture_output=True, text=True,
                          timeout=300, **kwargs)


def assert_same_tables(left: Path, right: Path) -> None:
    for name in TABLES:
        assert_frame_equal(read_table(left, name), read_table(right, name), obj=name)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return make_folder(tmp_path_factory.mktemp("cli") / "in", n=6)


# -- CliRunner ---------------------------------------------------------------------------
def test_help_has_examples():
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    for option in ("--out", "--format", "--n-process", "--resume", "--scheduler", "--quiet", "--verbose",
                   "--metadata", "Examples:", "nkextract extract stories/ --out results/"):
        assert option in result.output


def test_extract_then_check(folder, tmp_path, nlp, monkeypatch):
    import nkextract.batch.run

    monkeypatch.setattr(nkextract.batch.run, "_load", lambda *models: nlp)  # the session pipeline, not a new one
    result = runner.invoke(app, ["extract", str(folder), "--out", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "claims" in result.output and "conflicts" in result.output
    for name in TABLES:
        assert (tmp_path / f"{name}.csv").exists()
    (tmp_path / "facts.csv").unlink()
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "facts.csv").exists() and "facts" in result.output


def test_quiet_prints_nothing_on_success(folder, tmp_path, nlp, monkeypatch):
    import nkextract.batch.run

    monkeypatch.setattr(nkextract.batch.run, "_load", lambda *models: nlp)
    result = runner.invoke(app, ["extract", str(folder), "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 0 and result.output == ""


def test_report_command_calls_write_report(tmp_path, monkeypatch):
    import nkextract.views.report

    calls = []
    monkeypatch.setattr(nkextract.views.report, "write_report", lambda out: calls.append(out) or out / "report.html",
                        raising=False)
    result = runner.invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert calls == [tmp_path] and "report.html" in result.output


# -- one clear line when a run cannot start -------------------------------------------------
@pytest.mark.parametrize("args,message,status", [
    (["extract", "{missing}", "--out", "{out}"], "does not exist", 1),
    (["extract", "{folder}", "--out", "{folder}/results"], "inside the articles folder", 1),
    (["extract", "{folder}", "--out", "{file}/out"], "Cannot write", 1),
    (["extract", "{folder}", "--out", "{out}", "--format", "xml"], "xml", 2),
    (["extract", "{folder}", "--out", "{out}", "--n-process", "0"], "n-process", 2),
    (["extract", "{folder}", "--out", "{out}", "--bogus"], "--bogus", 2),
    (["check", "{out}/nowhere"], "not a folder", 1),
])
def test_cannot_run_is_one_line(folder, tmp_path, capsys, args, message, status):
    (tmp_path / "file").write_text("x")
    names = {"missing": tmp_path / "missing", "out": tmp_path / "out", "folder": folder, "file": tmp_path / "file"}
    with pytest.raises(SystemExit) as exited:
        main([a.format(**names) for a in args])
    assert exited.value.code == status
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("nkextract: error:") and message in err
    assert "Traceback" not in err


# -- real processes --------------------------------------------------------------------------
@pytest.mark.slow
def test_python_m_nkextract_extract(folder, tmp_path, nlp):
    result = python_m("extract", str(folder), "--out", str(tmp_path / "out"), "--format", "parquet")
    assert result.returncode == 0, result.stderr
    assert "files" in result.stdout and "Traceback" not in result.stderr
    run(folder, tmp_path / "local", nlp=nlp)
    assert_same_tables(tmp_path / "out", tmp_path / "local")


@pytest.mark.slow
def test_subprocess_missing_folder_is_one_line(tmp_path):
    result = python_m("extract", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "does not exist" in result.stderr


@pytest.mark.slow
def test_kill_9_then_resume_gives_the_same_tables(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(60):
        (folder / f"{i:03d}.txt").write_text(story(i) * 3)
    out = tmp_path / "out"
    journal = out / ".nkextract" / "journal.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "nkextract", "extract", str(folder), "--out", str(out),
                                "--batch-size", "1", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    killed_after = None
    deadline = time.monotonic() + 240
    while process.poll() is None and time.monotonic() < deadline:
        done = journal.read_text().count("\n") if journal.exists() else 0
        if done >= 5:
            os.kill(process.pid, signal.SIGKILL)
            killed_after = done
            break
        time.sleep(0.01)
    process.wait(timeout=60)
    if killed_after is None:
        pytest.fail(f"the run ended before it could be killed (exit {process.returncode}): "
                    f"{process.stderr.read().decode()[-500:]}")
    assert process.returncode == -signal.SIGKILL
    assert not (out / "claims.jsonl").exists()

    resumed = python_m("extract", str(folder), "--out", str(out), "--batch-size", "1", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    run(folder, tmp_path / "whole", nlp=nlp, batch_size=7)
    assert_same_tables(out, tmp_path / "whole")
    assert read_table(out, "manifest")["status"].eq("ok").all()
