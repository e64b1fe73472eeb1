"""Earnings tables, the commonest story on a financial wire::

    OAK INDUSTRIES INC <OAK> 4TH QTR LOSS
    Oper shr loss five cts vs loss 50 cts
        Sales 42.6 mln vs 38.8 mln
        Year
        Oper shr loss 51 cts vs loss 2.10 dlrs

The headline names the company and the period; each row's label names the metric
(models/lexicons/tables.json); a section line ("Year", "Nine mths") opens figures of a
longer period ending at the same month; the figure after ``vs`` is the same period a
year earlier. A period's year is the latest one ending before the story's date unless the
text states it. A reader takes that year as stated when the headline names the period and
it ended at most ``REPORTING_LAG_MONTHS`` before the story (results are reported within a
quarter of the period's end); otherwise it is marked unsure.

Written by hand: the rows are a line format, not sentences the parser can read.
"""
from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ...text.periods import months_ending, parse_period, previous_period
from .lexicon import ClaimLexicon

_TICKER = re.compile(r"<([^<>\n]{1,60})>")
_CORRECTED = re.compile(r"^\W*\(?corrected\)?[\s\-:]*", re.IGNORECASE)  # keeps a "<" that opens a name


class PeriodWords(NamedTuple):
    """A period named by words: its length in months, its number in the year (the 4th
    quarter, the 1st half; 0 when not numbered) and the month it ends (0 when unsaid)."""

    months: int
    number: int
    end_month: int


class Headline(NamedTuple):
    """What a story's first line says: the company, its ticker, the period, and whether
    it names a unit of the company (then whose figure each one is stays in doubt)."""

    name: str | None
    ticker: str | None
    period: PeriodWords | None
    unit: bool = False


class Row(NamedTuple):
    """A table row holding a figure: its metric (None for a share count), whether the
    figure stands in the year-ago column, and its sign ("loss" before it, or before the
    current column's figure when the year-ago column says nothing)."""

    label: str
    metric: str | None
    year_ago: bool
    sign: int
    dated: bool = True  # False for a payment declared ("Qtly div"): not a figure of the period


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9\-]+", text.lower())


def period_words(text: str, lex: ClaimLexicon) -> tuple[PeriodWords, int, int] | None:
    """The longest period phrase in text ("4th qtr jan 31"), with where it starts and ends
    (in words)."""
    words = _words(text)
    table = lex.tables["headline_periods"]
    best = None
    for i in range(len(words)):
        for j in range(min(len(words), i + 3), i, -1):
            key = " ".join(words[i:j])
            # a phrase with a length beats one without ("YEAR - period ended October 31")
            if key in table and (best is None or (table[key][0] > 0, j - i)
                                 > (table[best[0]][0] > 0, best[2] - best[1])):
                best = (key, i, j)
                break
    if best is None:
        return None
    key, i, j = best
    months, number = table[key]
    return PeriodWords(months, number, _end_month(words[j:], lex)), i, j


def _end_month(words: list[str], lex: ClaimLexicon) -> int:
    """The month a period ends ("jan 31", "ended january 31", "to december 31")."""
    months = lex.tables["months"]
    skipped = set(lex.tables["period_end_words"]) | set(lex.tables.get("period_fillers", ()))
    rest = [w for w in words[:5] if w not in skipped]
    if rest and rest[0] in months and (len(rest) == 1 or rest[1].isdigit()):
        return months[rest[0]]
    return 0


def read_headline(text: str, lex: ClaimLexicon) -> Headline:
    """The company, ticker and period of a story's first line (a story of one line has
    no headline)."""
    if "\n" not in text.strip():
        return Headline(None, None, None)
    line = _CORRECTED.sub("", text.split("\n", 1)[0]).strip(" -")
    if not in_capitals(line):
        return Headline(None, None, None)  # a wire headline is written in capitals
    found = period_words(line, lex)
    period = found[0] if found else None
    bracket = _TICKER.search(line)
    if period is None and bracket and re.search(r"\b(?:19|20)\d\d\b", line[bracket.end():]):
        period = PeriodWords(12, 0, 0)  # "COMALCO LTD <CMAC.S> 1986 NET": the year's results
    unit = bool(set(_words(line)) & set(lex.subjects.get("unit_words", ())))
    brackets = _TICKER.findall(line)
    pair = _name_beside_ticker(line, brackets)
    if pair is not None:
        return Headline(readable(pair[0]), pair[1], period, unit)
    if len(brackets) > 1:
        return Headline(None, None, period)  # two companies: whose figures is not said
    name, ticker = _headline_name(line, bracket, found)
    name = _after_last_stop(name.strip("()[] "), lex) if name else None
    if name and _words(name) and _words(name)[0] in lex.subjects["headline_stop"]:
        name = None
    return Headline(readable(name) if name else None, ticker, period, unit)


def _name_beside_ticker(line: str, brackets: list[str]) -> tuple[str, str] | None:
    """"<NEXT PLC> <NEXL.L> FIVE MONTHS TO END JANUARY": a company without a listed name and
    its ticker, side by side: (name, ticker)."""
    if len(brackets) == 2 and not _is_ticker(brackets[0]) and _is_ticker(brackets[1]) \
            and line.find("<" + brackets[1]) - (line.find(brackets[0] + ">") + len(brackets[0]) + 1) <= 2:
        return brackets[0].strip(), brackets[1].strip()
    return None


def _headline_name(line: str, bracket, found) -> tuple[str | None, str | None]:
    """(name, ticker) of a headline with one bracket ("ACME CORP <ACM> 4TH QTR NET",
    "<TRANSALTA UTILITIES CORP>": a company without a listed ticker), or none: the words
    before its period."""
    if bracket:
        inside = bracket.group(1).strip()
        if re.fullmatch(r"[A-Z0-9.&\-]{1,12}", inside):
            return line[:bracket.start()].strip(" -") or None, inside
        return inside, None
    if found is not None:
        return " ".join(line.split()[:found[1]]) or None, None
    return None, None


def _is_ticker(text: str) -> bool:
    return re.fullmatch(r"[A-Z0-9.&\-]{1,12}", text.strip()) is not None


def _after_last_stop(name: str, lex: ClaimLexicon) -> str | None:
    """The company's own words of a headline's name before a ticker: after a slug
    ("TALKING POINT/CAESARS WORLD") and after a verb about it ("SOSNOFF SAYS CAESARS",
    "REDSTONE DETAILS SWEETENED VIACOM")."""
    name = name.rsplit("/", 1)[-1].strip()
    words = name.split()
    stops = set(lex.subjects["headline_stop"])
    cut = max((k for k, w in enumerate(words) if k and w.lower() in stops), default=-1)
    return " ".join(words[cut + 1:]) or None


def in_capitals(line: str) -> bool:
    """Is a line written in capitals, as wire headlines are?"""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def readable(name: str) -> str:
    """A capitalised wire name in reading form ("OAK INDUSTRIES INC" -> "Oak Industries Inc")."""
    if name.isupper():
        return " ".join(w[0] + w[1:].lower() if len(w) > 1 else w for w in name.split())
    return name


def row_of(line: str, offset: int, lex: ClaimLexicon) -> Row | None:
    """The table row a figure stands in: a line opening with a row label, the figure
    (at character offset in the line) after it."""
    words = _words(line[:offset])
    rows = lex.tables["rows"]
    for size in (4, 3, 2, 1):
        label = " ".join(words[:size])
        rest = _words(line[:offset])[size:]
        if label in rows and _row_rest(rest) and _figure_follows(_words(line)[size:]):
            year_ago = in_year_ago_column(line[:offset], lex)
            sign = own_sign(line[offset:]) or column_sign(line[:offset], year_ago, lex)
            return Row(label, rows[label], year_ago, sign,
                       label not in lex.tables.get("undated_rows", ()))
    return None


def own_sign(after: str) -> int | None:
    """The sign a word right after the figure gives it in its column ("Shr 8.1p loss vs
    26.3p earnings", "Net loss 62.1 mln vs 71.6 mln profit"), None when there is none."""
    words = _words(re.split(r"\bvs\.?\s", after.lower())[0])[1:4]
    if "loss" in words:
        return -1
    return 1 if {"profit", "earnings"} & set(words) else None


def column_sign(before: str, year_ago: bool, lex: ClaimLexicon) -> int:
    """-1 when the figure's column says "loss" ("Net loss 3,862,000 vs loss 15,900,000");
    a year-ago figure with no word of its own keeps the current column's word."""
    columns = re.split(r"\bvs\.?\s", before.lower())
    own = columns[-1].split()[-1:] if year_ago else _words(columns[0])
    words = set(_words(columns[-1])) if year_ago else set(own)
    if year_ago and not words & {"loss", "profit"}:
        words = set(_words(columns[0]))
    return -1 if "loss" in words else 1


def _row_rest(rest: list[str]) -> bool:
    """Do the words between a row label and the figure read as a row's ("loss", "12 cts
    vs profit"), not a sentence's ("Net profit fell by 44 mln marks")?"""
    if not rest:
        return True
    if rest[0] in {"loss", "profit"}:
        return len(rest) == 1 or _figure_follows(rest[1:])
    return _figure_follows(rest)


def _figure_follows(words: list[str]) -> bool:
    return bool(words) and (words[0] in {"loss", "profit"} or words[0][0].isdigit()
                            or words[0] in {"nil", "one", "two", "three", "four", "five", "six",
                                            "seven", "eight", "nine", "ten"})


def in_year_ago_column(line_before: str, lex: ClaimLexicon) -> bool:
    """Does a ``vs`` stand between the row label and the figure?"""
    return any(w in lex.tables["year_ago"] for w in line_before.lower().split())


def section_above(text: str, line_start: int, lex: ClaimLexicon) -> PeriodWords | None:
    """The section line ("Year", "Nine mths", "Qtr ends Jan 31") nearest above a row,
    within the table (stops at the headline's blank line)."""
    lines = text[:line_start].split("\n")[1:-1]
    for line in reversed(lines):
        stripped = line.strip().rstrip(":")
        if not stripped:
            return None
        section = section_line(stripped, lex)
        if section is not None:
            return section
    return None


def section_line(line: str, lex: ClaimLexicon) -> PeriodWords | None:
    """The period a table's section line opens ("Nine mths", "YEAR - period ended October 31,
    1986", "Feb 28 end"), or None for any other line."""
    found = period_words(line, lex)
    if found is not None and found[1] == 0 and (line.lower() in set(lex.tables["sections"]) or found[0].end_month) \
            and not row_of(line, len(line), lex):
        return found[0]
    end = _end_line(line, lex)
    return PeriodWords(0, 0, end) if end else None


def _end_line(line: str, lex: ClaimLexicon) -> int:
    """The month of a line that only says when the period ends ("Feb 28 end")."""
    words = _words(line)
    months = lex.tables["months"]
    ends = set(lex.tables["period_end_words"]) | {"end"}
    if 2 <= len(words) <= 4 and words[0] in months and words[1].isdigit() and set(words[2:]) <= ends \
            and set(words[2:]):
        return months[words[0]]
    return 0


_NOTE_END = re.compile(r"\bperiods?\s+(?:ended|ending|end|ends)\s+([a-z]+)\s+\d{1,2}\b")


def note_end_month(text: str, lex: ClaimLexicon) -> int:
    """The month a table's periods end when its headline does not say it: its note's
    ("NOTE: Period ended February 28."), else its first section line's ("Qtr ends Jan 31"
    above the quarter's rows ends the "Six mths" below them too), else 0."""
    low = text.lower()
    start = low.find("note:")
    if start >= 0:
        found = _NOTE_END.search(low, start, start + 200)
        if found:
            return lex.tables["months"].get(found.group(1), 0)
    table = text[:start] if start >= 0 else text
    found = _NOTE_END.search(table.lower())  # "Periods end January 31, 1987 and 1986" above the rows
    if found and found.group(1) in lex.tables["months"]:
        return lex.tables["months"][found.group(1)]
    for line in table.split("\n")[1:]:
        section = section_line(line.strip().rstrip(":"), lex) if line.strip() else None
        if section is not None and section.end_month:
            return section.end_month
    return 0


def table_period(head: PeriodWords | None, section: PeriodWords | None,
                 published: str | None, note_end: int = 0) -> str | None:
    """The period of a table figure: the section's length (else the headline's), ending
    at the stated month (else the month the table's note gives, else the end of the
    numbered quarter or half, else December), in the latest year that ends before the
    story's date."""
    if head is None and section is None:
        return None
    words = section or head
    months = words.months or (head.months if head else 0)
    if not months:
        return None
    end = words.end_month or (head.end_month if head else 0) or note_end or _numbered_end(head) \
        or _numbered_end(section) or 12
    day = _as_date(published)
    if day is None:
        return None
    year = day.year if end < day.month else day.year - 1
    return months_ending(year, end, months)


#: Months within which a company reports a period's results, counted from its last month to
#: the story's month: a "4TH QTR" table dated in February is the December quarter; one dated
#: in August is not (a fiscal year the headline does not state).
REPORTING_LAG_MONTHS = 3


def reported_recently(period: str | None, published: str | None) -> bool:
    """Whether a table period ended at most REPORTING_LAG_MONTHS before the story's date."""
    day, span = _as_date(published), parse_period(period)
    if day is None or span is None:
        return False
    last = date.fromordinal(span[1])
    lag = (day.year * 12 + day.month) - (last.year * 12 + last.month)
    return 0 < lag <= REPORTING_LAG_MONTHS


def _numbered_end(words: PeriodWords | None) -> int:
    if words is None or not words.number:
        return 0
    return words.number * words.months


def _as_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def note_redefines_measure(text: str, lex: ClaimLexicon) -> bool:
    """Does the table's note say its figures are of another measure than their labels
    ("NOTE: Company said net is before extraordinary items and taxes")?"""
    low = text.lower()
    start = low.find("note:")
    if start < 0:
        return False
    end = low.find("\n\n", start)
    note = " ".join(low[start:end if end > 0 else len(low)].split())
    return any(_has_phrase(note, cue) for cue in lex.tables.get("note_measure_cues", ()))


def year_ago(period: str | None) -> str | None:
    """The period of the ``vs`` column: the same period a year earlier."""
    return previous_period(period, "year_ago")


_AMOUNT = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,]|\.\d)|(?<![\w.,])\d+\.\d+(?![\w.])")


class Amount(NamedTuple):
    """A bare amount in a table row ("Net 316,000 vs 298,000"): characters and value."""

    start: int
    end: int
    value: float


def bare_amounts(text: str, lex: ClaimLexicon) -> list[Amount]:
    """Amounts written without a unit in the rows of an earnings table whose label names
    money (not a share count): a reader takes them as money in the story's currency."""
    found = []
    offset = 0
    for line in text.split("\n"):
        row = row_of(line, len(line), lex)
        if row is not None and row.metric is not None:
            found += [Amount(offset + m.start(), offset + m.end(), float(m.group().replace(",", "")))
                      for m in _AMOUNT.finditer(line)]
        offset += len(line) + 1
    return found


def note_period(after: str, before: str, head: PeriodWords | None, published: str | None,
                lex: ClaimLexicon, note_end: int = 0) -> str | None:
    """The period a table note gives a figure: the first note phrase after it in its
    sentence ("in quarter", "in year"), ending where the table's periods end (note_end, when
    the headline does not say), a year earlier when a ``vs`` stands between the previous
    phrase and the figure or when the note is about the year before ("Prior year excludes
    ... 13 cts per share in the quarter")."""
    if head is None:
        return None
    low = " ".join(after.lower().split())
    phrases = note_phrases(lex)
    found = [(low.find(p), p) for p in phrases if _has_phrase(low, p)]
    if not found:
        return None
    at, phrase = min((i, p) for i, p in found if i >= 0)
    # "in the third quarter fiscal 1986" in a table of fiscal 1987: the year before
    named = re.match(r"\s*(?:of\s+)?(?:fiscal\s+)?((?:19|20)\d\d)\b", low[at + len(phrase):])
    named_earlier = named is not None and note_year_shift(named.group(1), head, published, lex, note_end) == 1
    words = period_words(phrase, lex)
    note = words[0] if words else None
    if note is not None and note.months == 12 and head.months == 3 and head.number:
        note = PeriodWords(3 * head.number, 0, 0)  # "in year" of a quarter's table: the year to date
    period = table_period(head, note, published, note_end)
    earlier = " ".join(before.lower().split())
    last = max((earlier.rfind(p) + len(p) for p in phrases if p in earlier), default=0)
    earlier_year = any(_has_phrase(earlier, p) for p in lex.tables.get("note_year_ago", ()))
    return year_ago(period) if named_earlier or earlier_year or in_year_ago_column(earlier[last:], lex) \
        else period


def note_phrases(lex: ClaimLexicon) -> list[str]:
    """The phrases that give a note's figure a period of the table: note_periods, and "in" or
    "for" (with or without "the") before any period a headline names ("for qtr", "for 12
    mths", "in the third quarter")."""
    lengths = [k for k, (months, _) in lex.tables["headline_periods"].items() if months]
    derived = [f"{prep} {the}{k}" for prep in ("in", "for") for the in ("", "the ") for k in lengths]
    return list(dict.fromkeys(list(lex.tables["note_periods"]) + derived))


def _has_phrase(text: str, phrase: str) -> bool:
    return re.search(r"\b" + re.escape(phrase) + r"\b", text) is not None


def note_opening(paragraph: str, head: PeriodWords | None, table: str, published: str | None,
                 lex: ClaimLexicon, note_end: int = 0) -> str | None:
    """The period a table note's paragraph opens with ("1986 yr net excludes ...", "Note:
    1987 1st qtr net excludes ...", "Nine months 1987 period includes ..."): the table's
    period of that length (its headline's, or a section's: "YEAR - period ended October 31,
    1986") in the fiscal year the note names, a fiscal year being named by the calendar year
    it ends in. None when the paragraph does not open with a year and a period the table has."""
    opening = _opening(paragraph, lex)
    if head is None or opening is None or opening.named is None:
        return None
    named = opening.named
    if (named.months, named.number) == (head.months, head.number) or (named.months == head.months
                                                                      and not named.number):
        period, into = table_period(head, None, published, note_end), head.months * (head.number or 1)
    else:
        section = next((s for s in _sections(table, lex) if s.months == named.months), None)
        if section is None and named.months != 12:
            return None
        section = section or named
        period = table_period(head, section, published, note_end)
        into = section.months * (section.number or 1)
    return _in_fiscal_year(period, into, opening.year)


def note_year_shift(paragraph: str, head: PeriodWords | None, published: str | None,
                    lex: ClaimLexicon, note_end: int = 0) -> int | None:
    """How many years before the table's own a note's paragraph is about, by the fiscal year
    it opens with ("1985 operating net for the quarter and year includes ... 2.85 mln dlrs in
    the quarter" in a table of 1986: 1; 0 for the table's own year); None when it opens with
    no year, or one that cannot be told."""
    opening = _opening(paragraph, lex)
    if head is None or opening is None or not (head.number or head.months == 12):
        return None
    span = parse_period(table_period(head, None, published, note_end))
    if span is None:
        return None
    shift = _fiscal_year(span, head.months * (head.number or 1)) - opening.year
    return shift if shift in (0, 1) else None


def note_relative_year(paragraph: str, lex: ClaimLexicon) -> int | None:
    """How many years before the table's own a note's paragraph is about when it names its
    year relative to the table's ("Current year loss includes ...": 0; "Prior year excludes
    ...": 1); None when it opens otherwise."""
    words = [w for w in _words(paragraph)[:8] if w not in lex.tables.get("note_openers", ())]
    opening = " ".join(words[:2])
    for shift, key in ((0, "note_current"), (1, "note_year_ago")):
        if any(opening == p or opening.startswith(p + " ") for p in lex.tables.get(key, ())):
            return shift
    return None


class Opening(NamedTuple):
    """The fiscal year a note's paragraph opens with, and the period it names (or None)."""

    year: int
    named: PeriodWords | None


def _opening(paragraph: str, lex: ClaimLexicon) -> Opening | None:
    """"1986 yr net ...", "Nine months 1987 period ...", "1985 operating net ...": the year
    and period a note's paragraph opens with."""
    words = [w for w in _words(paragraph)[:8] if w not in lex.tables.get("note_openers", ())]
    if not words:
        return None
    if _is_year(words[0]):
        found = period_words(" ".join(words[1:4]), lex)
        named = found[0] if found is not None and found[1] == 0 and found[0].months else None
        return Opening(int(words[0]), named)
    found = period_words(" ".join(words[:3]), lex)
    if found is None or found[1] != 0 or not found[0].months:
        return None
    after = words[found[2]:found[2] + 1]
    return Opening(int(after[0]), found[0]) if after and _is_year(after[0]) else None


def _is_year(word: str) -> bool:
    return word.isdigit() and len(word) == 4 and word[:2] in ("19", "20")


def _fiscal_year(span: tuple[int, int], into: int) -> int:
    """The calendar year the fiscal year of a period ends in, the period being the first
    ``into`` months of its fiscal year."""
    last = date.fromordinal(span[1])
    return (last.year * 12 + last.month - 1 + 12 - into) // 12


def _in_fiscal_year(period: str | None, into: int, year: int) -> str | None:
    """The table period moved to the fiscal year named (this one or the one before)."""
    span = parse_period(period)
    if span is None:
        return None
    shift = year - _fiscal_year(span, into)
    return period if shift == 0 else (year_ago(period) if shift == -1 else None)


def _sections(table: str, lex: ClaimLexicon) -> list[PeriodWords]:
    """The section lines of a story's table, in order."""
    lines = (line.strip().rstrip(":") for line in table.split("\n")[1:])
    return [s for line in lines if line and (s := section_line(line, lex)) is not None]


_VS_ROW = re.compile(r"^\s*([A-Za-z][A-Za-z\-/&'. ]{1,40}?)\s+(?:(?:profit|loss)\s+)?[\d(]")


def vs_row(line: str, offset: int, lex: ClaimLexicon) -> bool | None:
    """A row of a results table whose label the lexicon does not know ("Other income 52.75
    mln vs 15.22 mln", "Pre-equity accounted net 39.90 mln dlrs vs loss 49.11 mln"): whether
    the figure at character offset stands in the year-ago column (True) or the current one
    (False); None for a line that is no such row (one label, then a figure, "vs", a figure)."""
    low = line.lower()
    if low.count(" vs ") != 1 or not _VS_ROW.match(line):
        return None
    label = _VS_ROW.match(line).group(1).lower().split()
    if not label or label[0] in lex.tables.get("note_openers", ()) or label[0] in lex.tables["months"]:
        return None
    return in_year_ago_column(line[:offset], lex)


def has_table(text: str, lex: ClaimLexicon) -> bool:
    """Does the story hold a results table (a line that reads as a row: a label, then a
    figure)? A story without one has no table notes, whatever its headline says ("FOREIGN
    INVESTMENT IN AUSTRALIA JUMPS IN LAST QTR")."""
    for line in text.split("\n")[1:]:
        digit = re.search(r"\d", line)
        if digit and (row_of(line, digit.start(), lex) is not None or vs_row(line, digit.start(), lex) is not None):
            return True
    return False


def undated_label(line: str, lex: ClaimLexicon) -> bool:
    """Does a row's label name a payment declared ("Div 1.5p vs 1.08p", "Proposed dividend per
    share 5.50 guilders vs 5.00"): the last word of an undated row label of the lexicon?"""
    found = _VS_ROW.match(line)
    words = {label.split()[-1] for label in lex.tables.get("undated_rows", ())}
    return found is not None and bool(set(found.group(1).lower().split()) & words)
