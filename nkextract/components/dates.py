"""nk_dates: every date expression in a story as a DATE mention with its TIMEX3 value.

The first nk_ component: it also settles ``doc._.nk_published`` (from the
``nlp.pipe(as_tuples=True)`` context, else from the article's own header), because the
dates of every later component resolve against it.

Candidates are spaCy's DATE entities (boundaries fixed: ``From`` joined to a range,
prepositions dropped, ``2016 and 2017`` split) plus Matcher patterns for what the
small model misses (weekdays, ``Feb. 22``, ``the first 10 months``, ``a month earlier``,
``now``); the longest wins where they overlap. Values come from ``nkextract.text.timex``;
no expression runs across a headline's end or a dateline's dash (``text.published.read_header``),
and those that refer back (``the same day``) take the story's own times (``date_context``).
"""
from __future__ import annotations

import logging
import re
from typing import Any, Iterable

import numpy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..extensions import MENTIONS, apply_context
from ..text.published import infer_published, read_header
from ..text.periods import Timex, timex_type
from ..text.timex import TimexNormaliser
from .base import LexiconComponent
from .date_context import ClauseTense, Found, StoryTime

logger = logging.getLogger(__name__)

LEXICON = "lexicons/dates.json"
PATTERNS = "patterns/dates.jsonl"
_DIGIT_SHAPES = {"d", "dd", "ddd", "dxx", "ddxx"}
#: words too frequent to anchor the Matcher's windows on
_COMMON_WORDS = {"the", "of", "a", "an", "in", "to", "and", "or", "on", "at", "by", "for", "one", "two"}
_RATE_BASIS = re.compile(r"\b(?:year|month|quarter|week|day)\s?-\s?(?:on|over|to)\s?-")  # year-on-year
_NOT_DATE = re.compile(r"^\d{5,}$|^\d+(\.\d+)?$")  # zip codes, plain counts
_YEAR_TEXT = re.compile(r"(1[5-9]|20)\d\d")
_DECIMAL = re.compile(r"\d+\.\d+")
_FIGURE = re.compile(r"[\d,]+\.\d+")
_QUARTER = re.compile(r"\d{4}-Q[1-4]")
_COUNTS = re.compile(r"\d+ (?:to|till|until|and|-) \d+")
_YEAR_RANGE = re.compile(r"\d{4} ?(?:-|/|to) ?\d{2,4}")  # "1000-1200", "1986/87": years or a count
_STAND_IN = "2000-06-15"  # a publication date to test whether two expressions make one range
_OPENERS = ("from", "between")


class DateFinder(LexiconComponent):
    """Find date expressions and normalise them against the publication date."""

    lexicon_files = (LEXICON, PATTERNS)

    def __init__(self, nlp: Any, name: str) -> None:
        super().__init__(nlp, name)
        self.matcher: Matcher | None = None
        self.phrases: PhraseMatcher | None = None
        self.timex: TimexNormaliser | None = None

    def _build(self) -> None:
        words = self.lexicons[LEXICON]
        self._build_matcher(_pattern_lists(words))
        self._entity_labels = [self.nlp.vocab.strings.add(label) for label in ("DATE", "TIME")]
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        refs = words["present_ref"] + words["past_ref"] + words["future_ref"]
        refs += [w for w in words["deictic_days"] if " " in w] + [f"the {w}" for w in words["deictic_days"] if " " in w]
        self.phrases.add("REF", [self.nlp.make_doc(p) for p in refs])
        self.phrases.add("HOLIDAY", [self.nlp.make_doc(p) for p in words["holidays"]])
        self.timex = TimexNormaliser(words)
        self._words = words
        self._guards = set(words["guard_words"])
        self._set_words = set(words["set_words"])
        self._set_deps = set(words["set_dependencies"])
        self._opener_words = set(words["part_openers"])
        self._followers = set(words["count_followers"])
        self._ambiguous = {k: set(v) for k, v in words["ambiguous_tokens"].items()}
        self._year_preps = set(words["date_prepositions"])
        self._month_preps = set(words["month_prepositions"])
        self._parts = set(words["part_nouns"])
        self._trim = set(words["trim_words"])
        self._range_words = set(words["range_words"])
        self._tense = ClauseTense(words)
        self._story = StoryTime(self.timex, words, self._tense)

    def _build_matcher(self, lists: dict[str, list[str]]) -> None:
        """The Matcher over the pattern file, and the anchor words that bound its windows."""
        self.matcher = Matcher(self.nlp.vocab)
        self._anchors: dict[str, set] = {"LOWER": set(), "SHAPE": set()}
        self._max_len = self._before = 1
        for entry in self.lexicons[PATTERNS]:
            pattern = _across_line_breaks([_expand(token, lists) for token in entry["pattern"]])
            self.matcher.add(entry.get("id", "DATE"), [pattern])
            self._max_len = max(self._max_len, len(pattern))
            self._add_anchor(pattern)
        self._anchor_arrays = (numpy.array(sorted(self._anchors["LOWER"]), dtype="uint64"),
                               numpy.array(sorted(self._anchors["SHAPE"]), dtype="uint64"))

    # -- the component -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self._require()
        apply_context(doc)
        if doc._.nk_published is None:
            doc._.nk_published = infer_published(doc.text, self.timex)
        group = list(doc.spans[MENTIONS]) if MENTIONS in doc.spans else []
        for found in self._found(doc, doc._.nk_published):
            mention = Span(doc, found.span.start, found.span.end, label="DATE")
            mention._.nk_timex = found.timex.value
            mention._.nk_timex_type = found.timex.type
            group.append(mention)
        doc.spans[MENTIONS] = group
        return doc

    def _found(self, doc: Doc, published: str | None) -> list[Found]:
        """Every time expression of the doc with its value, in text order."""
        breaks = read_header(doc.text, self.timex).breaks()
        spans = [self._fix(piece) for span in self._candidates(doc) for piece in _cut(span, breaks)]
        spans = self._join_ranges(filter_spans([s for s in spans if s is not None]), published)
        found = []
        for span in spans:
            for part in self._split(span, published):
                timex = self._value(part, published)
                if timex is not None:
                    found.append(Found(part, timex))
        found = self._story.anchor_to_named(self._anchor_to_headline(doc, found))
        return self._story.in_story_year(found, published)

    def _anchor_to_headline(self, doc: Doc, found: list[Found]) -> list[Found]:
        """In an earnings report headed ``4TH QTR LOSS``, a bare ``quarter`` or ``Year`` in
        its table and notes is that quarter or its year (TimeML resolves such anaphoric
        expressions to the period they refer to)."""
        text = doc.text  # Doc.text joins every token on each call
        first_line = text.find("\n") if "\n" in text else len(text)
        quarter = _headline_quarter(found, first_line)
        if quarter is None:
            return found
        bare = self._words["bare_periods"]
        out = []
        for item in found:
            kind = bare.get(item.span.text.lower())
            if kind and item.span.end_char > first_line:
                item = Found(item.span, Timex(quarter if kind == "Q" else quarter[:4], "DATE"))
            out.append(item)
        return out

    def normalise(self, text: str, published: str | None, *, future: bool | None = False) -> str | None:
        """The TIMEX3 value of one date expression (see nkextract.text.timex)."""
        self._require()
        return self.timex(text, published, future=future)

    # -- candidates ------------------------------------------------------------------
    def _candidates(self, doc: Doc) -> Iterable[Span]:
        yield from self._date_entities(doc)
        strings = self.nlp.vocab.strings
        for window in self._windows(doc):
            for match_id, start, end in self.matcher(window):
                start, end = start + window.start, end + window.start
                if strings[match_id] == "year" and not (start > 0 and doc[start - 1].lower_ in self._year_preps):
                    continue  # a bare four-digit number is a year only after "in", "since", ...
                yield doc[start:end]
        for _, start, end in self.phrases(doc):
            if end < len(doc) and doc[end].shape_ == "dddd":
                end += 1  # "Christmas 2010"
            yield doc[start:end]

    def _date_entities(self, doc: Doc) -> list[Span]:
        """spaCy's DATE and TIME entities, read from the token array (``doc.ents`` builds every entity)."""
        array = doc.to_array(["ENT_IOB", "ENT_TYPE"])
        spans = []
        for label in self._entity_labels:
            inside = array[:, 1] == label
            for start in numpy.flatnonzero(inside & (array[:, 0] == 3)).tolist():
                end = start + 1
                while end < len(doc) and inside[end] and array[end, 0] == 1:
                    end += 1
                spans.append(doc[start:end])
        return spans

    def _add_anchor(self, pattern: list[dict]) -> None:
        """Remember a word every match of the pattern contains (its first month, unit or
        shape that is not a bare number), and how far into the pattern it can sit."""
        for avoid in (_DIGIT_SHAPES | _COMMON_WORDS, _DIGIT_SHAPES):
            for index, token in enumerate(pattern):
                for key in ("LOWER", "SHAPE"):
                    value = token.get(key)
                    values = value.get("IN", []) if isinstance(value, dict) else [value] if value else []
                    if values and token.get("OP") not in ("?", "*") and not set(values) & avoid:
                        self._anchors[key].update(self.nlp.vocab.strings.add(v) for v in values)
                        self._before = max(self._before, index)
                        return
        self._anchors["ANY"] = {1}  # no such word: the Matcher must see the whole doc

    def _windows(self, doc: Doc) -> list[Span]:
        """Stretches of the doc where some pattern can match (the Matcher is the costly part).

        The Matcher tries every pattern at every token; running it only around tokens that
        every match must contain finds the same matches for a fraction of the cost.
        """
        if "ANY" in self._anchors or not len(doc):
            return [doc[:]]
        array = doc.to_array(["LOWER", "SHAPE"])
        hits = numpy.isin(array[:, 0], self._anchor_arrays[0]) | numpy.isin(array[:, 1], self._anchor_arrays[1])
        windows: list[Span] = []
        start = end = None
        for i in numpy.flatnonzero(hits).tolist():
            if end is None or i - self._before > end:
                if end is not None:
                    windows.append(doc[start:end])
                start = max(0, i - self._before)
            end = min(len(doc), i + self._max_len)
        if end is not None:
            windows.append(doc[start:end])
        return windows

    def _fix(self, span: Span) -> Span | None:
        """Drop leading prepositions and trailing punctuation; join ``From`` to a range."""
        doc = span.doc
        ranged = any(t.lower_ in self._range_words for t in span[1:])
        start = self._skip_leading(doc, span.start, span.end, ranged)
        end = self._trim_trailing(doc, start, span.end)
        if start < end and _FIGURE.fullmatch(doc[start].text):
            start = self._skip_leading(doc, self._past_figures(doc, start, end), end, False)  # "2.5 to 23.99 years"
        if start >= end:
            return None
        start = self._extend_left(doc, start)
        if ranged and start > 0 and doc[start - 1].lower_ in _OPENERS and doc[start].lower_ not in _OPENERS:
            start -= 1
        return doc[start:end]

    def _past_figures(self, doc: Doc, start: int, end: int) -> int:
        """The first token after the figures that open a span (``6,107.31 August 2019``: a
        figure before the date), unless a figure counts time (``3.5 years``, ``8.10 pm``)."""
        while start < end and _FIGURE.fullmatch(doc[start].text) and not self._counts_time(doc, start + 1, end):
            start += 1
        return start

    def _trim_trailing(self, doc: Doc, start: int, end: int) -> int:
        """The end of the expression: without trailing prepositions and punctuation, nor a
        season word that is a noun after a month (``the January fall``)."""
        while end > start and self._trailing(doc[end - 1]) and not self._keeps_last(doc, start, end):
            end -= 1
        if end - start > 1 and doc[end - 1].lower_ in self._ambiguous and \
                doc[end - 2].lower_.strip(".") in self._words["months"]:
            end -= 1
        return end

    def _trailing(self, token: Token) -> bool:
        """A word or mark no expression ends on: a preposition, punctuation, a space."""
        return token.lower_ in self._trim or token.lower_ in _OPENERS or token.is_punct or token.is_space

    def _keeps_last(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the expression keeps its last token although it is a trailing word: the
        ``'s`` of a decade (``the 1970's``; ``1986's surplus`` is the year's) or the offset of
        a unit (``the day before``, ``the week after``)."""
        last = doc[end - 1]
        if last.lower_ == "'s" and doc[end - 2].shape_ in ("dddd", "dd") and doc[end - 2].text.endswith("0"):
            return True
        return end - start > 1 and last.lower_ in self._words["offset_words"] and \
            doc[end - 2].lower_ in self._words["units"]

    def _counts_time(self, doc: Doc, i: int, end: int) -> bool:
        """Is token i (inside the span) a unit or a.m./p.m. that a figure before it counts?"""
        return i < end and (doc[i].lower_ in self._words["units"] or doc[i].lower_ in self._words["meridiem"])

    def _skip_leading(self, doc: Doc, start: int, end: int, ranged: bool) -> int:
        """The first token of the expression proper: past the tail of a figure before it
        (``mln a year earlier``), prepositions (unless ``from`` opens a range) and spaces."""
        start = self._past_figure_tail(doc, start, end)
        while start < end and doc[start].lower_ in self._trim | set(_OPENERS) and not (
                ranged and doc[start].lower_ in _OPENERS):
            start += 1
        while start < end and doc[start].is_space:
            start += 1
        return start

    def _past_figure_tail(self, doc: Doc, start: int, end: int) -> int:
        """The first token after the words that end a figure before the expression (``mln``,
        ``pct``; ``5 dlrs a year earlier``), stopping at a rate (``barrels per day``: a set)."""
        units = self._words["units"]
        while start < end and (doc[start].lower_ in self._followers or doc[start].like_num and end - start > 1
                               and doc[start + 1].lower_ in self._followers):
            after = _next_word(doc, start + 1, end)
            if doc[start].lower_ == "per" and after is not None and after.lower_ in units:
                break
            start += 1
        return start

    def _extend_left(self, doc: Doc, start: int) -> int:
        """Take in the words TIMEX3 keeps that the patterns leave out: ``the end of``,
        ``early``, and ``the`` before an ordinal, a part noun or a decade."""
        if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in self._parts:
            start -= 2  # "the end of March", "the beginning of next week"
        elif start > 0 and doc[start - 1].lower_ in self._opener_words:
            start -= 1
        if start > 0 and doc[start - 1].lower_ == "the" and self._takes_the(doc[start]):
            start -= 1  # "the first half", "the 1990s": patterns leave "the" out for speed
        return start

    def _takes_the(self, token: Token) -> bool:
        """Does a ``the`` before the token belong to the expression: an ordinal, a part
        noun, ``month``, a decade (``the 1990s``, ``the 1970's``)?"""
        if token.lower_ in self._words["ordinals"] or token.lower_ in self._parts or token.lower_ == "month":
            return True
        doc = token.doc
        return token.shape_ in ("ddddx", "'ddx", "ddx") or (token.shape_ in ("dddd", "dd") and token.text.endswith("0")
                                                            and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "'s")

    def _join_ranges(self, spans: list[Span], published: str | None) -> list[Span]:
        """``Oct. 2`` ``until`` ``October 22`` -> one range span (``between A and B`` too);
        ``the week`` ``starting`` ``February 4`` -> one period."""
        joined: list[Span] = []
        for span in spans:
            both = self._joined(joined[-1], span, published) if joined else None
            if both is not None:
                joined[-1] = both
            else:
                joined.append(span)
        return joined

    def _joined(self, prev: Span, span: Span, published: str | None) -> Span | None:
        """The two spans as one expression, when the words between make them one."""
        doc = span.doc
        gap = [t.lower_ for t in doc[prev.end:span.start]]
        reference = published or _STAND_IN  # whether it is a range does not depend on the day
        if gap and gap[0] in self._words["start_words"] and len(gap) <= 2 and prev[-1].lower_ in self._words["units"]:
            candidate = doc[prev.start:span.end]  # "the week starting February 4", "2 weeks starting May 20th"
            return candidate if self.timex(candidate.text, reference) else None
        return self._range(prev, span, gap, reference)

    def _range(self, prev: Span, span: Span, gap: list[str], reference: str) -> Span | None:
        """``Oct. 2 until October 22``, ``between 2016 and 2017``: one range, when a range
        word stands between (``and`` only after ``between`` or ``from``) and the whole
        resolves to a range."""
        doc = span.doc
        opener = prev[0].lower_ in _OPENERS or (prev.start > 0 and doc[prev.start - 1].lower_ in _OPENERS)
        if len(gap) != 1 or not (gap[0] in self._range_words - {"and"} or (gap[0] == "and" and opener)):
            return None
        start = prev.start - 1 if prev[0].lower_ not in _OPENERS and opener else prev.start
        candidate = doc[start:span.end]
        value = self.timex(candidate.text, reference)
        return candidate if value and "/" in value else None

    def _split(self, span: Span, published: str | None) -> list[Span]:
        """``2016 and 2017`` -> two dates, unless ``between`` makes it one range."""
        if span[0].lower_ == "between" or len(span) < 3:
            return [span]
        whole = self.timex(span.text, published)
        if whole and "/" not in whole:  # "Dec. 27, 2020" is one date
            return [span]
        for i, token in enumerate(span[1:-1], start=1):
            if token.lower_ in ("and", "or", ",", "&") and self._splits_at(span, i, published):
                return [_unspaced(span[:i])] + self._split(_unspaced(span[i + 1:]), published)
        return [span]

    def _splits_at(self, span: Span, i: int, published: str | None) -> bool:
        """Whether the conjunction or comma at i parts two dates (not a comma before the
        year of the date it follows: ``from 4 to 22 January, 2017``, ``April 15, 1987 until
        March 17,\n1992``)."""
        left, right = span[:i], span[i + 1:]
        words = [t for t in right if not t.is_space]
        if span[i].text == "," and words and words[0].shape_ == "dddd":
            return False
        return self._is_date(left, published) and self._is_date(right, published)

    def _is_date(self, span: Span, published: str | None) -> bool:
        value = self.timex(span.text, published)
        return timex_type(value) in ("DATE", "TIME") and not value.endswith("_REF")  # "6am and 11pm" too

    # -- values and guards -----------------------------------------------------------
    def _value(self, span: Span, published: str | None) -> Timex | None:
        """The span's TIMEX3 (value None: a time expression we cannot resolve), or None
        when the span is no time expression."""
        if self._is_excluded(span):
            return None
        timex = self.timex.typed(span.text, published, future=self._tense(span))
        if timex is None or timex.value is None:
            return self._unresolved(span, published, timex)
        return self._retyped(span, timex)

    def _unresolved(self, span: Span, published: str | None, timex: Timex | None) -> Timex | None:
        """A span the normaliser gives no value: an unresolved time expression when it
        names a time word, else None (no such day, a count, a noun phrase)."""
        if timex is None and self.timex.impossible(span.text, published):
            return None  # "Feb 30", "2019-13-45": no such day
        if _COUNTS.search(span.text) and self.timex(span.text, published or _STAND_IN) is None:
            return None  # "voted 12 to 3 in January": a count, not a range of days
        noun_phrase = span[0].lower_ in ("a", "an") and span[-1].lower_ in self._words["units"]
        if not self._has_date_word(span) or noun_phrase:
            return None  # "a bumper year": a noun phrase about a year, not a date
        return timex or Timex(None, "DATE")

    def _retyped(self, span: Span, timex: Timex) -> Timex | None:
        """A resolved value with the type its use gives it: a measured decade is ten years,
        ``a week`` after a counted noun a set, a set word modifying a noun no time at all."""
        if timex.type == "DATE" and self._measured_decade(span, timex.value):
            return Timex("P10Y", "DURATION")  # "over the next decade": ten years, not the 2030s
        if timex.type == "DURATION" and self._rate(span):
            return Timex(timex.value, "SET")  # "12 flights a week"
        if timex.type == "SET" and not self._temporal_set(span):
            return None  # "annual report", "daily essentials": a modifier, not a time
        return timex

    def _is_excluded(self, span: Span) -> bool:
        """Guards: rate bases, headline verbs, counts, table figures."""
        lower = span.text.lower()
        if lower in self._guards or any(t.lower_ in self._guards for t in span) or _RATE_BASIS.search(lower):
            return True
        return self._ambiguous_span(span) or self._is_figure(span)

    def _ambiguous_span(self, span: Span) -> bool:
        """``MAY FALL`` in a headline (every word may be no date), a lone ``may`` used as a verb."""
        if all(t.lower_ in self._ambiguous for t in span) and len(span) > 1:
            return True
        return len(span) == 1 and span[0].lower_ in self._ambiguous and self._ambiguous_word(span[0])

    def _is_figure(self, span: Span) -> bool:
        """A plain number, a table figure (``March 164.6``, not ``3.5 years``) or a count."""
        if _NOT_DATE.match(span.text) and not _YEAR_TEXT.fullmatch(span.text):
            return True
        if any(_DECIMAL.fullmatch(t.text) for t in span):
            return not any(t.lower_ in self._words["units"] or t.lower_ in self._words["meridiem"] for t in span)
        return self._is_count(span)

    def _ambiguous_word(self, token: Token) -> bool:
        """Is a word such as ``may``, ``march``, ``fall`` here not a date word?"""
        tags = self._ambiguous[token.lower_]
        before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
        named = not token.is_lower and before in self._month_preps  # "in May", "last March"
        return not named and ("ANY" in tags or token.pos_ in tags or token.tag_ in tags or token.is_lower)

    def _measured_decade(self, span: Span, value: str) -> bool:
        """``over the next decade``, ``for the past decade``: a relative decade after a
        preposition that measures time is ten years (a duration), not a decade of the calendar."""
        if not re.fullmatch(r"\d{3}", value) or span.start == 0 or span[-1].lower_ != "decade":
            return False
        return any(t.lower_ in self._words["relative"] for t in span) and \
            span.doc[span.start - 1].lower_ in self._words["measure_prepositions"]

    def _rate(self, span: Span) -> bool:
        """``a week`` after a counted noun or a figure (``12 flights a week``): a frequency."""
        if len(span) != 2 or span[0].lower_ not in ("a", "an") or span.start == 0:
            return False
        before = span.doc[span.start - 1]  # "12 flights a week", "5 pct a year", "$1 billion a year"
        counted = before.pos_ in ("NOUN", "PROPN", "SYM", "NUM") or before.like_num or before.text == "%"
        return counted and any(t.like_num for t in span.doc[max(0, span.start - 4):span.start])

    def _temporal_set(self, span: Span) -> bool:
        """A set word in temporal use (``paid quarterly``, ``every year``), not as a
        modifier of a noun (``quarterly dividend``, ``daily essentials``)."""
        if span.text.lower() not in self._set_words:
            return True  # "every year", "twice a month": the phrase says it
        return span.root.dep_ in self._set_deps or span.root.pos_ == "ADV"

    def _is_count(self, span: Span) -> bool:
        """A year-like number or range that is money or a count: ``$2020``, ``1998 tonnes``,
        ``steers 1000-1200 lb`` (a range is a count only by the unit or currency beside it)."""
        ranged = _YEAR_RANGE.fullmatch(span.text)
        if not ranged and not re.fullmatch(r"\d{4}", span.text):
            return False
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if self._counted_beside(before, after):
            return True
        if ranged:
            return False
        if after is not None and after.like_num:
            return True
        return span[0].ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") and \
            (before is None or before.lower_ not in ("in", "since", "during", "of", "by", "until"))

    def _counted_beside(self, before: Token | None, after: Token | None) -> bool:
        """A currency or number sign before (``$2020``, ``No. 1998``), a unit or currency
        after (``1000-1200 lb``, ``1998 tonnes``)."""
        if before is not None and (before.is_currency or before.text in ("#", "No.", "no.", "No")):
            return True
        return after is not None and (after.lower_.rstrip(".") in self._followers or after.is_currency)

    def _has_date_word(self, span: Span) -> bool:
        words = self._words
        return any(t.lower_.strip(".") in words["months"] or t.lower_.strip(".") in words["weekdays"]
                   or t.lower_ in words["units"] or t.lower_ in words["seasons"]
                   or t.lower_ in words["deictic_days"]
                   or t.lower_ in words["day_parts"] or t.lower_ in words["clock_words"]
                   or t.lower_ in words["holidays"]
                   or _YEAR_TEXT.fullmatch(t.text) for t in span)


def _unspaced(span: Span) -> Span:
    """The span without the line breaks at its ends (``March and\nApril`` split in two)."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end]


def _next_word(doc: Doc, i: int, end: int) -> Token | None:
    """The first token from i on before end that is not a line break."""
    while i < end and doc[i].is_space:
        i += 1
    return doc[i] if i < end else None


def _headline_quarter(found: list[Found], first_line: int) -> str | None:
    """The quarter the first line names (``4TH QTR LOSS`` -> ``1986-Q4``), if any."""
    return next((f.timex.value for f in found if f.span.end_char <= first_line and f.timex.value
                 and _QUARTER.fullmatch(f.timex.value)), None)


def _cut(span: Span, breaks: list[int]) -> list[Span]:
    """The span in pieces at the header's breaks (a headline's end, a dateline's dash): an
    expression never runs from a headline into the dateline or from the dateline into the
    story (``March 2 - Profit``)."""
    inside = [b for b in breaks if span.start_char < b < span.end_char]
    if not inside:
        return [span]
    pieces, start = [], span.start
    for token in span:
        if token.i > start and any(token.doc[token.i - 1].idx < b <= token.idx for b in inside):
            pieces.append(span.doc[start:token.i])
            start = token.i
    pieces.append(span.doc[start:span.end])
    return pieces


def _single_words(words: Any) -> list[str]:
    return sorted(w for w in words if " " not in w)


def _pattern_lists(words: dict[str, Any]) -> dict[str, list[str]]:
    """The ``@name`` word lists the pattern file refers to, from the lexicon."""
    return {
        "@months": sorted({w for m in words["months"] for w in (m, m + ".")}),
        "@weekdays": sorted({w for d in words["weekdays"] for w in (d, d + ".")}),
        "@ordinals": sorted(words["ordinals"]),
        "@numbers": sorted(k for k, v in words["numbers"].items() if v),
        "@units": sorted(words["units"]),
        "@time_of_day": sorted(words["time_of_day"]),
        "@seasons": sorted(words["seasons"]),
        "@months_unambiguous": sorted(words["unambiguous_months"]),
        "@deictic": _single_words(words["deictic_days"]),
        "@set_words": _single_words(words["set_words"]),
        "@frequency": sorted(words["frequency_words"]),
        "@day_parts": sorted(words["day_parts"]),
        "@clock_words": _single_words(words["clock_words"]),
        "@meridiem": sorted(words["meridiem"]),
        "@time_zones": _single_words(words["time_zones"]),
    }


def _across_line_breaks(pattern: list[dict]) -> list[dict]:
    """The pattern with a line break allowed between its words (wire copy is hard-wrapped:
    ``the first two\nmonths of 1987``), unless it says where spaces go itself."""
    if any("IS_SPACE" in token for token in pattern):
        return pattern
    out = []
    for token in pattern:
        out += [_LINE_BREAK, token] if out else [token]
    return out


_LINE_BREAK = {"IS_SPACE": True, "OP": "?"}


def _expand(token: dict, lists: dict[str, list[str]]) -> dict:
    """Replace ``"@months"``-style names in a token pattern with the lexicon's words."""
    out = {}
    for key, value in token.items():
        if isinstance(value, dict):
            out[key] = {k: lists.get(v, v) if isinstance(v, str) else v for k, v in value.items()}
        else:
            out[key] = value
    return out
