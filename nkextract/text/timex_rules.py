"""The rules behind ``TimexNormaliser``: one small function per form of date expression.

Each rule takes the cleaned expression, the publication date (or None) and the future
flag, and returns a TIMEX3-style value, ``""`` when it recognises the form but cannot
resolve it (a relative phrase with no publication date), or None to let the next rule try.
Rules are tried in order; the most specific forms come first.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from .timex import TimexNormaliser

Rule = Callable[[str, "dt.date | None", bool], "str | None"]
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|2100)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_TIMEX_DATE = re.compile(r"(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?|-Q\d|-H\d|-W\d{2}(?:-WE)?|-SP|-SU|-FA|-WI)?")


def build(n: "TimexNormaliser") -> list[Rule]:
    """The rule list for normaliser n, most specific first."""
    from .timex import _month_shift, _week, interval

    M, W, NUM, ORD = n.re_month, n.re_wday, n.re_num, n.re_ord
    UNIT, REL, OFF, SEASON, PART = n.re_unit, n.re_rel, n.re_off, n.re_season, n.re_part
    resolve = n._cached

    def year_of(phrase: str | None, pub: dt.date | None) -> int | None:
        """A year phrase (``2020``, ``fiscal 1987``, ``'87``, ``this year``, ``last year``)."""
        if not phrase:
            return None
        phrase = re.sub(r"^(?:of |in )?(?:the )?(?:(?:fiscal|financial|calendar|crop|marketing|budget|tax) )?(?:year )?", "", phrase.strip(" ,"))
        if re.fullmatch(_YEAR, phrase):
            return int(phrase)
        if m := re.fullmatch(rf"fy ?({_YEAR})", phrase):
            return int(m.group(1))
        if m := re.fullmatch(r"(?:fy ?|')(\d\d)", phrase):
            return 1900 + int(m.group(1)) if int(m.group(1)) > 50 else 2000 + int(m.group(1))
        if pub is None:
            return None
        shifts = {"this year": 0, "current year": 0, "this": 0, "last year": -1, "previous year": -1,
                  "prior year": -1, "next year": 1, "following year": 1, "coming year": 1, "year": 0}
        return pub.year + shifts[phrase] if phrase in shifts else None

    def fmt(year: int | None, month: int, day: int | None = None) -> str:
        y = f"{year:04d}" if year else "XXXX"
        if day is None:
            return f"{y}-{month:02d}"
        if year:
            dt.date(year, month, day)  # raises ValueError for 31 February
        return f"{y}-{month:02d}-{day:02d}"

    def is_date_value(value: str | None) -> bool:
        return bool(value) and bool(_TIMEX_DATE.fullmatch(value))

    # -- rules -------------------------------------------------------------------------
    def time_of_day(text, pub, future):
        """ "Thursday morning" -> 1998-02-12TMO (TIMEX3 parts of the day)."""
        m = re.fullmatch(r"(.+?)[ -](morning|afternoon|evening|night)", text)
        day = resolve(m.group(1), pub, future) if m else None
        if not day or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            return None
        return day + {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}[m.group(2)]

    def part_of(text, pub, future):
        m = re.fullmatch(rf"(?:the )?(?:very )?{PART}(?: part)?(?:-| of | in | )(?:the )?(.+)", text)
        if m and m.group(1) not in ("year", "month", "week", "quarter", "day"):
            return resolve(m.group(1), pub, future)
        if m and pub:
            return n.shift(pub, {"year": "Y", "month": "M", "week": "W", "quarter": "Q", "day": "D"}[m.group(1)], 0)
        return None

    def running_period(text, pub, future):
        # "the 12 months to June", "the second quarter ended January 31", "the four weeks ended
        # February 21", "the fiscal year beginning April 1", "the September quarter"
        m = re.fullmatch(rf"(?:the |its |their )?(?:(?:previous|current|latest|prior|same|{ORD}) )?(?:fiscal |financial )?"
                         rf"(?:{ORD}[- ])?({NUM} months?|{NUM} weeks?|{NUM} mths|year|half[- ]year|half|quarter|period)"
                         rf",? (to|ended|ending|through|beginning|starting) (.+)", text)
        if not m:
            m2 = re.fullmatch(rf"(?:the )?(?:({_YEAR}) )?({M})(?: ({_YEAR}))? quarter", text)
            if not m2:
                return None
            year = m2.group(1) or m2.group(3)
            m = ("quarter", "ended", f"{m2.group(2)} {year}" if year else m2.group(2))
        else:
            m = m.groups()
        count, direction, anchor_text = m
        anchor = resolve(anchor_text, pub, future)
        span = interval(anchor) if is_date_value(anchor) and "XXXX" not in anchor else None
        if not span:
            return None
        if "week" in count:
            weeks = n.number(count.split()[0])
            if not weeks:
                return None
            last = span[1] - dt.timedelta(days=1)
            if direction in ("beginning", "starting"):
                return f"{span[0].isoformat()}/{(span[0] + dt.timedelta(weeks=weeks, days=-1)).isoformat()}"
            return f"{(last - dt.timedelta(weeks=weeks, days=-1)).isoformat()}/{last.isoformat()}"
        months = {"year": 12, "quarter": 3, "period": None}.get(count) or (
            6 if count.startswith("half") else n.number(count.split()[0]))
        if not months:
            return None
        if direction in ("beginning", "starting"):
            y, mo = _month_shift(span[0].year, span[0].month, months - 1)
            return f"{span[0].year:04d}-{span[0].month:02d}/{y:04d}-{mo:02d}"
        last = span[1] - dt.timedelta(days=1)
        y, mo = _month_shift(last.year, last.month, 1 - months)
        return f"{y:04d}-{mo:02d}/{last.year:04d}-{last.month:02d}"

    def year_end(text, pub, future):
        m = re.fullmatch(rf"(?:the )?(?:fiscal |financial )?year[- ]end(?:,? ({_YEAR}))?", text)
        if not m:
            return None
        return m.group(1) or (f"{pub.year:04d}" if pub else "")

    def date_range(text, pub, future):
        splits = []
        if m := re.fullmatch(r"(?:from |between )?(.+?) (?:to|through|thru|until|till|and|into|-) (.+)", text):
            splits.append((m.group(1), m.group(2)))
        if m := re.fullmatch(rf"(?:from |between )?({M}) ?[-/] ?({M}.*)", text):
            splits.append((m.group(1), m.group(2)))
        if m := re.fullmatch(rf"(?:from |between )?({M} ){_DAY} ?(?:-|to|through|until|and) ?{_DAY}(,? .+)?", text):
            splits.append((m.group(1) + m.group(2), m.group(1) + m.group(3) + (m.group(4) or "")))
        if m := re.fullmatch(rf"(?:from |between )?{_DAY} ?- ?{_DAY}( .+)", text):
            splits.append((m.group(1), m.group(2) + m.group(3)))
        for left, right in splits:
            value = _pair(left.strip(), right.strip(), pub, future)
            if value:
                return value
        return None

    def _pair(left, right, pub, future):
        own_year = re.search(_YEAR, left) is not None
        relative = r"\b(?:today|tonight|yesterday|tomorrow|now|last|this|next|ago|earlier|later|previous)\b"
        if own_year and not re.search(_YEAR, right):
            start = resolve(left, pub, future)
            first = interval(start) if is_date_value(start) else None
            anchor = pub if re.search(relative, right) else (first[0] if first else None)
            end = resolve(right, anchor, True) if first else None
        else:
            end = resolve(right, pub, future)
            if not is_date_value(end):
                return None
            if re.fullmatch(_DAY, left) and len(end) == 10:
                start = end[:8] + "%02d" % int(re.match(r"\d+", left).group())
            elif "XXXX" in end:
                start = resolve(left, None, False)
            elif re.search(relative, left):
                start = resolve(left, pub, future)
            else:  # "January to November this year": January of November's year
                span = interval(end)
                start = resolve(left, span[1] - dt.timedelta(days=1) if span else pub, False)
        if not (is_date_value(start) and is_date_value(end)):
            return None
        a, b = interval(start), interval(end)
        if a and b and a[0] > b[0]:
            return None
        return start if start == end else f"{start}/{end}"

    def iso_date(text, pub, future):
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
            return fmt(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := re.fullmatch(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})", text):  # US order, else D/M
            year = int(m.group(4)) if len(m.group(4)) == 4 else year_of("'" + m.group(4), pub)
            first, second = int(m.group(1)), int(m.group(3))
            return fmt(year, first, second) if first <= 12 else fmt(year, second, first)
        if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):  # European 13.5.2015
            return fmt(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{1,2})", text):  # 2016/11 (not 1986/87)
            first, second = int(m.group(1)), int(m.group(2))
            if 1 <= second <= 12 and not (len(m.group(2)) == 2 and second == (first + 1) % 100):
                return fmt(first, second)
        if m := re.fullmatch(r"(\d{1,2})\s*[-/]\s*(\d{4})", text):  # 11/2016
            return fmt(int(m.group(2)), int(m.group(1))) if 1 <= int(m.group(1)) <= 12 else None
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})", text):  # 4/22 (US), 22/04 when it cannot be US
            month, day = int(m.group(1)), int(m.group(2))
            if month > 12:
                month, day = day, month
            if pub is None:
                return fmt(None, month, day)
            found = n.recent_day(month, day, pub, future)
            return found.isoformat() if found else None
        if m := re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text):
            return fmt(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := re.fullmatch(rf"(\d{{1,2}})-({M})-(\d{{4}}|\d{{2}})", text):  # Reuters 2-MAR-1987
            year = int(m.group(3)) if len(m.group(3)) == 4 else year_of("'" + m.group(3), pub)
            return fmt(year, n.month_of(m.group(2)), int(m.group(1)))
        return None

    def month_day(text, pub, future):
        m = re.fullmatch(rf"(?:{W},? )?(?:the )?({M}) ?{_DAY}(?:,? (.+))?", text) or \
            re.fullmatch(rf"(?:{W},? )?(?:the )?{_DAY}(?: of)? ({M})(?:,? (.+))?", text)
        if not m:
            return None
        month_word, day = (m.group(1), m.group(2)) if not m.group(1)[0].isdigit() else (m.group(2), m.group(1))
        month, day = n.month_of(month_word), int(day)
        if m.group(3):
            year = year_of(m.group(3), pub)
            return fmt(year, month, day) if year else ("" if pub is None and year_of(m.group(3), dt.date(2000, 1, 1)) else None)
        if pub is None:
            return fmt(None, month, day)
        found = n.recent_day(month, day, pub, future)
        return found.isoformat() if found else None

    def day_of_month(text, pub, future):
        m = re.fullmatch(rf"(?:the )?{_DAY} (?:day )?(?:of |in )?(.+)", text)
        month_value = resolve(m.group(2), pub, future) if m else None
        if not month_value or not re.fullmatch(r"(?:\d{4}|XXXX)-\d{2}", month_value):
            return None
        return fmt(None if month_value[0] == "X" else int(month_value[:4]), int(month_value[5:]), int(m.group(1)))

    def month(text, pub, future):
        m = re.fullmatch(rf"(?:the )?(?:month of )?(?:({REL}) )?({M})(?:,? (?:of )?(.+))?", text)
        if not m or (m.group(1) and m.group(3)):
            return None
        number = n.month_of(m.group(2))
        if m.group(3):
            year = year_of(m.group(3), pub)
            return fmt(year, number) if year else None
        if pub is None:
            return fmt(None, number) if not m.group(1) else ""
        shift = n.relative.get(m.group(1) or "", None)
        if shift == -1:
            y, mo = _month_shift(pub.year, pub.month, -1)
            return fmt(n.recent_month(number, dt.date(y, mo, 1), False)[0], number)
        if shift == 1:
            y, mo = _month_shift(pub.year, pub.month, 1)
            return fmt(n.recent_month(number, dt.date(y, mo, 1), True)[0], number)
        if shift == 0:
            return fmt(pub.year, number)
        return fmt(n.recent_month(number, pub, future)[0], number)

    def month_year_only(text, pub, future):
        if m := re.fullmatch(rf"({_YEAR}) ({M})", text):
            return fmt(int(m.group(1)), n.month_of(m.group(2)))
        return None

    def weekday(text, pub, future):
        m = re.fullmatch(rf"(?:({REL}) )?({W})(?: (?:morning|afternoon|evening|night|noon))?", text)
        if not m:
            return None
        day = n.weekdays[m.group(2).strip(".")]
        if pub is None:
            return f"XXXX-WXX-{day + 1}"
        shift = n.relative.get(m.group(1) or "", None)
        if shift == 0:
            return (pub + dt.timedelta(days=day - pub.weekday())).isoformat()
        if shift is not None:
            return n.recent_weekday(day, pub, shift > 0, strict=True).isoformat()
        return n.recent_weekday(day, pub, future).isoformat()

    def deictic(text, pub, future):
        days = "|".join(sorted(n.lex["deictic_days"], key=len, reverse=True))
        m = re.fullmatch(rf"(?:midnight |noon )?(the )?({days})(?:'s)?(?: (?:morning|afternoon|evening|night|midnight))?", text)
        if not m:
            return None
        if pub is None:
            return "PRESENT_REF" if m.group(2) in ("today", "tonight") else ""
        return n.shift(pub, "D", n.lex["deictic_days"][m.group(2)])

    def offset(text, pub, future):
        m = re.fullmatch(rf"(?:({NUM}|several|a few|few) )?({UNIT}) ({OFF})(?: now| today)?", text) or \
            re.fullmatch(rf"(?:the )?({UNIT}) ({OFF}|before|after)", text)
        m2 = re.fullmatch(r"(?:the |a )?(year|yr|month|quarter|week)[- ](?:earlier|ago)(?: (year|month|quarter|week|period|level|figure))?", text)
        if m2:
            unit = "year" if m2.group(1) == "yr" else m2.group(1)
            noun = m2.group(2) or unit
            if pub is None:
                return ""
            if noun in ("quarter", "month", "week") and unit == "year":
                return n.shift(pub, noun[0].upper(), {"quarter": -4, "month": -12, "week": -52}[noun])
            return n.shift(pub, unit[0].upper(), -1)
        if not m:
            return None
        if m.lastindex == 2:
            count, unit, direction = "1", m.group(1), m.group(2)
        else:
            count, unit, direction = m.group(1) or "1", m.group(2), m.group(3)
        amount = n.number(count)
        if amount is None or pub is None:
            return ""
        return n.shift(pub, n.units[unit], amount * n.offsets.get(direction, -1))

    def ahead(text, pub, future):
        m = re.fullmatch(rf"in ({NUM}) ({UNIT})", text)
        if not m:
            return None
        amount = n.number(m.group(1))
        return n.shift(pub, n.units[m.group(2)], amount) if pub and amount else ("" if amount else None)

    def after_next(text, pub, future):
        m = re.fullmatch(rf"(?:the )?({UNIT}) after (?:the )?next", text)
        if not m:
            return None
        return n.shift(pub, n.units[m.group(1)], 2) if pub else ""

    def week_day(text, pub, future):
        m = re.fullmatch(rf"(?:the )?({REL}) week(?: on| 's)? ({W})", text) or \
            re.fullmatch(rf"(?:on )?({W}),? (?:of )?(?:the )?({REL}) week", text)
        if not m:
            return None
        rel, day = (m.group(1), m.group(2)) if m.group(1) in n.relative else (m.group(2), m.group(1))
        if pub is None:
            return ""
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=n.relative[rel])
        return (monday + dt.timedelta(days=n.weekdays[day.strip(".")])).isoformat()

    def week_number(text, pub, future):
        m = re.fullmatch(r"week (\d{1,2})(?:,? (?:of )?(.+))?", text) or \
            re.fullmatch(rf"(?:the )?({ORD}) week (?:of|in) (.+)", text)
        if not m:
            return None
        number = int(m.group(1)) if m.group(1).isdigit() else n.ordinals[m.group(1)]
        year = year_of(m.group(2), pub) if m.group(2) else (pub.year if pub else None)
        if not year or not 1 <= number <= 53:
            return None if m.group(2) else ""
        return f"{year:04d}-W{number:02d}"

    def this_week(text, pub, future):
        m = re.fullmatch(r"(?:the |this |my )?(week|weekend)", text)
        if not m:
            return None
        return n.shift(pub, "W" if m.group(1) == "week" else "WE", 0) if pub else ""

    def day_only(text, pub, future):
        m = re.fullmatch(r"the (\d{1,2})(?:st|nd|rd|th)?", text)
        if not m or not 1 <= int(m.group(1)) <= 31:
            return None
        if pub is None:
            return f"XXXX-XX-{int(m.group(1)):02d}"
        candidates = []
        for shift in (-1, 0, 1):
            y, mo = _month_shift(pub.year, pub.month, shift)
            try:
                candidates.append(dt.date(y, mo, int(m.group(1))))
            except ValueError:
                continue
        if future is False:
            return max(d for d in candidates if d <= pub).isoformat()
        if future is True:
            return min(d for d in candidates if d >= pub).isoformat()
        return min(candidates, key=lambda d: (abs((d - pub).days), d > pub)).isoformat()

    def relative_unit(text, pub, future):
        m = re.fullmatch(rf"(?:the )?({REL}) (?:fiscal |financial |calendar |business )?({UNIT})", text)
        if not m or m.group(2).endswith("s") and m.group(2) not in ("weekends",):
            return None
        unit, shift = n.units[m.group(2)], n.relative[m.group(1)]
        if m.group(1) in ("past",) and unit in "YMWD":
            return f"P1{unit}"
        return n.shift(pub, unit, shift) if pub else ""

    def same_period(text, pub, future):
        m = re.fullmatch(r"(?:the )?same (?:period|month|quarter|time|week|day|months|half)(?: of)?(?: (last year|a year (?:ago|earlier)|the previous year|the year before|(\d{4})))?", text)
        if not m:
            return None
        if m.group(2):
            return m.group(2)
        return n.shift(pub, "Y", -1) if m.group(1) and pub else ""

    def season(text, pub, future):
        m = re.fullmatch(rf"(?:the )?(?:({REL}) )?({SEASON})(?:,? (?:of )?(.+))?", text)
        if not m:
            return None
        code = n.seasons[m.group(2)]
        if m.group(3):
            year = year_of(m.group(3), pub)
            return f"{year:04d}-{code}" if year else None
        if pub is None:
            return f"XXXX-{code}" if not m.group(1) else ""
        if not m.group(1):
            return f"{n.pick_year(lambda y: interval(f'{y:04d}-{code}'), pub, future):04d}-{code}"
        return f"{pub.year + n.relative.get(m.group(1), 0):04d}-{code}"

    def week(text, pub, future):
        m = re.fullmatch(r"(?:the )?(weekend|week)(?: (?:of|ended|ending|to) (.+))?", text)
        if not m or not m.group(2):
            return None
        day = resolve(m.group(2), pub, future)
        if not day or len(day) != 10 or "X" in day:
            return None
        return _week(dt.date.fromisoformat(day)) + ("-WE" if m.group(1) == "weekend" else "")

    def year(text, pub, future):
        text = re.sub(r"^(?:the )?(\d{4}(?:/\d{2,4})?) (?:(?:fiscal|financial|crop|marketing|budget|tax) )?(?:year|season)$", r"\1", text)
        if m := re.fullmatch(rf"({_YEAR}) ?[/-] ?(\d{{4}}|\d{{2}})", text):
            first, second = int(m.group(1)), int(m.group(2))
            if len(m.group(2)) == 2:
                if second == (first + 1) % 100:
                    return f"{first}/{first + 1}"
                return fmt(first, second) if 1 <= second <= 12 and m.group(0)[4] == "-" else None
            return f"{first}/{second}" if second > first else None
        found = year_of(text, None) if not re.search(r"this|last|next|current|previous|prior|following|coming", text) else None
        if found:
            return f"{found:04d}"
        if text in ("year", "the year", "this year", "the current year", "the year so far", "year to date",
                    "year-to-date", "the fiscal year", "the current fiscal year", "fiscal year", "the full year",
                    "full year", "this fiscal year", "the calendar year", "calendar year"):
            return f"{pub.year:04d}" if pub else ""
        return None

    def decade(text, pub, future):
        if m := re.fullmatch(r"(?:the )?(?:(?:early|mid|late)-? ?)?(?:(1[0-9]|20)|')?(\d)0'?s", text):
            century = m.group(1) or ("19" if m.group(2) not in "01" else "20")
            return f"{century}{m.group(2)}"
        if m := re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", text):
            return f"{int(m.group(1)) - 1:02d}"
        return None

    def quarter_half(text, pub, future):
        kind = number = year = None
        tail = r"(?:,? (?:of |in )?(?:fiscal |calendar |the )?(.+))?"
        if m := re.fullmatch(rf"(?:the )?(?:({_YEAR}),? )?(?:the )?(?:fiscal |calendar )?({ORD})[- ](?:fiscal |calendar )?(quarter|qtr|half)(?:[- ](?:period|results|earnings|profit))?{tail}", text):
            if m.group(2) == "last" and not (m.group(1) or m.group(4)):
                return None  # "last quarter" is the previous one, not the fourth
            kind, number = ("Q" if m.group(3) != "half" else "H"), n.ordinals[m.group(2)]
            year = int(m.group(1)) if m.group(1) else year_of(m.group(4), pub)
            if m.group(4) and year is None:
                return None
        elif (m := re.fullmatch(r"(q|h)([1-4]) (?:of )?((?:this|last|next) year)", text)) and pub:
            kind, number, year = m.group(1).upper(), int(m.group(2)), year_of(m.group(3), pub)
        elif m := re.fullmatch(rf"(?:fy ?)?(?:({_YEAR}) ?[- ]?)?(q|h)([1-4])(?:[- ,/]*(?:fy ?)?('?\d\d|{_YEAR}))?", text) or \
                re.fullmatch(rf"(?:({_YEAR}) )?()([1-4])(q|h)(?: ?({_YEAR}|'?\d\d))?", text):
            groups = m.groups()
            kind = (groups[1] or groups[3]).upper() if groups[1] else groups[3].upper()
            number = int(groups[2])
            last = groups[4] if len(groups) > 4 else groups[3]
            raw = groups[0] or (last if last and last[0] in "'0123456789" else None)
            year = year_of(raw if raw and len(raw) == 4 else ("'" + raw.strip("'")) if raw else None, pub)
        if not kind:
            return None
        count = 4 if kind == "Q" else 2
        number = count if number == -1 else number
        if not 1 <= number <= count:
            return None
        if year is None:
            if pub is None:
                return f"XXXX-{kind}{number}"
            year = n.pick_year(lambda y: interval(f"{y:04d}-{kind}{number}"), pub, future)
        return f"{year:04d}-{kind}{number}"

    def first_months(text, pub, future):
        m = re.fullmatch(rf"(?:the )?(first|last|final|past|opening|closing) ({NUM}) (months|quarters)(?:{r',? (?:of |in )?(.+)'})?", text)
        if not m:
            return None
        count = n.number(m.group(2))
        size = 1 if m.group(3) == "months" else 3
        if not count or count * size > 12:
            return None
        if m.group(4):
            year = year_of(m.group(4), pub)
            if year is None:
                return None
        elif m.group(1) in ("last", "past"):
            return f"P{count}{'M' if size == 1 else 'Q'}" if size == 1 else f"P{count * 3}M"
        elif pub is None:
            return ""
        else:
            year = pub.year if (pub.month > count * size or future) else pub.year - 1  # completed months
        if m.group(1) in ("first", "opening"):
            return f"{year:04d}-01/{year:04d}-{count * size:02d}" if size == 1 else f"{year:04d}-Q1/{year:04d}-Q{count}"
        return f"{year:04d}-{13 - count * size:02d}/{year:04d}-12" if size == 1 else f"{year:04d}-Q{5 - count}/{year:04d}-Q4"

    def first_days(text, pub, future):
        """ "the first 10 days of March" -> 1987-03-01/1987-03-10 (interim trade figures)."""
        m = re.fullmatch(rf"(?:the )?(first|opening|last|final) ({NUM}) days (?:of|in) (.+)", text)
        month = resolve(m.group(3), pub, future) if m else None
        count = n.number(m.group(2)) if m else None
        if not month or not count or not re.fullmatch(r"\d{4}-\d{2}", month):
            return None
        last = calendar.monthrange(int(month[:4]), int(month[5:]))[1]
        if count > last:
            return None
        if m.group(1) in ("first", "opening"):
            return f"{month}-01/{month}-{count:02d}"
        return f"{month}-{last - count + 1:02d}/{month}-{last:02d}"

    def duration(text, pub, future):
        m = re.fullmatch(rf"(?:the )?(?:(?:past|last|next|coming|previous|first|following|recent|latest|remaining|further|another|additional|more than|nearly|almost|about|around|over|some|only|just) )*({NUM}|several|a few|few|many|a couple of|couple of)?[- ]?(?:and a half )?({UNIT})(?:[- ]long| period| old| span| stretch| run(?:ning)?)?", text)
        if not m or (m.group(1) is None and not m.group(2).endswith("s") and not text.startswith(("the past", "the last", "past", "last"))):
            return None
        if m.group(1) is None and (not m.group(2).endswith("s") or text.startswith("the ")):
            return None
        count = n.number(m.group(1)) if m.group(1) else None
        if count and count >= 1000:  # "1986 quarter" is a year's quarter, not 5958 months
            return None
        unit = n.units[m.group(2)]
        factor, unit = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M"), "H": (6, "M"), "FN": (2, "W"), "WE": (2, "D")}.get(unit, (1, unit))
        return f"P{count * factor}{unit}" if count else f"PX{unit}"

    return [time_of_day, part_of, running_period, year_end, iso_date, year, decade, quarter_half, first_months, first_days, same_period,
            date_range, month_day, day_of_month, month, month_year_only, weekday, deictic, offset, ahead, after_next,
            week_day, week_number, this_week, day_only, relative_unit,
            season, week, duration]
