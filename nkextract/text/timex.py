"""Date expressions as TIMEX3-style values, resolved against a publication date.

    >>> normalise("in November", "2020-12-27")
    '2020-11'
    >>> normalise("From January to November this year", "2020-12-27")
    '2020-01/2020-11'

Values keep the granularity the text states: ``2020``, ``2020-11``, ``2020-11-30``,
``2020-Q3``, ``2020-H1``, ``2020-W52``, ``2020-SU``, decades ``199``, ranges ``A/B``,
durations ``P5Y``, and ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF``. Without a
publication date, what needs one comes back with an unknown year (``XXXX-11``) or None.

dateparser is the engine for the long tail of absolute forms; it has no notion of
granularity, ranges, quarters, or news-relative phrases (``a month earlier``), and reads
``we`` as Wednesday, so the frequent news forms are resolved by the rules below first
and dateparser only sees what they leave.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from functools import lru_cache
from typing import Any, Callable

from . import timex_rules
from ..lexicons import default_models_dir, read_lexicon

logger = logging.getLogger(__name__)

PRESENT_REF, PAST_REF, FUTURE_REF = "PRESENT_REF", "PAST_REF", "FUTURE_REF"
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_LEADING_WORDS = (r"^(?:in|on|at|between|its|their|our|his|her|at least|least|just|only|some|nearly|almost|"
                  r"roughly|approximately|more than|less than|no more than|longer than|under|during|since|by|for|of|as of|until|till|before|after|over|within|"
                  r"throughout|through|around|about|beginning|starting|ending|ended|from|to)\s+(?=\S)")


# -- calendar arithmetic ------------------------------------------------------------
def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _as_date(published: dt.date | str | None) -> dt.date | None:
    if published is None or isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def interval(timex: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a timex value covers, as (first day, day after the last), or None."""
    if not timex:
        return None
    if "/" in timex:
        left, right = timex.split("/", 1)
        a, b = interval(left), interval(right)
        return (a[0], b[1]) if a and b else None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12])|-W(\d{2})|-(SP|SU|FA|WI))?", timex)
    if m:
        year = int(m.group(1))
        if m.group(3):
            start = dt.date(year, int(m.group(2)), int(m.group(3)))
            return start, start + dt.timedelta(days=1)
        if m.group(2):
            ny, nm = _month_shift(year, int(m.group(2)), 1)
            return dt.date(year, int(m.group(2)), 1), dt.date(ny, nm, 1)
        if m.group(4) or m.group(5):
            size = 3 if m.group(4) else 6
            first = (int(m.group(4) or m.group(5)) - 1) * size + 1
            ny, nm = _month_shift(year, first, size)
            return dt.date(year, first, 1), dt.date(ny, nm, 1)
        if m.group(6):
            start = dt.date.fromisocalendar(year, int(m.group(6)), 1)
            return start, start + dt.timedelta(days=7)
        if m.group(7):
            first = _SEASON_MONTH[m.group(7)]
            ny, nm = _month_shift(year, first, 3)
            return dt.date(year, first, 1), dt.date(ny, nm, 1)
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    if re.fullmatch(r"\d{3}", timex):
        return dt.date(int(timex) * 10, 1, 1), dt.date(int(timex) * 10 + 10, 1, 1)
    if re.fullmatch(r"\d{2}", timex) and int(timex) < 99:  # a century: "19" is 1900-1999
        return dt.date(int(timex) * 100 or 1, 1, 1), dt.date(int(timex) * 100 + 100, 1, 1)
    return None


# -- the normaliser -----------------------------------------------------------------
class TimexNormaliser:
    """Resolve date expressions with the words of a ``dates.json`` lexicon.

    lexicon: the parsed ``models/lexicons/dates.json``.
    """

    def __init__(self, lexicon: dict[str, Any]) -> None:
        self.lex = lexicon
        self.months: dict[str, int] = lexicon["months"]
        self.weekdays: dict[str, int] = lexicon["weekdays"]
        self.numbers: dict[str, int | None] = lexicon["numbers"]
        self.ordinals: dict[str, int] = lexicon["ordinals"]
        self.units: dict[str, str] = lexicon["units"]
        self.seasons: dict[str, str] = lexicon["seasons"]
        self.relative: dict[str, int] = lexicon["relative"]
        self.offsets: dict[str, int] = lexicon["offset_words"]
        alt = lambda words: "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # noqa: E731
        self.re_month = rf"(?:{alt(self.months)})\.?"
        self.re_wday = rf"(?:{alt(self.weekdays)})\.?"
        self.re_num = rf"(?:\d+|{alt(k for k, v in self.numbers.items() if v)})"
        self.re_ord = rf"(?:{alt(self.ordinals)})"
        self.re_unit = rf"(?:{alt(self.units)})"
        self.re_rel = rf"(?:{alt(self.relative)})"
        self.re_off = rf"(?:{alt(self.offsets)})"
        self._day_words = alt(k for k, v in self.numbers.items() if v and v <= 31 and k not in ("a", "an"))
        self.re_season = rf"(?:{alt(self.seasons)})"
        self.re_part = rf"(?:{alt(lexicon['part_words'])})"
        self._phrases = {
            **{p: PRESENT_REF for p in lexicon["present_ref"]},
            **{p: PAST_REF for p in lexicon["past_ref"]},
            **{p: FUTURE_REF for p in lexicon["future_ref"]},
        }
        self._sets = set(lexicon["set_words"])
        self._cached: Callable[..., str | None] = lru_cache(maxsize=16384)(self._resolve)
        self._clean: Callable[[str], str] = lru_cache(maxsize=16384)(self.clean)
        self._rules = timex_rules.build(self)  # the rule table, kept apart to keep modules short

    def __call__(self, text: str, published: dt.date | str | None = None, *,
                 future: bool | None = False) -> str | None:
        """Normalise one date expression.

        text: the expression as written, e.g. ``"the first 10 months of 2020"``.
        published: the publication date (a date or ISO string) relative phrases resolve against.
        future: True when the context (tense, ``will``) points forward from publication,
            False when it points back (the default), None when the tense is unknown (the
            nearest candidate wins).
        RETURNS: the TIMEX3-style value, or None when it cannot be resolved.
        """
        bare = text.strip()
        if bare.islower() and bare in self.lex["ambiguous_tokens"]:
            return None  # "may", "march", "we": a verb or pronoun unless written as a name
        return self._cached(self._clean(text), _as_date(published), future)

    def clean(self, text: str) -> str:
        """Lower-case, unify dashes and spaces, drop leading prepositions and trailing punctuation."""
        text = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
        text = re.sub(r"\s+", " ", text).strip(" ,.;:!?()\"'")
        text = re.sub(r"\b(\w)\.(?=\w)", r"\1", text) if re.fullmatch(r"(?:\w\.){2,}", text) else text
        text = re.sub(rf"\b({self.re_month}) ({self._day_words})\b",
                      lambda m: f"{m.group(1)} {self.numbers[m.group(2)]}", text)
        ranged = re.match(r"^(?:from|between)\b.*\s(?:to|and|until|till|through|-)\s", text)
        if text in self._phrases:
            return text
        text = re.sub(r"^(last year|this year|next year|\d{4})'s (.+)$", r"\2 of \1", text)  # last year's Q4
        if re.match(r"^in (?:\d+|a|an|one|two|three|four|five|six) \w+$", text):
            ranged = True  # keep "in 3 weeks": a point ahead, not a duration
        for _ in range(2):
            if not ranged:
                text = re.sub(_LEADING_WORDS, "", text)
        return text.strip()

    def _resolve(self, text: str, pub: dt.date | None, future: bool | None) -> str | None:
        if not text:
            return None
        if text in self._phrases:
            return self._phrases[text]
        if text in self._sets:
            return _set_value(text)
        for rule in self._rules:
            try:
                value = rule(text, pub, future)
            except (ValueError, OverflowError, KeyError) as err:  # impossible dates
                logger.debug("timex rule %s failed on %r: %s", rule.__name__, text, err)
                value = None
            if value is not None:
                return value or None  # "" means: recognised, not resolvable
        return self._dateparser(text, pub, future)

    def _dateparser(self, text: str, pub: dt.date | None, future: bool | None) -> str | None:
        """The long tail of absolute forms, through dateparser, at the period it reports.

        Guarded: only text with a digit or a month/weekday word reaches it, and without a
        publication date only text that states its year (dateparser would fill the rest
        from today's clock).
        """
        words = set(re.findall(r"[a-z]+", text))
        has_month = bool(words & self.months.keys()) or bool(words & self.weekdays.keys())
        if not (has_month or re.search(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", text)):
            return None
        if re.search(r"\d-(?:year|month|week|day)|\d\.\d", text):  # "March 164.6": a table row, not a date
            return None
        if words & set(self.lex["guard_words"]) - self.months.keys() - self.weekdays.keys():
            return None
        if pub is None and not (re.search(r"\b(1[0-9]|20)\d\d\b", text) and has_month):
            return None
        from dateparser.date import DateDataParser  # slow to import: only when needed

        settings = {"PREFER_DATES_FROM": "future" if future else "past", "STRICT_PARSING": False,
                    "RETURN_AS_TIMEZONE_AWARE": False}
        if pub is not None:
            settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
        try:
            data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
        except Exception as err:  # dateparser raises many kinds on odd text
            logger.debug("dateparser failed on %r: %s", text, err)
            return None
        if data is None or data.date_obj is None:
            return None
        day = data.date_obj.date()
        period = data.period or "day"
        if period == "year":
            return f"{day.year:04d}"
        if period == "month":
            return f"{day.year:04d}-{day.month:02d}"
        if period == "week":
            return _week(day)
        return day.isoformat()

    # -- anchors shared by the rules -------------------------------------------------
    def number(self, word: str) -> int | None:
        """A count written in digits or words (``10``, ``ten``, ``a``)."""
        word = word.strip().lower()
        if word.isdigit():
            return int(word)
        return self.numbers.get(word)

    def month_of(self, word: str) -> int | None:
        return self.months.get(word.strip(". ").lower())

    def pick_year(self, span_of: Callable[[int], tuple[dt.date, dt.date]], pub: dt.date,
                  future: bool | None) -> int:
        """The year that places an undated period (``November``, ``Q3``) against pub.

        future False: the latest not starting after pub; True: the first not ending before
        pub (the current one included); None (tense unknown): the nearest, ties to the past.
        """
        candidates = [(year, span_of(year)) for year in (pub.year - 1, pub.year, pub.year + 1)]
        if future is False:
            return max(year for year, (start, _) in candidates if start <= pub)
        if future is True:
            return min(year for year, (_, end) in candidates if end > pub)

        def distance(item: tuple[int, tuple[dt.date, dt.date]]) -> tuple[int, int]:
            year, (start, end) = item
            gap = 0 if start <= pub < end else min(abs((pub - start).days), abs((pub - end).days))
            return gap, -year if start <= pub else year
        return min(candidates, key=distance)[0]

    def recent_month(self, month: int, pub: dt.date, future: bool | None) -> tuple[int, int]:
        """The (year, month) of an undated month name, see pick_year."""
        def span_of(year: int) -> tuple[dt.date, dt.date]:
            ny, nm = _month_shift(year, month, 1)
            return dt.date(year, month, 1), dt.date(ny, nm, 1)
        return self.pick_year(span_of, pub, future), month

    def recent_day(self, month: int, day: int, pub: dt.date, future: bool | None) -> dt.date | None:
        """The date of an undated month and day (``Feb. 22``), see pick_year."""
        if _safe_date(2000, month, day) is None:  # no such day in any year ("0/0", "2/30")
            return None

        def span_of(year: int) -> tuple[dt.date, dt.date]:
            start = _safe_date(year, month, day) or _safe_date(year, month, 28)
            return start, start + dt.timedelta(days=1)
        return _safe_date(self.pick_year(span_of, pub, future), month, day)

    def recent_weekday(self, weekday: int, pub: dt.date, future: bool | None, strict: bool = False) -> dt.date:
        """The weekday on or before pub (the day itself unless strict), or after it when
        the context says future. Unknown tense counts as past: news reports weekdays that
        have happened (``said Thursday``) far more than ones to come."""
        back = (pub.weekday() - weekday) % 7
        if back == 0 and strict:
            back = 7
        ahead = (weekday - pub.weekday()) % 7 or 7
        if future:
            return pub + dt.timedelta(days=ahead)
        return pub - dt.timedelta(days=back)

    def shift(self, pub: dt.date, unit: str, amount: int) -> str | None:
        """pub moved by amount units, at the unit's granularity (``Y`` -> ``2019``)."""
        if unit == "Y":
            return f"{pub.year + amount:04d}"
        if unit == "M":
            y, m = _month_shift(pub.year, pub.month, amount)
            return f"{y:04d}-{m:02d}"
        if unit == "Q":
            y, q = divmod(pub.year * 4 + (pub.month - 1) // 3 + amount, 4)
            return f"{y:04d}-Q{q + 1}"
        if unit == "H":
            y, h = divmod(pub.year * 2 + (pub.month - 1) // 6 + amount, 2)
            return f"{y:04d}-H{h + 1}"
        if unit == "W":
            return _week(pub + dt.timedelta(weeks=amount))
        if unit == "D":
            return (pub + dt.timedelta(days=amount)).isoformat()
        if unit == "DE":
            return f"{pub.year // 10 + amount:03d}"
        if unit == "WE":
            return _week(pub + dt.timedelta(weeks=amount)) + "-WE"
        return None


@lru_cache(maxsize=1)
def default_normaliser() -> TimexNormaliser:
    """The normaliser built from the packaged ``models/lexicons/dates.json``."""
    return TimexNormaliser(read_lexicon(default_models_dir() / "lexicons" / "dates.json"))


def normalise(text: str, published: dt.date | str | None = None, *, future: bool | None = False) -> str | None:
    """Normalise a date expression with the packaged lexicon (see TimexNormaliser)."""
    return default_normaliser()(text, published, future=future)


def _set_value(text: str) -> str | None:
    """A TIMEX3 set ("monthly", "every week") valued by its period, as TimeML does."""
    for word, value in (("dai", "P1D"), ("day", "P1D"), ("week", "P1W"), ("month", "P1M"),
                        ("quarter", "P3M"), ("year", "P1Y"), ("annual", "P1Y")):
        if word in text:
            return value
    return None
