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

from . import timex_rules, timex_times, timex_years
from ..lexicons import default_models_dir, read_lexicon
from .periods import Timex, as_date, interval, iso_week, timex_type

__all__ = ["TimexNormaliser", "Timex", "default_normaliser", "normalise", "interval"]
logger = logging.getLogger(__name__)

PRESENT_REF, PAST_REF, FUTURE_REF = "PRESENT_REF", "PAST_REF", "FUTURE_REF"
#: the rules in the order they are tried: sets and times first (they contain dates),
#: then dates, then durations (``three years`` only when nothing dates it)
RULES = (timex_times.SET_RULES + timex_times.TIME_RULES + (timex_rules.part_of,) + timex_years.YEAR_RULES
         + timex_rules.DAY_RULES + timex_times.DURATION_RULES)


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
        self.re_month = rf"(?:{_alternation(self.months)})\.?"
        self.re_wday = rf"(?:{_alternation(self.weekdays)})\.?"
        self.re_num = rf"(?:\d+(?:\.\d+)?|{_alternation(k for k, v in self.numbers.items() if v)})"
        self.re_ord = rf"(?:{_alternation(self.ordinals)})"
        self.re_unit = rf"(?:{_alternation(self.units)})"
        self.re_rel = rf"(?:{_alternation(self.relative)})"
        self.re_off = rf"(?:{_alternation(self.offsets)})"
        self.re_season = rf"(?:{_alternation(self.seasons)})"
        self.re_part = rf"(?:{_alternation(lexicon['part_words'])})"
        self.re_holiday = rf"(?:{_alternation(lexicon['holidays'])})"
        self.re_day_part = rf"(?:{_alternation(lexicon['day_parts'])})"
        self._day_words = _alternation(k for k, v in self.numbers.items() if v and v <= 31 and k not in ("a", "an"))
        self._leading = re.compile(rf"^(?:{_alternation(lexicon['leading_words'])})\s+(?=\S)")
        self._whole_year = re.compile(
            rf"^(?:the )?(?:{_alternation(lexicon['whole_unit_words'])})(?: of)?(?: (?:the )?year)? (\d{{4}})$")
        self._named_months = re.compile(
            rf"^(?:the )?((?:{self.re_month})\s*[/-]\s*(?:{self.re_month})) (?:quarter|period)$")
        self._phrases = {
            **{p: PRESENT_REF for p in lexicon["present_ref"]},
            **{p: PAST_REF for p in lexicon["past_ref"]},
            **{p: FUTURE_REF for p in lexicon["future_ref"]},
        }
        self._typed: Callable[..., Timex | None] = lru_cache(maxsize=16384)(self._resolve)
        self._clean: Callable[[str], str] = lru_cache(maxsize=16384)(self.clean)

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
        found = self.typed(text, published, future=future)
        return found.value if found else None

    def typed(self, text: str, published: dt.date | str | None = None, *,
              future: bool | None = False) -> Timex | None:
        """Like calling the normaliser, with the TIMEX3 type: ``Timex("P3Y", "DURATION")``.

        RETURNS: None when the text is no time expression; ``Timex(None, type)`` when it is
            one that cannot be resolved (a relative phrase with no publication date).
        """
        bare = text.strip()
        if bare.islower() and bare in self.lex["ambiguous_tokens"]:
            return None  # "may", "march", "we": a verb or pronoun unless written as a name
        return self._typed(self._clean(text), as_date(published), future)

    def resolve(self, text: str, pub: dt.date | None, future: bool | None) -> str | None:
        """The value of an already cleaned expression (what the rules call on their parts)."""
        found = self._typed(text, pub, future)
        return found.value if found else None

    def impossible(self, text: str, published: dt.date | str | None = None) -> bool:
        """Whether the text is written as a date that does not exist (``Feb 30``,
        ``2019-13-45``): some rule reads its form and finds no such day."""
        if self.typed(text, published) is not None:
            return False
        cleaned, pub = self._clean(text), as_date(published)
        for rule in RULES:
            try:
                rule(self, cleaned, pub, False)
            except (ValueError, OverflowError):
                return True
            except (KeyError, IndexError, TypeError):
                continue
        return False

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
        text = re.sub(r"^(last year|this year|next year|(?:fiscal |fy ?)?\d{4})'s (.+)$", r"\2 of \1", text)  # fiscal 1987's Q3
        if re.match(r"^in (?:\d+|a|an|one|two|three|four|five|six) \w+$", text):
            ranged = True  # keep "in 3 weeks": a point ahead, not a duration
        for _ in range(2):
            if not ranged:
                text = self._leading.sub("", text)
        text = self._whole_year.sub(r"\1", text.strip())  # "the full year 1986", "all of 1986"
        return self._named_months.sub(r"\1", text)  # "the October/December quarter"

    def _resolve(self, text: str, pub: dt.date | None, future: bool | None) -> Timex | None:
        if not text:
            return None
        if text in self._phrases:
            return Timex(self._phrases[text], "DATE")
        for rule in RULES:
            try:
                value = rule(self, text, pub, future)
            except (ValueError, OverflowError, KeyError, IndexError, TypeError) as err:  # impossible dates
                logger.debug("timex rule %s failed on %r: %s", rule.__name__, text, err)
                value = None
            if isinstance(value, Timex):
                return value
            if value is not None:  # "" means: recognised, not resolvable
                return Timex(value or None, timex_type(value) or "DATE")
        value = self._dateparser(text, pub, future)
        return Timex(value, "DATE") if value else None

    def _dateparser_allowed(self, text: str, pub: dt.date | None) -> bool:
        """Only text with a digit or a month/weekday word, not a table row, and without a
        publication date only text that states its year (dateparser would fill the rest
        from today's clock)."""
        words = set(re.findall(r"[a-z]+", text))
        has_month = bool(words & self.months.keys()) or bool(words & self.weekdays.keys())
        if not (has_month or re.search(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", text)):
            return False
        if re.search(r"\d-(?:year|month|week|day)|\d\.\d", text):  # "March 164.6": a table row, not a date
            return False
        if words & set(self.lex["guard_words"]) - self.months.keys() - self.weekdays.keys():
            return False
        return pub is not None or bool(re.search(r"\b(1[0-9]|20)\d\d\b", text) and has_month)

    def _dateparser(self, text: str, pub: dt.date | None, future: bool | None) -> str | None:
        """The long tail of absolute forms, through dateparser, at the period it reports."""
        if not self._dateparser_allowed(text, pub):
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
        return iso_week(day) if period == "week" else day.isoformat()

    # -- words shared by the rules ---------------------------------------------------
    def number(self, word: str) -> int | float | None:
        """A count written in digits or words (``10``, ``2.5``, ``ten``, ``a``)."""
        word = word.strip().lower()
        if word.isdigit():
            return int(word)
        if re.fullmatch(r"\d+\.\d+", word):
            return float(word)
        return self.numbers.get(word)

    def month_of(self, word: str) -> int | None:
        return self.months.get(word.strip(". ").lower())


def _alternation(words: Any) -> str:
    """A regex alternation of words, longest first."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@lru_cache(maxsize=1)
def default_normaliser() -> TimexNormaliser:
    """The normaliser built from the packaged ``models/lexicons/dates.json``."""
    return TimexNormaliser(read_lexicon(default_models_dir() / "lexicons" / "dates.json"))


def normalise(text: str, published: dt.date | str | None = None, *, future: bool | None = False) -> str | None:
    """Normalise a date expression with the packaged lexicon (see TimexNormaliser)."""
    return default_normaliser()(text, published, future=future)

