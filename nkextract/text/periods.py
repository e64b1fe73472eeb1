"""Periods as spans of days: equivalent forms, containment and the period before.

``2020-01/2020-11``, ``2020-01--2020-11`` and ``2020-01 to 2020-11`` are one period;
``2020-Q3`` is ``2020-07/2020-09``; ``2020-01/2020-12`` is ``2020``. Claims carry ISO 8601
periods (TIMEX3 values); anything else is kept as written and compared as a string.

Written by hand: ISO 8601 parsers (isodate, aniso8601) read durations and full-date
intervals, but not TIMEX3 quarters and halves at their stated granularity, nor the
period-before and containment arithmetic the checks need.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

Span = tuple[int, int]  # first and last day, as date ordinals

_ENDPOINT = re.compile(r"^(\d{4})(?:-?(Q[1-4]|H[12]|\d{2})(?:-(\d{2}))?)?$", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*(?:/|--|\.\.|\bto\b|\bthrough\b)\s*", re.IGNORECASE)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _endpoint(text: str) -> tuple[date, date] | None:
    match = _ENDPOINT.match(text.strip())
    if not match:
        return None
    year, part, day = int(match.group(1)), match.group(2), match.group(3)
    try:
        if part is None:
            return date(year, 1, 1), date(year, 12, 31)
        part = part.upper()
        if part.startswith("Q"):
            first = 3 * int(part[1]) - 2
            return date(year, first, 1), _month_end(year, first + 2)
        if part.startswith("H"):
            first = 6 * int(part[1]) - 5
            return date(year, first, 1), _month_end(year, first + 5)
        month = int(part)
        if day is not None:
            return date(year, month, int(day)), date(year, month, int(day))
        return date(year, month, 1), _month_end(year, month)
    except ValueError:
        return None


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


@lru_cache(maxsize=65536)
def canonical_period(text: str | None) -> str | None:
    """One spelling per period, so equivalent forms share a statistic key."""
    if text is None or not isinstance(text, str) or not text.strip():
        return None
    span = parse_period(text)
    return format_period(span) if span else text.strip()


def _shift_months(span: Span, months: int) -> Span:
    first, last = date.fromordinal(span[0]), date.fromordinal(span[1])

    def move(year: int, month: int) -> tuple[int, int]:
        index = year * 12 + (month - 1) - months
        return index // 12, index % 12 + 1

    fy, fm = move(first.year, first.month)
    ly, lm = move(last.year, last.month)
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


# -- added by the claims work (the timex branch has the same ``previous_period``:
#    keep that one when merging) ---------------------------------------------------------
def previous_period(period: str | None, basis: str) -> str | None:
    """The period a comparison points back to, at the period's own granularity.

    basis: ``year_ago`` (the same period a year before) or ``previous_period``.
    RETURNS: e.g. ``2019-11`` for (``2020-11``, year_ago), ``2020-Q2`` for
    (``2020-Q3``, previous_period); None when it cannot be told.
    """
    if not period:
        return None
    if "/" in period:
        parts = [previous_period(p, basis) for p in period.split("/")]
        return None if None in parts else "/".join(parts)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}|Q[1-4]|H[12]))?", period)
    if not match:
        return None
    year, sub = int(match.group(1)), match.group(2)
    if basis == "year_ago" or sub is None:
        return f"{year - 1}" + (f"-{sub}" if sub else "")
    if basis != "previous_period":
        return None
    if sub.isdigit():
        index = year * 12 + int(sub) - 2
        return "%04d-%02d" % (index // 12, index % 12 + 1)
    kind, number = sub[0], int(sub[1]) - 1
    return f"{year}-{kind}{number}" if number else f"{year - 1}-{kind}{4 if kind == 'Q' else 2}"


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
