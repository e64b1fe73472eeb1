"""Date rules for years and their parts: years (``fiscal 1987``, ``2019/20``), decades,
quarters and halves, running periods (``the 12 months to June``, ``the second quarter
ended March``) and ``the first 10 months``. Same shape as the rules in ``timex_rules``.

Conventions: a split year (crop, season or fiscal year across two calendar years:
``2012-13``, ``2019/20``, ``FY2019/20``) is ``2019/2020``, the span of the calendar years it
touches; ``fiscal 2019`` is ``2019`` (the year it is labelled with); a quarter named by its
last month (``the second quarter ended March``) is the three months up to that month
(``2020-01/2020-03``), since the company's fiscal calendar is not known.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

from . import periods
from .periods import fmt_date, interval, month_shift
from .timex_rules import YEAR_PATTERN, Rule, Words, resolved_span, year_of


class Running(NamedTuple):
    """A run of months or weeks up to (or from) an anchor: "the 12 months to June"."""

    size: str        # "12 months", "quarter", "4 weeks", "half-year"
    direction: str   # to, ended, beginning, ...
    anchor: str      # the anchor's text


def _running(n: Words, text: str) -> Running | None:
    m = re.fullmatch(rf"(?:the |its |their )?(?:(?:previous|current|latest|prior|same|{n.re_ord}) )?(?:fiscal |financial )?"
                     rf"(?:{n.re_ord}[- ])?({n.re_num} months?|{n.re_num} weeks?|{n.re_num} days?|{n.re_num} mths|year|half[- ]year|half|quarter|period)"
                     rf",? (to|ended|ending|through|beginning|starting)(?: from| on)? (.+)", text)
    if m:
        return Running(*m.groups())
    m = re.fullmatch(rf"(?:the )?(?:({YEAR_PATTERN}) )?({n.re_month})(?: ({YEAR_PATTERN}))? quarter", text)  # "the September quarter"
    if not m:
        return None
    year = m.group(1) or m.group(3)
    return Running("quarter", "ended", f"{m.group(2)} {year}" if year else m.group(2))


def _running_days(days: int, forward: bool, span: tuple[dt.date, dt.date]) -> str:
    if forward:
        return f"{span[0].isoformat()}/{(span[0] + dt.timedelta(days=days - 1)).isoformat()}"
    last = span[1] - dt.timedelta(days=1)
    return f"{(last - dt.timedelta(days=days - 1)).isoformat()}/{last.isoformat()}"


def running_period(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "the 12 months to June", "the second quarter ended March" (a fiscal quarter named
    by its last month is the three months up to it), "the four weeks ended February 21"."""
    run = _running(n, text)
    span = resolved_span(n, run.anchor, pub, future) if run else None
    if not span:
        return None
    forward = run.direction in ("beginning", "starting")
    if "week" in run.size or "day" in run.size:  # "the four weeks ended March 13", "3 days starting Monday"
        count = n.number(run.size.split()[0])
        return _running_days(count * (7 if "week" in run.size else 1), forward, span) if count else None
    months = {"year": 12, "quarter": 3, "period": None}.get(run.size) or (
        6 if run.size.startswith("half") else n.number(run.size.split()[0]))
    if not months:
        return None
    if forward:
        y, mo = month_shift(span[0].year, span[0].month, months - 1)
        return f"{span[0].year:04d}-{span[0].month:02d}/{y:04d}-{mo:02d}"
    last = span[1] - dt.timedelta(days=1)
    y, mo = month_shift(last.year, last.month, 1 - months)
    return f"{y:04d}-{mo:02d}/{last.year:04d}-{last.month:02d}"


def year_end(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    m = re.fullmatch(rf"(?:the )?(?:fiscal |financial )?year[- ]end(?:,? ({YEAR_PATTERN}))?", text)
    if not m:
        return None
    return m.group(1) or (f"{pub.year:04d}" if pub else "")


# -- years, decades, quarters ---------------------------------------------------------------
def _split_year(first: int, second_text: str, dash: bool) -> str | None:
    """ "1986/87", "2019-20", "2014-2018": a span of years; "2016-11" is a month."""
    second = int(second_text)
    if len(second_text) == 2:
        if second == (first + 1) % 100:
            return f"{first}/{first + 1}"
        return fmt_date(first, second) if 1 <= second <= 12 and dash else None
    return f"{first}/{second}" if second > first else None


def year(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "2020", "fiscal 1987", "FY2019/20", "the 1987/88 year", "this year"."""
    kinds = "|".join(n.lex["year_kinds"])
    text = re.sub(rf"^(?:the )?(\d{{4}}(?:/\d{{2,4}})?) (?:(?:{kinds}) )?(?:year|season)$", r"\1", text)
    text = re.sub(rf"^(?:(?:{kinds}|fy) ?(?:year )?)(?=\d{{4}} ?[/-])", "", text)  # "FY2019/20"
    if m := re.fullmatch(rf"({YEAR_PATTERN}) ?([/-]) ?(\d{{4}}|\d{{2}})", text):
        return _split_year(int(m.group(1)), m.group(3), m.group(2) == "-")
    relative = re.search(r"this|last|next|current|previous|prior|following|coming", text)
    found = year_of(n, text, None) if not relative else None
    if found:
        return f"{found:04d}"
    if text in n.lex["current_year_phrases"]:
        return f"{pub.year:04d}" if pub else ""
    return None


def decade(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "the 1990s" -> 199, "the '80s" -> 198, "the 20th century" -> 19."""
    if m := re.fullmatch(r"(?:the )?(?:(?:early|mid|late)-? ?)?(?:(1[0-9]|20)|')?(\d)0'?s", text):
        century = m.group(1) or ("19" if m.group(2) not in "01" else "20")
        return f"{century}{m.group(2)}"
    if m := re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", text):
        return f"{int(m.group(1)) - 1:02d}"
    return None


class PartOfYear(NamedTuple):
    """A quarter or half as written: its kind (Q/H), number (-1: the last) and year if stated."""

    kind: str
    number: int
    year: int | None
    year_written: bool


def _ordinal_quarter(n: Words, text: str, pub: dt.date | None) -> PartOfYear | None:
    """ "the third quarter of 2020", "1986 fourth quarter", "the first half"."""
    tail = r"(?:,? (?:of |in )?(?:fiscal |calendar |the )?(.+))?"
    m = re.fullmatch(rf"(?:the )?(?:({YEAR_PATTERN}),? )?(?:the )?(?:fiscal |calendar )?({n.re_ord})[- ](?:fiscal |calendar )?"
                     rf"(quarter|qtr|half)(?:[- ](?:period|results|earnings|profit))?{tail}", text)
    if not m or (m.group(2) == "last" and not (m.group(1) or m.group(4))):
        return None  # "last quarter" is the previous one, not the fourth
    year = int(m.group(1)) if m.group(1) else year_of(n, m.group(4), pub)
    if m.group(4) and year is None:
        return None
    return PartOfYear("H" if m.group(3) == "half" else "Q", n.ordinals[m.group(2)], year, bool(m.group(1) or m.group(4)))


def _coded_quarter(n: Words, text: str, pub: dt.date | None) -> PartOfYear | None:
    """ "Q3 2020", "2020 Q3", "FY Q1 '21", "3Q 2019", "H1 of this year"."""
    if (m := re.fullmatch(r"(q|h)([1-4]) (?:of )?((?:this|last|next) year)", text)) and pub:
        return PartOfYear(m.group(1).upper(), int(m.group(2)), year_of(n, m.group(3), pub), True)
    if m := re.fullmatch(rf"(?:fy ?)?(?:({YEAR_PATTERN}) ?[- ]?)?(q|h)([1-4])(?:[- ,/]*(?:fy ?)?('?\d\d|{YEAR_PATTERN}))?", text):
        before, kind, number, after = m.groups()
    elif m := re.fullmatch(rf"(?:({YEAR_PATTERN}) )?([1-4])(q|h)(?: ?({YEAR_PATTERN}|'?\d\d))?", text):
        before, number, kind, after = m.groups()
    else:
        return None
    raw = before or after
    year = year_of(n, raw if raw and len(raw) == 4 else "'" + raw.strip("'"), pub) if raw else None
    return PartOfYear(kind.upper(), int(number), year, bool(raw))


def quarter_half(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """A quarter or half, placed in the year the text or the publication date gives."""
    part = _ordinal_quarter(n, text, pub) or _coded_quarter(n, text, pub)
    if not part:
        return None
    count = 4 if part.kind == "Q" else 2
    number = count if part.number == -1 else part.number
    if not 1 <= number <= count:
        return None
    year = part.year
    if year is None:
        if pub is None:
            return f"XXXX-{part.kind}{number}"
        year = periods.pick_year(lambda y: interval(f"{y:04d}-{part.kind}{number}"), pub, future)
    return f"{year:04d}-{part.kind}{number}"


def first_months(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "the first 10 months of 2020" -> 2020-01/2020-10; "the past 12 months" -> P12M."""
    m = re.fullmatch(rf"(?:the )?(first|last|final|past|opening|closing) ({n.re_num}) (months|quarters)(?:,? (?:of |in )?(.+))?", text)
    if not m:
        return None
    count, size, which = n.number(m.group(2)), (1 if m.group(3) == "months" else 3), m.group(1)
    if not count or count * size > 12:
        return None
    if m.group(4):
        year = year_of(n, m.group(4), pub)
        if year is None:
            return None
    elif which in ("last", "past"):
        return f"P{count * size}M"
    elif pub is None:
        return ""
    else:
        year = pub.year if (pub.month > count * size or future) else pub.year - 1  # completed months
    first = which in ("first", "opening")
    if size == 3:
        return f"{year:04d}-Q1/{year:04d}-Q{count}" if first else f"{year:04d}-Q{5 - count}/{year:04d}-Q4"
    return f"{year:04d}-01/{year:04d}-{count:02d}" if first else f"{year:04d}-{13 - count:02d}/{year:04d}-12"


def first_days(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "the first 10 days of March" -> 1987-03-01/1987-03-10 (interim trade figures)."""
    m = re.fullmatch(rf"(?:the )?(first|opening|last|final) ({n.re_num}) days (?:of|in) (.+)", text)
    month_value = n.resolve(m.group(3), pub, future) if m else None
    count = n.number(m.group(2)) if m else None
    if not month_value or not count or not re.fullmatch(r"\d{4}-\d{2}", month_value):
        return None
    last = calendar.monthrange(int(month_value[:4]), int(month_value[5:]))[1]
    if count > last:
        return None
    if m.group(1) in ("first", "opening"):
        return f"{month_value}-01/{month_value}-{count:02d}"
    return f"{month_value}-{last - count + 1:02d}/{month_value}-{last:02d}"


YEAR_RULES: tuple[Rule, ...] = (running_period, year_end, year, decade, quarter_half, first_months, first_days)
