"""Sure-only conflicts: a conflict needs a fully known statistic in two stories."""
from __future__ import annotations

import pandas as pd
import pytest

from nkextract.crosscheck import cross_check
from nkextract.crosscheck.certainty import one_speaker, speaker

SENTENCE = "The figures were given by the company."


def company(article: str, start: int, value: float, text: str, **fields) -> dict:
    """A company's 1986 net income in USD, stated with every part cued, unless told."""
    row = {"claim_id": f"{article}:{start}", "article": article, "published": "1987-03-02",
           "start": start, "end": start + len(text), "text": text, "kind": "money", "value": value,
           "unit": "USD", "qualifier": None, "role": "level", "metric": "net_income",
           "subject": "Oak Industries Inc", "subject_id": "OAK", "origin": None, "destination": None,
           "product": None, "period": "1986", "basis": None, "source": "Oak Industries",
           "sentence": f"{SENTENCE} [{article}:{start}]", "unsure": []}
    row.update(fields)
    return row


def between(*rows: dict) -> pd.DataFrame:
    facts, checks = cross_check(pd.DataFrame(list(rows)))
    ids = {r["claim_id"] for r in rows}
    return checks[checks["claims"].map(lambda c: ids <= set(c))]


def test_two_stories_disagreeing_on_one_known_statistic_conflict():
    found = between(company("a.txt", 10, 12.0e6, "12.0 mln dlrs"),
                    company("b.txt", 10, 15.0e6, "15.0 mln dlrs"))
    assert found["status"].tolist() == ["conflict"]


@pytest.mark.parametrize("field,value,both,named", [
    ("unsure", ["period"], False, "the period"),
    ("unsure", ["subject"], False, "whose figure it is"),
    ("unsure", "metric+basis", False, "which measure it is"),
    ("subject_id", None, True, "whose figure it is"),  # exports of no country and no subject
    ("unit", None, True, "the currency or unit"),
])
def test_a_conflict_with_an_uncertain_part_is_unverifiable_and_names_it(field, value, both, named):
    first = {field: value} if both else {}
    found = between(company("a.txt", 10, 12.0e6, "12.0 mln dlrs", metric="exports", **first),
                    company("b.txt", 10, 15.0e6, "15.0 mln dlrs", metric="exports", **{field: value}))
    assert found["status"].tolist() == ["unverifiable"]
    assert named in found["explanation"].iloc[0]


def test_a_country_statistic_needs_no_subject():
    trade = dict(metric="current_account_balance", subject=None, subject_id=None, origin="JPN")
    found = between(company("a.txt", 10, 12.0e9, "12.0 billion dlrs", **trade),
                    company("b.txt", 10, 15.0e9, "15.0 billion dlrs", **trade))
    assert found["status"].tolist() == ["conflict"]


def test_two_subjects_are_never_one_statistic():
    found = between(company("a.txt", 10, 12.0e6, "12.0 mln dlrs"),
                    company("b.txt", 10, 15.0e6, "15.0 mln dlrs", subject="Acme Corp", subject_id="acme"))
    assert found.empty


@pytest.mark.parametrize("a_id,b_id", [("OAK", "oak"), ("<OAK>", "OAK"), ("oak  industries", "Oak Industries")])
def test_one_subject_is_compared_across_stories_whatever_the_id_spelling(a_id, b_id):
    found = between(company("a.txt", 10, 12.0e6, "12.0 mln dlrs", subject_id=a_id),
                    company("b.txt", 10, 12.04e6, "12.04 mln dlrs", subject_id=b_id))
    assert found["status"].tolist() == ["consistent"]


def test_headline_against_its_own_body_is_still_a_conflict():
    headline = company("a.txt", 0, 20.0e6, "20 mln dlrs", sentence="OAK INDUSTRIES EARNS 20 MLN DLRS")
    body = company("a.txt", 300, 12.0e6, "12.0 mln dlrs")
    found = between(headline, body)
    assert found["kind"].tolist() == ["headline_vs_body"]
    assert found["status"].tolist() == ["conflict"]


def test_a_forecast_is_not_compared_with_the_outcome():
    found = between(company("a.txt", 10, 12.0e6, "12.0 mln dlrs", qualifier="forecast"),
                    company("b.txt", 10, 15.0e6, "15.0 mln dlrs"))
    assert found.empty


@pytest.mark.parametrize("published,status", [("1987-04-01", "revised"), ("1987-03-02", "unverifiable")])
def test_two_forecasts_of_one_target_are_a_revision(published, status):
    found = between(company("a.txt", 10, 12.0e6, "12.0 mln dlrs", qualifier="forecast"),
                    company("b.txt", 10, 15.0e6, "15.0 mln dlrs", qualifier="forecast", published=published))
    assert found["kind"].tolist() == ["revision"]
    assert found["status"].tolist() == [status]


def test_provisional_then_final_is_a_revision_naming_the_later_figure():
    found = between(company("a.txt", 10, 12.0e6, "12.0 mln dlrs", qualifier="provisional"),
                    company("b.txt", 10, 15.0e6, "15.0 mln dlrs", published="1987-04-01"))
    assert found["status"].tolist() == ["revised"]
    assert "15 million" in found["explanation"].iloc[0]


def test_facts_show_the_subject():
    facts, _ = cross_check(pd.DataFrame([company("a.txt", 10, 12.0e6, "12.0 mln dlrs"),
                                         company("b.txt", 10, 12.0e6, "12.0 mln dlrs")]))
    assert facts[["subject", "subject_id"]].values.tolist() == [["Oak Industries Inc", "oak"]]


@pytest.mark.parametrize("unsure", [["period", "subject"], "period+subject", "['period', 'subject']"])
def test_unsure_cells_in_any_table_format(unsure):
    found = between(company("a.txt", 10, 12.0e6, "12.0 mln dlrs", unsure=unsure),
                    company("b.txt", 10, 15.0e6, "15.0 mln dlrs"))
    assert found["status"].tolist() == ["unverifiable"]
    assert "the period and whose figure it is are inferred" in found["explanation"].iloc[0]


@pytest.mark.parametrize("second,status,cause", [
    (13.0e6, "conflict", "disagreement"), (23.0e6, "conflict", "disagreement"),
    (21.0e6, "conflict", "misprint_digits"),   # two digits swapped
    (25.0e6, "unverifiable", None), (37.0e6, "unverifiable", None), (-13.0e6, "unverifiable", None),
    (120.0e6, "conflict", "misprint_scale"),   # a power of ten off: thousands for millions
    (1.2e6, "conflict", "misprint_scale"),     # a shifted decimal point
    (-12.0e6, "conflict", "misprint_sign"),    # a loss printed as a profit
    (42.0e6, "conflict", "misprint_digits"),   # one digit changed, however far apart
])
def test_figures_far_apart_are_two_statistics_unless_one_is_a_misprint(second, status, cause):
    found = between(company("a.txt", 10, 12.0e6, "12.0 mln dlrs"),
                    company("b.txt", 10, second, f"{abs(second) / 1e6:.1f} mln dlrs"))
    assert found["status"].tolist() == [status]
    assert found["likely_cause"].tolist() == [cause]
    if status == "unverifiable":
        assert "apart" in found["explanation"].iloc[0] or "sign" in found["explanation"].iloc[0]
    if cause and cause.startswith("misprint"):
        assert "misprint" in found["explanation"].iloc[0]


def test_misprint_with_a_guessed_part_is_still_unverifiable():
    found = between(company("a.txt", 10, 12.0e6, "12.0 mln dlrs", unsure=["period"]),
                    company("b.txt", 10, -12.0e6, "12.0 mln dlrs"))
    assert found["status"].tolist() == ["unverifiable"]
    assert found["likely_cause"].isna().all()


def test_the_odd_one_out_of_three_reports_is_named():
    found = between(company("a.txt", 10, 12.0e6, "12.0 mln dlrs"),
                    company("b.txt", 10, 12.0e6, "12.0 mln dlrs", sentence="Another wording [b]"),
                    company("c.txt", 10, 15.0e6, "15.0 mln dlrs"))
    conflict = found[found["status"] == "conflict"]
    assert len(conflict) == 1
    assert "c.txt is the odd one out" in conflict["explanation"].iloc[0]


def test_a_figure_quoted_for_comparison_is_not_set_against_the_original():
    """January's surplus, first given as 622, is quoted a month later "from 679 mln in
    January": the earlier figure was most likely revised, not contradicted."""
    trade = dict(metric="current_account_balance", subject=None, subject_id=None, origin="KOR")
    original = company("a.txt", 10, 622e6, "622 mln dlrs", period="1987-01", **trade)
    sentence = "The surplus narrowed to 419 mln dlrs in February from 679 mln in January."
    current = company("b.txt", 40, 419e6, "419 mln dlrs", period="1987-02", sentence=sentence, **trade)
    quoted = company("b.txt", 70, 679e6, "679 mln", period="1987-01", sentence=sentence, **trade)
    _, checks = cross_check(pd.DataFrame([original, current, quoted]))
    found = checks[checks["claims"].map(lambda c: {"a.txt:10", "b.txt:70"} <= set(c))]
    assert found["status"].tolist() == ["unverifiable"]
    assert "quoted for comparison" in found["explanation"].iloc[0]
    assert "conflict" not in set(checks["status"])


def test_a_story_that_calls_its_figures_preliminary_is_a_vintage_doubt():
    early = company("a.txt", 10, 2.50e9, "2.50 billion dlrs", metric="exports", subject=None,
                    subject_id=None, origin="PER")
    note = company("a.txt", 90, 2.2e9, "2.2 billion dlrs", metric="imports", subject=None, subject_id=None,
                   origin="PER", sentence="The figures are preliminary central bank estimates, 2.2 billion.")
    later = company("b.txt", 10, 2.61e9, "2.61 billion dlrs", metric="exports", subject=None,
                    subject_id=None, origin="PER")
    _, checks = cross_check(pd.DataFrame([early, note, later]))
    found = checks[checks["claims"].map(lambda c: {"a.txt:10", "b.txt:10"} <= set(c))]
    assert found["status"].tolist() == ["unverifiable"]
    assert "provisional or preliminary" in found["explanation"].iloc[0]


def test_a_story_on_both_sides_of_a_disagreement_states_two_statistics():
    """K Mart's total sales rose 13.1 pct and comparable-store sales 8.2 pct: a story that
    gives both values is not a second source against itself."""
    total = company("a.txt", 10, 13.1, "13.1 pct", role="change", basis="year_ago", unit="%", kind="percent")
    comparable = company("a.txt", 60, 8.2, "8.2 pct", role="change", basis="year_ago", unit="%", kind="percent")
    copy = company("b.txt", 60, 8.2, "8.2 pct", role="change", basis="year_ago", unit="%", kind="percent")
    _, checks = cross_check(pd.DataFrame([total, comparable, copy]))
    found = checks[checks["claims"].map(lambda c: {"a.txt:10", "b.txt:60"} <= set(c))]
    assert found["status"].tolist() == ["unverifiable"]
    assert "gives both values" in found["explanation"].iloc[0]


def test_a_price_per_unit_is_never_compared_with_a_total():
    price = company("a.txt", 10, 71.0, "$71 a barrel", metric="exports", subject=None, subject_id=None,
                    origin="SAU", per="barrel")
    total = company("b.txt", 10, 75.0, "$75 million", metric="exports", subject=None, subject_id=None,
                    origin="SAU")
    facts, checks = cross_check(pd.DataFrame([price, total]))
    assert checks.empty
    assert sorted(facts["per"].fillna("-")) == ["-", "barrel"]


def test_a_far_off_misreading_in_one_story_does_not_hide_a_near_disagreement():
    """Ford Canada's 1986 net: 101.1 mln in the table, 101.9 mln in the later story, which
    also reads an overseas loss of 11.6 mln into the same key: the near pair conflicts."""
    table = company("a.txt", 10, 101.1e6, "101.1 mln")
    story = company("b.txt", 10, 101.9e6, "101.9 mln dlrs", published="1987-03-03")
    misread = company("b.txt", 90, -11.6e6, "11.6 mln dlrs", published="1987-03-03")
    _, checks = cross_check(pd.DataFrame([table, story, misread]))
    pair = checks[checks["claims"].map(lambda c: {"a.txt:10", "b.txt:10"} <= set(c))]
    assert pair["status"].tolist() == ["conflict"]
    assert "0.8%" in pair["explanation"].iloc[0]


def test_a_story_with_two_near_values_for_one_key_is_torn_even_outside_the_pair():
    """Heinz's story gives 55 cts and (the year-ago) 46 cts for one key: its 46 cts set
    against another story's 53 cts is no conflict, the key misses a distinction."""
    other = company("a.txt", 10, 0.53, "53 cts", metric="eps")
    current = company("b.txt", 500, 0.55, "55 cts", metric="eps", published="1987-03-05")
    year_ago = company("b.txt", 560, 0.46, "46 cts", metric="eps", published="1987-03-05")
    _, checks = cross_check(pd.DataFrame([other, current, year_ago]))
    assert "conflict" not in checks["status"].tolist()


@pytest.mark.parametrize("per", [None, "share"])
def test_earnings_per_share_with_or_without_a_share_is_one_statistic(per):
    found = between(company("a.txt", 10, 0.53, "53 cts", metric="eps"),
                    company("b.txt", 10, 0.53, "53 cts a share", metric="eps", per=per))
    assert found["status"].tolist() == ["consistent"]


@pytest.mark.parametrize("second_unsure,status", [
    (["unit"], "conflict"),              # both in the company's inferred currency, whatever it is
    (["unit", "subject"], "unverifiable"),
])
def test_one_subjects_inferred_currency_is_shared(second_unsure, status):
    found = between(company("a.txt", 10, 101.1e6, "101.1 mln", unit="CAD", unsure=["unit"]),
                    company("b.txt", 10, 101.9e6, "101.9 mln dlrs", unit="CAD", unsure=second_unsure))
    assert found["status"].tolist() == [status]


MINISTRY, BANK = "the Finance Ministry", "the Bank of Japan"


@pytest.mark.parametrize("first,second,status,sources", [
    ("its trade surplus hit a record 83 billion dlrs", "its surplus was a record 93 billion dlrs", "unverifiable",
     (MINISTRY, BANK)),
    ("a surplus of 83 billion dlrs on a customs-cleared basis", "a surplus of 93 billion dlrs", "unverifiable",
     (MINISTRY, MINISTRY)),
    ("a customs-cleared surplus of 83 billion dlrs", "a surplus of 93 billion dlrs on a customs basis",
     "conflict", (MINISTRY, BANK)),
    ("a surplus of 83 billion dlrs fob", "a surplus of 93 billion dlrs cif", "unverifiable", (MINISTRY, MINISTRY)),
    # one minister quoted twice, no basis stated: he counts it one way
    ("its trade surplus hit a record 83 billion dlrs", "its surplus was a record 93 billion dlrs", "conflict",
     ("Trade Minister Kenji Sato", "Sato")),
    # nobody named: anyone may count it any way
    ("its trade surplus hit a record 83 billion dlrs", "its surplus was a record 93 billion dlrs", "unverifiable",
     ("officials", "officials")),
])
def test_a_measure_counted_on_several_bases_conflicts_only_on_one_stated_basis(first, second, status, sources):
    trade = dict(metric="trade_balance", subject=None, subject_id=None, origin="JPN")
    found = between(company("a.txt", 10, 83e9, "83 billion dlrs", sentence=first, source=sources[0], **trade),
                    company("b.txt", 10, 93e9, "93 billion dlrs", sentence=second, source=sources[1], **trade))
    assert found["status"].tolist() == [status]
    if status == "unverifiable":
        assert "several bases" in found["explanation"].iloc[0]


@pytest.mark.parametrize("story_period,published,table_period", [
    ("1986-Q4", "1987-03-02", "1986-11/1987-01"),   # a January year: the quarter ended in January
    ("1986", "1987-03-02", "1986-02/1987-01"),
    ("1986-Q2", "1987-03-20", "1986-12/1987-02"),   # a September year: the 2nd quarter ends in February
])
def test_a_companys_quarter_in_a_story_meets_its_table_by_the_fiscal_calendar(story_period, published,
                                                                               table_period):
    year_start = {"1986-11/1987-01": "1986-02/1987-01", "1986-02/1987-01": "1986-02/1987-01",
                  "1986-12/1987-02": "1986-09/1987-02"}[table_period]
    table = company("a.txt", 10, 285e6, "285,000,000", period=table_period, published=published)
    year = company("a.txt", 90, 999e6, "999,000,000", period=year_start, published=published, metric="revenue")
    story = company("b.txt", 10, 285e6, "285 mln dlrs", period=story_period, published=published)
    facts, checks = cross_check(pd.DataFrame([table, year, story]))
    found = checks[checks["claims"].map(lambda c: {"a.txt:10", "b.txt:10"} <= set(c))]
    assert found["status"].tolist() == ["consistent"]
    merged = facts[facts["claims"].map(lambda c: "b.txt:10" in c)]
    assert merged["period"].tolist() == [table_period]


def test_a_moved_fiscal_period_never_makes_a_conflict():
    table = company("a.txt", 10, 285e6, "285,000,000", period="1986-11/1987-01")
    year = company("a.txt", 90, 999e6, "999,000,000", period="1986-02/1987-01", metric="revenue")
    story = company("b.txt", 10, 295e6, "295 mln dlrs", period="1986-Q4")
    _, checks = cross_check(pd.DataFrame([table, year, story]))
    assert checks["status"].tolist() == ["unverifiable"]
    assert checks["claims"].iloc[0] == ["a.txt:10", "b.txt:10"]
    assert "the period" in checks["explanation"].iloc[0]


@pytest.mark.parametrize("first,second,values,checks", [
    # "rose 2.1 billion dlrs to a seasonally adjusted ..." and "a 2.1 billion dlr jump"
    (dict(metric="money_supply_m1_sa"), dict(metric="money_supply_m1"), (2.1e9, 2.1e9), ["consistent"]),
    (dict(basis="year_ago"), dict(basis=None), (2.1e9, 2.1e9), ["consistent"]),
    # figures that differ across an unstated part are never set against each other
    (dict(metric="money_supply_m1_sa"), dict(metric="money_supply_m1"), (2.1e9, 2.5e9), []),
    # two stated bases are two statistics
    (dict(basis="year_ago"), dict(basis="previous_period"), (2.1e9, 2.1e9), []),
])
def test_agreement_across_a_part_one_story_leaves_unstated(first, second, values, checks):
    change = dict(role="change", subject=None, subject_id=None, origin="USA", metric="money_supply_m1",
                  basis="previous_period", period="1987-W08")
    found = between(company("a.txt", 10, values[0], "2.1 billion", **{**change, **first}),
                    company("b.txt", 10, values[1], "2.1 billion", **{**change, **second}))
    assert (found["status"].tolist() if len(found) else []) == checks
    if checks:
        assert "does not say" in found["explanation"].iloc[0]


@pytest.mark.parametrize("second_published,second_value,status", [
    ("1987-03-18", 0.415, "consistent"),     # the next day's story gives the same dividend
    ("1987-03-18", 0.60, "unverifiable"),    # a period-less figure never makes a conflict
    ("1987-06-18", 0.415, None),             # another month: not the same declaration
])
def test_a_companys_undated_figure_is_read_as_of_its_storys_month(second_published, second_value, status):
    first = company("a.txt", 10, 0.415, "41.5 cts", metric="dividend", period=None, published="1987-03-17")
    second = company("b.txt", 10, second_value, f"{second_value * 100:g} cts", metric="dividend",
                     period=None, published=second_published)
    found = between(first, second)
    assert list(found.get("status", [])) == ([status] if status else [])


def test_an_undated_figure_of_no_company_stays_unchecked():
    rows = [company(a, 10, 0.415, "41.5 cts", metric="dividend", period=None, subject_id=None, subject=None)
            for a in ("a.txt", "b.txt")]
    assert len(between(*rows)) == 0


def test_an_undated_flow_of_a_company_stays_unchecked():
    rows = [company(a, 10, 36.15e6, "36.15 mln", period=None, published="1987-03-17") for a in ("a.txt", "b.txt")]
    assert len(between(*rows)) == 0  # net income over an unknown period is not the story's month


def test_an_undated_figure_says_as_of_its_storys_month():
    rows = [company(a, 10, 0.415, "41.5 cts", metric="dividend", period=None, published="1987-03-17")
            for a in ("a.txt", "b.txt")]
    assert "dividend as of 1987-03" in between(*rows)["statistic"].iloc[0]


def test_an_undated_figure_after_vs_is_the_earlier_one_not_the_storys():
    sentence = "Qtly div 14 cts vs 19 cts prior"
    rows = [company("a.txt", 10, 0.14, "14 cts", metric="dividend", period=None, sentence=sentence),
            company("a.txt", 20, 0.19, "19 cts", metric="dividend", period=None, sentence=sentence),
            company("b.txt", 10, 0.14, "14 cts", metric="dividend", period=None, sentence="Qtly div 14 cts")]
    found = between(rows[0], rows[2])
    assert found["status"].tolist() == ["consistent"]
    facts, checks = cross_check(pd.DataFrame(rows))
    assert not any("a.txt:20" in c for c in checks["claims"])  # 19 cts prior stays unchecked


@pytest.mark.parametrize("second,second_text,status", [
    (10.0, "up to 10 pct", "consistent"),       # the same bound twice: they agree
    (60.0, "as much as 60 pct", "unverifiable"),  # two different bounds: compatible, not one figure
])
def test_bounds_that_differ_do_not_agree(second, second_text, status):
    common = dict(kind="percent", unit="%", metric="market_share", qualifier="less_than")
    found = between(company("a.txt", 10, 10.0, "up to 10 pct", **common),
                    company("b.txt", 10, second, second_text, **common))
    assert found["status"].tolist() == [status]


def test_a_later_storys_year_ago_figure_that_differs_is_restated():
    sentence = "Net income rose to 15.0 mln dlrs in 1987 from 13.0 mln dlrs in 1986 [b.txt]"
    _, checks = cross_check(pd.DataFrame([
        company("a.txt", 10, 12.0e6, "12.0 mln dlrs"),
        company("b.txt", 40, 13.0e6, "13.0 mln dlrs", published="1988-03-01", sentence=sentence),
        company("b.txt", 10, 15.0e6, "15.0 mln dlrs", published="1988-03-01", period="1987",
                sentence=sentence)]))
    found = checks[checks["claims"].map(lambda c: {"a.txt:10", "b.txt:40"} <= set(c))]
    assert found["status"].tolist() == ["conflict"]
    assert found["likely_cause"].tolist() == ["restated"]
    assert "restated or misprinted" in found["explanation"].iloc[0]


@pytest.mark.parametrize("qualifier,text,value,status", [
    # inside the bound: no contradiction, but no agreement of reports either (a threshold
    # beside an actual figure reads the same way)
    ("more_than", "more than 90 pct", 90.0, "unverifiable"),
    ("less_than", "less than 95 pct", 95.0, "unverifiable"),
    ("more_than", "more than 95 pct", 95.0, "conflict"),     # 92 lies outside "more than 95"
])
def test_a_bound_against_a_figure_inside_it_never_conflicts(qualifier, text, value, status):
    common = dict(kind="percent", unit="%", metric="market_share")
    found = between(company("a.txt", 10, 92.0, "92 pct", **common),
                    company("b.txt", 10, value, text, qualifier=qualifier, **common))
    assert found["status"].tolist() == [status]


def test_a_profit_whose_sentence_speaks_of_a_loss_is_no_sign_misprint():
    found = between(company("a.txt", 10, -12.0e6, "12.0 mln dlrs"),
                    company("b.txt", 10, 12.0e6, "12.0 mln dlrs",
                            sentence="It reported a loss for the year of 12.0 mln dlrs against a profit [b]"))
    assert found["status"].tolist() == ["unverifiable"]
    assert "sign may be misread" in found["explanation"].iloc[0]


@pytest.mark.parametrize("vague,status", [
    (dict(value=55e6, low=10e6, high=100e6, text="tens of millions of dollars", qualifier="approx"), "unverifiable"),
    (dict(value=137500.0, low=25000.0, high=250000.0, text="$25,000 to $250,000"), "unverifiable"),
    (dict(value=100e3, text="up to $100,000", qualifier="less_than"), "unverifiable"),
])
def test_vague_amounts_and_bounds_are_never_a_rounding(vague, status):
    fields = {k: v for k, v in vague.items() if k != "text"}
    found = between(company("a.txt", 10, 40000.0, "$40,000"),
                    company("b.txt", 10, text=vague["text"], **fields))
    assert found["status"].tolist() == [status]
    assert found["kind"].tolist() == ["agreement"]
    assert "rounded" not in found["explanation"].iloc[0]


@pytest.mark.parametrize("sentence,period,reason", [
    ("So far today, the bank has given the market assistance worth 12.0 mln dlrs [b]", "1986", "running total"),
    ("The company reported full-year domestic sales of 15.0 mln dlrs [b]", "1986-Q4", "full year"),
])
def test_a_sentence_that_says_otherwise_keeps_a_disagreement_unverifiable(sentence, period, reason):
    found = between(company("a.txt", 10, 12.5e6, "12.5 mln dlrs", period=period),
                    company("b.txt", 10, 15.0e6, "15.0 mln dlrs", period=period, sentence=sentence))
    assert found["status"].tolist() == ["unverifiable"]
    assert reason in found["explanation"].iloc[0]


def _table_issue(article: str, year_ago: str, value: float, published: str = "1987-03-16",
                 unsure: object = "period", **fields) -> list[dict]:
    """One issue of a company's quarterly table: this quarter's and the year-ago loss per
    share, their fiscal quarter read from the title ("2ND QTR", no year), so unsure."""
    sentence = (f"ACME TOOL CORP <ACME> 2ND QTR NET\n\nShr profit 10 cts vs loss {year_ago}\n"
                "    Net profit 687,000 vs loss 14.5 mln")
    common = dict(metric="eps", subject="Acme Tool Corp", subject_id="ACME", sentence=sentence,
                  published=published, unsure=unsure)
    common.update(fields)
    return [company(article, 60, 0.10, "10 cts", period="1987-Q1", **common),
            company(article, 70, value, year_ago, period="1986-Q1", **common)]


@pytest.mark.parametrize("first,second,one", [
    ("Trade Minister Woong-Bae Rha", "Rha", True),
    ("the OECD", "OECD", True),
    ("the Finance Ministry", "the Trade Ministry", False),
    ("Rha", "Chun", False),
    ("officials", "officials", False),   # unnamed: anyone
    (None, "Rha", False),
    ("the national statistics institute", "the national statistics institute", False),
])
def test_two_sources_are_one_when_one_name_ends_the_other(first, second, one):
    assert one_speaker([speaker(first), speaker(second)]) is one


@pytest.mark.parametrize("second,status,cause", [
    # the same table sent twice the same day: cents for dollars in one issue
    (dict(year_ago="2.20 cts", value=-0.022), "conflict", "misprint_scale"),
    # one digit changed in the second issue
    (dict(year_ago="3.20 dlrs", value=-3.2), "conflict", "misprint_digits"),
    # copies that differ by no misprint may be an update (a later take, a running total)
    (dict(year_ago="2.60 dlrs", value=-2.6), "unverifiable", None),
    # a bare number took its scale from nkextract's reading ("Revs 194.3 m ln")
    (dict(year_ago="2.20", value=-0.022), "unverifiable", None),
    # the second issue a week later: its quarter was read from another date
    (dict(year_ago="2.20 cts", value=-0.022, published="1987-03-23"), "unverifiable", None),
    # its quarter stated, the first issue's inferred: not inferred alike
    (dict(year_ago="2.20 cts", value=-0.022, unsure=""), "unverifiable", None),
])
def test_two_issues_of_one_table_that_differ_are_a_misprint(second, status, cause):
    rows = _table_issue("a.txt", "2.20 dlrs", -2.2) + _table_issue("b.txt", **second)
    found = between(rows[1], rows[3])
    assert found["status"].tolist() == [status]
    assert found["likely_cause"].fillna("-").tolist() == [cause or "-"]


def test_two_far_apart_losses_in_one_story_do_not_tear_it():
    """A story's 12.0 mln loss and its 0.5 mln loss are two statistics plainly (24 times
    apart), so its 12.0 mln still conflicts with another story's 15.0 mln loss."""
    table = company("a.txt", 10, -12.0e6, "12.0 mln")
    far = company("a.txt", 90, -0.5e6, "500,000 dlrs")
    story = company("b.txt", 10, -15.0e6, "15.0 mln dlrs", published="1987-03-03")
    _, checks = cross_check(pd.DataFrame([table, far, story]))
    pair = checks[checks["claims"].map(lambda c: {"a.txt:10", "b.txt:10"} <= set(c))]
    assert pair["status"].tolist() == ["conflict"]
