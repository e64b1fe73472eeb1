"""Properties of cross_check that hold for any claims table."""
from __future__ import annotations

import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkextract.crosscheck import cross_check
from nkextract.crosscheck.intervals import written_precision

METRICS = ["exports", "imports", "trade", "trade_balance", "revenue", None]
COUNTRIES = ["CHN", "PRK", "USA", None]
PERIODS = ["2020", "2020-11", "2020-10", "2020-01/2020-11", "2019", None, "garbage"]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def written(value: float) -> str:
    return f"${value:,.0f}" if abs(value) >= 1000 else f"${value:g}"


@st.composite
def claim_rows(draw, n_max: int = 12) -> list[dict]:
    rows = []
    for i in range(draw(st.integers(0, n_max))):
        role = draw(st.sampled_from(["level", "level", "change", "share"]))
        value = draw(st.one_of(st.floats(-1e9, 1e9, allow_nan=False), st.sampled_from([0.0, -100.0, 100.0, 148000.0]),
                               st.none()))
        unit = "%" if role != "level" else draw(st.sampled_from(["USD", "USD", "EUR", None]))
        rows.append({
            "claim_id": f"a{i % 4}.txt:{i}", "article": f"a{i % 4}.txt", "start": i * 50,
            "text": written(value) if value is not None else draw(st.text(max_size=5)),
            "kind": "percent" if unit == "%" else "money", "value": value, "unit": unit,
            "qualifier": draw(st.sampled_from([None, "more_than", "less_than", "approx", "revised",
                                               "approx+provisional"])),
            "role": role, "metric": draw(st.sampled_from(METRICS)),
            "origin": draw(st.sampled_from(COUNTRIES)), "destination": draw(st.sampled_from(COUNTRIES)),
            "product": draw(st.sampled_from([None, None, "oil", "coal"])),
            "period": draw(st.sampled_from(PERIODS)),
            "basis": draw(st.sampled_from([None, "previous_period", "year_ago", "2020-09"])),
            "source": draw(st.sampled_from([None, "customs", ["customs", "GAC"]])),
            "sentence": draw(st.sampled_from(["", "Exports rose.", "This figure excludes oil",
                                              "CORRECTED - EXPORTS"])),
            "published": draw(st.sampled_from([None, "2020-12-01", "2020-12-02"])),
            "subject": draw(st.sampled_from([None, "Oak Industries Inc", ""])),
            "subject_id": draw(st.sampled_from([None, "OAK", "<OAK>", "", 7, "acme"])),
            "unsure": draw(st.sampled_from([None, [], ["period"], "subject+period", "['basis']", 3.5])),
        })
        if draw(st.booleans()):
            rows[-1]["qualifier"] = "forecast"
    return rows


def canonical(checks: pd.DataFrame) -> list[tuple]:
    return sorted((r.check_id, r.kind, r.status, tuple(r.claims)) for r in checks.itertuples())


@SETTINGS
@given(claim_rows())
def test_random_tables_never_raise_and_statuses_are_known(rows):
    facts, checks = cross_check(pd.DataFrame(rows))
    assert set(checks["status"]) <= {"consistent", "conflict", "revised", "unverifiable"}
    assert set(facts["status"]) <= {"agreed", "conflicting", "revised", "differing", "single_source"}
    assert checks["check_id"].is_unique


@SETTINGS
@given(claim_rows(), st.randoms(use_true_random=False))
def test_row_order_never_changes_the_result(rows, random):
    shuffled = rows[:]
    random.shuffle(shuffled)
    facts_a, checks_a = cross_check(pd.DataFrame(rows))
    facts_b, checks_b = cross_check(pd.DataFrame(shuffled))
    assert canonical(checks_a) == canonical(checks_b)
    assert sorted(map(tuple, facts_a["claims"])) == sorted(map(tuple, facts_b["claims"]))


@SETTINGS
@given(st.floats(0.01, 1e12), st.sampled_from(["level", "change", "share"]),
       st.sampled_from([None, "more_than", "less_than", "approx"]))
def test_a_claim_restated_elsewhere_always_agrees_with_itself(value, role, qualifier):
    if role == "share":
        value = min(value, 100.0)
    row = {"claim_id": "a.txt:1", "article": "a.txt", "start": 500, "text": written(value),
           "value": value, "unit": "USD" if role == "level" else "%", "role": role,
           "basis": "previous_period" if role == "change" else None, "qualifier": qualifier,
           "metric": "exports", "origin": "CHN", "destination": "PRK", "period": "2020-11",
           "sentence": "Exports were stated."}
    copy = {**row, "claim_id": "b.txt:9", "article": "b.txt", "start": 900, "sentence": "Again."}
    facts, checks = cross_check(pd.DataFrame([row, copy]))
    assert "conflict" not in set(checks["status"])
    assert len(facts) == 1 and facts.loc[0, "status"] == "agreed"


@given(st.integers(1, 10**9), st.integers(0, 3))
def test_a_written_figure_stands_for_an_interval_around_it(number, decimals):
    value = number / 10**decimals
    text = f"{value:,.{decimals}f}"
    parsed, half = written_precision(text)
    assert math.isclose(parsed, value, rel_tol=1e-12)
    assert 0 < half <= max(0.5 * 10 ** (len(str(number)) - 2), 0.5)
    assert parsed - half <= value < parsed + half


@SETTINGS
@given(st.floats(1, 1e9), st.floats(1.051, 1.99))
def test_a_figure_changed_by_more_than_five_percent_conflicts(value, factor):
    value = float(f"{value:.4g}")
    row = {"claim_id": "a.txt:1", "article": "a.txt", "start": 500, "text": f"${value:,.2f}",
           "value": value, "unit": "USD", "metric": "exports", "origin": "CHN",
           "destination": "PRK", "period": "2020-11", "sentence": f"Exports were ${value:,.2f}."}
    changed = value * factor
    other = {**row, "claim_id": "b.txt:1", "article": "b.txt", "text": f"${changed:,.2f}",
             "value": changed, "sentence": f"Exports were ${changed:,.2f}."}
    _, checks = cross_check(pd.DataFrame([row, other]))
    assert set(checks["status"]) == {"conflict"}


@SETTINGS
@given(claim_rows())
def test_a_conflict_is_only_ever_between_fully_known_claims(rows):
    _, checks = cross_check(pd.DataFrame(rows))
    by_id = {r["claim_id"]: r for r in rows}
    for claims in checks.loc[checks["status"] == "conflict", "claims"]:
        for claim_id in claims:
            unsure = by_id[claim_id]["unsure"]
            assert unsure in (None, [], 3.5)  # 3.5: a cell that names no part
            assert by_id[claim_id]["metric"]
