"""nk_dates: every date expression in a story as a DATE mention with its TIMEX3 value.

The first nk_ component: it also settles ``doc._.nk_published`` (from the
``nlp.pipe(as_tuples=True)`` context, else from the article's own header), because the
dates of every later component resolve against it.

Candidates are spaCy's DATE entities (boundaries fixed: ``From`` joined to a range,
prepositions dropped, ``2016 and 2017`` split) plus Matcher patterns for what the
small model misses (weekdays, ``Feb. 22``, ``the first 10 months``, ``a month earlier``,
``now``); the longest wins where they overlap. Values come from ``nkextract.text.timex``.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Iterable

import numpy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..extensions import MENTIONS, apply_context
from ..text.published import infer_published
from ..text.timex import TimexNormaliser
from .base import LexiconComponent

logger = logging.getLogger(__name__)

LEXICON = "lexicons/dates.json"
PATTERNS = "patterns/dates.jsonl"
_DIGIT_SHAPES = {"d", "dd", "ddd", "dxx", "ddxx"}
#: words too frequent to anchor the Matcher's windows on
_COMMON_WORDS = {"the", "of", "a", "an", "in", "to", "and", "or", "on", "at", "by", "for", "one", "two"}
_RATE_BASIS = re.compile(r"\b(?:year|month|quarter|week|day)\s?-\s?(?:on|over|to)\s?-")  # year-on-year
_NOT_DATE = re.compile(r"^\d{5,}$|^\d+(\.\d+)?$")  # zip codes, plain counts


class DateFinder(LexiconComponent):
    """Find date expressions and normalise them against the publication date."""

    lexicon_files = (LEXICON, PATTERNS)

    def __init__(self, nlp: Any, name: str, *, spans_key: str = MENTIONS) -> None:
        super().__init__(nlp, name, spans_key=spans_key)
        self.matcher: Matcher | None = None
        self.phrases: PhraseMatcher | None = None
        self.timex: TimexNormaliser | None = None

    def _build(self) -> None:
        words = self.lexicons[LEXICON]
        lists = {
            "@months": sorted({w for m in words["months"] for w in (m, m + ".")}),
            "@weekdays": sorted({w for d in words["weekdays"] for w in (d, d + ".")}),
            "@ordinals": sorted(words["ordinals"]),
            "@numbers": sorted(k for k, v in words["numbers"].items() if v),
            "@units": sorted(words["units"]),
            "@time_of_day": sorted(words["time_of_day"]),
            "@seasons": sorted(words["seasons"]),
            "@months_unambiguous": sorted(words["unambiguous_months"]),
            "@deictic": sorted(w for w in words["deictic_days"] if " " not in w),
        }
        self.matcher = Matcher(self.nlp.vocab)
        self._anchors: dict[str, set] = {"LOWER": set(), "SHAPE": set()}
        self._max_len = self._before = 1
        for entry in self.lexicons[PATTERNS]:
            pattern = [_expand(token, lists) for token in entry["pattern"]]
            self.matcher.add(entry.get("id", "DATE"), [pattern])
            self._max_len = max(self._max_len, len(pattern))
            self._add_anchor(pattern)
        self._anchor_arrays = (numpy.array(sorted(self._anchors["LOWER"]), dtype="uint64"),
                               numpy.array(sorted(self._anchors["SHAPE"]), dtype="uint64"))
        self._date_label = self.nlp.vocab.strings.add("DATE")
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        refs = words["present_ref"] + words["past_ref"] + words["future_ref"]
        self.phrases.add("REF", [self.nlp.make_doc(p) for p in refs])
        self.timex = TimexNormaliser(words)
        self._words = words
        self._guards = set(words["guard_words"]) | set(words["set_words"])
        self._followers = set(words["count_followers"])
        self._future_verbs = set(words["future_cues"])
        self._ambiguous = {k: set(v) for k, v in words["ambiguous_tokens"].items()}
        self._year_preps = set(words["date_prepositions"])
        self._reporting = set(words["reporting_verbs"])
        self._month_preps = set(words["month_prepositions"])
        self._parts = set(words["part_nouns"])
        self._trim = set(words["trim_words"])
        self._range_words = set(words["range_words"])
        self._future_aux = set(words["future_aux"])

    # -- the component -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self._require()
        apply_context(doc)
        if doc._.nk_published is None:
            doc._.nk_published = infer_published(doc.text)
        spans = [self._fix(span) for span in self._candidates(doc)]
        spans = self._join_ranges(filter_spans([s for s in spans if s is not None]), doc._.nk_published)
        found = []
        for span in spans:
            for part in self._split(span, doc._.nk_published):
                value = self._value(part, doc._.nk_published)
                if value is not False:
                    found.append((part, value))
        group = list(doc.spans[MENTIONS]) if MENTIONS in doc.spans else []
        for span, value in found:
            mention = Span(doc, span.start, span.end, label="DATE")
            mention._.nk_timex = value
            group.append(mention)
        doc.spans[MENTIONS] = group
        return doc

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
            yield doc[start:end]

    def _date_entities(self, doc: Doc) -> list[Span]:
        """spaCy's DATE entities, read from the token array (``doc.ents`` builds every entity)."""
        array = doc.to_array(["ENT_IOB", "ENT_TYPE"])
        inside = array[:, 1] == self._date_label
        starts = numpy.flatnonzero(inside & (array[:, 0] == 3)).tolist()
        spans = []
        for start in starts:
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
        doc, start, end = span.doc, span.start, span.end
        ranged = any(t.lower_ in self._range_words for t in span[1:])
        while start < end and (doc[start].lower_ in self._followers or doc[start].like_num and end - start > 1
                               and doc[start + 1].lower_ in self._followers):
            start += 1  # "mln a year earlier": the tail of a figure before the date
        while start < end and doc[start].lower_ in self._trim | {"from", "between"} and not (
                ranged and doc[start].lower_ in ("from", "between")):
            start += 1
        while start < end and doc[start].is_space:
            start += 1
        while end > start and (doc[end - 1].lower_ in self._trim or doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if start >= end:
            return None
        while start < end and (re.fullmatch(r"[\d,]+\.\d+", doc[start].text)):
            start += 1  # "6,107.31 August 2019": a figure before the date
        if start >= end:
            return None
        if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in self._parts:
            start -= 2  # "the end of March", "the beginning of next week"
        elif start > 0 and doc[start - 1].lower_ in ("early", "late", "mid", "mid-"):
            start -= 1
        if start > 0 and doc[start - 1].lower_ == "the" and (doc[start].lower_ in self._words["ordinals"]
                                                            or doc[start].lower_ in self._parts
                                                            or doc[start].lower_ == "month"
                                                            or doc[start].shape_ in ("ddddx", "'ddx", "ddx")):
            start -= 1  # "the first half", "the 1990s": patterns leave "the" out for speed
        if ranged and start > 0 and doc[start - 1].lower_ in ("from", "between") and \
                doc[start].lower_ not in ("from", "between"):
            start -= 1
        return doc[start:end]

    def _join_ranges(self, spans: list[Span], published: str | None) -> list[Span]:
        """``Oct. 2`` ``until`` ``October 22`` -> one range span (``between A and B`` too)."""
        joined: list[Span] = []
        for span in spans:
            if joined:
                prev = joined[-1]
                gap = span.doc[prev.end:span.start]
                opener = prev[0].lower_ in ("from", "between") or (
                    prev.start > 0 and span.doc[prev.start - 1].lower_ in ("from", "between"))
                if len(gap) == 1 and (gap[0].lower_ in self._range_words - {"and"} or (gap[0].lower_ == "and" and opener)):
                    start = prev.start - 1 if prev[0].lower_ not in ("from", "between") and opener else prev.start
                    candidate = span.doc[start:span.end]
                    value = self.timex(candidate.text, published)
                    if value and "/" in value:
                        joined[-1] = candidate
                        continue
            joined.append(span)
        return joined

    def _split(self, span: Span, published: str | None) -> list[Span]:
        """``2016 and 2017`` -> two dates, unless ``between`` makes it one range."""
        if span[0].lower_ == "between" or len(span) < 3:
            return [span]
        whole = self.timex(span.text, published)
        if whole and "/" not in whole:  # "Dec. 27, 2020" is one date
            return [span]
        for i, token in enumerate(span[1:-1], start=1):
            if token.lower_ in ("and", "or", ",", "&"):
                left, right = span[:i], span[i + 1:]
                if self._is_date(left, published) and self._is_date(right, published):
                    return [left] + self._split(right, published)
        return [span]

    def _is_date(self, span: Span, published: str | None) -> bool:
        value = self.timex(span.text, published)
        return bool(value) and not value.startswith("P") and not value.endswith("_REF")

    # -- values and guards -----------------------------------------------------------
    def _value(self, span: Span, published: str | None) -> str | None | bool:
        """The span's timex, None when it is a date we cannot resolve, False for a non-date."""
        text = span.text
        lower = text.lower()
        if lower in self._guards or any(t.lower_ in self._guards for t in span) or _RATE_BASIS.search(lower):
            return False
        if all(t.lower_ in self._ambiguous for t in span) and len(span) > 1:
            return False  # "MAY FALL" in a headline
        if len(span) == 1 and span[0].lower_ in self._ambiguous:
            token, tags = span[0], self._ambiguous[span[0].lower_]
            before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
            named = not token.is_lower and before in self._month_preps  # "in May", "last March"
            if not named and ("ANY" in tags or token.pos_ in tags or token.tag_ in tags or token.is_lower):
                return False
        if _NOT_DATE.match(text) and not re.fullmatch(r"(1[5-9]|20)\d\d", text):
            return False
        if any(re.fullmatch(r"\d+\.\d+", t.text) for t in span):  # "March 164.6": a table
            return False
        if self._is_count(span):
            return False
        value = self.timex(text, published, future=self._future(span))
        noun_phrase = span[0].lower_ in ("a", "an") and span[-1].lower_ in self._words["units"]
        if value is None and (not self._has_date_word(span) or noun_phrase):
            return False  # "a bumper year": a noun phrase about a year, not a date
        return value

    def _is_count(self, span: Span) -> bool:
        """A year-like number that is money or a count: ``$2020``, ``1998 tonnes``."""
        if not re.fullmatch(r"\d{4}", span.text):
            return False
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and (before.is_currency or before.text in ("#", "No.", "no.", "No")):
            return True
        if after is not None and (after.lower_ in self._followers or after.like_num or after.is_currency):
            return True
        return span[0].ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") and not span[0].ent_type_ == "DATE" \
            and (before is None or before.lower_ not in ("in", "since", "during", "of", "by", "until"))

    def _has_date_word(self, span: Span) -> bool:
        words = self._words
        return any(t.lower_.strip(".") in words["months"] or t.lower_.strip(".") in words["weekdays"]
                   or t.lower_ in words["units"] or t.lower_ in words["seasons"]
                   or t.lower_ in words["deictic_days"]
                   or re.fullmatch(r"(1[5-9]|20)\d\d", t.text) for t in span)

    def _future(self, span: Span) -> bool | None:
        """The tense of the clause governing the span: True (``will``, ``expected to``,
        ``payable``), False (a past-tense verb), None when nothing says (a reporting verb
        such as ``said`` tells when it was said, not when the date is)."""
        token = span.root
        for _ in range(4):
            head = token.head
            if head is token:
                break
            if head.lemma_.lower() in self._future_verbs or head.lower_ in self._future_verbs:
                return True
            if head.pos_ in ("VERB", "AUX"):
                aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
                if aux & self._future_aux:
                    return True
                if head.lemma_.lower() in self._reporting:
                    return None
                if head.tag_ == "VBD" or aux & {"has", "have", "had", "did", "was", "were"}:
                    return False
                return None
            token = head
        return None


def _expand(token: dict, lists: dict[str, list[str]]) -> dict:
    """Replace ``"@months"``-style names in a token pattern with the lexicon's words."""
    out = {}
    for key, value in token.items():
        if isinstance(value, dict):
            out[key] = {k: lists.get(v, v) if isinstance(v, str) else v for k, v in value.items()}
        else:
            out[key] = value
    return out
