"""The rules behind ``TimexNormaliser``: one small function per form of date expression.

Each rule takes the normaliser's words (``Words``), the cleaned expression, the publication
date (or None) and the future flag, and returns a TIMEX3-style value, ``""`` when it
recognises the form but cannot resolve it (a relative phrase with no publication date), or
None to let the next rule try. Rules are tried in order (``DATE_RULES``); the most specific
forms come first. Years, quarters and running periods are in ``timex_years``. Calendar arithmetic comes from ``periods``; this module never imports
the normaliser (it is handed one), so there is no import cycle.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Protocol

from . import periods
from .periods import fmt_date, interval, is_date_value, month_shift

YEAR_PATTERN = r"(?:1[0-9]{3}|20[0-9]{2}|2100)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_NOW = re.compile(r"^now$")
_RELATIVE_WORD = r"\b(?:today|tonight|yesterday|tomorrow|now|last|this|next|ago|earlier|later|previous)\b"


class Words(Protocol):
    """What a rule needs from the normaliser: its lexicon, regex alternations and resolver."""

    lex: dict[str, Any]
    months: dict[str, int]
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, str]
    relative: dict[str, int]
    offsets: dict[str, int]
    re_month: str
    re_wday: str
    re_num: str
    re_ord: str
    re_unit: str
    re_rel: str
    re_off: str
    re_season: str
    re_part: str

    def number(self, word: str) -> int | None: ...

    def month_of(self, word: str) -> int | None: ...

    def resolve(self, text: str, pub: dt.date | None, future: bool | None) -> str | None: ...


Rule = Callable[[Words, str, "dt.date | None", "bool | None"], "str | None"]


def year_of(n: Words, phrase: str | None, pub: dt.date | None) -> int | None:
    """A year phrase (``2020``, ``fiscal 1987``, ``'87``, ``this year``, ``last year``)."""
    if not phrase:
        return None
    kinds = "|".join(n.lex["year_kinds"])
    phrase = re.sub(rf"^(?:of |in )?(?:the )?(?:(?:{kinds}) )?(?:year )?", "", phrase.strip(" ,"))
    if re.fullmatch(YEAR_PATTERN, phrase):
        return int(phrase)
    if m := re.fullmatch(rf"fy ?({YEAR_PATTERN})", phrase):
        return int(m.group(1))
    if m := re.fullmatch(r"(?:fy ?|')(\d\d)", phrase):
        return 1900 + int(m.group(1)) if int(m.group(1)) > 50 else 2000 + int(m.group(1))
    shifts = n.lex["year_phrases"]
    return pub.year + shifts[phrase] if pub is not None and phrase in shifts else None


def resolved_span(n: Words, text: str, pub: dt.date | None, future: bool | None) -> tuple[dt.date, dt.date] | None:
    """The days a (cleaned) expression covers, when it resolves to a known calendar period."""
    value = n.resolve(text, pub, future)
    return interval(value) if is_date_value(value) and "XXXX" not in value else None


# -- parts and running periods -------------------------------------------------------
def part_of(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "the end of March", "early next week": the period the part belongs to."""
    m = re.fullmatch(rf"(?:the )?(?:very )?{n.re_part}(?: part)?(?:-| of | in | )(?:the )?(.+)", text)
    if not m:
        return None
    own_units = {"year": "Y", "month": "M", "week": "W", "quarter": "Q", "day": "D"}
    if m.group(1) not in own_units:
        return n.resolve(m.group(1), pub, future)
    return periods.shift(pub, own_units[m.group(1)], 0) if pub else None


# -- ranges ---------------------------------------------------------------------------
def _range_splits(n: Words, text: str) -> list[tuple[str, str]]:
    M = n.re_month
    splits = []
    if m := re.fullmatch(r"(?:from |between )?(.+?) (?:to|through|thru|until|till|and|into|-) (.+)", text):
        splits.append((m.group(1), m.group(2)))
    if m := re.fullmatch(rf"(?:from |between )?({M}) ?[-/] ?({M}.*)", text):
        splits.append((m.group(1), m.group(2)))
    if m := re.fullmatch(rf"(?:from |between )?({M} ){_DAY} ?(?:-|to|through|until|and) ?{_DAY}(,? .+)?", text):
        splits.append((m.group(1) + m.group(2), m.group(1) + m.group(3) + (m.group(4) or "")))
    if m := re.fullmatch(rf"({M} ?\d{{1,2}})/({M} ?\d{{1,2}}.*)", text):  # "April 10/May 10" shipment
        splits.append((m.group(1), m.group(2)))
    if m := re.fullmatch(rf"(?:from |between )?{_DAY} ?(?:-|to|until|till|and|through) ?{_DAY}( .+)", text):
        splits.append((m.group(1), m.group(2) + m.group(3)))  # "from 4 to 22 January", "4-23 in next month"
    if m := re.fullmatch(rf"({M}) (?:between |from )?{_DAY} ?(?:-|to|until|till|and|through) ?{_DAY}", text):
        splits.append((f"{m.group(1)} {m.group(2)}", f"{m.group(1)} {m.group(3)}"))  # "November between 19 and 20"
    return splits


def week_range(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "next week between Wednesday and Friday", "this week from Tue to Thur"."""
    m = re.fullmatch(rf"((?:the )?{n.re_rel} week) (?:from |between )?({n.re_wday}) (?:to|and|through|until|-) ({n.re_wday})", text)
    if not m:
        return None
    start, end = (n.resolve(f"{day} of {m.group(1)}", pub, future) for day in (m.group(2), m.group(3)))
    return f"{start}/{end}" if start and end and start < end else None


def date_range(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "from January to November this year", "March 3-5", "between 2016 and 2017"."""
    for left, right in _range_splits(n, text):
        left, right = (_NOW.sub("today", side.strip()) for side in (left, right))  # "between now and November 15"
        if re.fullmatch(r"(?:the )?(?:week|weekend)", left):
            continue  # "the week to March 9": the week that ends then (week), not a range
        value = _pair(n, left, right, pub, future)
        if value:
            return value
    return None


def _start_with_own_year(n: Words, left: str, right: str, pub: dt.date | None, future: bool | None) -> tuple[str | None, str | None]:
    start = n.resolve(left, pub, future)
    first = interval(start) if is_date_value(start) else None
    if not first:
        return start, None
    anchor = pub if re.search(_RELATIVE_WORD, right) else first[0]
    return start, n.resolve(right, anchor, True)


def _start_from_end(n: Words, left: str, end: str, pub: dt.date | None, future: bool | None) -> str | None:
    if re.fullmatch(_DAY, left) and len(end) == 10:
        return end[:8] + "%02d" % int(re.match(r"\d+", left).group())
    if "XXXX" in end:
        return n.resolve(left, None, False)
    if re.search(_RELATIVE_WORD, left):
        return n.resolve(left, pub, future)
    span = interval(end)  # "January to November this year": January of November's year
    return n.resolve(left, span[1] - dt.timedelta(days=1) if span else pub, False)


def _pair(n: Words, left: str, right: str, pub: dt.date | None, future: bool | None) -> str | None:
    if re.search(YEAR_PATTERN, left) and not re.search(YEAR_PATTERN, right):
        start, end = _start_with_own_year(n, left, right, pub, future)
    else:
        end = n.resolve(right, pub, future)
        start = _start_from_end(n, left, end, pub, future) if is_date_value(end) else None
    if not (is_date_value(start) and is_date_value(end)):
        return None
    a, b = interval(start), interval(end)
    if a and b and a[0] > b[0]:
        return None
    return start if start == end else f"{start}/{end}"


# -- absolute dates -------------------------------------------------------------------
def _short_year(n: Words, digits: str, pub: dt.date | None) -> int | None:
    return int(digits) if len(digits) == 4 else year_of(n, "'" + digits, pub)


def _undated_day(month: int, day: int, pub: dt.date | None, future: bool | None) -> str:
    """A month and day with no year, placed near pub (``XXXX`` without one)."""
    if pub is None:
        return fmt_date(None, month, day)
    found = periods.recent_day(month, day, pub, future)
    if found is None:
        raise ValueError(f"no day {month}/{day}")  # "Feb 30": no such day in any year
    return found.isoformat()


def _numeric_day(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """4/22 (US), 22/04 when it cannot be US."""
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})", text)
    if not m:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    if month > 12:
        month, day = day, month
    return _undated_day(month, day, pub, future)


def iso_date(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """Numeric dates: ISO, US ``10/2/2016``, European ``13.5.2015``, Reuters ``2-MAR-1987``."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        return fmt_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := re.fullmatch(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})", text):  # US order, else D/M
        first, second = int(m.group(1)), int(m.group(3))
        year = _short_year(n, m.group(4), pub)
        return fmt_date(year, first, second) if first <= 12 else fmt_date(year, second, first)
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2}), ?(\d{4}|\d{2})", text):  # 08/12,2015
        return fmt_date(_short_year(n, m.group(3), pub), int(m.group(1)), int(m.group(2)))
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):  # European 13.5.2015
        return fmt_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{1,2})", text):  # 2016/11 (not 1986/87)
        first, second = int(m.group(1)), int(m.group(2))
        if 1 <= second <= 12 and not (len(m.group(2)) == 2 and second == (first + 1) % 100):
            return fmt_date(first, second)
    if m := re.fullmatch(r"(\d{1,2})\s*[-/]\s*(\d{4})", text):  # 11/2016
        return fmt_date(int(m.group(2)), int(m.group(1))) if 1 <= int(m.group(1)) <= 12 else None
    if m := re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text):
        return fmt_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := re.fullmatch(rf"(\d{{1,2}})-({n.re_month})-(\d{{4}}|\d{{2}})", text):  # Reuters 2-MAR-1987
        return fmt_date(_short_year(n, m.group(3), pub), n.month_of(m.group(2)), int(m.group(1)))
    return _numeric_day(n, text, pub, future)


def month_day(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "Feb. 22", "22 February 2020", "Monday, November 30"."""
    M, W = n.re_month, n.re_wday
    m = re.fullmatch(rf"(?:{W},? )?(?:the )?({M}) ?{_DAY}(?:,? (.+))?", text) or \
        re.fullmatch(rf"(?:{W},? )?(?:the )?{_DAY}(?: of)? ({M})(?:,? (.+))?", text)
    if not m:
        return None
    month_word, day = (m.group(1), m.group(2)) if not m.group(1)[0].isdigit() else (m.group(2), m.group(1))
    month, day = n.month_of(month_word), int(day)
    if m.group(3):
        year = year_of(n, m.group(3), pub)
        if year:
            return fmt_date(year, month, day)
        return "" if pub is None and year_of(n, m.group(3), dt.date(2000, 1, 1)) else None
    return _undated_day(month, day, pub, future)


def day_of_month(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "the 5th of last month"."""
    m = re.fullmatch(rf"(?:the )?{_DAY} (?:day )?(?:of |in )?(.+)", text)
    month_value = n.resolve(m.group(2), pub, future) if m else None
    if not month_value or not re.fullmatch(r"(?:\d{4}|XXXX)-\d{2}", month_value):
        return None
    year = None if month_value[0] == "X" else int(month_value[:4])
    return fmt_date(year, int(month_value[5:]), int(m.group(1)))


def month(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "November", "last March", "September of 2019"."""
    m = re.fullmatch(rf"(?:the )?(?:month of )?(?:({n.re_rel}) )?({n.re_month})(?:,? (?:of )?(.+))?", text)
    if not m or (m.group(1) and m.group(3)):
        return None
    number = n.month_of(m.group(2))
    if m.group(3):
        year = year_of(n, m.group(3), pub)
        return fmt_date(year, number) if year else None
    if pub is None:
        return fmt_date(None, number) if not m.group(1) else ""
    shift = n.relative.get(m.group(1) or "", None)
    if shift == 0:
        return fmt_date(pub.year, number)
    if shift in (-1, 1):  # "last March": the March before this month
        y, mo = month_shift(pub.year, pub.month, shift)
        return fmt_date(periods.recent_month(number, dt.date(y, mo, 1), shift > 0), number)
    return fmt_date(periods.recent_month(number, pub, future), number)


def month_year_only(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    if m := re.fullmatch(rf"({YEAR_PATTERN}) ({n.re_month})", text):
        return fmt_date(int(m.group(1)), n.month_of(m.group(2)))
    return None


# -- days and weeks -----------------------------------------------------------------------
def weekday(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "Thursday", "last Friday", "next Monday"."""
    m = re.fullmatch(rf"(?:({n.re_rel}) )?({n.re_wday})", text)
    if not m:
        return None
    day = n.weekdays[m.group(2).strip(".")]
    if pub is None:
        return f"XXXX-WXX-{day + 1}"
    shift = n.relative.get(m.group(1) or "", None)
    if shift == 0:
        return (pub + dt.timedelta(days=day - pub.weekday())).isoformat()
    if shift is not None:
        return periods.recent_weekday(day, pub, shift > 0, strict=True).isoformat()
    return periods.recent_weekday(day, pub, future).isoformat()


def weekday_day(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "Thursday the 21st": the day of the month, near the publication date."""
    m = re.fullmatch(rf"({n.re_wday}),? the (\d{{1,2}}(?:st|nd|rd|th)?|{n.re_ord})", text)
    if not m:
        return None
    day = m.group(2) if m.group(2)[0].isdigit() else str(n.ordinals[m.group(2)])
    return n.resolve(f"the {day}", pub, future) if day.isdigit() or day[0].isdigit() else None


def deictic(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "today", "yesterday", "the day after tomorrow"."""
    days = "|".join(sorted(n.lex["deictic_days"], key=len, reverse=True))
    m = re.fullmatch(rf"(the )?({days})(?:'s)?", text)
    if not m:
        return None
    if pub is None:
        return "PRESENT_REF" if m.group(2) in ("today", "tonight") else ""
    return periods.shift(pub, "D", n.lex["deictic_days"][m.group(2)])


def _unit_offset(n: Words, text: str, pub: dt.date | None) -> str | None:
    """ "a year earlier", "the year-ago quarter"."""
    m = re.fullmatch(r"(?:the |a )?(year|yr|month|quarter|week)[- ](?:earlier|ago)(?: (year|month|quarter|week|period|level|figure))?", text)
    if not m:
        return None
    unit = "year" if m.group(1) == "yr" else m.group(1)
    noun = m.group(2) or unit
    if pub is None:
        return ""
    if noun in ("quarter", "month", "week") and unit == "year":
        return periods.shift(pub, noun[0].upper(), {"quarter": -4, "month": -12, "week": -52}[noun])
    return periods.shift(pub, unit[0].upper(), -1)


def offset(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "two years ago", "three days later", "the year before"."""
    found = _unit_offset(n, text, pub)
    if found is not None:
        return found
    m = re.fullmatch(rf"(?:({n.re_num}|several|a few|few) )?({n.re_unit}) ({n.re_off})(?: now| today)?", text)
    if m:
        count, unit, direction = m.group(1) or "1", m.group(2), m.group(3)
    elif m := re.fullmatch(rf"(?:the )?({n.re_unit}) ({n.re_off}|before|after)", text):
        count, unit, direction = "1", m.group(1), m.group(2)
    else:
        return None
    amount = n.number(count)
    if amount is None or pub is None:
        return ""
    return periods.shift(pub, n.units[unit], amount * n.offsets.get(direction, -1))


def ahead(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "in 3 weeks": a point ahead, not a duration."""
    m = re.fullmatch(rf"in ({n.re_num}) ({n.re_unit})", text)
    if not m:
        return None
    amount = n.number(m.group(1))
    return periods.shift(pub, n.units[m.group(2)], amount) if pub and amount else ("" if amount else None)


def after_next(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    m = re.fullmatch(rf"(?:the )?({n.re_unit}) after (?:the )?next", text)
    if not m:
        return None
    return periods.shift(pub, n.units[m.group(1)], 2) if pub else ""


def week_day(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "Tuesday of next week", "last week on Friday"."""
    m = re.fullmatch(rf"(?:the )?({n.re_rel}) week(?: on| 's)? ({n.re_wday})", text) or \
        re.fullmatch(rf"(?:on )?({n.re_wday}),? (?:of )?(?:the )?({n.re_rel}) week", text)
    if not m:
        return None
    rel, day = (m.group(1), m.group(2)) if m.group(1) in n.relative else (m.group(2), m.group(1))
    if pub is None:
        return ""
    monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=n.relative[rel])
    return (monday + dt.timedelta(days=n.weekdays[day.strip(".")])).isoformat()


def week_of_month(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "the second week of April", "the last week of March 2020": the ISO week that holds
    the middle day of the month's nth seven days (the 4th, 11th, 18th, 25th; the last
    week: the fourth day from the end), so a week mostly in the month."""
    m = re.fullmatch(rf"(?:the )?({n.re_ord}) week (?:of|in) ({n.re_month}(?:,? \d{{4}})?)", text)
    if not m or not 1 <= abs(n.ordinals[m.group(1)]) <= 5:
        return None
    month = n.resolve(m.group(2), pub, future)
    span = interval(month) if month and re.fullmatch(r"\d{4}-\d{2}", month) else None
    if not span:
        return None if month is None else ""
    nth = n.ordinals[m.group(1)]
    day = span[1] - dt.timedelta(days=4) if nth < 0 else span[0] + dt.timedelta(weeks=nth - 1, days=3)
    if day >= span[1]:
        raise ValueError(f"no week {nth} in {month}")  # "the fifth week of February"
    return periods.iso_week(day)


def week_number(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    m = re.fullmatch(r"week (\d{1,2})(?:,? (?:of )?(.+))?", text) or \
        re.fullmatch(rf"(?:the )?({n.re_ord}) week (?:of|in) (.+)", text)
    if not m:
        return None
    number = int(m.group(1)) if m.group(1).isdigit() else n.ordinals[m.group(1)]
    if not 1 <= number <= 53:
        raise ValueError(f"no week {number}")  # "Week 0": no such week, no mention
    year = year_of(n, m.group(2), pub) if m.group(2) else (pub.year if pub else None)
    if not year:
        return None if m.group(2) else ""
    return f"{year:04d}-W{number:02d}"


def this_week(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    m = re.fullmatch(r"(?:the |this |that |my )?(week|weekend|day)", text)
    if not m or m.group(1) == "day" and text == "day":
        return None
    return periods.shift(pub, {"week": "W", "weekend": "WE", "day": "D"}[m.group(1)], 0) if pub else ""


def day_only(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "the 27th": the nearest such day of this, the last or the next month."""
    m = re.fullmatch(r"the (\d{1,2})(?:st|nd|rd|th)?", text)
    if not m or not 1 <= int(m.group(1)) <= 31:
        return None
    if pub is None:
        return f"XXXX-XX-{int(m.group(1)):02d}"
    candidates = [d for d in (periods.safe_date(*month_shift(pub.year, pub.month, s), int(m.group(1)))
                              for s in (-1, 0, 1)) if d]
    if future is False:
        return max(d for d in candidates if d <= pub).isoformat()
    if future is True:
        return min(d for d in candidates if d >= pub).isoformat()
    return min(candidates, key=lambda d: (abs((d - pub).days), d > pub)).isoformat()


def relative_unit(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "last month", "the coming week", "next fiscal year"."""
    m = re.fullmatch(rf"(?:the )?({n.re_rel}) (?:fiscal |financial |calendar |business )?({n.re_unit})", text)
    if not m or m.group(2).endswith("s") and m.group(2) not in ("weekends",):
        return None
    if m.group(1) == "past":  # "the past decade": the ten years up to now, a duration
        return None
    return periods.shift(pub, n.units[m.group(2)], n.relative[m.group(1)]) if pub else ""


def same_period(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "the same day", "the same month a year ago": the period in question (pub's, or the
    day named before it when the date component anchors it there), a year back when the
    phrase says so, at the granularity of its unit (a month stays a month); ``the same
    period last year`` names no unit: the year."""
    m = re.fullmatch(r"(?:the |that )?(?:very )?same (period|month|quarter|time|week|day|months|half)(?: of)?"
                     r"(?: (last year|a year (?:ago|earlier|before)|the previous year|the year before|(\d{4})))?", text)
    if not m:
        return None
    unit = {"month": "M", "quarter": "Q", "week": "W", "day": "D", "half": "H"}.get(m.group(1))
    if m.group(3):
        year = int(m.group(3))
        return periods.shift(periods.safe_date(year, pub.month, min(pub.day, 28)), unit, 0) if unit and pub \
            else m.group(3)
    if pub is None or unit is None and not m.group(2):
        return ""  # "the same period": no unit, no day named
    if not m.group(2):
        return periods.shift(pub, unit, 0)
    if unit is None:
        return periods.shift(pub, "Y", -1)
    if unit == "D":
        return (periods.safe_date(pub.year - 1, pub.month, pub.day) or dt.date(pub.year - 1, 2, 28)).isoformat()
    return periods.shift(pub, unit, -{"M": 12, "Q": 4, "W": 52, "H": 2}[unit])


def season(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "last summer", "the winter of 2019" (TIMEX3 SP/SU/FA/WI)."""
    m = re.fullmatch(rf"(?:the )?(?:({n.re_rel}) )?({n.re_season})(?:,? (?:of )?(.+))?", text)
    if not m:
        return None
    code = n.seasons[m.group(2)]
    if m.group(3):
        year = year_of(n, m.group(3), pub)
        return f"{year:04d}-{code}" if year else None
    if pub is None:
        return f"XXXX-{code}" if not m.group(1) else ""
    if not m.group(1):
        return f"{periods.pick_year(lambda y: interval(f'{y:04d}-{code}'), pub, future):04d}-{code}"
    return f"{pub.year + n.relative.get(m.group(1), 0):04d}-{code}"


def week(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "the week ended February 21", "the February 16 week" (a statement week named by its day)."""
    text = re.sub(r"^w/c ", "the week commencing ", text)
    m = re.fullmatch(r"(?:the )?(weekend|week)(?: (?:of|ended|ending|to|commencing|starting|beginning)(?: on)? (.+))?", text)
    named = re.fullmatch(r"(?:the )?(.+?) (weekend|week)", text)
    if m and m.group(2):
        kind, when = m.group(1), m.group(2)
    elif named and named.group(1).split()[0] not in n.relative:
        kind, when = named.group(2), named.group(1)
    else:
        return None
    day = n.resolve(when, pub, future)
    if not day or len(day) != 10 or "X" in day:
        return None
    return periods.iso_week(dt.date.fromisoformat(day)) + ("-WE" if kind == "weekend" else "")


DAY_RULES: tuple[Rule, ...] = (
    iso_date, same_period, week_range, date_range, month_day, day_of_month, month, month_year_only, weekday,
    weekday_day, deictic, offset, ahead, after_next, week_day, week_of_month, week_number, this_week, day_only, relative_unit,
    season, week)
