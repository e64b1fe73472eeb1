"""The publication date an article states about itself, from its header or dateline.

    >>> infer_published("Published : Dec. 27, 2020 - 14:32\\n\\nExports slumped ...")
    '2020-12-27'

Only the article's own words count (its first ~600 characters, plus a ``date 2020-11-30``
marker anywhere): never today's clock. When nothing says the date, None.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from .timex import default_normaliser

HEADER_CHARS = 600
_YEAR = r"(?:19|20)\d\d"
_MARKER = re.compile(r"(?:^|\s)date:?\s+(\d{4}-\d{2}-\d{2})\b", re.I)
_REUTERS = re.compile(r"\b(\d{1,2})-([A-Za-z]{3})-(\d{4})\b")
_LABEL = re.compile(r"\b(?:published|posted|updated|date|dated|first published)\s*(?:on|at)?\s*:?\s*", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
#: a dateline's place and agency: "WASHINGTON, March 3 (Reuters) -", "NEW YORK (AP) -"
_PLACE = r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][A-Za-z.' ]{1,30}?)?"
_AGENCY = r"\([A-Z][\w .&/-]{0,30}\)"
_DASH = r"[ \t]*(?:--|[-\u2013\u2014_])"
#: the end of a headline: a first line that does not end in a stop
_LINKING_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or",
                  "but", "than", "as", "that", "which", "its", "their", "his", "her", "said", "says"}
_HEADLINE = re.compile(r"\A[ \t]*\n*[ \t]*([^\n]{1,200}?[^\s.!?:;\"'\u201d])[ \t]*\n")


class Header(NamedTuple):
    """Where an article's header parts end (character offsets; None: no such part).

    headline_end: the line break that ends a headline written without a final stop.
    dateline: the start and end of a dateline (``WASHINGTON, March 3 (Reuters) -``), dash included.
    """

    headline_end: int | None
    dateline: tuple[int, int] | None

    def breaks(self) -> list[int]:
        """The offsets no expression runs across: the headline's end and the dateline's dash."""
        return [b for b in (self.headline_end, self.dateline[1] if self.dateline else None) if b is not None]


class DateWords(NamedTuple):
    """The month and weekday words a header is read with (those of a models folder)."""

    month_re: str
    weekday_re: str
    months: dict[str, int]
    weekdays: dict[str, int]

    @classmethod
    def of(cls, normaliser: Any) -> "DateWords":
        return cls(normaliser.re_month, normaliser.re_wday, normaliser.months, normaliser.weekdays)

    def month(self, word: str) -> int:
        return self.months[word.lower().strip(".")]


def _full_dates(text: str, words: DateWords) -> list[tuple[int, dt.date]]:
    """Dates with a year written out: ``Dec. 27, 2020``, ``27 December 2020``, ISO."""
    month = words.month_re
    found = []
    for m in re.finditer(rf"\b({month}) (\d{{1,2}})(?:st|nd|rd|th)?,? ({_YEAR})\b", text, re.I):
        found.append((m.start(), m.group(3), m.group(1), m.group(2)))
    for m in re.finditer(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({month}),? ({_YEAR})\b", text, re.I):
        found.append((m.start(), m.group(3), m.group(2), m.group(1)))
    dates = []
    for start, year, month_word, day in found:
        try:
            dates.append((start, dt.date(int(year), words.month(month_word), int(day))))
        except (ValueError, KeyError):
            continue
    for m in _ISO.finditer(text):
        try:
            dates.append((m.start(), dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
        except ValueError:
            continue
    return sorted(dates)


def _years(text: str) -> list[int]:
    return [int(y) for y in re.findall(rf"(?<![\d$.,])({_YEAR})(?![\d%])", text)]


def _year_for(month: int, day: int, text: str, words: DateWords, weekday: int | None = None) -> int | None:
    """The year of an undated ``22 Feb`` dateline, from what the story says.

    Heuristic, since nothing else in the text dates it: a story is written after the
    events it reports, so the year is at least the latest year the story mentions (Y).
    If the story also reports a dated event of Y on or after the dateline's month and day
    (``In February 2020 ...`` under ``22 Feb``), the dateline must be in Y + 1. With a
    weekday (``Monday, November 30``) the year is the first from Y on where that date
    falls on that weekday. No year mentioned: None.
    """
    years = _years(text)
    if not years:
        return None
    latest = max(years)
    for m in re.finditer(rf"\b({words.month_re}),? (?:(\d{{1,2}}),? )?({latest})\b", text, re.I):
        event_month = words.month(m.group(1))
        # a whole month reported (no day) counts from its first day to its last
        event_day = int(m.group(2)) if m.group(2) else 31
        if (event_month, event_day) >= (month, day) and weekday is None:
            latest += 1
            break
    for year in range(latest, latest + 12):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if weekday is None or candidate.weekday() == weekday:
            return year
    return None


def read_header(text: str, normaliser: Any = None) -> Header:
    """The headline's end and the dateline of an article (see Header).

    A headline is the first line when it ends without a stop and a line break follows it
    (wire and web headlines carry no final punctuation); a dateline is a line near the top
    that opens with a place in capitals and/or a day and month, an agency in brackets, and a
    dash (``WASHINGTON, March 3 (Reuters) -``, ``NEW YORK (Reuters) -``, ``LONDON, March 2 -``).
    """
    head = text[:HEADER_CHARS]
    words = _words(normaliser)
    dateline = None
    for line in re.finditer(r"(?m)^[^\n]*", head):
        found = _dateline_at(line.group(), words)
        if found:
            dateline = (line.start() + found[0], line.start() + found[1])
            break
    return Header(_headline_end(head, dateline), dateline)


def _headline_end(head: str, dateline: tuple[int, int] | None) -> int | None:
    """Where a first line with no final stop ends, when it is a headline and not the first
    line of a wrapped paragraph: a blank line or the dateline follows it, or the next line
    opens with a capital after a line that does not stop on a linking word."""
    m = _HEADLINE.match(head)
    if not m or (dateline and dateline[0] < m.end(1)):
        return None
    rest = head[m.end():]
    if not rest.strip() or rest.startswith(("\n", "\r")) or (dateline and dateline[0] == len(head) - len(rest.lstrip(" \t"))) \
            or (rest[:1].isupper() and m.group(1).split()[-1].lower() not in _LINKING_WORDS):
        return m.end(1)
    return None


def _words(normaliser: Any) -> DateWords:
    return DateWords.of(normaliser or default_normaliser())


def _dateline_at(line: str, words: DateWords) -> tuple[int, int] | None:
    """The dateline that opens a line (start, end of its dash), if any."""
    month = words.month_re
    day = rf"(?i:(?:{month}) \d{{1,2}}|\d{{1,2}} (?:{month}))(?:,? {_YEAR})?"
    m = re.match(rf"[ \t]*(?:({_PLACE}),? )?(?:({day})[ \t]*)?({_AGENCY})?{_DASH}(?=[ \t])", line)
    if not m or not (m.group(2) or m.group(1) and m.group(3)):
        return None  # a place alone is a heading ("NEW YORK -"), not a dateline; an agency needs a place
    if m.group(1) and not m.group(2) and not re.fullmatch(r"[A-Z .,'-]+", m.group(1)):
        return None
    return len(line) - len(line.lstrip(" \t")), m.end()


def infer_published(text: str, normaliser: Any = None) -> str | None:
    """The publication date the article states in its header or dateline.

    text: the article's full text.
    normaliser: the TimexNormaliser whose month and weekday words to read with (the date
        component's own, from its models folder); None: the packaged one.
    RETURNS: an ISO date ``YYYY-MM-DD``, or None when the header does not say it.
    """
    if not text or not text.strip():
        return None
    head = text[:HEADER_CHARS]
    found = _infer(head, text, DateWords.of(normaliser or default_normaliser()))
    return found.isoformat() if found else None


def _infer(head: str, text: str, words: DateWords) -> dt.date | None:
    """The first date one of the header readers finds, in order of trust."""
    for reader in _READERS:
        found = reader(head, text, words)
        if found is not None:
            return found
    return None


def _from_marker(head: str, text: str, words: DateWords) -> dt.date | None:
    """An explicit date marker in the header or at the story's end."""
    marker = _MARKER.search(head) or _MARKER.search(text[-HEADER_CHARS:])
    if marker:
        try:
            return dt.date.fromisoformat(marker.group(1))
        except ValueError:
            pass
    return None


def _from_reuters(head: str, text: str, words: DateWords) -> dt.date | None:
    """The Reuters-21578 header date."""
    if m := _REUTERS.search(head):
        try:
            return dt.date(int(m.group(3)), words.month(m.group(2)), int(m.group(1)))
        except (ValueError, KeyError):
            pass
    return None


def _from_label(head: str, text: str, words: DateWords) -> dt.date | None:
    """A full date right after a label (``Published : Dec. 27, 2020``)."""
    for label in _LABEL.finditer(head):
        dates = _full_dates(head[label.end():label.end() + 40], words)
        if dates and dates[0][0] == 0:
            return dates[0][1]
    return None


def _from_dateline(head: str, text: str, words: DateWords) -> dt.date | None:
    """A dateline: a day and month at the start of a line, then a dash (``22 Feb –``);
    without its year, the year the story allows."""
    month_re = words.month_re
    dateline = re.search(rf"(?m)^[^\w\n]*(?:[A-Z][\w .,'-]{{0,40}}?,[ \t]*)?(?:(\d{{1,2}}) ({month_re})|({month_re}) (\d{{1,2}}))"
                         rf"(?:,? ({_YEAR}))?[ \t]*[-\u2013\u2014(/]", head, re.I)
    if not dateline:
        return None
    month = words.month(dateline.group(2) or dateline.group(3))
    day = int(dateline.group(1) or dateline.group(4))
    year = int(dateline.group(5)) if dateline.group(5) else _year_for(month, day, text, words)
    if year:
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    return None


def _from_short_line(head: str, text: str, words: DateWords) -> dt.date | None:
    """A date with its year on a short header line."""
    for start, date in _full_dates(head, words):
        line_start = head.rfind("\n", 0, start) + 1
        line_end = head.find("\n", start)
        line = head[line_start:line_end if line_end >= 0 else len(head)]
        if len(line) <= 80:
            return date
    return None


def _from_weekday(head: str, text: str, words: DateWords) -> dt.date | None:
    """``Monday, November 30``: the weekday pins the year among those the story allows."""
    if m := re.search(rf"\b({words.weekday_re}),? ({words.month_re}) (\d{{1,2}})\b(?!,? \d)", head, re.I):
        weekday = words.weekdays[m.group(1).lower().strip(".")]
        year = _year_for(words.month(m.group(2)), int(m.group(3)), text, words, weekday)
        if year:
            return dt.date(year, words.month(m.group(2)), int(m.group(3)))
    return None


#: the header readers, most trusted first
_READERS = (_from_marker, _from_reuters, _from_label, _from_dateline, _from_short_line, _from_weekday)
