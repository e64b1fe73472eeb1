"""Periods and bases of claims: earnings tables and their notes, fiscal periods, compared
figures, forecasts. Each row is an invented story, its publication date, the figure as
written, and the period (and basis) its claim must have.
"""
from __future__ import annotations

import pytest

from tests.test_claims import claim_for

#: Earnings tables: a section's length ends at the month the table states anywhere (its
#: headline, a section line, its note); a note's figure takes the period its words name.
TABLE_PERIODS = [
    # a section line naming its length and its end past "period ended"
    ("ZENITH BANK LTD 1ST QTR JAN 31 NET\n\nShr 12 cts vs 10 cts\n    YEAR - period ended October 31, 1986\n"
     "    Shr 55 cts vs 41 cts\n", "1987-03-10", "55 cts", "1985-11/1986-10"),
    ("ZENITH BANK LTD 1ST QTR JAN 31 NET\n\nShr 12 cts vs 10 cts\n    YEAR - period ended October 31, 1986\n"
     "    Shr 55 cts vs 41 cts\n", "1987-03-10", "41 cts", "1984-11/1985-10"),
    # "Qtr ends Jan 31" above the quarter's rows ends the "Six mths" below them too
    ("PELICAN INDUSTRIES INC <PLC> 2ND QTR\n\nQtr ends Jan 31\n    Shr 20 cts vs 15 cts\n    Six mths\n"
     "    Shr 38 cts vs 29 cts\n", "1987-03-10", "38 cts", "1986-08/1987-01"),
    # "QT" is a quarter in a headline
    ("ORBIT SYSTEMS INC <ORB> 3RD QT JAN 31 LOSS\n\nShr loss 40 cts vs profit six cts\n    Nine mths\n"
     "    Shr loss 90 cts vs profit 12 cts\n", "1987-03-10", "40 cts", "1986-11/1987-01"),
    # a note about the year before: its figures are a year earlier
    ("PELICAN INDUSTRIES INC <PLC> 2ND QTR\n\nQtr ends Jan 31\n    Shr 20 cts vs 15 cts\n    Six mths\n"
     "    Shr 38 cts vs 29 cts\n    NOTE: Prior year excludes gains of four cts per share in the quarter "
     "and nine cts per share in the year.\n", "1987-03-10", "nine cts", "1985-08/1986-01"),
    # a numbered quarter in a note
    ("HERON CORP <HRN> 3RD QTR DEC 31 NET\n\nShr 50 cts vs 40 cts\n    Nine mths\n    Shr 1.50 dlrs vs 1.20 dlrs\n"
     "    Note: includes gains of 300,000 dlrs vs 200,000 dlrs in 3rd qtr and 900,000 dlrs vs 500,000 dlrs "
     "in nine mths.\n", "1987-02-10", "900,000 dlrs", "1986-04/1986-12"),
    # a note opening with a fiscal year's period: the table's period of that length, that year
    ("ZENITH BANK LTD 1ST QTR JAN 31 NET\n\nShr 12 cts vs 10 cts\n    YEAR - period ended October 31, 1986\n"
     "    Shr 55 cts vs 41 cts\n    Note: 1987 1st qtr net excludes an extraordinary gain of 1.5 mln dlrs.\n"
     "    1986 yr net excludes an extraordinary loss of 9.2 mln dlrs.\n", "1987-03-10", "1.5 mln dlrs",
     "1986-11/1987-01"),
    ("ZENITH BANK LTD 1ST QTR JAN 31 NET\n\nShr 12 cts vs 10 cts\n    YEAR - period ended October 31, 1986\n"
     "    Shr 55 cts vs 41 cts\n    Note: 1987 1st qtr net excludes an extraordinary gain of 1.5 mln dlrs.\n"
     "    1986 yr net excludes an extraordinary loss of 9.2 mln dlrs.\n", "1987-03-10", "9.2 mln dlrs",
     "1985-11/1986-10"),
]


TABLE_PERIODS += [
    # a note's sentence about the year before: its quarter and year are the year before's
    ("HERON CORP <HRN> 4TH QTR NET\n\nShr 50 cts vs 40 cts\n    Year\n    Shr 1.50 dlrs vs 1.20 dlrs\n"
     "    NOTE: 1986 net for the quarter and year excludes losses of 120,000 dlrs in the quarter and "
     "410,000 dlrs in the year.\n    1985 net for the quarter and year includes gains of 2.3 mln dlrs in "
     "the quarter and 3.1 mln dlrs in the year.\n", "1987-02-10", "2.3 mln dlrs", "1985-Q4"),
    ("HERON CORP <HRN> 4TH QTR NET\n\nShr 50 cts vs 40 cts\n    Year\n    Shr 1.50 dlrs vs 1.20 dlrs\n"
     "    NOTE: 1986 net for the quarter and year excludes losses of 120,000 dlrs in the quarter and "
     "410,000 dlrs in the year.\n    1985 net for the quarter and year includes gains of 2.3 mln dlrs in "
     "the quarter and 3.1 mln dlrs in the year.\n", "1987-02-10", "410,000 dlrs", "1986"),
    # a period then its fiscal year: "Nine months 1987 period includes ..."
    ("ORBIT SYSTEMS INC <ORB> 3RD QTR JAN 31 NET\n\nShr 10 cts vs 12 cts\n    Nine mths\n"
     "    Shr 30 cts vs 28 cts\n    NOTE: Nine months 1987 period includes a gain of 95,000 dlrs. "
     "1986 nine months period includes a gain of 81,000 dlrs.\n", "1987-03-10", "95,000 dlrs",
     "1986-05/1987-01"),
    ("ORBIT SYSTEMS INC <ORB> 3RD QTR JAN 31 NET\n\nShr 10 cts vs 12 cts\n    Nine mths\n"
     "    Shr 30 cts vs 28 cts\n    NOTE: Nine months 1987 period includes a gain of 95,000 dlrs. "
     "1986 nine months period includes a gain of 81,000 dlrs.\n", "1987-03-10", "81,000 dlrs",
     "1985-05/1986-01"),
]


@pytest.mark.parametrize("text,published,figure,period", TABLE_PERIODS)
def test_table_periods(nlp, text, published, figure, period):
    assert claim_for(nlp, text, figure, published=published).period == period


#: A date when an issue falls due is one of its terms, not the period of its figures.
MATURITIES = [
    ("Acme Corp said it sold 75 mln dlrs of 9.5 pct notes due 1995 through Smith Securities.", "75 mln dlrs"),
    ("Acme Corp said it sold 75 mln dlrs of 9.5 pct notes due 1995 through Smith Securities.", "9.5 pct"),
    ("Beta Finance is issuing 40 mln stg of bonds maturing June 30, 1994 with a 10-1/4 pct coupon.",
     "10-1/4 pct"),
]


@pytest.mark.parametrize("text,figure", MATURITIES)
def test_a_maturity_is_no_period(nlp, text, figure):
    claim = claim_for(nlp, text, figure, published="1987-03-10")
    assert claim.period is None and claim.value is not None


#: "The week ended <day>" is the seven days up to that day (a statement week), and a change
#: within a week or on a day is on the one before.
STATEMENT_WEEKS = [
    ("Consumer credit at the 12 large Chicago banks rose 210 mln dlrs to 31.4 billion in the week "
     "ended March 11, the Federal Reserve said.", "210 mln dlrs", "1987-03-05/1987-03-11", "previous_period"),
    ("Bankers acceptances outstanding fell 45 mln dlrs in the week ending Wednesday, March 4, "
     "the Fed said.", "45 mln dlrs", "1987-02-26/1987-03-04", "previous_period"),
]


STATEMENT_WEEKS += [
    ("Ruritanian M-1 money supply rose 1.3 billion crowns in the March 2 week, the central bank said.",
     "1.3 billion", "1987-02-24/1987-03-02", "previous_period"),
    ("M-1 money supply rose 2.1 billion dlrs in the week to March nine, the Fed said.",  # a day in words
     "2.1 billion dlrs", "1987-03-03/1987-03-09", "previous_period"),
]


@pytest.mark.parametrize("text,figure,period,basis", STATEMENT_WEEKS)
def test_statement_weeks(nlp, text, figure, period, basis):
    claim = claim_for(nlp, text, figure, published="1987-03-16")
    assert (claim.period, claim.basis) == (period, basis)


@pytest.mark.parametrize("week,month,day,period", [
    ("1987-W08", 2, 18, "1987-02-12/1987-02-18"), ("1987-W01", 1, 1, "1986-12-26/1987-01-01"),
    ("1987-W08", 3, 30, None), ("1987-Q1", 2, 18, None),
])
def test_statement_week(week, month, day, period):
    from nkextract.text.periods import statement_week
    assert statement_week(week, month, day) == period


#: A fiscal year written across two years ("1987/88") is the twelve months to the month the
#: story says its year ends, else the month its country's fiscal year ends; a count's own
#: date ("from 410,000 in 1985") and "now" belong to the compared figure.
FISCAL_AND_COMPARED = [
    ("Spending by Ruritanian firms should rise 12 pct in 1987/88 ending June after a two pct fall in "
     "1986/87, a survey said.", "12 pct", "1987-07/1988-06"),
    ("Spending by Ruritanian firms should rise 12 pct in 1987/88 ending June after a two pct fall in "
     "1986/87, a survey said.", "two pct", "1986-07/1987-06"),
    ("Japan's public works spending will rise 8 pct in 1987/88, the ministry said.", "8 pct", "1987-04/1988-03"),
    ("Truck output would climb to 900,000 units in 1989 from 410,000 in 1985 and parts output would "
     "rise 22 pct.", "22 pct", "1989"),
    ("The jobless rate is likely to reach five pct in 1990 from four pct now, the agency said.",
     "four pct", "PRESENT_REF"),
]


@pytest.mark.parametrize("text,figure,period", FISCAL_AND_COMPARED)
def test_fiscal_years_and_compared_dates(nlp, text, figure, period):
    assert claim_for(nlp, text, figure, published="1987-03-12").period == period


#: A part of the story's day ("in the morning session") dates a market report's figures that
#: day, and the figures after it carry it.
DAY_PARTS = [
    ("The central bank said it provided 35 mln crowns help to the money market in the morning session.\n"
     "    It bought bills comprising 12 mln crowns at an interest rate of 8-1/4 pct.", "35 mln crowns", "1987-03-05"),
    ("The central bank said it provided 35 mln crowns help to the money market in the morning session.\n"
     "    It bought bills comprising 12 mln crowns at an interest rate of 8-1/4 pct.", "8-1/4 pct", "1987-03-05"),
]


@pytest.mark.parametrize("text,figure,period", DAY_PARTS)
def test_day_parts_date_a_market_report(nlp, text, figure, period):
    assert claim_for(nlp, text, figure, published="1987-03-05").period == period


#: A time phrase after a level, not opened by a comparison word, dates it as the earlier one.
EARLIER_LEVELS = [
    ("Acme Corp said it expects 1987 second quarter profits to be well above the 8.1 mln dlrs or 31 cts "
     "a share earned in the same period a year ago.", "8.1 mln dlrs", "1986-Q2"),
    ("Acme Corp said it expects 1987 second quarter profits to be well above the 8.1 mln dlrs or 31 cts "
     "a share earned in the same period a year ago.", "31 cts", "1986-Q2"),
    ("Acme Corp said its 1987 second quarter profit rose to 9.4 mln dlrs from 8.1 mln dlrs a year ago.",
     "9.4 mln dlrs", "1987-Q2"),
]


@pytest.mark.parametrize("text,figure,period", EARLIER_LEVELS)
def test_a_time_phrase_after_a_level_dates_it(nlp, text, figure, period):
    assert claim_for(nlp, text, figure, published="1987-06-05").period == period


#: A headline figure with no date restates the body's figure of the same value.
HEADLINES = [
    ("RURITANIA MONEY MARKET GIVEN 48 MLN CROWNS HELP\n\nThe central bank said it provided 48 mln crowns "
     "help to the money market in the morning session.\n", "48 MLN CROWNS", "1987-03-05"),
    ("RURITANIAN EXPORTS RISE 4.2 PCT\n\nRuritania's exports rose 4.2 pct in February from January, "
     "the statistics office said.\n", "4.2 PCT", "1987-02"),
]


@pytest.mark.parametrize("text,figure,period", HEADLINES)
def test_a_headline_figure_restates_the_body(nlp, text, figure, period):
    assert claim_for(nlp, text, figure, published="1987-03-05").period == period


#: "The two months of January and February" is one run of months; a multi-month period
#: carries to the next sentence that continues it.
MULTI_MONTH = [
    ("Ruritania's current account in the two months of January and February swung to a surplus of "
     "1.4 billion dlrs from a deficit of 310 mln dlrs in the same 1986 period.", "1.4 billion dlrs",
     "1987-01/1987-02"),
    ("Ruritania's current account in the two months of January and February swung to a surplus of "
     "1.4 billion dlrs from a deficit of 310 mln dlrs in the same 1986 period.", "310 mln dlrs",
     "1986-01/1986-02"),
    ("Ruritania's exports rose 5.1 pct to 2.1 billion dlrs in February from January.\n    In the first "
     "three months of the year, the surplus was 1.2 billion dlrs. Imports were 3.8 billion dlrs.",
     "3.8 billion dlrs", "1987-01/1987-03"),
]


@pytest.mark.parametrize("text,figure,period", MULTI_MONTH)
def test_multi_month_periods(nlp, text, figure, period):
    assert claim_for(nlp, text, figure, published="1987-04-20").period == period


#: A year to date runs from the first month of the (fiscal) year to the story's month; a
#: compared figure dated only by the year before is the same part of that year.
YEAR_TO_DATE = [
    ("U.S. BUDGET DEFICIT 20.1 BILLION DLRS IN FEB\n\nThe U.S. budget was in deficit 20.1 billion dlrs "
     "in February, the Treasury said. For the fiscal year to date, the budget was in deficit by 80.5 "
     "billion dlrs, compared with 90.2 billion dlrs in the previous fiscal year.", "80.5", "1986-10/1987-02"),
    ("U.S. BUDGET DEFICIT 20.1 BILLION DLRS IN FEB\n\nThe U.S. budget was in deficit 20.1 billion dlrs "
     "in February, the Treasury said. For the fiscal year to date, the budget was in deficit by 80.5 "
     "billion dlrs, compared with 90.2 billion dlrs in the previous fiscal year.", "90.2", "1985-10/1986-02"),
    ("Ruritania's car sales rose to 41,000 units in February. Sales so far this year were worth 1.9 "
     "billion crowns.", "1.9", "1987-01/1987-02"),
    ("Ruritania's exports were 5.1 billion crowns in January against 4.2 billion crowns last year.",
     "4.2 billion", "1986-01"),
]


@pytest.mark.parametrize("text,figure,period", YEAR_TO_DATE)
def test_year_to_date(nlp, text, figure, period):
    assert claim_for(nlp, text, figure, published="1987-03-20").period == period


#: A date after a comparison word is a change's basis, not its period.
CHANGE_BASES = [
    ("Ruritania's demand for cotton in 1986 rose 10.9 pct over 1985, the paper said.", "10.9 pct", "1986", "1985"),
    ("Ruritania's car sales in 1986 fell 3.2 pct from 1985 levels.", "3.2 pct", "1986", "1985"),
]


@pytest.mark.parametrize("text,figure,period,basis", CHANGE_BASES)
def test_a_date_after_a_comparison_word_is_the_basis(nlp, text, figure, period, basis):
    claim = claim_for(nlp, text, figure, published="1987-03-20")
    assert (claim.period, claim.basis) == (period, basis)


#: A quarter named again after the story stated it by its end is the stated (fiscal) quarter.
FISCAL_QUARTERS = [
    ("Acme Bank Canada said net profit rose to 2,100,000 dlrs for the first quarter ended January 31 "
     "from 800,000 dlrs a year earlier.\n    Loan loss provisions also rose in the first quarter to "
     "4,200,000 dlrs, the bank said.", "4,200,000", "1986-11/1987-01"),
    ("Acme Corp said its sales rose 8 pct in the first quarter to 2.1 billion dlrs.", "2.1 billion", "1987-Q1"),
]


#: A level stated at a year end ("at 1986 year end") is dated that day; a dividend declared in
#: a results table is no figure of the table's period.
FISCAL_QUARTERS += [
    ("Acme Bank said its loans to Ruritania at 1986 year end totaled 310 mln dlrs.", "310 mln dlrs",
     "1986-12-31"),
    ("HERON REALTY TRUST <HRT> 3RD QTR FEB 28 NET\n\nShr 20 cts vs 18 cts\n    Qtly div 15 cts vs 14 cts prior\n"
     "    Net 1,200,000 vs 1,100,000\n", "15 cts", None),
]


@pytest.mark.parametrize("text,figure,period", FISCAL_QUARTERS)
def test_a_quarter_named_again_is_the_stated_one(nlp, text, figure, period):
    assert claim_for(nlp, text, figure, published="1987-04-06").period == period


#: "In the same February period", "the same 1986 period": the story's period moved to the
#: month or year named; a number after a comparison word keeps its own time phrase.
SAME_PERIODS = [
    ("Ruritania's trade surplus fell to 1.2 billion dlrs in the first 10 days of March, the ministry said.\n"
     "    The March interim surplus compared with a 1.05 billion dlr surplus in the same February period.",
     "1.05 billion", "1987-02-01/1987-02-10"),
    ("Acme Corp said its net income rose to 5.1 mln dlrs in the first quarter.\n    This compared with "
     "4.2 mln dlrs in the same 1986 period.", "4.2 mln", "1986-Q1"),
    ("The average rate used for the statistics was 150.25 crowns against 181.10 a year earlier.",
     "150.25 crowns", "1987-03-01/1987-03-10"),
]


@pytest.mark.parametrize("text,figure,period", SAME_PERIODS)
def test_the_same_period_named(nlp, text, figure, period):
    lead = "Ruritania's exports rose to 3.2 billion crowns in the first 10 days of March.\n    "
    text = text if "150.25" not in text else lead + text
    assert claim_for(nlp, text, figure, published="1987-03-20").period == period


#: A level whose only date comes after a comparison word before it ("unchanged from January
#: at 507 mln") takes the story's period; the date is what it is set against.
def test_a_date_after_from_before_a_level_is_not_its_period(nlp):
    text = ("Ruritania's reserves rose to 16.1 billion crowns in February from 15.7 billion crowns in "
            "January.\n    The IMF position was unchanged from January at 410 mln crowns but was above the "
            "380 mln crowns in February a year ago.")
    assert claim_for(nlp, text, "410 mln", published="1987-03-16").period == "1987-02"
    assert claim_for(nlp, text, "380 mln", published="1987-03-16").period == "1986-02"


#: A forecast's target is the day its sentence names when it names no period; the figure it
#: is set against, with no date of its own, is where it stands now.
FORECAST_DAYS = [
    ("From April 1, dealers predict the call rate will fall to 3.25 pct from 3.50 pct.", "3.25 pct", "1987-04-01"),
    ("From April 1, dealers predict the call rate will fall to 3.25 pct from 3.50 pct.", "3.50 pct", "PRESENT_REF"),
    ("From April 1, dealers predict the call rate will fall to 3.25 pct from 3.50 pct today.", "3.50 pct",
     "1987-03-19"),
]


@pytest.mark.parametrize("text,figure,period", FORECAST_DAYS)
def test_forecast_days(nlp, text, figure, period):
    assert claim_for(nlp, text, figure, published="1987-03-19").period == period


#: A country's rate for a month with no basis phrase keeps no basis: wire copy gives it on
#: the month before and on the year before alike, and a guess keeps two reports apart.
def test_a_monthly_rate_with_no_basis_phrase_is_not_given_one(nlp):
    text = "Ruritanian inflation slowed in February to 0.3 pct against 0.8 pct in January, the institute said."
    claim = claim_for(nlp, text, "0.3 pct", published="1987-03-10")
    assert (claim.period, claim.basis) == ("1987-02", None)


#: A date after a comparison word is no other figure's period either, and a change of the
#: sentence with no basis of its own is measured against it.
def test_a_compared_date_is_the_basis_of_the_sentence(nlp):
    text = ("Ruritania's 1986 surplus on oil trade was 3.1 billion crowns lower than in 1985, while the "
            "deficit on non-oil trade increased by 1.4 billion crowns.")
    for figure in ("3.1 billion", "1.4 billion"):
        claim = claim_for(nlp, text, figure, published="1987-03-10")
        assert (claim.period, claim.basis) == ("1986", "1985")


#: Fiscal quarters named again, a year back ("in the second fiscal quarter last year"), and a
#: note's period with its fiscal year ("in the third quarter fiscal 1986").
FISCAL_NAMED = [
    ("Acme Systems Inc said it expects higher earnings in its second fiscal quarter ending March 31.\n"
     "    In the second fiscal quarter last year, Acme earned 4,100,000 dlrs.", "1987-03-05", "4,100,000",
     "1986-Q1"),
    ("ORBIT SYSTEMS INC <ORB> 3RD QTR NET\n\nQtr ends Jan 31\n    Shr 10 cts vs 12 cts\n    Nine mths\n"
     "    Shr 30 cts vs 28 cts\n    NOTE: Excludes a gain of 30,500 dlrs in the third quarter fiscal 1986.\n",
     "1987-03-10", "30,500", "1985-11/1986-01"),
]


@pytest.mark.parametrize("text,published,figure,period", FISCAL_NAMED)
def test_fiscal_periods_named(nlp, text, published, figure, period):
    assert claim_for(nlp, text, figure, published=published).period == period


#: A change read in the next sentence of a weekly report keeps the week, not the day its
#: level stands at, and is on the week before.
def test_a_weekly_change_carries_the_week(nlp):
    text = ("Business loans at major Ruritanian banks fell 120 mln crowns to 41.2 billion in the week ended "
            "March 11, the central bank said.\n    Including acceptances, loans declined 80 mln crowns to "
            "42.0 billion.")
    claim = claim_for(nlp, text, "80 mln", published="1987-03-16")
    assert claim.period in ("1987-03-05/1987-03-11", "1987-03-11") and claim.basis == "previous_period"


#: A basis phrase, a measure's noun phrase and "of" before a level date it as the earlier one.
def test_a_year_ago_measure_of_a_figure(nlp):
    text = ("HERON CORP <HRN> YEAR NET\n\nShr 81 cts vs 2.10 dlrs\n    Note: 1986 net includes a 1.40 dlr shr "
            "writedown vs yr-ago extraordinary loss of 19 cts shr.\n")
    assert claim_for(nlp, text, "19 cts", published="1987-03-02").period == "1985"


#: A header line "Periods end January 31, 1987 and 1986" ends the table's periods; a note's
#: "for qtr", "for 12 mths" name the table's periods as "in quarter" does.
TABLE_HEADERS = [
    ("QUILL SOFTWARE <QSW> 1ST QTR NET\n\nPeriods end January 31, 1987 and 1986\n    Shr 12 cts vs nine cts\n"
     "    Net 507,000 vs 362,000\n", "1987-03-04", "12 cts", "1986-11/1987-01"),
    ("HERON CORP <HRN> 4TH QTR NET\n\nShr 50 cts vs 40 cts\n    Year\n    Shr 1.50 dlrs vs 1.20 dlrs\n"
     "    Oper net excludes gains of 875,000 dlrs vs 284,000 dlrs for qtr and 1,053,000 dlrs vs 462,000 dlrs "
     "for 12 mths.\n", "1987-03-04", "875,000", "1986-Q4"),
    ("HERON CORP <HRN> 4TH QTR NET\n\nShr 50 cts vs 40 cts\n    Year\n    Shr 1.50 dlrs vs 1.20 dlrs\n"
     "    Oper net excludes gains of 875,000 dlrs vs 284,000 dlrs for qtr and 1,053,000 dlrs vs 462,000 dlrs "
     "for 12 mths.\n", "1987-03-04", "462,000", "1985"),
]


@pytest.mark.parametrize("text,published,figure,period", TABLE_HEADERS)
def test_table_headers_and_note_phrases(nlp, text, published, figure, period):
    assert claim_for(nlp, text, figure, published=published).period == period


#: Figures set against something named in words ("These rates compared with averages of ...
#: sold last week") do not give the story its period.
def test_compared_figures_do_not_date_the_story(nlp):
    text = ("The Treasury said its weekly auction of three-month bills produced an average rate of 5.63 pct.\n"
            "    These rates compared with averages of 5.47 pct for the three- and 5.51 pct for the six-month "
            "bills sold last week.\n    The bond-equivalent yield on three-month bills was 5.81 pct.")
    assert claim_for(nlp, text, "5.51 pct", published="1987-03-09").period == "1987-W10"
    assert claim_for(nlp, text, "5.81 pct", published="1987-03-09").period != "1987-W10"


#: A day opening the sentence dates its figures when the sentence names no period.
def test_a_day_before_the_figures_dates_them(nlp):
    text = ("Acme Corp earned 4.1 mln dlrs in 1986.\n    Under a February 21 agreement, Acme agreed to buy "
            "the shares held by Smith at 24 dlrs a share, or 62.4 mln dlrs.")
    assert claim_for(nlp, text, "62.4 mln", published="1987-03-13").period == "1987-02-21"


#: A figure a revision replaces is of the same period.
def test_a_revised_figure_is_of_the_same_period(nlp):
    text = ("An official added retail turnover had risen by 6.2 pct in December compared with the year-ago "
            "month, a slight upward revision from the 6.0 pct increase provisionally posted.")
    assert claim_for(nlp, text, "6.0 pct", published="1987-03-13").period == "1986-12"


#: A headline naming the year after the company ("<RRR> 1986 NET") is the year's results, and a
#: row whose label the lexicon does not know ("Other income 52.75 mln vs 15.22 mln") is still a
#: row of the table: the current column, then the year-ago one.
UNKNOWN_ROWS = [
    ("RURITANIA METALS LTD <RRM.S> 1986 NET\n\nNet profit 57.1 mln dlrs vs loss 69.1 mln.\n"
     "    Other income 52.75 mln vs 15.22 mln\n", "57.1 mln", "1986"),
    ("RURITANIA METALS LTD <RRM.S> 1986 NET\n\nNet profit 57.1 mln dlrs vs loss 69.1 mln.\n"
     "    Other income 52.75 mln vs 15.22 mln\n", "52.75 mln", "1986"),
    ("RURITANIA METALS LTD <RRM.S> 1986 NET\n\nNet profit 57.1 mln dlrs vs loss 69.1 mln.\n"
     "    Other income 52.75 mln vs 15.22 mln\n", "15.22 mln", "1985"),
]


@pytest.mark.parametrize("text,figure,period", UNKNOWN_ROWS)
def test_unknown_rows_and_year_headlines(nlp, text, figure, period):
    assert claim_for(nlp, text, figure, published="1987-03-03").period == period


#: "The same quarter last year" after a quarter the story names is that quarter a year back;
#: "in half" of a quarter's table is the half to date.
def test_the_same_quarter_last_year_and_half_notes(nlp):
    text = ("Acme Corp would not predict what it would earn in the quarter which ends March 31. Acme earned "
            "18.2 mln dlrs in the same quarter last year.")
    assert claim_for(nlp, text, "18.2 mln", published="1987-03-16").period == "1986-Q1"
    table = ("ORBIT SYSTEMS INC <ORB> 2ND QTR JAN 31 NET\n\nShr 10 cts vs 12 cts\n    Six mths\n"
             "    Shr 20 cts vs 22 cts\n    Current year net excludes tax credits of 32,000 dlrs in quarter "
             "and 45,000 dlrs in half.\n")
    assert claim_for(nlp, table, "45,000", published="1987-03-10").period == "1986-08/1987-01"


#: Headlines of other lengths: "ANNUAL NET" is the year; "FIVE MONTHS TO END JANUARY" five months.
OTHER_LENGTHS = [
    ("HERON REALTY CORP <HRC> ANNUAL NET\n\nShr 1.65 dlrs vs 1.50 dlrs\n    Net 5,370,000 vs 4,901,000\n",
     "1987-03-02", "1.65 dlrs", "1986"),
    ("<ORBIT PLC> <ORBL.L> FIVE MONTHS TO END JANUARY\n\nShr 7.67p vs 5.34p\n"
     "    Pretax profit 30.12 mln stg vs 12.40 mln\n", "1987-03-12", "30.12 mln", "1986-09/1987-01"),
]


@pytest.mark.parametrize("text,published,figure,period", OTHER_LENGTHS)
def test_headlines_of_other_lengths(nlp, text, published, figure, period):
    assert claim_for(nlp, text, figure, published=published).period == period


def test_an_unknown_dividend_row_is_undated(nlp):
    text = ("ORBIT RETAIL PLC <ORBL.L> 1986 YEAR\n\nShr 7.67p vs 5.34p\n    Div 1.5p vs 1.08p\n"
            "    Pretax profit 30.12 mln stg vs 12.40 mln\n")
    assert claim_for(nlp, text, "1.5p", published="1987-03-12").period is None
    assert claim_for(nlp, text, "30.12 mln", published="1987-03-12").period == "1986"


def test_a_company_and_its_ticker_in_brackets(nlp):
    from nkextract.components.claims.tables import read_headline
    text = ("<ORBIT PLC> <ORBL.L> FIVE MONTHS TO END JANUARY\n\nShr 7.67p vs 5.34p\n    Div 1.5p vs 1.08p\n")
    comp = next(p for n, p in nlp.pipeline if n == "nk_claims")
    headline = read_headline(text, comp.lexicon)
    assert (headline.name, headline.ticker) == ("Orbit Plc", "ORBL.L")
    assert claim_for(nlp, text, "1.5p", published="1987-03-12").period is None


def test_a_run_of_weeks_ended_a_day(nlp):
    text = "Net borrowings averaged 759 mln crowns a day in the two-week period ended March 11."
    claim = claim_for(nlp, text, "759 mln", published="1987-03-19")
    assert claim.period in ("1987-02-26/1987-03-11", "1987-03-11")


#: Dates a reader gives a figure: a results note's relative year, a quarter ended on a day
#: across a wrapped line, a quarter the calendar would put ahead, an index's base year, a
#: year said of a figure a verb of saying takes as its object; and a story with no table
#: has no table notes whatever its headline says.
READER_PERIODS = [
    ("NORTH OIL CO <NOIL> DEC 31 YEAR LOSS\n\nShr loss 1.55 dlrs vs loss 52 cts\n"
     "    Net loss 13,191,000 vs loss 2,254,000\n    Note: Current year loss includes 11.8 mln dlr "
     "writedown of oil and gas properties.\n", "1987-03-05", "11.8 mln dlr", "1986"),
    ("Acme Corp reported net earnings in its first quarter ended\nDecember 31 of 149.4 mln dlrs, compared "
     "to 125.8 mln dlrs a year ago.", "1987-02-10", "149.4 mln dlrs", "1986-Q4"),
    ("FOREIGN INVESTMENT IN RURITANIA JUMPS IN LAST QTR\n\nThe net inflow of foreign investment into "
     "Australia jumped to 7.3 billion dlrs in the fourth quarter\nof 1986 from 4.32 billion in the third "
     "quarter and 4.55 billion\na year earlier, the Statistics Bureau said.\n", "1987-03-11", "4.55 billion",
     "1985-Q4"),
    ("Australia's terms of trade fell by a further 3.5 pct in the fourth quarter of 1986 after declining "
     "0.8 pct in the third quarter, the Statistics Bureau said.", "1987-03-11", "0.8 pct", "1986-Q3"),
    ("RURITANIA CONSUMER PRICES FALL IN JANUARY\n\nThe unadjusted consumer price index (base 1985) fell "
     "0.4 pct to 99.7 in January from the previous month, the agency said.", "1987-02-27", "0.4 pct", "1987-01"),
    ("CRD made a net profit before stock depreciation of 1.95 billion francs last year after a 1.16 "
     "billion loss in 1985.", "1987-03-04", "1.95 billion francs", "1986"),
    # "the year" a figure is stated for whole, not ended at the story's date: the year before
    ("Acme said the restatement reduces net income for the full year to 5,914,000 dlrs.", "1987-03-13",
     "5,914,000 dlrs", "1986"),
    ("For the first nine months of the year, it had earned 6,818,000 dlrs.", "1987-03-13", "6,818,000 dlrs",
     "1986-01/1986-09"),
    # a sentence opening "A year earlier," dates its levels a year back
    ("ACME TECHNOLOGY <ACMT> SEES 2ND QTR LOSS\n\nAcme Technology Inc said it expects to report a second "
     "quarter loss of 13 to 17 cts per share on sales of about 4,400,000 dlrs.\n    A year earlier, it lost "
     "139,000 dlrs or three cts per share on sales of 4,271,000 dlrs.\n", "1987-03-16", "139,000 dlrs",
     "1986-Q2"),
    # a period "ended" on a day is read by its length and end, the last one before the story
    ("GRUEN MARKETING <GMC> SEES YEAR NET OFF\n\nGruen Marketing Corp said it expects to report earnings "
     "for the year ended January 31 of 60 to 65 cts per share, down from 78 cts a year before.\n",
     "1987-03-17", "60 to 65 cts", "1986-02/1987-01"),
    # "the quarter" after a sentence stating the quarter by its end, with no figure of its own
    ("ACME FOODS HURT BY RESTAURANTS\n\nAcme Foods Corp, reporting lower earnings for the third quarter ended "
     "February 28, said its foods group did well.\n    It said operating profit of the restaurants was 12.5 "
     "mln dlrs in the quarter.\n", "1987-03-19", "12.5 mln dlrs", "1986-12/1987-02"),
    # a level that "rose to" a figure "at year-end", said in March: the last day of the year before
    ("The group's balance sheet total rose to 453.4 billion schillings at year-end from 425.4 billion.",
     "1987-03-11", "453.4 billion schillings", "1986-12-31"),
    ("The group's balance sheet total rose to 453.4 billion schillings at year-end from 425.4 billion.",
     "1987-03-11", "425.4 billion", "1985-12-31"),
    # but not a year forecast
    ("Acme said it expects net income for the full year of about 7.5 mln dlrs.", "1987-03-13", "7.5 mln dlrs",
     "1987"),
]


@pytest.mark.parametrize("text,published,figure,period", READER_PERIODS)
def test_reader_periods(nlp, text, published, figure, period):
    assert claim_for(nlp, text, figure, published).period == period


#: An annual inflation rate is a change on a year earlier; an economy's "annual rate" of
#: growth in a quarter is an annualised change on the quarter before, not on a year ago.
ANNUAL_RATES = [
    ("Ruritania's annual inflation rate was 4.4 pct in January, the statistics office said.",
     "4.4 pct", "year_ago"),
    ("Annual inflation in Ruritania fell to 3.9 pct in January, the central bank said.", "3.9 pct", "year_ago"),
    ("Twelve-month inflation reached 5.1 pct in February, the ministry said.", "5.1 pct", "year_ago"),
    ("The economy grew at an annual rate of 3.2 pct in the fourth quarter.", "3.2 pct", None),
]


@pytest.mark.parametrize("text,figure,basis", ANNUAL_RATES)
def test_annual_inflation_is_on_a_year_earlier(nlp, text, figure, basis):
    assert claim_for(nlp, text, figure, published="1987-03-20").basis == basis


def test_a_lead_quarter_is_the_fiscal_quarter_the_story_states_later(nlp):
    """'Net income for the third quarter rose 18.2 pct' before 'For the third quarter ended
    January 31': the same fiscal quarter (1986-11/1987-01), not the one a year before."""
    text = ("ACME <ACM> HAS HIGHER NET\n\nAcme Co said net income for\nthe third quarter rose 18.2 pct.\n"
            "    For the third quarter ended January 31, Acme earned 74.7\nmln dlrs, up from 63.2 mln "
            "dlrs for the year-ago quarter.\n")
    assert claim_for(nlp, text, "18.2 pct", published="1987-03-04").period == "1986-11/1987-01"
    assert claim_for(nlp, text, "63.2 mln dlrs", published="1987-03-04").period == "1985-11/1986-01"
