"""The TIMEX3 types beside DATE: SET (``monthly``, ``every year``), TIME (``Tuesday
morning``, ``11.20pm last night``, ``at 6am``, ``midnight``), DURATION (``three years``,
``a decade``, ``two-week``), and holidays (``Christmas``, ``Thanksgiving``: DATEs placed
by a rule of the calendar).

Rules have the shape of those in ``timex_rules`` (they are handed the normaliser's words),
and return a ``Timex`` when the value alone would not tell the type (a SET looks like a
DURATION). Conventions, after the TimeML guidelines (TimeML 1.2.1, TIMEX3):

- a time without a stated day is on the publication day (TempEval's convention: ``at 6am``
  in a story of 2020-12-27 is ``2020-12-27T06:00``); with no publication date, ``T06:00``;
- midnight is ``T24:00`` of the day it ends, noon ``T12:00``; parts of the day are
  ``TMO``/``TAF``/``TEV``/``TNI`` after the day (``2020-12-22TMO``);
- a SET is valued by its period (``P1M``, ``P2W``) or its recurring day or part of a day
  (``XXXX-WXX-1`` for ``every Monday``, ``XXXX-XX-XXTEV`` for ``every evening``); frequency
  words (``twice``) do not change it;
- a duration keeps its unit (``P18M``, not ``P1.5Y``); a decade is ``P10Y``, a quarter
  ``P3M``, hours and minutes ``PT6H``, ``PT30M``; an unstated count is ``X`` (``PXY``).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from dateutil.easter import easter  # python-dateutil (a dateparser dependency): Easter by rule

from . import periods
from .periods import Timex
from .timex_rules import Rule, Words, year_of

_CLOCK = (r"(?P<hour>\d{1,2})(?:(?P<sep>[:.h])(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
          r"(?: ?(?P<ampm>a\.? ?m\.?|p\.? ?m\.?|am|pm)| ?(?P<oclock>o'clock))?")


# -- SET -------------------------------------------------------------------------------
def set_word(n: Words, text: str, pub: dt.date | None, future: bool | None) -> Timex | None:
    """ "monthly", "annually", "biweekly": a SET valued by its period."""
    value = n.lex["set_words"].get(text)
    return Timex(value, "SET") if value else None


def every_unit(n: Words, text: str, pub: dt.date | None, future: bool | None) -> Timex | None:
    """ "every year", "each quarter", "every two weeks", "twice a year", "per annum"."""
    freq = rf"(?:{'|'.join(n.lex['frequency_words'])}|{n.re_num} times)"
    m = re.fullmatch(rf"(?:every|each)( other)?(?: ({n.re_num}))? ({n.re_unit})", text) or \
        re.fullmatch(rf"(?:{freq} )?(?:per|a|an)()() ({n.re_unit})", text)
    if not m or (text.startswith(("a ", "an ")) or " a " in text or " an " in text) and not re.match(freq, text):
        return None
    count = 2 if m.group(1) else (n.number(m.group(2)) if m.group(2) else 1)
    value = _duration_value(n, count, m.group(3)) if count else None
    return Timex(value, "SET") if value else None


def every_day(n: Words, text: str, pub: dt.date | None, future: bool | None) -> Timex | None:
    """ "every Monday", "on Sundays", "every morning" (recurring days and parts of days)."""
    m = re.fullmatch(rf"(?:every|each)(?: other)? ({n.re_wday}|{n.re_day_part})", text) or \
        re.fullmatch(rf"({n.re_wday})s", text)
    if not m or text in n.weekdays:  # "tues" is Tuesday, "tuesdays" every Tuesday
        return None
    word = m.group(1).strip(".")
    if word in n.weekdays:
        return Timex(f"XXXX-WXX-{n.weekdays[word] + 1}", "SET")
    return Timex("XXXX-XX-XXT" + n.lex["day_parts"][word], "SET")  # TimeML: any day's evening


# -- TIME ------------------------------------------------------------------------------
class Clock(NamedTuple):
    hour: int
    minute: int
    second: int | None


def _clock(n: Words, text: str, day_part: str | None = None) -> Clock | None:
    """A clock time: ``6am``, ``11.20pm``, ``10:30``, ``7 o'clock``, ``noon``, ``midnight``."""
    words = n.lex["clock_words"]
    if text in words:
        hour, minute = words[text]
        return Clock(hour, minute, None)
    m = re.fullmatch(_CLOCK, text)
    if not m or not (m.group("ampm") or m.group("oclock") or m.group("sep") in (":", "h") or day_part):
        return None  # "11.20" alone is a number, "at 7" a count
    hour, minute = _hour_24(int(m.group("hour")), m.group("ampm"), day_part), int(m.group("minute") or 0)
    if hour is None or minute > 59:
        return None
    return Clock(hour, minute, int(m.group("second")) if m.group("second") else None)


def _hour_24(hour: int, ampm: str | None, day_part: str | None) -> int | None:
    """The hour on the 24-hour clock: ``7`` p.m. or ``7 in the evening`` is 19, ``12 a.m.``
    is 0, ``12 at night`` is 24 (midnight, as TimeML writes it); None for no such hour."""
    if ampm:
        if not 1 <= hour <= 12:
            return None
        return hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 24:
        return None
    if day_part == "NI" and hour == 12:
        return 24
    if day_part in ("AF", "EV", "NI") and hour < 12 or day_part == "MI" and hour < 6:
        return hour + 12
    return hour


def _clock_value(clock: Clock) -> str:
    second = f":{clock.second:02d}" if clock.second is not None else ""
    return f"T{clock.hour:02d}:{clock.minute:02d}{second}"


def _day(n: Words, text: str | None, pub: dt.date | None, future: bool | None) -> str | None:
    """The day a time is on: the day phrase's date, the publication day when none is
    written, None when the phrase is no single day."""
    if not text:
        return pub.isoformat() if pub else ""
    shifts = n.lex["day_part_days"]
    if text in shifts:
        return periods.shift(pub, "D", shifts[text]) if pub else None
    value = n.resolve(text, pub, future)  # "last night" -> 2020-12-26TNI: its day
    m = re.fullmatch(r"((?:\d{4}|XXXX)-\d{2}-\d{2}|XXXX-WXX-\d)(?:T(?:MO|AF|EV|NI))?", value or "")
    return m.group(1) if m else None


def _zone(n: Words, text: str) -> tuple[str, str | None]:
    """The text without its time zone, and the zone's word (``09:30 UTC``, ``9 a.m. EST``)."""
    zones = "|".join(sorted(map(re.escape, n.lex["time_zones"]), key=len, reverse=True))
    m = re.search(rf"(?:a\.? ?m\.?|p\.? ?m\.?|\d|noon|midnight)((?: (?:{zones})\b)+)", text)
    if not m:
        return text, None
    return text[:m.start(1)] + text[m.end(1):], re.match(zones, m.group(1).strip()).group()


def zone_offset(n: Words, word: str | None, day: str | None) -> str:
    """The zone's UTC offset as TIMEX3 writes it after the clock (``Z``, ``-05``, ``+05:30``):
    a US zone written without standard or daylight (``ET``) takes the one in force on the
    day; a zone with no fixed offset (``local time``) adds nothing."""
    offset = n.lex["time_zones"].get(word or "", "")
    if not offset.startswith("US:"):
        return offset
    standard = int(offset[3:])
    on = dt.date.fromisoformat(day) if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None
    return f"{standard + (1 if on and _us_daylight(on) else 0):+03d}" if on else ""


def _us_daylight(day: dt.date) -> bool:
    """Whether US daylight saving time is in force on the day (the rules of 1987 and of 2007)."""
    if day.year >= 2007:
        start, end = periods.nth_weekday(day.year, 3, 6, 2), periods.nth_weekday(day.year, 11, 6, 1)
    else:
        start, end = periods.nth_weekday(day.year, 4, 6, 1), periods.nth_weekday(day.year, 10, 6, -1)
    return bool(start and end and start <= day < end)


def _split_time(n: Words, text: str) -> tuple[str, str | None, str | None] | None:
    """(clock, day phrase, part of the day) of ``11.20pm last night``, ``Tuesday at 6am``
    (the time zone taken out first: see ``_zone``)."""
    zones = "|".join(map(re.escape, n.lex["time_zones"]))
    text = re.sub(rf"\b([01]\d|2[0-3])([0-5]\d) (?=(?:{zones}|hours|hrs)\b)", r"\1:\2 ", text)  # "1430 GMT"
    text = re.sub(r"(\d:\d\d) (?:hours|hrs)$", r"\1", text)  # "1900 hours"
    text = _zone(n, text)[0]
    words = "|".join(sorted(map(re.escape, n.lex["clock_words"]), key=len, reverse=True))
    clock = rf"(?P<clock>{words}|{_CLOCK})"
    part = rf"(?: (?:in the |at )?(?P<part>{n.re_day_part}))?"
    if m := re.fullmatch(rf"(?:at )?{clock}{part}(?:,? (?:on |of )?(?P<day>.+))?", text):
        return m.group("clock"), m.group("day"), m.group("part")
    if m := re.fullmatch(rf"(?P<day>.+?),? (?:at|by|around|from) {clock}{part}", text):
        return m.group("clock"), m.group("day"), m.group("part")
    if m := re.fullmatch(rf"(?:in the )?(?P<part>{n.re_day_part}),? (?:at )?{clock}", text):  # "afternoon 7:00"
        return m.group("clock"), None, m.group("part")
    return None


def clock_time(n: Words, text: str, pub: dt.date | None, future: bool | None) -> Timex | None:
    """ "at 6am", "11.20pm last night", "Tuesday at 10:30 a.m. EST", "midnight"."""
    parts = _split_time(n, text)
    if not parts:
        return None
    zone = _zone(n, re.sub(r"\b([01]\d|2[0-3])([0-5]\d) ", r"\1:\2 ", text))[1]
    clock_text, day_text, part_word = parts
    part_code = n.lex["day_parts"].get(part_word) if part_word else None
    if day_text in n.lex["day_parts"]:  # "8 in the evening" read as a day phrase
        part_code, day_text = n.lex["day_parts"][day_text], None
    clock = _clock(n, clock_text, part_code)
    day = _day(n, day_text, pub, future)
    if clock is None or day is None:
        return None
    return Timex(f"{day}{_clock_value(clock)}{zone_offset(n, zone, day)}", "TIME")  # day "": no date to put it on


def day_part(n: Words, text: str, pub: dt.date | None, future: bool | None) -> Timex | None:
    """ "Tuesday morning" -> the Tuesday's date + TMO; "last night", "tonight", "this afternoon"."""
    if text in n.lex["day_part_phrases"]:
        day_text, part = n.lex["day_part_phrases"][text]
    elif m := re.fullmatch(rf"(.+?)[ -]({n.re_day_part})", text):
        day_text, part = m.group(1), m.group(2)
    else:
        return None
    day = _day(n, day_text, pub, future)
    if day is None:
        return None
    return Timex(f"{day}T{n.lex['day_parts'][part]}", "TIME")  # day "": no date to put it on


# -- holidays (DATE) ---------------------------------------------------------------------
def holiday_date(rule: dict, year: int) -> dt.date | None:
    """The day a holiday falls on in a year, from its lexicon rule: a fixed ``month`` and
    ``day``, the ``nth`` ``weekday`` of a month (-1: the last), or days from ``easter``."""
    if "easter" in rule:
        return easter(year) + dt.timedelta(days=rule["easter"])
    if "nth" in rule:
        found = periods.nth_weekday(year, rule["month"], rule["weekday"], rule["nth"])
        return found + dt.timedelta(days=rule.get("shift", 0)) if found else None
    return periods.safe_date(year, rule["month"], rule["day"])


def holiday(n: Words, text: str, pub: dt.date | None, future: bool | None) -> Timex | None:
    """ "Christmas", "Thanksgiving 2010", "last Easter", "New Year's Eve"."""
    m = re.fullmatch(rf"(?:({n.re_rel}) )?({n.re_holiday})(?: day)?(?:,? (?:of )?(.+))?", text)
    if not m:
        return None
    rule = n.lex["holidays"][m.group(2)]
    if m.group(3):
        year = year_of(n, m.group(3), pub)
    elif pub is None:  # a fixed day is known without the year: XXXX-12-25
        return Timex(periods.fmt_date(None, rule["month"], rule["day"]) if "day" in rule else None, "DATE")
    elif m.group(1):
        year = pub.year + n.relative[m.group(1)]
    else:
        year = periods.pick_year(lambda y: _holiday_span(rule, y), pub, future)
    day = holiday_date(rule, year) if year else None
    return Timex(day.isoformat(), "DATE") if day else None


def _holiday_span(rule: dict, year: int) -> tuple[dt.date, dt.date]:
    day = holiday_date(rule, year) or dt.date(year, 1, 1)
    return day, day + dt.timedelta(days=1)


# -- DURATION ------------------------------------------------------------------------------
def _duration_value(n: Words, count: int | float | None, unit_word: str) -> str | None:
    """P3Y, PT6H, P10Y for a decade, PXY for an unstated count."""
    unit = n.units[unit_word]
    factor, letter = n.lex["duration_units"].get(unit, (1, unit))
    clock = letter.startswith("T")
    letter = letter.lstrip("T")
    if count is None:
        return f"P{'T' if clock else ''}X{letter}"
    amount = count * factor
    amount = int(amount) if float(amount).is_integer() else round(amount, 3)
    return f"P{'T' if clock else ''}{amount}{letter}"


def duration(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "three years" -> P3Y, "the past 18 months", "a decade", "two-week", "2 1/2 hours"."""
    lead = "|".join(n.lex["duration_lead_words"])
    vague = "|".join(n.lex["vague_counts"])
    m = re.fullmatch(rf"(?:the )?(?:(?:{lead}) )*({n.re_num}|{vague})?(?: and (a half|a quarter))?[- ]?(?:and a half )?"
                     rf"({n.re_unit})(?: and (?:a )?half)?(?:[- ]long| period| old| span| stretch| run(?:ning)?)?", text)
    if not m:
        return None
    count_text, fraction, unit_word = m.groups()
    if count_text is None and not unit_word.endswith("s") and text.startswith(tuple(n.lex["one_more_words"])):
        count_text = "1"  # "another week", "a further month", "the past decade"
    if count_text is None and (not unit_word.endswith("s") or text.startswith("the ")):
        return None  # "year", "the years": no duration stated
    count = n.number(count_text) if count_text and count_text not in n.lex["vague_counts"] else None
    if count is not None and count >= 1000:  # "1986 quarter" is a year's quarter, not 5958 months
        return None
    return _duration_value(n, _with_fraction(text, count, fraction), unit_word)


def _with_fraction(text: str, count: int | float | None, fraction: str | None) -> int | float | None:
    """The count with the half or quarter the text adds (``two and a half years``)."""
    if count is None:
        return None
    if "and a half" in text and fraction is None:
        fraction = "a half"
    if fraction or re.search(r"and (?:a )?half$", text):
        return count + (0.25 if fraction == "a quarter" else 0.5)
    return count


def duration_range(n: Words, text: str, pub: dt.date | None, future: bool | None) -> Timex | None:
    """ "six to nine months", "10-15 years", "between two and three weeks", "two or three
    days": one DURATION valued as a range of durations (``P6M/P9M``), the unit shared."""
    m = re.fullmatch(rf"(between )?({n.re_num}) ?(to|-|or|and) ?({n.re_num})[- ]({n.re_unit})", text)
    if not m or (m.group(3) == "and") != bool(m.group(1)) or not m.group(5).endswith("s"):
        return None
    low, high = n.number(m.group(2)), n.number(m.group(4))
    if low is None or high is None or not 0 < low < high or high >= 1000:
        return None
    return Timex(f"{_duration_value(n, low, m.group(5))}/{_duration_value(n, high, m.group(5))}", "DURATION")


def half_unit(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "half an hour" -> PT30M, "half a day", "a half-year" -> P6M."""
    m = re.fullmatch(rf"(?:a )?half(?: an?)?[- ]({n.re_unit})", text)
    if not m or n.units[m.group(1)] in ("H", "Q"):
        return None
    return _duration_value(n, 0.5, m.group(1))


def whole_unit(n: Words, text: str, pub: dt.date | None, future: bool | None) -> str | None:
    """ "all day", "the whole week", "a full-month" -> P1D, P1W, P1M."""
    words = "|".join(n.lex["whole_unit_words"])
    m = re.fullmatch(rf"(?:the |a )?(?:{words})[- ]({n.re_unit})", text)
    return _duration_value(n, 1, m.group(1)) if m and not m.group(1).endswith("s") else None


SET_RULES: tuple[Rule, ...] = (set_word, every_day, every_unit)
TIME_RULES: tuple[Rule, ...] = (day_part, clock_time, holiday)
DURATION_RULES: tuple[Rule, ...] = (duration_range, half_unit, whole_unit, duration)
