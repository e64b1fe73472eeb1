"""Periods stated by their length and last day, as company reports state them: "the three
month period ended January 31", "the year ended October 31 1986", "the five months ending
March 31". Their value is the run of months ending with the named month (``1985-11/1986-10``
for a year ended October 31 1986); without a year, the latest such run ending before the
story's date, which is then marked unsure.

Used where the DATE mention carries no calendar value; a later mention of "the three months"
takes the period of that length stated before in the story.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from ...text.periods import months_ending
from .lexicon import ClaimLexicon

_WORD = re.compile(r"[a-z0-9]+")
#: A period ending on one of the first days of a month ends with the month before.
WEEK_END_DAYS = 7


class Stated(NamedTuple):
    """A period stated by length and end: its value and whether its year was written."""

    period: str
    year_stated: bool


def _length(words: list[str], lex: ClaimLexicon) -> int:
    numbers = lex.tables.get("numbers", {})
    for i, word in enumerate(words):
        if word in ("month", "months", "mth", "mths") and i > 0:
            before = words[i - 1]
            return int(before) if before.isdigit() else numbers.get(before, 0)
        if word in ("year", "yr", "fiscal") and i + 1 < len(words) and words[i + 1] in ("ended", "ending", "end"):
            return 12
        if word in ("quarter", "qtr"):
            return 3
    return 0


class _End(NamedTuple):
    """The last month of a stated period, and its year when written."""

    month: int
    year: int | None


def stated_period(text: str, published: str | None, lex: ClaimLexicon,
                  year_end: int = 0) -> Stated | None:
    """The period of a phrase naming a length and a last day ("the three month period ended
    January 31"), or None. A last day that does not exist ("November 31") is a slip: the
    story's stated year end (year_end, a month) is taken instead when it has one."""
    words = _WORD.findall(text.lower())
    if not any(w in ("ended", "ending", "end", "ends", "to") for w in words):
        return None
    length = _length(words, lex)
    months = lex.tables["months"]
    named = [(i, months[w]) for i, w in enumerate(words) if w in months]
    if not length or not named:
        return None
    end = _last_month(words, *named[-1], 12 if length == 12 else 0, year_end)
    if end.year is not None:
        return Stated(months_ending(end.year, end.month, length), True)
    try:
        day = date.fromisoformat(str(published)[:10]) if published else None
    except ValueError:
        day = None
    if day is None:
        return None
    year = day.year if end.month < day.month else day.year - 1
    return Stated(months_ending(year, end.month, length), False)


def _last_month(words: list[str], i: int, month: int, year_length: int, year_end: int) -> _End:
    """The month and written year a period ends with, from the month name at words[i]."""
    after = words[i + 1:i + 2]
    if year_end and year_length and not _day_exists(month, after):
        month = year_end
    year = next((int(w) for w in words[i + 1:] if w.isdigit() and len(w) == 4), None)
    if after and after[0].isdigit() and len(after[0]) <= 2 and int(after[0]) <= WEEK_END_DAYS:
        # a 52/53-week year ends on a weekday near the month's end: "the quarter ended
        # January 3" is the quarter to December
        return _End(month - 1, year) if month > 1 else _End(12, year - 1 if year else None)
    return _End(month, year)


def _day_exists(month: int, after: list[str]) -> bool:
    if not after or not after[0].isdigit():
        return True
    return 1 <= int(after[0]) <= calendar.monthrange(2001 if month != 2 else 2000, month)[1]


_YEAR_END = re.compile(r"\b([A-Za-z]+)\s+\d{1,2}\s+(?:fiscal\s+)?year[- ]end\b"
                       r"|\b(?:year|\d{4}/\d{2,4})\s+(?:ending|ended|ends|to)\s+(?:end-)?([A-Za-z]+)")
_SPLIT_YEAR = re.compile(r"\b((?:19|20)\d{2})\s*/\s*((?:19|20)?\d{2})\b")


def story_year_end(text: str, lex: ClaimLexicon) -> int:
    """The month of a fiscal year end the story states ("its October 31 year end", "in
    1987/88 ending March", "the year to end-June")."""
    months = lex.tables["months"]
    for found in _YEAR_END.finditer(text):
        month = months.get((found.group(1) or found.group(2)).lower(), 0)
        if month:
            return month
    return 0


def split_year(text: str, year_end: int) -> str | None:
    """A fiscal year written across two calendar years ("1987/88", "the end of 1990/91"):
    the twelve months ending with month year_end of the second year (``1987-04/1988-03``
    for a year ending in March); None when the text names no such year or the year end is
    not known (or is December: then it is no split year)."""
    found = _SPLIT_YEAR.search(text)
    if not found or not 1 <= year_end < 12:
        return None
    first, second = int(found.group(1)), found.group(2)
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    return months_ending(last, year_end, 12) if last == first + 1 else None


def months_of(timex: str | None) -> int:
    """The number of months of a TIMEX duration ("P3M" -> 3, "P1Y" -> 12), else 0."""
    found = re.fullmatch(r"P(\d+)([MY])", timex or "")
    if not found:
        return 0
    return int(found.group(1)) * (12 if found.group(2) == "Y" else 1)


_TO_DATE = re.compile(r"\b(fiscal\s+)?(?:year|yr)[\s-]+to[\s-]+date\b"
                      r"|\bso\s+far\s+(?:this|in\s+the)\s+(fiscal\s+)?year\b")


def says_year_to_date(text: str) -> bool:
    """Does the text name a year to date ("the fiscal year to date", "so far this year")?"""
    return _TO_DATE.search(text.lower()) is not None


def year_to_date(text: str, month: str | None, fiscal_end: int) -> str | None:
    """The months of a year to date ("the fiscal year to date", "so far this year") up to the
    story's month (``1987-02``): from the first month of the fiscal year (after fiscal_end,
    the month a fiscal year ends) or of the calendar year. None for other text, or without
    the month, or for a fiscal year whose end is not known."""
    found = _TO_DATE.search(text.lower())
    parts = re.fullmatch(r"(\d{4})-(\d{2})", month or "")
    if not found or not parts:
        return None
    fiscal = bool(found.group(1) or found.group(2))
    if fiscal and not 1 <= fiscal_end <= 12:
        return None
    end = fiscal_end if fiscal else 12
    year, last = int(parts.group(1)), int(parts.group(2))
    return months_ending(year, last, (last - end - 1) % 12 + 1)

