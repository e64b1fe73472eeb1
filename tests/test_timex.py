"""Date expressions -> TIMEX3 values, against a fixed publication date.

P is a Sunday (2020-12-27), N a Monday (2020-11-30), R a Reuters day (Monday 1987-03-02).
"""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkextract.text.timex import interval, normalise

P, N, R = "2020-12-27", "2020-11-30", "1987-03-02"

ABSOLUTE = [
    ("2020", P, "2020"), ("1987", R, "1987"), ("in 2020", P, "2020"), ("fiscal 1987", R, "1987"),
    ("calendar 1985", R, "1985"), ("FY2019", P, "2019"), ("the year 2020", P, "2020"),
    ("March 3, 1987", P, "1987-03-03"), ("March 3 1987", P, "1987-03-03"), ("3 March 1987", P, "1987-03-03"),
    ("Dec. 27, 2020", None, "2020-12-27"), ("December 31, 1986", R, "1986-12-31"),
    ("Sept. 5th, 2016", P, "2016-09-05"), ("the 5th of September 2016", P, "2016-09-05"),
    ("Monday, November 30, 2020", None, "2020-11-30"), ("2020-11-30", None, "2020-11-30"),
    ("2-MAR-1987", None, "1987-03-02"), ("26-FEB-1987", None, "1987-02-26"),
    ("10/2/2016", None, "2016-10-02"), ("02/22/2016", None, "2016-02-22"), ("21/04/2016", None, "2016-04-21"),
    ("13.5.2015", None, "2015-05-13"), ("2015/08/12", None, "2015-08-12"),
    ("February 2020", None, "2020-02"), ("January 1986", R, "1986-01"), ("October, 1985", R, "1985-10"),
    ("June of 2019", P, "2019-06"), ("Nov 2020", None, "2020-11"), ("2016/11", None, "2016-11"),
    ("11/2016", None, "2016-11"), ("2020 November", None, "2020-11"),
    ("1986/87", None, "1986/1987"), ("1986-87", None, "1986/1987"), ("2019/20", None, "2019/2020"),
    ("1999/2000", None, "1999/2000"), ("the 1987/88 year", None, "1987/1988"), ("1986/87 year", None, "1986/1987"), ("2014-2018", None, "2014/2018"),
    ("the 1990s", None, "199"), ("the 1980s", None, "198"), ("1970's", None, "197"), ("the '90s", None, "199"),
    ("the early 1950s", None, "195"), ("the mid-1960s", None, "196"), ("the 80s", None, "198"),
    ("the 20th century", None, "19"), ("the 21st century", None, "20"),
    ("early 1987", R, "1987"), ("late 1985", R, "1985"), ("end-1985", R, "1985"), ("mid-1986", R, "1986"),
    ("the end of 2020", P, "2020"), ("the beginning of 2021", P, "2021"),
    ("March 1, 1988", R, "1988-03-01"), ("March one, 1988", R, "1988-03-01"), ("November three, 1986", R, "1986-11-03"),
    ("April of last year", R, "1986-04"), ("September last year", R, "1986-09"),
    ("January this year", R, "1987-01"), ("September this year", P, "2020-09"), ("December next year", P, "2021-12"),
    ("March 3 last year", P, "2019-03-03"),
]

RELATIVE = [
    ("last month", P, "2020-11"), ("last month", N, "2020-10"), ("this month", P, "2020-12"),
    ("next month", P, "2021-01"), ("the previous month", P, "2020-11"), ("the following month", P, "2021-01"),
    ("last year", P, "2019"), ("Last year", "2021-02-22", "2020"), ("this year", P, "2020"),
    ("next year", P, "2021"), ("the previous year", P, "2019"), ("the prior year", R, "1986"),
    ("the current year", P, "2020"), ("the year", P, "2020"), ("the fiscal year", R, "1987"),
    ("a year earlier", P, "2019"), ("a year ago", P, "2019"), ("a month earlier", P, "2020-11"),
    ("a month ago", N, "2020-10"), ("two years ago", P, "2018"), ("two years earlier", R, "1985"),
    ("three months ago", P, "2020-09"), ("97 years ago", R, "1890"), ("a week earlier", P, "2020-W51"),
    ("two weeks ago", P, "2020-W50"), ("a day earlier", P, "2020-12-26"), ("three days later", P, "2020-12-30"),
    ("the year before", P, "2019"), ("the year-ago quarter", P, "2019-Q4"), ("the year-earlier period", P, "2019"),
    ("the year-ago week", R, "1986-W10"), ("yr-ago", R, "1986"), ("a quarter earlier", P, "2020-Q3"),
    ("today", P, "2020-12-27"), ("yesterday", P, "2020-12-26"), ("tomorrow", P, "2020-12-28"),
    ("the day before yesterday", P, "2020-12-25"), ("the day after tomorrow", P, "2020-12-29"),
    ("today", None, "PRESENT_REF"), ("tmrw", P, "2020-12-28"),
    ("last week", P, "2020-W51"), ("this week", P, "2020-W52"), ("next week", P, "2020-W53"),
    ("the week", P, "2020-W52"), ("this weekend", P, "2020-W52-WE"), ("the week after next", P, "2021-W01"),
    ("the year after next", P, "2022"), ("last quarter", P, "2020-Q3"), ("this quarter", P, "2020-Q4"),
    ("next quarter", R, "1987-Q2"), ("the current quarter", R, "1987-Q1"), ("last decade", P, "201"),
    ("earlier this year", P, "2020"), ("Early this year", P, "2020"), ("later this year", P, "2020"),
    ("late last year", P, "2019"), ("early next year", P, "2021"), ("Earlier this month", P, "2020-12"),
    ("later this month", R, "1987-03"), ("earlier this week", P, "2020-W52"), ("the end of the year", P, "2020"),
    ("the end of last year", P, "2019"), ("the end of the month", P, "2020-12"), ("the rest of the year", P, "2020"),
    ("the same period last year", P, "2019"), ("year-end", P, "2020"), ("fiscal year-end", R, "1987"),
    ("midnight yesterday", P, "2020-12-26T24:00"), ("the coming financial year", P, "2021"),
    ("just six months ago", P, "2020-06"), ("at least this year", P, "2020"), ("the same month a year ago", P, "2019-12"),
    ("in 3 weeks", "2018-07-05", "2018-W30"), ("two weeks from now", P, "2021-W01"),
    ("now", P, "PRESENT_REF"), ("currently", P, "PRESENT_REF"), ("at present", P, "PRESENT_REF"),
    ("nowadays", None, "PRESENT_REF"), ("right now", P, "PRESENT_REF"), ("these days", P, "PRESENT_REF"),
    ("recently", P, "PAST_REF"), ("lately", P, "PAST_REF"), ("in recent years", P, "PAST_REF"),
    ("recent months", P, "PAST_REF"), ("in the past", P, "PAST_REF"), ("soon", P, "FUTURE_REF"),
    ("in the future", P, "FUTURE_REF"), ("the coming years", P, "FUTURE_REF"),
]

UNDATED = [  # months, days and seasons without a year: the latest not after publication
    ("in November", P, "2020-11"), ("November", N, "2020-11"), ("October", N, "2020-10"),
    ("December", N, "2019-12"), ("January", P, "2020-01"), ("January", R, "1987-01"),
    ("Nov.", P, "2020-11"), ("Sept", P, "2020-09"), ("the month of October", N, "2020-10"),
    ("mid-November", P, "2020-11"), ("early November", P, "2020-11"), ("late March", R, "1987-03"),
    ("the end of January", R, "1987-01"), ("end-January", R, "1987-01"),
    ("last November", P, "2020-11"), ("last November", N, "2019-11"), ("last March", R, "1986-03"),
    ("this March", R, "1987-03"), ("next February", R, "1988-02"), ("next June", R, "1987-06"),
    ("Feb. 22", "2021-02-22", "2021-02-22"), ("Feb. 22", P, "2020-02-22"), ("22 Feb", "2021-02-22", "2021-02-22"),
    ("November 30", N, "2020-11-30"), ("Monday, November 30", N, "2020-11-30"),
    ("Sunday, November 29", N, "2020-11-29"), ("December 25", N, "2019-12-25"), ("Dec 31", R, "1986-12-31"),
    ("the 3rd of November", N, "2020-11-03"), ("2nd of March", P, "2020-03-02"), ("April one", R, "1986-04-01"),
    ("4/22", P, "2020-04-22"), ("22/04", P, "2020-04-22"), ("the 27th", P, "2020-12-27"), ("the 3rd", P, "2020-12-03"),
    ("22 this month", P, "2020-12-22"), ("the 3rd of next month", P, "2021-01-03"),
    ("this summer", P, "2020-SU"), ("last winter", P, "2019-WI"), ("next spring", P, "2021-SP"),
    ("summer", P, "2020-SU"), ("the summer of 1986", R, "1986-SU"), ("autumn", N, "2020-FA"),
]

WEEKDAYS = [
    ("Saturday", P, "2020-12-26"), ("Sunday", P, "2020-12-27"), ("Monday", P, "2020-12-21"),
    ("Friday", P, "2020-12-25"), ("Wednesday", N, "2020-11-25"), ("Monday", N, "2020-11-30"),
    ("Thursday", N, "2020-11-26"), ("Monday", "2021-02-22", "2021-02-22"), ("on Tuesday", P, "2020-12-22"),
    ("Tuesday morning", P, "2020-12-22TMO"), ("Friday evening", R, "1987-02-27TEV"), ("Wed.", P, "2020-12-23"),
    ("last Saturday", P, "2020-12-26"), ("last Sunday", P, "2020-12-20"), ("last Monday", N, "2020-11-23"),
    ("next Monday", P, "2020-12-28"), ("next Friday", N, "2020-12-04"), ("this Sunday", P, "2020-12-27"),
    ("this Friday", N, "2020-12-04"), ("Tuesday next week", "2018-03-20", "2018-03-27"),
    ("next week on Friday", "2016-11-07", "2016-11-18"), ("last week Sunday", "2016-11-07", "2016-11-06"),
    ("Friday of this week", N, "2020-12-04"),
    ("Monday", None, "XXXX-WXX-1"), ("Saturday", None, "XXXX-WXX-6"), ("Sunday", None, "XXXX-WXX-7"),
    # the nth week of a month: the ISO week mostly in it (holding its 4th, 11th, ... day)
    ("the second week of April", "1987-05-16", "1987-W15"), ("the first week of March", "2016-03-11", "2016-W09"),
    ("the last week of March 2020", None, "2020-W13"), ("the first week of May", "2020-06-01", "2020-W19"),
    ("the third week of\nJune 2021", None, "2021-W24"), ("the fifth week of February 2021", None, None),
]

RANGES = [
    ("From January to November this year", P, "2020-01/2020-11"), ("January to November", P, "2020-01/2020-11"),
    ("January-November", P, "2020-01/2020-11"), ("Jan-Nov", P, "2020-01/2020-11"),
    ("from September to October", N, "2020-09/2020-10"), ("from September to last month", N, "2020-09/2020-10"),
    ("September to October", N, "2020-09/2020-10"), ("November to January", "2021-02-10", "2020-11/2021-01"),
    ("between January and March", P, "2020-01/2020-03"), ("March/April", R, "1986-03/1986-04"),
    ("from July 1985 to June 1986", R, "1985-07/1986-06"), ("between 2016 and 2017", P, "2016/2017"),
    ("1998 to 2003", P, "1998/2003"), ("from 2014 to 2018", P, "2014/2018"),
    ("the first 10 months", P, "2020-01/2020-10"), ("the first 10 months of 2020", None, "2020-01/2020-10"),
    ("the first nine months", P, "2020-01/2020-09"), ("the first nine months of 1986", R, "1986-01/1986-09"),
    ("the first three months", R, "1986-01/1986-03"), ("the first six months of this year", P, "2020-01/2020-06"),
    ("the first two quarters", R, "1986-Q1/1986-Q2"), ("the last three months of 2020", None, "2020-10/2020-12"),
    ("first 11 months", P, "2020-01/2020-11"), ("the first ten months", N, "2020-01/2020-10"),
    ("Jan. 1-15", P, "2020-01-01/2020-01-15"), ("May 11-21", R, "1986-05-11/1986-05-21"),
    ("from 4 to 22 this month", "2016-11-07", "2016-11-04/2016-11-22"),
    ("November 19 to 20", "2016-11-27", "2016-11-19/2016-11-20"),
    ("the 12 months to June", P, "2019-07/2020-06"), ("the year to March", R, "1986-04/1987-03"),
    ("the nine months ended September", P, "2020-01/2020-09"), ("the three months to December 31", R, "1986-10/1986-12"),
    ("the year ended December 31", R, "1986-01/1986-12"),
    ("from Feb 1st to March 2019", "2018-11-07", "2019-02-01/2019-03"),
    ("the second quarter ended January 31", R, "1986-11/1987-01"),
    ("fourth-quarter ended December 31, 1986", None, "1986-10/1986-12"),
    ("the four weeks ended February 21", R, "1987-01-25/1987-02-21"),
    ("the fiscal year beginning April 1", R, "1986-04/1987-03"),
    ("the previous fiscal year ending June 30", R, "1985-07/1986-06"),
    ("the September quarter", R, "1986-07/1986-09"), ("the 1985 December quarter", None, "1985-10/1985-12"),
    ("Friday through Sunday", P, "2020-12-25/2020-12-27"), ("today till tomorrow", P, "2020-12-27/2020-12-28"),
    ("between January 1st 2015 and Feb 2018", None, "2015-01-01/2018-02"),
]

QUARTERS = [
    ("the third quarter", P, "2020-Q3"), ("the fourth quarter", P, "2020-Q4"), ("the fourth quarter", R, "1986-Q4"),
    ("the first quarter", R, "1987-Q1"), ("third-quarter", P, "2020-Q3"), ("fourth quarter", R, "1986-Q4"),
    ("Q3", P, "2020-Q3"), ("Q3 2020", None, "2020-Q3"), ("2020-Q3", None, "2020-Q3"), ("Q1 2021", None, "2021-Q1"),
    ("3Q", P, "2020-Q3"), ("the fourth quarter of 1986", None, "1986-Q4"), ("the first quarter of fiscal 1986", None, "1986-Q1"),
    ("the 1986 fourth quarter", None, "1986-Q4"), ("the first quarter of this year", P, "2020-Q1"),
    ("the second quarter of last year", P, "2019-Q2"), ("Q3 this year", "2016-11-07", "2016-Q3"),
    ("the last quarter of 2019", None, "2019-Q4"), ("the first half", P, "2020-H1"), ("the second half", P, "2020-H2"),
    ("the first half of 2021", None, "2021-H1"), ("the second half of 1986", R, "1986-H2"), ("H1 2021", None, "2021-H1"),
    ("first-half", P, "2020-H1"), ("last year's fourth quarter", P, "2019-Q4"), ("its first quarter", R, "1987-Q1"),
    ("the latter half of 1987", None, "1987-H2"), ("the final quarter", P, "2020-Q4"), ("last quarter", P, "2020-Q3"), ("1H", P, "2020-H1"), ("the third quarter", None, "XXXX-Q3"),
    ("the fifth quarter", P, None),
]

DURATIONS = [
    ("five years", P, "P5Y"), ("two years", None, "P2Y"), ("18 months", P, "P18M"), ("three weeks", P, "P3W"),
    ("10 days", P, "P10D"), ("a decade", P, "P10Y"), ("two decades", P, "P20Y"), ("the past five years", P, "P5Y"),
    ("the last two years", P, "P2Y"), ("the next three months", P, "P3M"), ("the past 12 months", P, "P12M"),
    ("the past year", P, "P1Y"), ("three-year", P, "P3Y"), ("six-month", P, "P6M"), ("two quarters", P, "P6M"),
    ("several years", P, "PXY"), ("years", P, "PXY"), ("decades", P, "PXY"), ("a few days", P, "P3D"),
    ("within 5 days", P, "P5D"), ("for six months", P, "P6M"), ("nearly two years", P, "P2Y"),
]

NO_PUBLICATION = [
    ("in November", "XXXX-11"), ("November 30", "XXXX-11-30"), ("Feb. 22", "XXXX-02-22"), ("Q3", "XXXX-Q3"),
    ("the first half", "XXXX-H1"), ("summer", "XXXX-SU"), ("last month", None), ("last year", None),
    ("a month earlier", None), ("this year", None), ("the first 10 months", None), ("yesterday", None),
    ("January-November", "XXXX-01/XXXX-11"), ("2020", "2020"), ("March 3, 1987", "1987-03-03"),
    ("now", "PRESENT_REF"), ("recently", "PAST_REF"), ("five years", "P5Y"), ("the 1990s", "199"),
]

NOT_DATES = [
    ("we", P), ("may", P), ("march", P), ("second", P), ("the months", P),
    ("year-on-year", P), ("COVID-19", P), ("90266", P), ("12", P), ("48.7", P),
    ("a second straight month", P), ("", P), ("   ", P), ("March 164.6", R),
    ("January 10-year", R), ("1985 4th", R),
]


@pytest.mark.parametrize("text,published,expected", ABSOLUTE)
def test_absolute(text, published, expected):
    assert normalise(text, published) == expected


@pytest.mark.parametrize("text,published,expected", RELATIVE)
def test_relative(text, published, expected):
    assert normalise(text, published) == expected


@pytest.mark.parametrize("text,published,expected", UNDATED)
def test_undated_months_days_seasons(text, published, expected):
    assert normalise(text, published) == expected


@pytest.mark.parametrize("text,published,expected", WEEKDAYS)
def test_weekdays(text, published, expected):
    assert normalise(text, published) == expected


@pytest.mark.parametrize("text,published,expected", RANGES)
def test_ranges(text, published, expected):
    assert normalise(text, published) == expected


@pytest.mark.parametrize("text,published,expected", QUARTERS)
def test_quarters_halves(text, published, expected):
    assert normalise(text, published) == expected


@pytest.mark.parametrize("text,published,expected", DURATIONS)
def test_durations(text, published, expected):
    assert normalise(text, published) == expected


@pytest.mark.parametrize("text,expected", NO_PUBLICATION)
def test_no_publication_date(text, expected):
    assert normalise(text, None) == expected


@pytest.mark.parametrize("text,published", NOT_DATES)
def test_not_dates(text, published):
    assert normalise(text, published) is None


@pytest.mark.parametrize("text,published,past,future,unknown", [
    ("in November", P, "2020-11", "2021-11", "2020-11"),
    ("March 13", "1987-02-26", "1986-03-13", "1987-03-13", "1987-03-13"),
    ("April", "1987-02-26", "1986-04", "1987-04", "1987-04"),
    ("the second quarter", R, "1986-Q2", "1987-Q2", "1987-Q2"),
    ("Friday", "2020-12-23", "2020-12-18", "2020-12-25", "2020-12-18"),
    ("January", N, "2020-01", "2021-01", "2021-01"),
    ("the first 10 months", "2020-10-05", "2019-01/2019-10", "2020-01/2020-10", "2019-01/2019-10"),
])
def test_tense(text, published, past, future, unknown):
    assert normalise(text, published, future=False) == past
    assert normalise(text, published, future=True) == future
    assert normalise(text, published, future=None) == unknown


@pytest.mark.parametrize("value,start,end", [
    ("2020", "2020-01-01", "2021-01-01"), ("2020-11", "2020-11-01", "2020-12-01"),
    ("2020-12-27", "2020-12-27", "2020-12-28"), ("2020-Q4", "2020-10-01", "2021-01-01"),
    ("2020-H1", "2020-01-01", "2020-07-01"), ("2020-01/2020-11", "2020-01-01", "2020-12-01"),
    ("199", "1990-01-01", "2000-01-01"), ("2020-W53", "2020-12-28", "2021-01-04"), ("2020-SU", "2020-06-01", "2020-09-01"),
])
def test_interval(value, start, end):
    assert interval(value) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


@pytest.mark.parametrize("value", [None, "", "PRESENT_REF", "P5Y", "XXXX-11"])
def test_interval_none(value):
    assert interval(value) is None


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)))
def test_written_date_round_trips(day):
    assert normalise(f"{MONTHS[day.month - 1]} {day.day}, {day.year}") == day.isoformat()
    assert normalise(f"{day.day} {MONTHS[day.month - 1]} {day.year}") == day.isoformat()


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)), st.integers(1, 12))
def test_undated_month_never_after_publication(published, month):
    value = normalise(MONTHS[month - 1], published)
    assert interval(value)[0] <= published < interval(value)[0].replace(year=interval(value)[0].year + 1)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 1, 1))))
def test_random_text_never_raises(text, published):
    value = normalise(text, published)
    assert value is None or isinstance(value, str)


@pytest.mark.parametrize("phrase,published,expected", [
    ("the first 10 days of March", "1987-03-12", "1987-03-01/1987-03-10"),
    ("first 20 days of February", "1987-03-02", "1987-02-01/1987-02-20"),
    ("the last 10 days of February", "1987-03-02", "1987-02-19/1987-02-28"),
    ("the first 40 days of March", "1987-03-12", None),
])
def test_days_of_a_month(phrase, published, expected):
    assert normalise(phrase, dt.date.fromisoformat(published)) == expected


#: TIMEX3 sets are valued by their period, as in TimeML ("monthly" -> P1M)
@pytest.mark.parametrize("text,expected", [
    ("daily", "P1D"), ("monthly", "P1M"), ("each day", "P1D"), ("every week", "P1W"),
    ("quarterly", "P3M"), ("annually", "P1Y"),
])
def test_sets(text, expected):
    assert normalise(text, "2020-12-27") == expected
