"""``nkextract check`` partition by partition: the same tables as a whole-table cross_check,
here and on a Dask cluster; resumed after kill -9; a failing partition is an errors row."""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from nkextract.batch.io import read_table, write_table
from nkextract.batch.partitions import partition_key, split_claims
from nkextract.batch.run import check
from nkextract.crosscheck import cross_check, settings

ROOT = Path(__file__).resolve().parents[1]


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic_claims", ROOT / "benchmarks" / "synthetic_claims.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def claims_table(n_stories: int = 350, seed: int = 3) -> pd.DataFrame:
    """Synthetic claims with long series, copies, company figures with and without a
    subject (story-scoped), and corrected stories that change a figure."""
    claims = _synthetic().chunk_of_claims(0, n_stories, seed)
    story = claims["article"].str.split(r"[-.]", regex=True).str[0].astype(int)
    unnamed = claims["subject_id"].notna() & (story % 4 == 0)
    claims.loc[unnamed, ["subject", "subject_id"]] = None
    original = claims[story % 9 == 1].copy()
    original["article"] = original["article"].str.replace(".txt", "-corr.txt", regex=False)
    original["claim_id"] = original["article"] + ":" + original["start"].astype(str)
    first = original["start"] == original.groupby("article")["start"].transform("min")
    original.loc[first, "sentence"] = "CORRECTED - " + original.loc[first, "sentence"]
    original.loc[~first, "value"] = original.loc[~first, "value"] * 1.5
    return pd.concat([claims, original], ignore_index=True)


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return claims_table()


@pytest.fixture(scope="module")
def whole(claims, tmp_path_factory) -> Path:
    """The tables of a whole-table cross_check, written as a run writes them."""
    out = tmp_path_factory.mktemp("whole")
    write_table(claims, out, "claims")
    facts, checks = cross_check(read_table(out, "claims"))
    write_table(facts, out, "facts")
    write_table(checks, out, "checks")
    return out


def folder_with(claims: pd.DataFrame, path: Path, fmt: str = "jsonl") -> Path:
    path.mkdir(parents=True, exist_ok=True)
    write_table(claims, path, "claims", fmt)
    return path


def assert_same_results(left: Path, right: Path) -> None:
    for name in ("facts", "checks"):
        a, b = read_table(left, name), read_table(right, name)
        assert len(a) > 0, f"no {name}"
        assert_frame_equal(a, b, obj=name)


# -- the partition key -----------------------------------------------------------------------------
@pytest.mark.parametrize("a,b", [
    ({"metric": "exports", "origin": "JPN", "destination": "USA"},
     {"metric": "imports_sa", "origin": "USA", "destination": "JPN"}),        # flows both ways, _sa
    ({"metric": "trade", "origin": "JPN", "destination": "USA"},
     {"metric": "trade_balance", "origin": "usa", "destination": "jpn"}),     # one family, any case
    ({"metric": "exports", "origin": "JPN", "destination": "USA", "period": "2020-12"},
     {"metric": "exports", "origin": "JPN", "destination": "USA", "period": "2021-01"}),  # across a year
    ({"metric": "exports", "origin": "JPN", "product": "cars", "unit": "USD"},
     {"metric": "exports", "origin": "JPN", "product": None, "unit": "%"}),   # parts and total, change and level
])
def test_related_claims_share_a_partition_key(a, b):
    keys = partition_key(pd.DataFrame([a, b]), settings(), {})
    assert len(keys) == 2 and keys.iloc[0].tolist() == keys.iloc[1].tolist()


def test_unrelated_claims_get_different_keys():
    keys = partition_key(pd.DataFrame([{"metric": "exports", "origin": "JPN", "destination": "USA"},
                                       {"metric": "gdp", "origin": "JPN"},
                                       {"metric": "exports", "origin": "KOR", "destination": "USA"}]), settings(), {})
    assert len({tuple(r) for r in keys.itertuples(index=False)}) == 3


# -- the same tables -------------------------------------------------------------------------------
@pytest.mark.parametrize("partition_claims", [10**9, 400, 120])
def test_partitioned_check_gives_the_whole_tables(claims, whole, tmp_path, partition_claims):
    out = folder_with(claims, tmp_path / "out")
    result = check(out, partition_claims=partition_claims)
    assert result.failed == 0 and result.facts == len(read_table(whole, "facts"))
    assert_same_results(whole, out)
    assert not (out / ".nkextract-check").exists()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_partitioned_check_in_every_format(claims, tmp_path, fmt):
    out = folder_with(claims, tmp_path / "out", fmt)
    expected = folder_with(claims, tmp_path / "expected", fmt)
    facts, checks = cross_check(read_table(expected, "claims"))
    write_table(facts, expected, "facts", fmt)
    write_table(checks, expected, "checks", fmt)
    check(out, partition_claims=400)
    assert_same_results(expected, out)


def test_claims_without_the_new_columns(claims, tmp_path):
    old = claims.drop(columns=["subject", "subject_id", "unsure", "seasonally_adjusted"])
    out = folder_with(old, tmp_path / "out")
    facts, _ = cross_check(read_table(out, "claims"))
    result = check(out, partition_claims=300)
    assert result.facts == len(facts) > 0 and result.failed == 0


def test_an_empty_claims_table(tmp_path):
    out = folder_with(pd.DataFrame(columns=["claim_id", "article", "value"]), tmp_path / "out")
    result = check(out)
    assert (result.facts, result.checks, result.failed) == (0, 0, 0)
    assert (out / "facts.jsonl").exists() and (out / "checks.jsonl").exists()


# -- bad input ---------------------------------------------------------------------------------------
def test_a_corrupt_partition_is_an_errors_row(claims, whole, tmp_path):
    out = folder_with(claims, tmp_path / "out")
    plan = split_claims(out / "claims.jsonl", "jsonl", out / ".nkextract-check", settings(), 500)
    assert plan.n_partitions > 3
    broken = plan.partition(out / ".nkextract-check", 2)
    lost = {json.loads(line)["claim_id"] for line in broken.read_text().splitlines()}
    broken.write_text('{"claim_id": "x", "value": 1}\n{not json\n')
    result = check(out, resume=True, partition_claims=500)
    assert result.failed == 1
    errors = read_table(out, "errors")
    assert errors["kind"].tolist() == ["crosscheck"] and "claims-00002" in errors["article"].iat[0]
    kept = read_table(whole, "checks")
    kept = kept[[not set(c) & lost for c in kept["claims"]]].reset_index(drop=True)
    assert len(kept) > 0
    assert_frame_equal(read_table(out, "checks"), kept, obj="checks")
    check(out)  # fixed on the next check: its errors row goes
    assert read_table(out, "errors").empty
    assert_same_results(whole, out)


def test_an_unreadable_claims_line_is_an_errors_row(claims, tmp_path):
    out = folder_with(claims.head(300), tmp_path / "out")
    with open(out / "claims.jsonl", "a") as handle:
        handle.write("{half a line\n")
    result = check(out)
    errors = read_table(out, "errors")
    assert errors["kind"].tolist() == ["claims_unreadable"] and result.facts > 0


# -- Dask --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as local:
            yield local


@pytest.mark.slow
def test_dask_cluster_gives_the_whole_tables(claims, whole, tmp_path, cluster):
    out = folder_with(claims, tmp_path / "out")
    result = check(out, scheduler=cluster.scheduler_address, partition_claims=700)
    assert result.failed == 0
    assert_same_results(whole, out)


@pytest.mark.slow
def test_a_killed_worker_is_an_errors_row(claims, whole, tmp_path, cluster, monkeypatch):
    import nkextract.batch.checking as checking

    original = checking.check_partition_file

    def dies_on_the_correction(path, told, fmt, config):  # pickled by value: runs on the worker
        if any(str(a).endswith("9-corr.txt") for a in checking.read_told(told).stories):
            os._exit(1)
        return original(path, told, fmt, config)

    monkeypatch.setattr(checking, "check_partition_file", dies_on_the_correction)
    out = folder_with(claims, tmp_path / "out")
    result = check(out, scheduler=cluster.scheduler_address, partition_claims=700)
    errors = read_table(out, "errors")
    assert result.failed >= 1 and set(errors["kind"]) == {"crosscheck"}
    assert errors["message"].str.contains("KilledWorker").all()
    assert 0 < result.checks < len(read_table(whole, "checks"))


@pytest.mark.slow
def test_a_dask_task_holds_a_path_not_the_claims(claims, tmp_path, cluster, recwarn):
    """Workers read their partition from the output folder: no large-graph warning."""
    out = folder_with(claims, tmp_path / "out")
    result = check(out, scheduler=cluster.scheduler_address, partition_claims=len(claims))
    assert result.failed == 0
    assert not [w for w in recwarn if "large graph" in str(w.message).lower()]


def fiscal_company(article: str, metric: str, period: str, value: float, start: int = 10) -> dict:
    return {"article": article, "published": "1987-01-20", "start": start, "end": start + 8,
            "text": f"{value:g} mln", "kind": "money", "value": value * 1e6, "unit": "USD",
            "role": "level", "metric": metric, "subject": "Acme Corp", "subject_id": "ACM",
            "period": period, "sentence": f"{metric} {value:g} mln [{article}]", "claim_id": f"{article}:{start}"}


@pytest.mark.parametrize("partition_claims", [1, 2, 10**9])  # 8 and 4 partitions put revenue and eps apart
def test_a_fiscal_calendar_learned_anywhere_is_used_in_every_partition(tmp_path, partition_claims):
    """Acme's year ends in October (a revenue table's 12 months to October); its eps of
    "1986-Q4" is then its fiscal fourth quarter, August to October, in every partition."""
    others = [{**fiscal_company(f"z{i}.txt", "revenue", "1986", 10.0 + i), "subject_id": "ZZZ"} for i in range(5)]
    claims = pd.DataFrame([fiscal_company("a.txt", "revenue", "1985-11/1986-10", 120.0),
                           fiscal_company("b.txt", "eps", "1986-Q4", 1.5),
                           fiscal_company("c.txt", "eps", "1986-08/1986-10", 1.5), *others])
    whole = folder_with(claims, tmp_path / "whole")
    check(whole, partition_claims=10**9)
    out = folder_with(claims, tmp_path / "parts")
    check(out, partition_claims=partition_claims)
    assert_same_results(whole, out)
    checks = read_table(out, "checks")
    assert checks["claims"].map(lambda c: {"b.txt:10", "c.txt:10"} <= set(c)).any()


# -- kill -9 and resume ------------------------------------------------------------------------------
@pytest.mark.slow
def test_kill_9_then_resume_gives_the_same_tables(tmp_path):
    claims = claims_table(n_stories=1500, seed=5)
    out = folder_with(claims, tmp_path / "out")
    fresh = folder_with(claims, tmp_path / "fresh")
    work = out / ".nkextract-check"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "nkextract", "check", str(out), "--partition-size", "150", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline, killed = time.monotonic() + 240, False
    while process.poll() is None and time.monotonic() < deadline:
        if len(list(work.glob("checks-*.jsonl"))) >= 4:
            os.kill(process.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.01)
    process.wait(timeout=60)
    if not killed:
        pytest.fail(f"the check ended before it could be killed: {process.stderr.read().decode()[-500:]}")
    assert not (out / "facts.jsonl").exists()
    done = len(list(work.glob("checks-*.jsonl")))
    resumed = subprocess.run([*command[:-1], "--resume", "--verbose"], capture_output=True, text=True,
                             env=env, timeout=600)
    assert resumed.returncode == 0, resumed.stderr[-800:]
    assert "resuming the check" in resumed.stderr and done >= 4
    check(fresh, partition_claims=150)
    assert_same_results(fresh, out)


def test_series_checks_are_linear_in_the_periods(tmp_path):
    """One statistic stated for every month of 40 years, with its yearly totals: the
    subperiod check pairs each month only with its own year."""
    months = [f"{y}-{m:02d}" for y in range(1980, 2020) for m in range(1, 13)]
    rows = [{"claim_id": f"a{i}:1", "article": f"a{i}", "metric": "exports", "origin": "JPN",
             "period": p, "value": 100.0, "text": "$100", "unit": "USD", "role": "level"}
            for i, p in enumerate(months)]
    rows += [{"claim_id": f"y{y}:1", "article": f"y{y}", "metric": "exports", "origin": "JPN",
              "period": str(y), "value": 1200.0, "text": "$1,200", "unit": "USD", "role": "level"}
             for y in range(1980, 2020)]
    _, checks = cross_check(pd.DataFrame(rows))
    subperiod = checks[checks["kind"] == "subperiod"]
    assert len(subperiod) == len(months) and (subperiod["status"] == "consistent").all()
    assert np.all([len(c) == 2 for c in subperiod["claims"]])


# -- real wire copy ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def reuters_out(shared, nlp, tmp_path_factory) -> Path:
    """The claims of every tenth Reuters-21578 story with NEWID <= 8000 (about 730: results
    tables, a company's figures over several stories, corrections, one sentence quoting a
    figure and its earlier periods), checked as one partition."""
    import csv

    import nkextract

    folder = shared / "corpus" / "reuters21578"
    with open(folder / "metadata.csv", encoding="utf-8") as f:
        dates = {row["file"]: row["date"][:10] for row in csv.DictReader(f)
                 if int(row["newid"]) <= 8000 and int(row["newid"]) % 10 == 3}
    texts = {name: (folder / name).read_text(encoding="utf-8") for name in dates}
    out = folder_with(nkextract.extract(texts, nlp=nlp, published=dates), tmp_path_factory.mktemp("reuters1"))
    check(out, partition_claims=10**9)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_real_claims_give_one_answer_however_they_are_split(reuters_out, tmp_path, seed):
    """Whatever is learned across claims (fiscal calendars, stories, corrections, provisional
    releases, figures quoted for comparison beside another period's) is learned from the
    whole table: any partition size gives the tables of one partition, row for row."""
    claims = read_table(reuters_out, "claims")
    size = int(np.random.default_rng(seed).integers(20, len(claims) // 3))
    out = folder_with(claims, tmp_path / "parts")
    assert check(out, partition_claims=size).failed == 0
    assert_same_results(reuters_out, out)
    compared = read_table(reuters_out, "checks")["explanation"].str.contains("quoted for comparison")
    assert compared.any(), "no check names a figure quoted for comparison: the case is not exercised"
