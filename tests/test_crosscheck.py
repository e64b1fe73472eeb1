"""cross_check on small hand-made claims tables: which checks it finds, with which status."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from nkextract.crosscheck import CHECK_COLUMNS, FACT_COLUMNS, cross_check
from nkextract.crosscheck.intervals import written_precision
from nkextract.text.periods import canonical_period, prior_period, strictly_within

BODY = "Exports were reported by the customs office."


def claim(article: str, start: int, value: float | None, text: str, **fields) -> dict:
    """One row of a claims table; exports CHN->PRK in 2020-11, in USD, unless told."""
    row = {"claim_id": f"{article}:{start}", "article": article, "published": "2020-12-01",
           "start": start, "end": start + len(text), "text": text, "kind": "money",
           "value": value, "unit": "USD", "low": None, "high": None, "qualifier": None,
           "role": "level", "metric": "exports", "origin": "CHN", "destination": "PRK",
           "product": None, "period": "2020-11", "basis": None, "source": "customs", "via": None,
           "cue": None, "sentence": f"{BODY} ({text}, {article}:{start})"}
    if fields.get("role") in ("change", "share") or fields.get("unit") in ("%", "pp"):
        row.update(kind="percent", unit=fields.get("unit", "%"))
    row.update(fields)
    return row


def run(*rows: dict, rates: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    return cross_check(pd.DataFrame(list(rows)), rates=rates)


def having(checks: pd.DataFrame, *claim_ids: str, kind: str | None = None) -> pd.DataFrame:
    """The checks whose claims include all the given ids (and of the kind, if given)."""
    mask = checks["claims"].map(lambda claims: set(claim_ids) <= set(claims))
    if kind is not None:
        mask &= checks["kind"] == kind
    return checks[mask]


def statuses(checks: pd.DataFrame, *claim_ids: str, kind: str | None = None) -> set[str]:
    return set(having(checks, *claim_ids, kind=kind)["status"])


# -- intervals and periods -------------------------------------------------------------

@pytest.mark.parametrize("text,number,half", [
    ("$1.27 million", 1.27, 0.005),
    ("$2,400", 2400, 50),
    ("$148,000", 148000, 500),
    ("$2,382", 2382, 0.5),
    ("99 per cent", 99, 0.5),
    ("$10 million", 10, 0.5),
    ("US $ 253 thousand", 253, 0.5),
    ("12.1 mln dlrs", 12.1, 0.05),
    ("$1,000", 1000, 50),
])
def test_written_precision(text, number, half):
    assert written_precision(text) == (pytest.approx(number), pytest.approx(half))


def test_written_precision_without_digits():
    assert written_precision("two cts") is None
    assert written_precision(None) is None


@pytest.mark.parametrize("period,canonical", [
    ("2020-01/2020-11", "2020-01/2020-11"),
    ("2020-01--2020-11", "2020-01/2020-11"),
    ("2020-01 to 2020-11", "2020-01/2020-11"),
    ("2020-Q3", "2020-07/2020-09"),
    ("2020-01/2020-12", "2020"),
    ("2020-11/2020-11", "2020-11"),
    ("2020-11-25", "2020-11-25"),
    ("PRESENT_REF", "PRESENT_REF"),
    ("XXXX-11", "XXXX-11"),
    (None, None),
])
def test_canonical_period(period, canonical):
    assert canonical_period(period) == canonical


@pytest.mark.parametrize("period,basis,prior", [
    ("2020-11", "previous_period", "2020-10"),
    ("2020-01", "previous_period", "2019-12"),
    ("2020", "year_ago", "2019"),
    ("2020-01/2020-11", "year_ago", "2019-01/2019-11"),
    ("2020-Q1", "previous_period", "2019-10/2019-12"),
    ("2020-10", "2020-09", "2020-09"),
    ("2020-10", None, None),
    (None, "previous_period", None),
])
def test_prior_period(period, basis, prior):
    assert prior_period(period, basis) == prior


def test_subperiod_containment():
    assert strictly_within("2020-01/2020-11", "2020")
    assert strictly_within("2020-11", "2020")
    assert not strictly_within("2020", "2020")
    assert not strictly_within("2021-01", "2020")


# -- agreement, rounding, conflicts ------------------------------------------------------

@pytest.mark.parametrize("a,b,status", [
    ((148000, "$148,000"), (148000, "$148,000"), "consistent"),
    ((253000, "US $ 253 thousand"), (253000, "$253,000"), "consistent"),
    ((1273000, "$1,273,000"), (1300000, "$1.3 million"), "consistent"),
    ((12141000, "12,141,000 dlrs"), (12100000, "12.1 mln dlrs"), "consistent"),
    ((148000, "$148,000"), (160000, "$160,000"), "conflict"),
    ((1270000, "$1.27 million"), (1280000, "$1.28 million"), "consistent"),  # 1.279 cut off
    ((1270000, "$1.27 million"), (1300000, "$1.30 million"), "conflict"),
])
def test_agreement_and_rounding(a, b, status):
    facts, checks = run(claim("a.txt", 100, *a), claim("b.txt", 200, *b))
    assert statuses(checks, "a.txt:100", "b.txt:200") == {status}
    assert facts.loc[0, "status"] == ("agreed" if status == "consistent" else "conflicting")
    assert facts.loc[0, "n_sources"] == 2


@pytest.mark.parametrize("a,b,status", [
    ((-99, "99 per cent"), (-98.6, "98.6 percent"), "consistent"),
    ((-99, "99 per cent"), (-97, "97 percent"), "conflict"),
    ((-42, "42%"), (-42, "42 percent"), "consistent"),
])
def test_percent_changes(a, b, status):
    fields = {"role": "change", "basis": "previous_period"}
    _, checks = run(claim("a.txt", 1, *a, **fields), claim("b.txt", 2, *b, **fields))
    assert statuses(checks, "a.txt:1", "b.txt:2") == {status}


@pytest.mark.parametrize("a,b,status", [
    ((90, "more than 90%", "more_than"), (95, "95%", None), "unverifiable"),  # admitted, not agreed
    # disjoint, but the key has no place for the whole a share is taken of ("30 pct of U.S.
    # consumption" under imports): never a sure conflict
    ((90, "more than 90%", "more_than"), (85, "85%", None), "unverifiable"),
    ((90, "more than 90%", "more_than"), (90, "over 90 per cent", "more_than"), "consistent"),
    ((50, "about 50%", "approx"), (50.4, "50.4%", None), "consistent"),
    ((10, "less than 10%", "less_than"), (12, "12%", None), "unverifiable"),
])
def test_shares_with_qualifiers(a, b, status):
    fields = {"role": "share", "metric": "trade", "period": None}
    _, checks = run(claim("a.txt", 1, a[0], a[1], qualifier=a[2], **fields),
                    claim("b.txt", 2, b[0], b[1], qualifier=b[2], **fields))
    assert statuses(checks, "a.txt:1", "b.txt:2") == {status}


def test_share_outside_zero_to_hundred_is_flagged_but_not_a_sure_conflict():
    """"127.3 pct of the 1977 average", "100.25 pct of face value": above 100% the figure is
    most likely not a share of a whole, which the key cannot tell."""
    _, checks = run(claim("a.txt", 1, 120, "120%", role="share"))
    share = having(checks, "a.txt:1", kind="share")
    assert set(share["status"]) == {"unverifiable"}
    assert "what it is a share of" in share["explanation"].iloc[0]


HEADLINE = "[Newsmaker] Exports down to {} last month"


@pytest.mark.parametrize("headline,status", [
    ((2400, "$2,400"), "consistent"),
    ((2000, "$2,000"), "consistent"),
    ((2600, "$2,600"), "conflict"),
])
def test_headline_against_body(headline, status):
    head = claim("a.txt", 20, *headline, sentence=HEADLINE.format(headline[1]))
    body = claim("a.txt", 300, 2382, "$2,382")
    _, checks = run(head, body)
    found = having(checks, "a.txt:20", "a.txt:300")
    assert set(found["kind"]) == {"headline_vs_body"}
    assert set(found["status"]) == {status}


def test_two_way_trade_partners_in_either_order_are_one_statistic():
    a = claim("a.txt", 1, 1270000, "$1.27 million", metric="trade", origin="PRK", destination="CHN")
    b = claim("b.txt", 1, 1270000, "$1.27 million", metric="trade", origin="CHN", destination="PRK")
    facts, checks = run(a, b)
    assert len(facts) == 1 and facts.loc[0, "origin"] == "CHN"
    assert statuses(checks, "a.txt:1", "b.txt:1") == {"consistent"}


def test_equivalent_periods_are_one_statistic():
    a = claim("a.txt", 1, 46380000, "$46.38 million", period="2020-01/2020-11")
    b = claim("b.txt", 1, 46380000, "$46.38 million", period="2020-01--2020-11")
    facts, _ = run(a, b)
    assert len(facts) == 1 and facts.loc[0, "period"] == "2020-01/2020-11"


def test_percent_and_percentage_points_never_mix():
    fields = {"role": "change", "basis": "year_ago"}
    facts, checks = run(claim("a.txt", 1, 5, "5%", unit="%", **fields),
                        claim("b.txt", 1, 2, "2 points", unit="pp", **fields))
    assert len(facts) == 2
    assert having(checks, "a.txt:1", "b.txt:1").empty


# -- sources: restatements and syndicated copies ----------------------------------------

def test_syndicated_copy_is_one_source():
    sentence = "China's exports to North Korea fell to $148,000 in November, customs said."
    facts, checks = run(claim("a.txt", 100, 148000, "$148,000", sentence=sentence),
                        claim("b.txt", 140, 148000, "$148,000", sentence=sentence))
    assert facts.loc[0, "n_sources"] == 1
    assert facts.loc[0, "status"] == "single_source"
    found = having(checks, "a.txt:100", "b.txt:140")
    assert set(found["status"]) == {"consistent"}
    assert "syndicated" in found["explanation"].iloc[0]


def test_restatement_in_one_article_is_one_source():
    facts, checks = run(claim("a.txt", 100, 2382, "$2,382"), claim("a.txt", 400, 2382, "$2,382"))
    assert facts.loc[0, "n_sources"] == 1 and facts.loc[0, "n_claims"] == 2
    assert statuses(checks, "a.txt:100", "a.txt:400") == {"consistent"}


def test_one_story_does_not_contradict_itself():
    """Two values for one key in one story mean the key missed a distinction."""
    _, checks = run(claim("a.txt", 100, 2382, "$2,382"), claim("a.txt", 400, 2501, "$2,501"))
    found = having(checks, "a.txt:100", "a.txt:400")
    assert set(found["status"]) == {"unverifiable"}
    assert "one story" in found["explanation"].iloc[0]


# -- corrections and revisions ---------------------------------------------------------

def test_corrected_story_wins_and_is_named():
    original = claim("1.txt", 200, 12100000, "12.1 mln dlrs", metric="revenue", origin=None,
                     destination=None, published="1987-03-01",
                     sentence="PEGASUS GOLD INC 4TH QTR NET\n\nRevs 12.1 mln dlrs")
    corrected = claim("2.txt", 50, 15000000, "15.0 mln dlrs", metric="revenue", origin=None,
                      destination=None, published="1987-03-02",
                      sentence="CORRECTED - PEGASUS GOLD INC 4TH QTR NET")
    facts, checks = run(original, corrected)
    revision = having(checks, "1.txt:200", "2.txt:50")
    assert set(revision["status"]) == {"revised"} and set(revision["kind"]) == {"revision"}
    assert "correct" in revision["explanation"].iloc[0].lower()
    assert facts.loc[0, "value"] == 15000000
    assert facts.loc[0, "status"] == "revised"


def test_revised_figure_wins_over_the_earlier_one():
    first = claim("a.txt", 10, 5.0e9, "$5.0 billion", metric="gdp", published="2020-01-01")
    revised = claim("b.txt", 10, 5.4e9, "$5.4 billion", metric="gdp", qualifier="revised",
                    published="2020-02-01")
    facts, checks = run(revised, first)
    assert "revised" in having(checks, "a.txt:10", "b.txt:10")["explanation"].iloc[0]
    assert facts.loc[0, "value"] == 5.4e9


def test_correction_that_only_rounds_is_not_a_conflict():
    original = claim("1.txt", 200, 12100000, "12.1 mln dlrs", metric="revenue")
    corrected = claim("2.txt", 200, 12141000, "12,141,000 dlrs", metric="revenue",
                      sentence="CORRECTED - PEGASUS GOLD INC 4TH QTR NET")
    _, checks = run(original, corrected)
    assert "conflict" not in set(checks["status"])


# -- currencies ------------------------------------------------------------------------

def test_currencies_are_not_compared_without_rates():
    facts, checks = run(claim("a.txt", 1, 100e6, "$100 million"),
                        claim("b.txt", 1, 80e6, "80 million euros", unit="EUR"))
    assert "conflict" not in set(checks["status"])
    assert statuses(checks, "a.txt:1", "b.txt:1") == {"unverifiable"}
    assert len(facts) == 2


@pytest.mark.parametrize("euros,status", [(83.3e6, "consistent"), (60e6, "conflict")])
def test_currencies_are_compared_with_rates(euros, status):
    rates = pd.DataFrame({"currency": ["EUR"], "rate_to_usd": [1.2]})
    _, checks = run(claim("a.txt", 1, 100e6, "$100 million"),
                    claim("b.txt", 1, euros, f"{euros / 1e6:g} million euros", unit="EUR"),
                    rates=rates)
    assert statuses(checks, "a.txt:1", "b.txt:1") == {status}


# -- implied values --------------------------------------------------------------------

@pytest.mark.parametrize("prior,status", [
    ((253000, "$253,000"), "consistent"),
    ((300000, "$300,000"), "conflict"),
])
def test_level_and_change_imply_the_prior_level(prior, status):
    level = claim("a.txt", 10, 148000, "$148,000")
    change = claim("a.txt", 30, -42, "42%", role="change", basis="previous_period")
    before = claim("b.txt", 10, *prior, period="2020-10")
    _, checks = run(level, change, before)
    assert statuses(checks, "a.txt:10", "a.txt:30", "b.txt:10", kind="implied_value") == {status}


def test_a_fall_of_100_percent_is_explained_not_raised():
    level = claim("a.txt", 10, 0, "$0")
    change = claim("a.txt", 30, -100, "100%", role="change", basis="previous_period")
    before = claim("b.txt", 10, 0, "$0", period="2020-10")
    _, checks = run(level, change, before)
    found = having(checks, "a.txt:10", "a.txt:30", "b.txt:10", kind="implied_value")
    assert set(found["status"]) <= {"unverifiable", "consistent"} and len(found) == 1
    assert found["explanation"].iloc[0]


def test_negative_levels_are_not_checked_against_percent_changes():
    fields = {"metric": "trade_balance"}
    level = claim("a.txt", 10, -5e6, "$5 million", **fields)
    change = claim("a.txt", 30, 20, "20%", role="change", basis="previous_period", **fields)
    before = claim("b.txt", 10, -4e6, "$4 million", period="2020-10", **fields)
    _, checks = run(level, change, before)
    assert statuses(checks, "a.txt:10", "a.txt:30", "b.txt:10", kind="implied_value") == {"unverifiable"}


# -- sums of parts ---------------------------------------------------------------------

def test_product_parts_add_up_to_their_total():
    fields = {"origin": "PRK", "destination": "CHN"}
    rows = [claim("a.txt", 1, 2382, "$2,382", **fields),
            claim("a.txt", 9, 1854, "$1,854", product="cosmetics", qualifier="more_than", **fields),
            claim("a.txt", 20, 509, "$509", product="miscellaneous items", **fields),
            claim("a.txt", 30, 19, "$19", product="soap", **fields)]
    _, checks = run(*rows)
    assert statuses(checks, "a.txt:1", "a.txt:9", "a.txt:20", "a.txt:30", kind="sum_of_parts") == {"consistent"}
    rows[1].update(value=2854, text="$2,854")
    _, checks = run(*rows)
    within = having(checks, "a.txt:1", "a.txt:9", kind="sum_of_parts")
    assert set(within["status"]) == {"unverifiable"}  # one story does not contradict itself
    assert "one story" in within["explanation"].iloc[0]
    rows[0].update(article="b.txt", claim_id="b.txt:1")  # the total from another story
    _, checks = run(*rows)
    assert statuses(checks, "b.txt:1", "a.txt:9", kind="sum_of_parts") == {"conflict"}


@pytest.mark.parametrize("total,status", [
    ((539.06e6, "$539.06 million"), "consistent"),
    ((600e6, "$600 million"), "conflict"),
])
def test_flows_each_way_add_up_to_two_way_trade(total, status):
    period = {"period": "2020"}
    rows = [claim("a.txt", 1, 491.06e6, "$491.06 million", qualifier="approx", **period),
            claim("a.txt", 2, 48e6, "$48 million", origin="PRK", destination="CHN", **period),
            claim("b.txt", 3, *total, metric="trade", **period)]
    _, checks = run(*rows)
    assert statuses(checks, "a.txt:1", "a.txt:2", "b.txt:3", kind="sum_of_parts") == {status}


def test_a_part_the_text_excludes_is_added_back():
    rows = [claim("a.txt", 1, 148000, "$148,000"),
            claim("a.txt", 2, 2382, "$2,382", origin="PRK", destination="CHN"),
            claim("a.txt", 3, 1.123e6, "$1.123 million", origin="PRK", destination="CHN",
                  product="electricity", sentence="This figure excludes $1.123 million of electricity exports."),
            claim("a.txt", 4, 1.27e6, "$1.27 million", metric="trade")]
    _, checks = run(*rows)
    assert statuses(checks, "a.txt:1", "a.txt:2", "a.txt:3", "a.txt:4", kind="sum_of_parts") == {"consistent"}
    assert "conflict" not in set(checks["status"])


@pytest.mark.parametrize("balance,status", [(60e6, "consistent"), (80e6, "conflict")])
def test_balance_is_flow_out_minus_flow_in(balance, status):
    rows = [claim("a.txt", 1, 100e6, "$100 million"),
            claim("a.txt", 2, 40e6, "$40 million", origin="PRK", destination="CHN"),
            claim("b.txt", 3, balance, f"${balance / 1e6:g} million", metric="trade_balance")]
    _, checks = run(*rows)
    assert statuses(checks, "a.txt:1", "a.txt:2", "b.txt:3", kind="sum_of_parts") == {status}


# -- subperiods ------------------------------------------------------------------------

@pytest.mark.parametrize("part,whole,status", [
    (("2020-01/2020-11", 46.38e6, "$46.38 million"), ("2020", 48e6, "$48 million"), "consistent"),
    (("2020-01/2020-11", 50e6, "$50 million"), ("2020", 48e6, "$48 million"), "conflict"),
    (("2020-06", 96.8e6, "$96.8 million"), ("2020", 539.06e6, "$539.06 million"), "consistent"),
])
def test_a_part_of_a_period_cannot_exceed_the_whole(part, whole, status):
    rows = [claim("a.txt", 1, part[1], part[2], period=part[0]),
            claim("b.txt", 1, whole[1], whole[2], period=whole[0])]
    _, checks = run(*rows)
    assert statuses(checks, "a.txt:1", "b.txt:1", kind="subperiod") == {status}


def test_balances_are_not_subperiod_checked():
    fields = {"metric": "trade_balance"}
    _, checks = run(claim("a.txt", 1, -50e6, "$50 million", period="2020-06", **fields),
                    claim("b.txt", 1, -10e6, "$10 million", period="2020", **fields))
    assert having(checks, "a.txt:1", "b.txt:1", kind="subperiod").empty


# -- bad input -------------------------------------------------------------------------

@pytest.mark.parametrize("frame", [
    pd.DataFrame(),
    pd.DataFrame({"value": []}),
    pd.DataFrame({"value": [1.0]}),
    pd.DataFrame({"value": [np.nan, None], "text": [None, "n/a"]}),
    pd.DataFrame({"value": ["ten", 5], "metric": [None, 3], "period": [2020, "garbage"]}),
    pd.DataFrame([claim("a.txt", 1, None, "")]),
    pd.DataFrame([claim("a.txt", 1, 5, "$5", source=["customs", "GAC"], via=[])]),
    pd.DataFrame([claim("a.txt", 1, 0, "$0"), claim("b.txt", 1, -3, "$-3")]),
    pd.DataFrame([claim("a.txt", 1, math.inf, "$inf"), claim("b.txt", 1, 5, "$5")]),
    pd.DataFrame([claim("a.txt", 1, -100, "100%", role="change", basis="previous_period"),
                  claim("a.txt", 2, 0, "$0"), claim("b.txt", 2, 0, "$0", period="2020-10")]),
])
def test_bad_input_never_raises(frame):
    facts, checks = cross_check(frame)
    assert list(checks.columns) == CHECK_COLUMNS
    assert list(facts.columns) == FACT_COLUMNS
    assert set(checks["status"]) <= {"consistent", "conflict", "unverifiable"}
    assert checks["explanation"].map(lambda e: isinstance(e, str) and len(e) > 10).all()


def test_a_single_claim_is_a_single_source_fact_without_checks():
    facts, checks = run(claim("a.txt", 1, 148000, "$148,000"))
    assert len(facts) == 1 and facts.loc[0, "status"] == "single_source"
    assert checks.empty


def test_claim_ids_are_built_when_missing():
    rows = [claim("a.txt", 1, 148000, "$148,000"), claim("b.txt", 7, 148000, "$148,000")]
    frame = pd.DataFrame(rows).drop(columns=["claim_id"])
    _, checks = cross_check(frame)
    assert set(checks.loc[0, "claims"]) == {"a.txt:1", "b.txt:7"}


def test_a_month_of_unknown_year_takes_the_year_of_the_dated_statistic():
    undated = claim("a.txt", 1, 148000, "$148,000", period="XXXX-11")
    dated = claim("b.txt", 1, 148000, "$148,000", period="2020-11")
    other = claim("c.txt", 1, 5, "$5", metric="imports", period="XXXX-11")
    facts, checks = run(undated, dated, other)
    assert set(facts["period"]) == {"2020-11", "XXXX-11"}
    assert statuses(checks, "a.txt:1", "b.txt:1") == {"consistent"}


def test_a_table_row_near_the_top_is_not_a_headline():
    row = claim("a.txt", 60, 0.07, "7 cts", metric="eps", sentence="Shr 7 cts vs 12 cts")
    other = claim("b.txt", 60, 0.12, "12 cts", metric="eps", sentence="Shr 12 cts vs 7 cts")
    _, checks = run(row, other)
    assert set(having(checks, "a.txt:60", "b.txt:60")["kind"]) == {"agreement"}


def test_a_corrected_column_marks_the_whole_article():
    first = claim("a.txt", 300, 50745, "50,745 dlrs", metric="net_income", published="1987-03-11")
    fixed = claim("b.txt", 300, 161019, "161,019 dlrs", metric="net_income", published="1987-03-12",
                  corrected=True)
    facts, checks = run(first, fixed)
    assert facts.loc[0, "value"] == 161019
    assert "corrected story" in having(checks, "a.txt:300", "b.txt:300")["explanation"].iloc[0]


def test_a_final_figure_wins_over_a_provisional_one():
    early = claim("a.txt", 10, 5.0e9, "$5.0 billion", metric="gdp", qualifier="provisional",
                  published="2020-01-01")
    final = claim("b.txt", 10, 5.4e9, "$5.4 billion", metric="gdp", published="2020-02-01")
    facts, checks = run(early, final)
    assert facts.loc[0, "value"] == 5.4e9
    assert "provisional" in having(checks, "a.txt:10", "b.txt:10")["explanation"].iloc[0]
    assert "provisional" in facts.loc[0, "explanation"]


@pytest.mark.parametrize("fields", [
    {"metric": None},                  # an unnamed figure
    {"period": None},                  # an undated level
    {"metric": None, "period": None},
])
def test_unnamed_or_undated_figures_are_not_compared(fields):
    a = claim("a.txt", 10, 5.0e6, "$5 million", **fields)
    b = claim("b.txt", 10, 9.0e6, "$9 million", **fields)
    facts, checks = run(a, b)
    assert having(checks, "a.txt:10", "b.txt:10").empty
    assert len(facts) >= 1


def test_undated_shares_are_still_compared():
    a = claim("a.txt", 10, 90.0, "more than 90%", kind="percent", unit="%", role="share",
              period=None, qualifier="more_than", metric="trade")
    b = claim("b.txt", 10, 90.0, "over 90 per cent", kind="percent", unit="%", role="share",
              period=None, qualifier="more_than", metric="trade")
    facts, checks = run(a, b)
    assert set(having(checks, "a.txt:10", "b.txt:10")["status"]) == {"consistent"}


def test_two_companies_revenues_are_not_one_statistic():
    a = claim("a.txt", 40, 5.0e6, "5.0 mln dlrs", metric="revenue", origin=None, destination=None,
              sentence="ACME CORP 4TH QTR NET\n\nRevs 5.0 mln dlrs")
    b = claim("b.txt", 40, 9.0e6, "9.0 mln dlrs", metric="revenue", origin=None, destination=None,
              sentence="ZENITH LABS INC YEAR NET\n\nRevs 9.0 mln dlrs")
    facts, checks = run(a, b)
    assert having(checks, "a.txt:40", "b.txt:40").empty
    assert sorted(facts["product"]) == ["story a.txt", "story b.txt"]


@pytest.mark.parametrize("second,text,status", [
    (5.6e6, "$5.6 million", "unverifiable"),  # one story, two figures 12% apart: a missed distinction
    (40.0e6, "$40 million", "unverifiable"),  # 8x apart: two statistics the key cannot tell apart
    (-5.0e6, "$5 million", "unverifiable"),   # opposite signs
])
def test_one_story_giving_two_figures(second, text, status):
    a = claim("a.txt", 10, 5.0e6, "$5.0 million")
    b = claim("a.txt", 90, second, text)
    facts, checks = run(a, b)
    assert set(having(checks, "a.txt:10", "a.txt:90")["status"]) == {status}


@pytest.mark.parametrize("metric", ["assets", "deposits", "loans"])
def test_levels_at_a_date_are_not_parts_of_a_period(metric):
    fields = {"metric": metric, "origin": None, "destination": None}
    _, checks = run(claim("a.txt", 1, 500e6, "$500 million", period="2020-Q4", **fields),
                    claim("b.txt", 1, 300e6, "$300 million", period="2020", **fields))
    assert having(checks, "a.txt:1", "b.txt:1", kind="subperiod").empty


def test_every_conflict_and_revision_has_a_likely_cause_and_nothing_else_does():
    _, checks = run(claim("a.txt", 1, 50e6, "$50 million", period="2020-01/2020-11"),
                    claim("b.txt", 1, 48e6, "$48 million", period="2020"),
                    claim("c.txt", 1, 48e6, "$48 million", period="2020"))
    assert (checks["status"] == "conflict").any()
    flagged = checks["status"].isin(["conflict", "revised"])
    assert checks.loc[flagged, "likely_cause"].notna().all()
    assert checks.loc[~flagged, "likely_cause"].isna().all()
