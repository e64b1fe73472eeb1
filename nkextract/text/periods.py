"""The calendar: periods as spans of days, TIMEX3 value patterns, and the arithmetic every
stage shares (spaCy-free; timex, the date component, claims, crosscheck and views use it).

``2020-01/2020-11``, ``2020-01--2020-11`` and ``2020-01 to 2020-11`` are one period;
``2020-Q3`` is ``2020-07/2020-09``; ``2020-01/2020-12`` is ``2020``. Claims carry ISO 8601
periods (TIMEX3 values); anything else is kept as written and compared as a string.

Written by hand: ISO 8601 parsers (isodate, aniso8601) read durations and full-date
intervals, but not TIMEX3 quarters, halves, seasons and decades at their stated
granularity, nor the period-before and containment arithmetic the checks need.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, NamedTuple

Span = tuple[int, int]  # first and last day, as date ordinals

# -- TIMEX3 value patterns ------------------------------------------------------------
#: a calendar value at any granularity: 2020, 2020-11, 2020-11-25, 2020-Q3, 2020-H1,
#: 2020-W52(-WE), 2020-SU, with XXXX for an unknown year
TIMEX_DATE = re.compile(r"(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?|-Q\d|-H\d|-W\d{2}(?:-WE)?|-SP|-SU|-FA|-WI)?")
#: a period a figure can be stated for (what claims accept): year, month, day, quarter, half, week
CALENDAR = re.compile(r"(?:\d{4}|XXXX)(?:-(?:\d{2}|Q[1-4]|H[12]|W\d{2}))?(?:-\d{2})?")
#: a TIMEX3 time: a date (or none) then T and a clock time (with its zone: Z, -05, +05:30)
#: or a part of the day
TIMEX_TIME = re.compile(r"(?:(?:\d{4}|XXXX)-\d{2}-\d{2}|XXXX-WXX-\d|XXXX-XX-XX)?T(?:\d{2}(?::\d{2}){0,2}(?:Z|[+-]\d{2}(?::\d{2})?)?"
                        r"|MO|AF|EV|NI|DT)")
#: a TIMEX3 duration: P3Y, P1.5Y, PT6H, PXY
TIMEX_DURATION = re.compile(r"P(?:T?(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|H|S|DE|CE|Q))+")
_UNIT_SPAN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12])|-W(\d{2})(?:-WE)?|-(SP|SU|FA|WI))?")
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
REFERENCES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def is_date_value(value: str | None) -> bool:
    """Whether a TIMEX3 value names a calendar period (not a range, duration or time)."""
    return bool(value) and bool(TIMEX_DATE.fullmatch(value))


def is_calendar_value(value: str | None) -> bool:
    """Whether a TIMEX3 value (or an ``A/B`` range of them) can be a figure's period."""
    return bool(value) and all(CALENDAR.fullmatch(part) for part in value.split("/"))


def timex_type(value: str | None) -> str | None:
    """The TIMEX3 type a value implies: DATE, TIME or DURATION (a SET looks like a
    duration, so its rule says so itself)."""
    if not value:
        return None
    if value in REFERENCES:
        return "DATE"
    if all(TIMEX_DURATION.fullmatch(part) for part in value.split("/")):
        return "DURATION"  # "P6M/P9M": a range of durations
    if TIMEX_TIME.fullmatch(value):
        return "TIME"
    return "DATE"


class Timex(NamedTuple):
    """A TIMEX3 value and its type (DATE, TIME, DURATION or SET); value None when the
    expression is recognised but cannot be resolved (no publication date)."""

    value: str | None
    type: str


def fmt_date(year: int | None, month: int, day: int | None = None) -> str:
    """A TIMEX3 month or day (``XXXX`` for an unknown year); ValueError for no such day."""
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    y = f"{year:04d}" if year else "XXXX"
    if day is None:
        return f"{y}-{month:02d}"
    date(year or 2000, month, day)  # raises ValueError for 31 February (2000: a leap year)
    return f"{y}-{month:02d}-{day:02d}"


# -- calendar arithmetic ------------------------------------------------------------
class YearMonth(NamedTuple):
    year: int
    month: int


def month_shift(year: int, month: int, delta: int) -> YearMonth:
    """The month ``delta`` months from (year, month)."""
    index = year * 12 + (month - 1) + delta
    return YearMonth(index // 12, index % 12 + 1)


def month_start_after(year: int, month: int, months: int) -> date:
    """The first day of the month ``months`` after (year, month)."""
    return date(*month_shift(year, month, months), 1)


def iso_week(day: date) -> str:
    """The TIMEX3 week of a day: ``2020-W52``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def statement_week(week: str, month: int, day: int) -> str | None:
    """The seven days ending with a named day, as a day range: "the week ended February 18"
    (a Wednesday) read as ``1987-W08`` is ``1987-02-12/1987-02-18``. The day is looked for
    within a week of the ISO week; None when it is not there."""
    found = re.fullmatch(r"(\d{4})-W(\d{2})", week or "")
    if not found:
        return None
    monday = date.fromisocalendar(int(found.group(1)), int(found.group(2)), 1)
    for offset in range(-7, 14):
        last = monday + timedelta(days=offset)
        if (last.month, last.day) == (month, day):
            return f"{(last - timedelta(days=6)).isoformat()}/{last.isoformat()}"
    return None


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day (31 February, month 13)."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def as_date(published: date | str | None) -> date | None:
    """A publication date given as a date or an ISO string, or None."""
    if published is None or isinstance(published, date):
        return published
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _month_span(year: int, first: int, size: int) -> tuple[date, date]:
    return date(year, first, 1), month_start_after(year, first, size)


def _unit_interval(match: re.Match) -> tuple[date, date]:
    year = int(match.group(1))
    month, day, quarter, half, week, season = match.group(2, 3, 4, 5, 6, 7)
    if day:
        start = date(year, int(month), int(day))
        return start, start + dt.timedelta(days=1)
    if month:
        return _month_span(year, int(month), 1)
    if quarter or half:
        size = 3 if quarter else 6
        return _month_span(year, (int(quarter or half) - 1) * size + 1, size)
    if week:
        start = date.fromisocalendar(year, int(week), 1)
        return start, start + dt.timedelta(days=7)
    if season:
        return _month_span(year, SEASON_MONTH[season], 3)
    return date(year, 1, 1), date(year + 1, 1, 1)


def interval(timex: str | None) -> tuple[date, date] | None:
    """The days a timex value covers, as (first day, day after the last), or None."""
    if not timex:
        return None
    if "/" in timex:
        left, right = timex.split("/", 1)
        a, b = interval(left), interval(right)
        return (a[0], b[1]) if a and b else None
    try:
        if m := _UNIT_SPAN.fullmatch(timex):
            return _unit_interval(m)
        if re.fullmatch(r"\d{3}", timex):  # a decade: "199" is 1990-1999
            return date(int(timex) * 10, 1, 1), date(int(timex) * 10 + 10, 1, 1)
        if re.fullmatch(r"\d{2}", timex) and int(timex) < 99:  # a century: "19" is 1900-1999
            return date(int(timex) * 100 or 1, 1, 1), date(int(timex) * 100 + 100, 1, 1)
    except (ValueError, OverflowError):  # 2019-13-45: no such day
        return None
    return None


def shift(pub: date, unit: str, amount: int) -> str | None:
    """pub moved by amount units, at the unit's granularity (``Y`` -> ``2019``).

    unit: Y, M, Q, H, W, D, DE (decade) or WE (weekend).
    """
    if unit == "Y":
        return f"{pub.year + amount:04d}"
    if unit == "M":
        return "%04d-%02d" % month_shift(pub.year, pub.month, amount)
    if unit in ("Q", "H"):
        per_year = 4 if unit == "Q" else 2
        y, part = divmod(pub.year * per_year + (pub.month - 1) * per_year // 12 + amount, per_year)
        return f"{y:04d}-{unit}{part + 1}"
    if unit in ("W", "WE"):
        return iso_week(pub + dt.timedelta(weeks=amount)) + ("-WE" if unit == "WE" else "")
    if unit == "D":
        return (pub + dt.timedelta(days=amount)).isoformat()
    if unit == "DE":
        return f"{pub.year // 10 + amount:03d}"
    return None


def pick_year(span_of: Callable[[int], tuple[date, date]], pub: date, future: bool | None) -> int:
    """The year that places an undated period (``November``, ``Q3``) against pub.

    span_of: the period's (first day, day after) in a given year.
    future: False: the latest not starting after pub; True: the first not ending before
        pub (the current one included); None (tense unknown): the nearest, ties to the past.
    """
    candidates = [(year, span_of(year)) for year in (pub.year - 1, pub.year, pub.year + 1)]
    if future is False:
        return max(year for year, (start, _) in candidates if start <= pub)
    if future is True:
        return min(year for year, (_, end) in candidates if end > pub)

    def distance(item: tuple[int, tuple[date, date]]) -> tuple[int, int]:
        year, (start, end) = item
        gap = 0 if start <= pub < end else min(abs((pub - start).days), abs((pub - end).days))
        return gap, -year if start <= pub else year
    return min(candidates, key=distance)[0]


def recent_month(month: int, pub: date, future: bool | None) -> int:
    """The year of an undated month name, see pick_year."""
    return pick_year(lambda year: _month_span(year, month, 1), pub, future)


def recent_day(month: int, day: int, pub: date, future: bool | None) -> date | None:
    """The date of an undated month and day (``Feb. 22``), see pick_year."""
    if safe_date(2000, month, day) is None:  # no such day in any year ("0/0", "2/30")
        return None

    def span_of(year: int) -> tuple[date, date]:
        start = safe_date(year, month, day) or date(year, month, 28)
        return start, start + dt.timedelta(days=1)
    return safe_date(pick_year(span_of, pub, future), month, day)


def recent_weekday(weekday: int, pub: date, future: bool | None, strict: bool = False) -> date:
    """The weekday on or before pub (the day itself unless strict), or after it when
    the context says future. Unknown tense counts as past: news reports weekdays that
    have happened (``said Thursday``) far more than ones to come."""
    if future:  # "will file suit Tuesday" written on a Tuesday: today (strict: "next Tuesday")
        ahead = (weekday - pub.weekday()) % 7
        return pub + dt.timedelta(days=ahead or (7 if strict else 0))
    back = (pub.weekday() - weekday) % 7
    return pub - dt.timedelta(days=7 if back == 0 and strict else back)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The nth weekday of a month (``nth=-1``: the last), e.g. the fourth Thursday of November."""
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
    try:
        return days[nth - 1] if nth > 0 else days[nth]
    except IndexError:
        return None


def previous_period(period: str | None, basis: str) -> str | None:
    """The period a comparison points back to, at the period's own granularity.

    basis: ``year_ago`` (the same period a year before) or ``previous_period``.
    RETURNS: e.g. ``2019-11`` for (``2020-11``, year_ago), ``2020-Q2`` for
    (``2020-Q3``, previous_period), ``1987-W08`` for (``1987-W09``, previous_period); None
    when it cannot be told.
    """
    if not period:
        return None
    if "/" in period:
        parts = [previous_period(p, basis) for p in period.split("/")]
        return None if None in parts else "/".join(parts)
    week = re.fullmatch(r"(\d{4})-W(\d{2})", period)
    if week and basis in ("previous_period", "year_ago"):
        monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        year, number, _ = (monday - timedelta(weeks=1 if basis == "previous_period" else 52)).isocalendar()
        return f"{year}-W{number:02d}"
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}|Q[1-4]|H[12]))?", period)
    if not match:
        return None
    year, sub = int(match.group(1)), match.group(2)
    if basis == "year_ago" or sub is None:
        return f"{year - 1}" + (f"-{sub}" if sub else "")
    if basis != "previous_period":
        return None
    if sub.isdigit():
        return "%04d-%02d" % month_shift(year, int(sub), -1)
    kind, number = sub[0], int(sub[1]) - 1
    return f"{year}-{kind}{number}" if number else f"{year - 1}-{kind}{4 if kind == 'Q' else 2}"


def period_days(period: str | None) -> tuple[date, date] | None:
    """The first and last day of a period (``2020``, ``2020-Q3``, ``2020-01/2020-11``), or None."""
    span = parse_period(period) if isinstance(period, str) else None
    return (date.fromordinal(span[0]), date.fromordinal(span[1])) if span else None


# -- periods as spans of days (claims and cross-checks) ---------------------------------
_ENDPOINT = re.compile(r"^(\d{4})(?:-?(Q[1-4]|H[12]|\d{2})(?:-(\d{2}))?)?$", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*(?:/|--|\.\.|\bto\b|\bthrough\b)\s*", re.IGNORECASE)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _endpoint(text: str) -> tuple[date, date] | None:
    match = _ENDPOINT.match(text.strip())
    if not match:
        return None
    year, part, day = match.group(1), match.group(2), match.group(3)
    value = year if part is None else f"{year}-{part.upper()}" + (f"-{day}" if day else "")
    days = interval(value)
    return (days[0], days[1] - dt.timedelta(days=1)) if days else None


@lru_cache(maxsize=65536)
def parse_period(text: str | None) -> Span | None:
    """The first and last day of a period written in ISO 8601 form, or None."""
    if not text or not isinstance(text, str):
        return None
    parts = _SEPARATOR.split(text.strip())
    if len(parts) == 1:
        ends = _endpoint(parts[0])
        return (ends[0].toordinal(), ends[1].toordinal()) if ends else None
    if len(parts) != 2:
        return None
    first, last = _endpoint(parts[0]), _endpoint(parts[1])
    if not first or not last or first[0] > last[1]:
        return None
    return first[0].toordinal(), last[1].toordinal()


def _month_aligned(first: date, last: date) -> bool:
    return first.day == 1 and last == _month_end(last.year, last.month)


def format_period(span: Span) -> str:
    """The shortest ISO 8601 form of a span: ``2020``, ``2020-11``, ``2020-01/2020-11``."""
    first, last = date.fromordinal(span[0]), date.fromordinal(span[1])
    if first == last:
        return first.isoformat()
    if not _month_aligned(first, last):
        return f"{first.isoformat()}/{last.isoformat()}"
    if first.month == 1 and last.month == 12 and first.year == last.year:
        return str(first.year)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"


def as_of(period: str | None) -> str | None:
    """The date a level stated for a period stands at: the day the period ends (``1986`` ->
    ``1986-12-31``, ``1985-11/1986-01`` -> ``1986-01-31``). A day, a month (whose day is not
    known), a week or a period that is not a span is kept as written."""
    if not period or re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", period.strip()):
        return period
    span = parse_period(period)
    if span is None:
        return period
    return date.fromordinal(span[1]).isoformat()


@lru_cache(maxsize=65536)
def canonical_period(text: str | None) -> str | None:
    """One spelling per period, so equivalent forms share a statistic key."""
    if text is None or not isinstance(text, str) or not text.strip():
        return None
    span = parse_period(text)
    return format_period(span) if span else text.strip()


def _shift_months(span: Span, months: int) -> Span:
    first, last = date.fromordinal(span[0]), date.fromordinal(span[1])
    fy, fm = month_shift(first.year, first.month, -months)
    ly, lm = month_shift(last.year, last.month, -months)
    return date(fy, fm, 1).toordinal(), _month_end(ly, lm).toordinal()


@lru_cache(maxsize=65536)
def prior_period(period: str | None, basis: str | None) -> str | None:
    """The period a change is measured against: the one before, a year before, or named.

    period: the period of the changed figure, e.g. ``2020-11``.
    basis: ``previous_period``, ``year_ago`` or a period such as ``2020-09``.
    RETURNS: the canonical prior period, or None when it cannot be told.
    """
    if not basis or not isinstance(basis, str):
        return None
    span = parse_period(period) if period else None
    if basis not in ("previous_period", "year_ago"):
        return canonical_period(basis)
    if span is None:
        return None
    first, last = date.fromordinal(span[0]), date.fromordinal(span[1])
    if basis == "year_ago":
        if _month_aligned(first, last):
            return format_period(_shift_months(span, 12))
        try:
            return format_period((first.replace(year=first.year - 1).toordinal(),
                                  last.replace(year=last.year - 1).toordinal()))
        except ValueError:  # 29 February
            return format_period((span[0] - 365, span[1] - 365))
    if _month_aligned(first, last):
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        return format_period(_shift_months(span, months))
    length = span[1] - span[0] + 1
    return format_period((span[0] - length, span[1] - length))


def shift_months(period: str | None, months: int) -> str | None:
    """A period moved by a number of months, in its own spelling: a run of months stays a
    run (``1987-03`` -> ``1987-02``), a run of days keeps its days of the month
    (``1987-03-01/1987-03-10`` -> ``1987-02-01/1987-02-10``). None when it cannot be read."""
    span = parse_period(period)
    if span is None:
        return None
    first, last = date.fromordinal(span[0]), date.fromordinal(span[1])
    if _month_aligned(first, last):
        moved_span = _shift_months(span, -months)
        end = date.fromordinal(moved_span[1])
        count = (last.year - first.year) * 12 + last.month - first.month + 1
        return months_ending(end.year, end.month, count)

    def moved(day: date) -> date:
        year, month = month_shift(day.year, day.month, months)
        return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return format_period((moved(first).toordinal(), moved(last).toordinal()))


def strictly_within(part: str | None, whole: str | None) -> bool:
    """Whether period ``part`` lies inside period ``whole`` and is shorter."""
    a, b = parse_period(part), parse_period(whole)
    if a is None or b is None:
        return False
    return b[0] <= a[0] and a[1] <= b[1] and a != b


def disjoint(a: str | None, b: str | None) -> bool:
    """Whether two periods share no day."""
    x, y = parse_period(a), parse_period(b)
    return x is not None and y is not None and (x[1] < y[0] or y[1] < x[0])


# -- runs of months (claims' fiscal periods) ----------------------------------------------
def months_ending(year: int, month: int, months: int) -> str:
    """The run of ``months`` months that ends with year-month, as a TIMEX3 value: a
    calendar year ``1986``, quarter ``1986-Q4``, half ``1986-H1``, else ``1985-11/1986-10``."""
    index = year * 12 + month - 1 - (months - 1)
    first_year, first_month = index // 12, index % 12 + 1
    if months == 12 and first_month == 1:
        return f"{year:04d}"
    if months == 3 and first_month % 3 == 1 and first_year == year:
        return f"{year:04d}-Q{month // 3}"
    if months == 6 and first_month in (1, 7) and first_year == year:
        return f"{year:04d}-H{month // 6}"
    if months == 1:
        return f"{year:04d}-{month:02d}"
    return f"{first_year:04d}-{first_month:02d}/{year:04d}-{month:02d}"
