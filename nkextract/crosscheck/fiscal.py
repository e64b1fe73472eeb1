"""A company's quarters, halves and years in its own fiscal calendar.

An earnings table dates its rows by the months they cover ("4TH QTR JAN 31", "Nine mths":
``1986-11/1987-01``, ``1986-05/1987-01``), while a story about the same results says "the
fourth quarter" or "1986", which the extractor writes as the calendar ``1986-Q4`` or
``1986``. For a company whose year does not start in January those are other months, and
the two claims would never meet. A reader carries the company's calendar from the table to
the story; so does this module, across all the claims given (a company's claims share a
partition, so a partition sees all of them).

The fiscal year's first month is read off the company's claims that cover 6, 9 or 12
months ending at a month end (a half, nine months or a year run from the year's start). When
they all agree and it is not January, each of that company's calendar quarter, half and
year periods is moved to the fiscal one the extractor would have picked the same way: the
claim's year is the latest complete calendar period of its kind before the story, less some
years; the fiscal period is the latest complete fiscal one, less the same years. The moved
period is a reading, not a statement, so ``period`` joins the claim's ``unsure`` parts: it
links agreeing figures but never makes a conflict.
"""
from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from ..text.periods import months_ending

_MONTH_RANGE = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")
_CALENDAR = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]))?$")
_LENGTHS = {"Q": 3, "H": 6, "": 12}
#: Runs of months that start at the fiscal year's first month.
_FROM_YEAR_START = (6, 9, 12)


def _year_start(period: str) -> int | None:
    """The first month of a run of 6, 9 or 12 months (``1986-05/1987-01``), else None."""
    match = _MONTH_RANGE.match(period)
    if not match:
        return None
    first_year, first_month, last_year, last_month = map(int, match.groups())
    months = (last_year - first_year) * 12 + last_month - first_month + 1
    return first_month if months in _FROM_YEAR_START else None


def year_start_months(subject_id: pd.Series, period: pd.Series,
                      into: dict[str, set[int]] | None = None) -> dict[str, set[int]]:
    """Subject id -> the first months of the fiscal years its month-run periods imply, added
    to ``into`` (so a table read in chunks is surveyed chunk by chunk)."""
    starts: dict[str, set[int]] = {} if into is None else into
    for subject, text in zip(subject_id.to_numpy(dtype=object), period.to_numpy(dtype=object)):
        if not subject or not isinstance(subject, str) or not isinstance(text, str):
            continue
        month = _year_start(text.strip())
        if month is not None:
            starts.setdefault(subject, set()).add(month)
    return starts


def agreed_starts(months: dict[str, set[int]]) -> dict[str, int]:
    """The subjects whose periods all agree on one first month other than January."""
    return {s: next(iter(m)) for s, m in months.items() if len(m) == 1 and m != {1}}


def fiscal_starts(subject_id: pd.Series, period: pd.Series) -> dict[str, int]:
    """Subject id -> first month of its fiscal year, for subjects whose month-run periods all
    agree on one first month other than January."""
    return agreed_starts(year_start_months(subject_id, period))


def _latest_end(first_month: int, months: int, ordinal: int, published: date) -> int:
    """Months since year 0 of the last month of the latest complete period (the
    ``ordinal``-th run of ``months`` months from ``first_month``) ending before ``published``."""
    end = published.year * 12 + published.month - 2  # the month before the story's
    last = first_month - 1 + months * ordinal - 1  # its last month, 0-based, in year 0
    return end - (end - last) % 12


def fiscal_period(period: str, first_month: int, published: date) -> str | None:
    """The fiscal reading of a calendar quarter, half or year (``1986-Q4``) for a company
    whose year starts in ``first_month``, or None when the period is not of that form."""
    match = _CALENDAR.match(period)
    if not match:
        return None
    year, part = int(match.group(1)), match.group(2) or ""
    months = _LENGTHS[part[:1]]
    ordinal = int(part[1:]) if part else 1
    calendar_end = _latest_end(1, months, ordinal, published)
    years_back = calendar_end // 12 - year
    end = _latest_end(first_month, months, ordinal, published) - 12 * years_back
    return months_ending(end // 12, end % 12 + 1, months)


def fiscal_readings(subject_id: pd.Series, period: pd.Series, published: pd.Series,
                    starts: dict[str, int] | None = None) -> pd.Series:
    """Each claim's period in its company's fiscal calendar where it differs from the stated
    calendar one, else None (same index). ``starts``: the fiscal calendars learned over the
    whole table, when these claims are a part of it (a partition); else learned from them."""
    out = pd.Series(None, index=period.index, dtype=object)
    starts = fiscal_starts(subject_id, period) if starts is None else starts
    if not starts:
        return out
    subjects = subject_id.to_numpy(dtype=object)
    periods, days = period.to_numpy(dtype=object), published.to_numpy(dtype=object)
    for i in np.flatnonzero(subject_id.isin(list(starts)).to_numpy()):
        text, day = periods[i], days[i]
        if not isinstance(text, str) or not isinstance(day, str) or len(day) < 10:
            continue
        try:
            when = date.fromisoformat(day[:10])
        except ValueError:
            continue
        reading = fiscal_period(text.strip(), starts[subjects[i]], when)
        if reading is not None and reading != text.strip():
            out.iat[i] = reading
    return out
