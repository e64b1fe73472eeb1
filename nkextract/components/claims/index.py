"""Every lexicon match of one document, found once and kept by sentence, for the claim
rules (``nkextract.components.claims``): countries, metric cues, basis phrases, products,
shares, anaphors and the dates that can be a figure's period.

Matches travel as small named types (``Match``, ``DateMatch``, ``Place``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date
from datetime import date as date_type
from typing import NamedTuple

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ...text.periods import is_calendar_value, months_ending, parse_period, shift_months, statement_week
from .fiscal import months_of, says_year_to_date, split_year, stated_period, story_year_end, year_to_date
from .tables import has_table, in_capitals, note_end_month, note_redefines_measure, period_words, reported_recently
from .lexicon import ClaimLexicon


_WEEK_ENDED = re.compile(r"\bweek (?:ended|ending|to) (?:on )?(?:[a-z]+,? )?([a-z]+)\.? (\d{1,2}|[a-z]+)\b"
                         r"|\b([a-z]+)\.? (\d{1,2}) week\b")  # "the March 2 week"
_EARLIER_YEAR = re.compile(r"\b(?:last|previous|prior|earlier|ago|before)\b")  # (a date naming its year is never moved)
_WEEKS_BEFORE = re.compile(r"\b([a-z0-9]+)[- ]weeks?(?: statement)?(?: period)? (?:ended|ending|to)\s*$")


_YEAR_END = re.compile(r"(?:the\s+)?(?:(\d{4})\s+year[\s-]end|year[\s-]end\s+(\d{4})|end[\s-](\d{4}))")


def _unfiscal(text: str) -> str:
    """"The second fiscal quarter" read as "the second quarter"."""
    return re.sub(r"\bfiscal\s+", "", text, flags=re.IGNORECASE)


def _year_end(text: str) -> str | None:
    """"1986 year end", "year-end 1986", "end-1986": the last day of that year (the date a
    level is stated at)."""
    found = _YEAR_END.fullmatch(" ".join(text.lower().split()))
    year = next((g for g in found.groups() if g), None) if found else None
    return f"{year}-12-31" if year else None


_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ENDED = re.compile(r"\bended\b", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"\d{4}")
_AT_YEAR_END = re.compile(r"\byear[\s-]*end\b|\bend of the year\b", re.IGNORECASE)  # the day a level stands at


def iso_week_of(day: str) -> str | None:
    """The ISO week of a day written 1987-03-12 (``1987-W11``), or None."""
    try:
        year, week, _ = date_type.fromisoformat(day).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{week:02d}"


class Match(NamedTuple):
    """A lexicon phrase found in the text: token offsets, its label and its words."""

    start: int
    end: int
    label: str
    text: str


class DateMatch(NamedTuple):
    """A DATE mention that can be a figure's period."""

    start: int
    end: int
    date: Span
    timex: str


class Place(NamedTuple):
    """A country named in the text: where it is, which one, and the word before it."""

    start: int
    end: int
    iso: str | None          # None for a partner word ("the neighbor")
    prep: str | None


class DocIndex:
    """Every lexicon match in one doc, found once and shared by all its figures."""

    def __init__(self, lexicon: ClaimLexicon, doc: Doc, mentions: list[Span]) -> None:
        self.lex = lexicon
        self.doc = doc
        self.text = doc.text  # built once: Doc.text joins every token on each call
        self._words: tuple[Doc, list[int]] | None = None
        taken = [s for s in mentions if s.label_ in ("MONEY", "PERCENT", "SOURCE")]
        self.taken = {i for s in taken for i in range(s.start, s.end)}
        self.figure_spans = sorted((s for s in taken if s.label_ != "SOURCE"), key=lambda s: s.start)
        self.figures = {i for s in self.figure_spans for i in range(s.start, s.end)}
        self._lists: dict[int, list[Span]] | None = None
        self._figure_starts = [s.start for s in self.figure_spans]
        # Every match is kept in its sentence's bucket, so that each figure looks only at
        # its own sentence: the work stays linear in the length of the document.
        self.sent_of = [0] * len(doc)
        self.sent_starts = [sent.start for sent in doc.sents]
        self.attribution_table = doc._.nk_attribution or []  # one [start, source, via] per segment
        self.attribution_starts = [row[0] for row in self.attribution_table]
        for sent in doc.sents:
            self.sent_of[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
        self.buckets: dict[str, dict[int, list]] = {}
        self._bucket_matches(mentions)
        self.lengths: dict[int, str] = {}        # months -> the period of that length stated
        self.year_guessed: set[str] = set()       # stated periods whose year was not written
        self._quarters: dict[int, str] | None = None  # fiscal quarters stated by their end
        self._read_story()
        self.basis_tokens = self._tokens_of("basis")
        self.product_tokens = self._tokens_of("products")

    def _bucket_matches(self, mentions: list[Span]) -> None:
        """The dates, places and lexicon matches of the doc, each in its sentence's bucket."""
        lexicon, doc = self.lex, self.doc
        self._bucket("dates", [s for s in mentions if s.label_ == "DATE"])
        self._bucket("places", self._places())
        for name in ("metrics", "basis", "shares", "adjusted", "anaphors"):
            self._bucket(name, self._labelled(getattr(lexicon, name)))
        # a product word in a company's name ("Gulf Energy Corp") is no product of the figure
        self._bucket("products", [self._negated(m) for m in self._labelled(lexicon.products)
                                  if doc[m.start].ent_type_ != "ORG"])

    def _read_story(self) -> None:
        """What the story's text says of all its figures: its fiscal year end, its table and
        the notes under it, where its headline ends."""
        lexicon = self.lex
        self.year_end = story_year_end(self.text, lexicon)  # a fiscal year end the story states
        # the end of a fiscal year written "1987/88": the story's, else its country's
        self.fiscal_end = self.year_end or lexicon.fiscal_year_end.get(self.first_country() or "", 0)
        self.note_end = note_end_month(self.text, lexicon)  # the month a table's note ends its periods
        self.note_redefines = note_redefines_measure(self.text, lexicon)  # "net is before ... taxes"
        self.has_table = has_table(self.text, lexicon)  # rows of a results table: notes may follow
        first_line = self.text.split("\n", 1)[0]
        # where a capitalised first line (a wire headline) ends; -1 when there is none
        self.headline_end = len(first_line) if in_capitals(first_line) else -1

    def _negated(self, m: Match) -> Match:
        """A product after "non-" is everything but it ("the non-oil trade deficit")."""
        before = [t.lower_ for t in self.doc[max(0, m.start - 2):m.start]]
        if before[-1:] == ["non"] or before[-1:] == ["non-"] or before == ["non", "-"]:
            return m._replace(label=f"non-{m.text.lower()}")
        return m

    def _tokens_of(self, name: str) -> set[int]:
        return {i for group in self.buckets[name].values() for m in group for i in range(m.start, m.end)}

    def _compact(self) -> tuple[Doc, list[int]]:
        """The doc without its whitespace tokens, and where each word stands in the doc.

        Hard-wrapped wire copy breaks phrases across lines ("visible\ntrade deficit"),
        and a PhraseMatcher cannot step over the newline token between them.
        """
        words = [t for t in self.doc if not t.is_space]  # one pass: each Token is built once
        return Doc(self.doc.vocab, words=[t.text for t in words]), [t.i for t in words]

    def match(self, matcher: PhraseMatcher) -> list[Span]:
        """Matches of a PhraseMatcher as spans of the doc, phrases across line breaks included."""
        if self._words is None:
            self._words = self._compact()
        words, keep = self._words
        return [Span(self.doc, keep[s], keep[e - 1] + 1, label=m) for m, s, e in matcher(words)]

    def _bucket(self, name: str, items: list) -> None:
        table: dict[int, list] = {}
        for item in items:
            table.setdefault(self.sent_of[item.start], []).append(item)
        self.buckets[name] = table

    def of(self, name: str, where: Span | Token) -> list:
        """The matches of one kind in the sentence of ``where`` (a Span or a Token)."""
        start = where.start if isinstance(where, Span) else where.i
        return self.buckets[name].get(self.sent_of[start], [])

    def in_sentence_starting(self, name: str, sent_start: int) -> list:
        """The matches of one kind in the sentence that starts at token sent_start."""
        return self.buckets[name].get(sent_start, [])

    def _labelled(self, matcher: PhraseMatcher) -> list[Match]:
        return [Match(s.start, s.end, s.label_, s.text) for s in filter_spans(self.match(matcher))
                if not any(i in self.figures for i in range(s.start, s.end))]

    def headline_measure(self) -> str | None:
        """The country measure the story's headline names, its items left out ("U.S.
        PRODUCER ENERGY PRICES RISE" names producer prices)."""
        end = self.text.find("\n")
        if end < 0:
            return None
        first = self.doc.char_span(0, end, alignment_mode="expand")
        words = [t.text for t in first or () if not t.is_space and t.i not in self.product_tokens]
        if not words:
            return None
        line = Doc(self.doc.vocab, words=words)
        found = filter_spans([Span(line, s, e, label=m) for m, s, e in self.lex.metrics(line)])
        return next((s.label_ for s in found if self.lex.scope(s.label_) is None), None)

    def _places(self) -> list[Place]:
        lex = self.lex
        direct = [s for s in filter_spans(self.match(lex.countries))
                  if not (s.text.lower() in lex.ambiguous and s.root.ent_type_ not in {"GPE", "NORP", "LOC"})]
        named = {s.label_ for s in direct}
        spans = direct + [s for s in self.match(lex.contextual) if s.label_ in named]
        spans += self.match(lex.partners)
        places = []
        for s in filter_spans(spans):
            if any(i in self.taken for i in range(s.start, s.end)):
                continue
            iso = None if s.label_ == "PARTNER" else s.label_
            if self._where_said(s):
                continue  # "Stoltenberg said in Paris": where it was said, not whose figure
            places.append(Place(s.start, s.end, iso, self._prep_before(s)))
        return places

    def _where_said(self, span: Span) -> bool:
        """Is the place where a statement was made ("said in Paris", "told a meeting in Bonn")?"""
        head = span.root.head
        return head.lower_ in {"in", "at"} and head.i == span.start - 1 and (
            head.head.lemma_.lower() in self.lex.reporting or head.head.lower_ in self.lex.reporting)

    def _prep_before(self, span: Span) -> str | None:
        i = span.start - 1
        while i >= 0 and self.doc[i].lower_ in self.lex.place_fillers:
            i -= 1
        return self.doc[i].lower_ if i >= 0 and self.doc[i].pos_ == "ADP" else None

    # -- queries --------------------------------------------------------------------
    def sentences_between(self, first: int, last: int) -> int:
        """How many sentences start after token first, up to and including token last."""
        return bisect_right(self.sent_starts, last) - bisect_right(self.sent_starts, first)

    def attribution(self, span: Span) -> tuple[str | None, str | None]:
        """The (source, via) nk_sources gave the part of a sentence holding the figure
        (``doc._.nk_attribution``: one ``[start, source, via]`` per segment), with one
        spelling of the apostrophe."""
        table = self.attribution_table
        k = bisect_right(self.attribution_starts, span.start) - 1
        if k < 0:
            return None, None
        source, via = (list(table[k][1:]) + [None, None])[:2]
        return tuple(n.replace("\u2019", "'") if n else None for n in (source, via))

    def figures_in_sentence(self, span: Span) -> list[Span]:
        """The figures of the span's sentence."""
        sent = span.sent
        return self.figure_spans[bisect_left(self._figure_starts, sent.start):
                                 bisect_left(self._figure_starts, sent.end)]

    def listed_with(self, span: Span) -> list[Span]:
        """The figures listed with this one ("18.2 and 20.8 billion dlrs", "1.2, 1.5 and
        1.9 pct"): the run of the sentence's figures joined only by "and" or commas.
        One figure alone is no list."""
        if self._lists is None:  # each list is found in one pass over the doc's figures
            runs = joined_runs(self.doc, self.figure_spans,
                               lambda a, b: self.sent_of[a.start] == self.sent_of[b.start])
            self._lists = {s.start: run for run in runs if len(run) > 1 for s in run}
        return self._lists.get(span.start, [])

    def places_in(self, span: Span, clause: set[int] | None) -> list[Place]:
        return [p for p in self.of("places", span) if clause is None or p.start in clause]

    def share_near(self, span: Span, clause: set[int], after: Token | None) -> bool:
        """Is the figure a share ("90 percent of North Korea's trade", "a 20 pct stake")?"""
        if after is not None and after.lower_ == "of":
            nxt = self.doc[after.i + 1] if after.i + 1 < len(self.doc) else None
            if nxt is not None and (nxt.lower_ == "the" or nxt.lower_ not in {"a"} | self.lex.generic
                                    or any(p.start in (nxt.i, nxt.i + 1) for p in self.of("places", span))):
                return True
        return any(m.start < span.start and span.start - m.end <= 4 and m.start in clause
                   for m in self.of("shares", span))

    def line_of(self, span: Span) -> tuple[int, str]:
        """The character offset where the figure's line starts, and the line's text."""
        start = self.text.rfind("\n", 0, span.start_char) + 1
        end = self.text.find("\n", span.end_char)
        return start, self.text[start:end if end >= 0 else len(self.text)]

    def date_after(self, span: Span) -> str | None:
        """The period written right after a figure ("679 mln in January"), or right before
        it as its owner ("January's 129 mln")."""
        for found in self.period_dates(span):
            if 0 <= found.start - span.end <= 3:
                return found.timex
        for date in self.of("dates", span):  # "from three pct now", "from the present 20 pct"
            if date._.nk_timex == "PRESENT_REF" and (0 <= date.start - span.end <= 1 or (
                    date.end <= span.start and all(t.is_space for t in self.doc[date.end:span.start]))):
                return date._.nk_timex
        for date in self.of("dates", span):
            between = self.doc[date.end:span.start]
            if date.end <= span.start and all(t.is_space or t.tag_ == "POS" for t in between) \
                    and len(between) and is_calendar_value(date._.nk_timex):
                return date._.nk_timex
        return None

    def same_period_after(self, span: Span) -> bool:
        """Is the figure followed by "in the same (1986) period": the same period a year ago?"""
        return any(0 <= d.start - span.end <= 3 and "same" in d.text.lower()
                   for d in self.of("dates", span))

    def first_country(self) -> str | None:
        """The first country the story names (its headline's or lead's, usually)."""
        return next((p.iso for _, group in sorted(self.buckets["places"].items())
                     for p in group if p.iso), None)

    def bare_balance_near(self, span: Span) -> bool:
        """Is a bare balance word ("a 965 mln dlr surplus") right beside the figure?"""
        doc = self.doc
        window = range(max(span.sent.start, span.start - 3), min(span.sent.end, span.end + 2))
        return any(doc[i].lower_ in self.lex.bare_balance for i in window if i not in self.figures)

    def balance_of(self, span: Span, metric: str) -> bool:
        """Does a balance word of the sentence govern the metric's cue ("the surplus on oil
        trade was 4.0 billion lower", "the deficit on non-oil trade increased by 2.1 billion")?"""
        for cue in self.of("metrics", span):
            head = self.doc[cue.end - 1].head
            if cue.label == metric and head.lower_ in ("on", "in") and head.head.lower_ in self.lex.bare_balance:
                return True
        return False

    def basis_of_level(self, span: Span) -> str | None:
        """The basis phrase that dates a level as an earlier one: "the year-ago level of
        117.09 billion dlrs", "the previous month's 2.1 pct" (the phrase, then at most a
        noun for the level and "of", right before the figure)."""
        doc = self.doc
        for m in self.of("basis", span):
            if self._opens_sentence(m) and m.end <= span.start:
                return m.label  # "A year earlier, it lost 139,000 dlrs": every level of it
            tokens = [t for t in doc[m.end:span.start] if not t.is_space]
            between = [t.lower_ for t in tokens]
            if m.end <= span.start and len(between) <= 3 and set(between) <= self.lex.level_nouns:
                return m.label
            # "vs yr-ago extraordinary loss of 17 cts": the phrase, a measure's noun phrase, "of"
            if m.end <= span.start and 2 <= len(tokens) <= 5 and between[-1] == "of" and all(
                    t.pos_ in ("ADJ", "NOUN", "PROPN") for t in tokens[:-1]):
                return m.label
        return None

    def _opens_sentence(self, m: Match) -> bool:
        """Does the match open its sentence as an adverbial set off by a comma ("A year earlier,
        ...", "In the year-ago quarter, ...")?"""
        first = self._skip_forward(self.sent_of[m.start])
        after = self._skip_forward(m.end)
        return m.start == first and after < len(self.doc) and self.doc[after].text == ","

    def _skip_forward(self, i: int) -> int:
        """The index of the first token at or after i that is no whitespace."""
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        return i

    def basis_after_level(self, span: Span) -> str | None:
        """The time phrase after a level that dates it as an earlier one ("below the 14.2 mln
        dlrs or 50 cts a share earned in the same period a year ago"): a basis phrase later in
        the sentence, not opened by a comparison word ("from a year ago" is a change's
        basis), with no figure between but the level's own "or" partner."""
        doc, openers = self.doc, self.lex.compared_openers
        others = [s for s in self.figures_in_sentence(span) if s.start >= span.end]
        for m in self.of("basis", span):
            if m.start < span.end:
                continue
            k = m.start - 1
            while k > span.end and doc[k].is_space:
                k -= 1
            if doc[m.start].lower_ in openers or doc[k].lower_ in openers:
                continue
            last = span
            for other in (s for s in others if s.end <= m.start):
                words = {t.lower_ for t in doc[last.end:other.start] if not t.is_space}
                if words != {"or"}:
                    return None  # another figure stands between: the phrase is its
                last = other
            if any(t.like_num or t.lower_ in openers for t in doc[last.end:m.start]):
                return None  # "153.67 yen against 181.23 a year earlier": the number's
            return m.label
        return None

    def comparison_basis(self, span: Span) -> str | None:
        """The basis phrase of the sentence ("a year earlier"), if any."""
        return next((m.label for m in self.of("basis", span)), None)

    def seasonally_adjusted(self, span: Span, clause: set[int]) -> bool:
        """Does the text say the figure's series is seasonally adjusted: in its clause, or
        for its whole sentence ("Seasonally adjusted figures show ...")?"""
        return any(m.start in clause or m.label == "SA_SENTENCE" for m in self.of("adjusted", span))

    def goods(self, token: Token) -> str | None:
        """The goods a noun names ("miscellaneous items", "ferro-alloy"), or None when it is
        a generic word alone ("goods"), a metric word, a country or a date ("628 mln dlrs of
        February last year")."""
        for m in self.of("products", token):
            if m.start <= token.i < m.end:
                return m.label
        metrics, places = self.of("metrics", token), self.of("places", token)
        words = [t for t in token.subtree if t.i <= token.i and not t.is_punct
                 and t.pos_ in {"NOUN", "ADJ", "PROPN"} and t.ent_type_ not in {"DATE", "TIME"}
                 and not any(c.start <= t.i < c.end for c in metrics)
                 and not any(p.start <= t.i < p.end for p in places)]
        if not any(t.lower_ not in self.lex.generic for t in words):
            return None
        return " ".join(t.text for t in words).lower()

    def period_dates(self, span: Span) -> list[DateMatch]:
        """DATE mentions of the sentence that can be a figure's period."""
        out = []
        for date in self.of("dates", span):
            timex = self.period_of(date)
            if timex is None or self._ends_joined_months(date):
                continue
            if "/" in timex:
                self.lengths.setdefault(months_of_period(timex), timex)
            if not self._not_the_figures(date, span, timex):
                out.append(DateMatch(date.start, date.end, date, timex))
        return out

    def period_of(self, date: Span) -> str | None:
        """The period a DATE mention states, read as a reader reads it: a stated fiscal period,
        a statement week, a part of the day, a year end, months joined by "and", a fiscal
        quarter the story stated, a year to date, a split fiscal year; a month or quarter
        neither in an index's base year nor ahead of the story."""
        timex = date._.nk_timex if is_calendar_value(date._.nk_timex) else None
        if timex is None or len(timex) == 10 or _ENDED.search(date.text):  # "the quarter ended January 3"
            timex = self.stated(date) or timex  # read by its length and end, not the day
        timex = self._statement_week(date, timex) or self._day_part(date) or _year_end(date.text)
        timex = self._months_joined(date) or timex
        timex = self._fiscal_quarter(date, timex)
        wider = self.doc[max(0, date.start - 2):date.end].text  # "so far this year"
        if says_year_to_date(wider):
            timex = year_to_date(wider, self._month_before(date), self.fiscal_end) or timex
        timex = split_year(date.text, self.fiscal_end) or timex
        return self._not_ahead(date, self._off_base(date, timex))

    def _not_the_figures(self, date: Span, span: Span, timex: str) -> bool:
        """Is the date no period of the figure: a basis phrase, a compared period ("on the same
        1986 period"), another figure's own date, a bound, a maturity, an index's base, when
        something was said?"""
        if any(i in self.basis_tokens for i in range(date.start, date.end)):
            return True
        if "same" in self.doc[max(0, date.start - 2):date.end].text.lower():
            return True  # "on the same 1986 period": what it is compared with
        return self._before_other_figure(date, span) or self._bounded(date) or self._maturity(date) \
            or self._index_base(date) or self._reporting(date, timex) or self._of_compared_figure(date, span) \
            or self._after_comparison(date, span)

    def stated(self, date: Span) -> str | None:
        """A fiscal period the date states by length and end ("the three month period ended
        January 31"), else a duration ("the three months") of a length stated before, in any
        sentence before it ("reporting lower earnings for the third quarter ended February 28
        ... down in the quarter 12 pct")."""
        found = self._stated_by_end(date)
        if found is not None:
            return found
        words = period_words(_unfiscal(date.text), self.lex)
        months = months_of(date._.nk_timex) or (words[0].months if words and not words[0].number else 0)
        k = date.start - 1
        while k > 0 and self.doc[k].is_space:
            k -= 1  # "the\nnine months": a wrapped line
        before = self.doc[k].lower_ if k >= 0 else ""
        if months and (date[0].lower_ in {"the", "those", "these"} or before in {"the", "those", "these"}):
            if months not in self.lengths:
                for earlier in self._dates_before(date.start):
                    self._stated_by_end(earlier)
            return self.lengths.get(months) or self._ending_with_stated(months)
        return None

    def _dates_before(self, start: int) -> list[Span]:
        """The story's DATE mentions that end before token start, in text order."""
        return sorted((d for group in self.buckets["dates"].values() for d in group if d.end <= start),
                      key=lambda d: d.start)

    def _stated_by_end(self, date: Span) -> str | None:
        """The period a date states by its length and end, remembered by its length."""
        found = stated_period(date.text, self.doc._.nk_published, self.lex, self.year_end)
        before = date.start - 1
        while before > 0 and self.doc[before].is_space:
            before -= 1  # "its first quarter ended\nDecember 31": a wrapped line
        if found is None and before >= 0 and self.doc[before].lower_ in ("ended", "ending"):
            # "the fourth quarter ended January 3" read as a quarter and a day
            wider = " ".join(self.doc[max(0, before - 3):date.end].text.split())
            found = stated_period(wider, self.doc._.nk_published, self.lex, self.year_end)
        if found is None:
            return None
        self.lengths[months_of_period(found.period)] = found.period
        if not found.year_stated and not reported_recently(found.period, self.doc._.nk_published):
            self.year_guessed.add(found.period)  # not the quarter just reported on
        return found.period

    def _months_joined(self, date: Span) -> str | None:
        """"The two months of January and February": the run of months from the first named
        to the one joined to it by "and" (the date mentions stop at the first)."""
        months = self.lex.tables["months"]
        words = [t.lower_ for t in date if not t.is_space]
        if len(words) < 3 or words[-2] != "of" or words[-1] not in months or not any(
                w in ("months", "mths") for w in words):
            return None
        rest = [t for t in self.doc[date.end:date.end + 4] if not t.is_space]
        if len(rest) < 2 or rest[0].lower_ != "and" or rest[1].lower_ not in months:
            return None
        second = next((d for d in self.of("dates", date) if d.start == rest[1].i), None)
        last = second._.nk_timex if second is not None else None
        if not last or not re.fullmatch(r"\d{4}-\d{2}", last):
            return None
        year, month = int(last[:4]), int(last[5:])
        first = months[words[-1]]
        span = month - first + 1 if first <= month else month + 13 - first
        return months_ending(year, month, span) if span > 1 else None

    def _fiscal_quarter(self, date: Span, timex: str | None) -> str | None:
        """"The first quarter" after "the first quarter ended January 31": the quarter the
        story stated by its end (1986-11/1987-01), not the calendar one."""
        if not timex or not re.fullmatch(r"\d{4}-Q[1-4]", timex) or re.search(r"\d{4}", date.text):
            return timex
        words = period_words(_unfiscal(date.text), self.lex)
        stated = self._stated_quarters().get(words[0].number) if words and words[0].months == 3 \
            and not words[0].end_month else None
        if stated is None:
            return timex
        # "in the second fiscal quarter last year": the stated quarter a year earlier
        published = str(self.doc._.nk_published or "")[:4]
        back = int(published) - int(timex[:4]) if published.isdigit() else 0
        if back == 1 and not _EARLIER_YEAR.search(date.text.lower()):
            return stated  # the year was the tagger's guess ("net income for the third quarter")
        return shift_months(stated, -12 * back) or timex if back in (0, 1) else timex

    def _stated_quarters(self) -> dict[int, str]:
        """The story's quarters stated by their end ("the first quarter ended January 31"), by
        number, the first statement of each; found once per document."""
        if self._quarters is not None:
            return self._quarters
        self._quarters = {}
        for found in sorted((d for group in self.buckets["dates"].values() for d in group), key=lambda d: d.start):
            words = period_words(_unfiscal(found.text), self.lex)
            if not (words and words[0].months == 3 and words[0].number and words[0].end_month):
                continue
            value = found._.nk_timex or self._quarter_ending(words[0].end_month) or ""
            if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?/\d{4}-\d{2}(-\d{2})?|\d{4}-Q[1-4]", value):
                self._quarters.setdefault(words[0].number, value)
        return self._quarters

    def _quarter_ending(self, month: int) -> str | None:
        """The quarter ending with a month nearest the story's date ("its second fiscal
        quarter ending March 31" in a story of March 1987: 1987-Q1)."""
        found = re.match(r"(\d{4})-(\d{2})", str(self.doc._.nk_published or ""))
        if not found:
            return None
        year, now = int(found.group(1)), int(found.group(2))
        return months_ending(year if month - now <= 3 else year - 1, month, 3)

    def _month_before(self, date: Span) -> str | None:
        """The story's month before a date (its reference month: the one it names most before
        "the fiscal year to date", the first on a tie), else the month before its publication."""
        months = Counter(d._.nk_timex for group in self.buckets["dates"].values() for d in group
                         if d.start < date.start and re.fullmatch(r"\d{4}-\d{2}", d._.nk_timex or ""))
        if months:
            return months.most_common(1)[0][0]
        published = str(self.doc._.nk_published or "")
        found = re.match(r"(\d{4})-(\d{2})", published)
        if not found:
            return None
        index = int(found.group(1)) * 12 + int(found.group(2)) - 2
        return f"{index // 12:04d}-{index % 12 + 1:02d}"

    def _ends_joined_months(self, date: Span) -> bool:
        """Is the date the last month of "the two months of January and February"?"""
        before = [t for t in self.doc[max(0, date.start - 3):date.start] if not t.is_space]
        if len(before) < 2 or before[-1].lower_ != "and":
            return False
        first = next((d for d in self.of("dates", date) if d.end == before[-2].i + 1), None)
        return first is not None and self._months_joined(first) is not None

    def _day_part(self, date: Span) -> str | None:
        """"In the morning session", "this afternoon": a part of the story's day is that day
        (a market report's figures are the day's); "last night" the day before."""
        published = self.doc._.nk_published
        words = [t for t in date if t.is_alpha and t.pos_ != "DET"]
        if not published or not words or words[-1].lower_ not in self.lex.day_parts:
            return None
        if any(t.lower_ not in self.lex.day_parts and t.lower_ not in self.lex.day_part_days for t in words):
            return None
        try:
            day = date_type.fromisoformat(str(published)[:10])
        except ValueError:
            return None
        offset = sum(self.lex.day_part_days.get(t.lower_, 0) for t in words)
        return date_type.fromordinal(day.toordinal() + offset).isoformat()

    def _statement_week(self, date: Span, timex: str | None) -> str | None:
        """"The week ended February 18": the seven days up to that day (a statement week of
        weekly banking and money figures), not the calendar week it falls in."""
        found = _WEEK_ENDED.search(" ".join(date.text.lower().split()))
        if found and timex and _DAY_VALUE.fullmatch(timex):
            timex = None  # "the March 2 week" read as its day: the week is wanted
        month_word, day = (found.group(1) or found.group(3), found.group(2) or found.group(4)) if found \
            else (None, None)
        month = self.lex.tables["months"].get(month_word) if month_word else None
        day = int(day) if day and day.isdigit() else self.lex.tables["numbers"].get(day or "")
        if month and day and timex:
            return statement_week(timex, month, day) or timex  # "the week to March nine" too
        if month and day and self.doc._.nk_published:
            week = iso_week_of(str(self.doc._.nk_published)[:10])
            return statement_week(week, month, day) or timex
        return self._weeks_ended(date, timex)

    def _weeks_ended(self, date: Span, timex: str | None) -> str | None:
        """"The two-week period ended March 11": the fourteen days up to that day."""
        if not timex or not _DAY_VALUE.fullmatch(timex):
            return timex
        before = " ".join(t.lower_ for t in self.doc[max(0, date.start - 6):date.start] if not t.is_space)
        found = _WEEKS_BEFORE.search(before.replace(" - ", "-"))
        if not found:
            return timex
        word = found.group(1)
        weeks = int(word) if word.isdigit() else self.lex.tables.get("numbers", {}).get(word, 0)
        if not 1 <= weeks <= 8:
            return timex
        last = date_type.fromisoformat(timex)
        return f"{date_type.fromordinal(last.toordinal() - 7 * weeks + 1).isoformat()}/{timex}"

    def _ending_with_stated(self, months: int) -> str | None:
        """"For the nine months" after "the third quarter ended January 31": the run of
        that many months ending where the story's stated period ends (a year to date)."""
        ends = {p: span[1] for p in self.lengths.values() if (span := parse_period(p))}
        if not ends:
            return None
        latest = max(ends, key=ends.get)
        last = date.fromordinal(ends[latest])
        period = months_ending(last.year, last.month, months)
        if latest in self.year_guessed:
            self.year_guessed.add(period)
        return period

    def _of_compared_figure(self, date: Span, span: Span) -> bool:
        """Is the date the own date of another, compared figure ("compared with 11.4 billion
        euros last year", "from 3.8% in September"), a count too ("to two mln vehicles in
        fiscal 1990 from 617,000 in 1986")?"""
        i = self._skip_back(date.start - 1, {"in", "on", "for", "during", "at", "end", "-"})
        if i < 0 or span.start <= i < span.end:
            return False
        if i not in self.figures:
            if not (self.doc[i].like_num and self.doc[i].ent_type_ != "DATE"):
                return False
            return self._compares(self._skip_back(i - 1, set()))
        while i > 0 and i - 1 in self.figures:
            i -= 1
        return self._compares(self._skip_back(i - 1, {"a", "an", "the", "of"} | self.lex.bare_balance))

    def _skip_back(self, i: int, words: set[str]) -> int:
        """The index of the last token at or before i that is neither whitespace nor one of the
        words (-1 when none is)."""
        while i >= 0 and (self.doc[i].is_space or self.doc[i].lower_ in words):
            i -= 1
        return i

    def _compares(self, i: int) -> bool:
        """Is token i a comparison word ("from", "against", "compared with")?"""
        return i >= 0 and (self.doc[i].lower_ in self.lex.comparison or self.doc[i].lower_ == "with")

    def _before_other_figure(self, date: Span, span: Span) -> bool:
        """Is the date the own date of the figure right after it ("from January's 129 mln",
        "1985's 2.2 billion shortfall"), another figure than span?"""
        i = date.end
        while i < len(self.doc) and (self.doc[i].is_space or self.doc[i].tag_ == "POS"):
            i += 1
        return date.end < i < len(self.doc) and i in self.figures and not span.start <= i < span.end

    def _after_comparison(self, date: Span, span: Span) -> bool:
        """Does the date stand after a comparison that follows the figure ("760 mln against
        a revised third quarter shortfall of 930 mln"): the compared figure's date?"""
        if date.start < span.end:
            return False
        between = " " + " ".join(t.lower_ for t in self.doc[span.end:date.start] if not t.is_space) + " "
        return any(f" {w} " in between for w in self.lex.comparison_after)

    def _reporting(self, date: Span, timex: str) -> bool:
        """A time the figure was reported at ("said on March 3", "a forecast made last
        December"), not its period: a quarter or a run of months ("the fourth quarter ended
        January 28") is never a report's time, however the parse hangs it."""
        if "/" in timex or "-Q" in timex or "-H" in timex:
            return False
        head = date.root.head
        if head.lemma_.lower() in self.lex.reporting or head.lower_ in self.lex.reporting:
            return not self._states_a_measure(head)
        # the parse hangs the date on the noun a reporting verb describes: "a forecast made
        # by the Institute (WIFO) last\nDecember"
        return any(c.dep_ == "acl" and c.i < date.start and c.lemma_.lower() in self.lex.reporting
                   for c in head.children)

    def _states_a_measure(self, verb: Token) -> bool:
        """Does the verb take a measure or a figure as its object ("CRD made a net profit ... of
        1.95 billion francs last year", "reported a loss of 5 mln dlrs in 1986"): the date is
        then that figure's period, not when something was said?"""
        cues = {i for m in self.of("metrics", verb) for i in range(m.start, m.end)}
        return any(c.dep_ in ("dobj", "obj") and any(t.i in cues or t.i in self.figures for t in c.subtree)
                   for c in verb.children)

    def _not_ahead(self, date: Span, timex: str | None) -> str | None:
        """A quarter or month named without its year that the calendar puts after the story's
        date ("terms of trade fell 3.5 pct in the fourth quarter of 1986 after declining 0.8 pct
        in the third quarter", published in March 1987), or "the year" a figure was stated for
        whole when it has not ended ("net income for the full year", "the first nine months of
        the year"), in a sentence that forecasts nothing: the one a year earlier, which is past."""
        published = str(self.doc._.nk_published or "")[:10]
        days, today = parse_period(timex), parse_period(published) if _DAY_VALUE.fullmatch(published) else None
        if days is None or today is None or re.search(r"\d{4}", date.text):
            return timex
        ahead = days[0] > today[1] and re.fullmatch(r"\d{4}-(?:Q[1-4]|H[12]|\d{2})", timex or "")
        if not (ahead or (days[1] > today[1] and self._the_year(date))):
            return timex  # not a day ahead
        sent = date.sent
        if any(t.tag_ == "MD" or t.lemma_.lower() in self.lex.forecast or t.lower_ in self.lex.forecast for t in sent):
            return timex
        if _YEAR_ONLY.fullmatch(timex or "") and _AT_YEAR_END.search(date.text):
            return f"{int(timex) - 1}-12-31"  # "rose to 453.4 billion at year-end": the day it stood at
        return shift_months(timex, -12) or timex

    @staticmethod
    def _the_year(date: Span) -> bool:
        """Does the date name the year by its article only ("for the year", "the full year",
        "the first nine months of the year") or its end alone ("at year-end"), not as this, next
        or the current one?"""
        words = {t.lower_ for t in date}
        if words & {"this", "current", "next", "last", "coming"}:
            return False
        return ("the" in words and "year" in words) or "year-end" in words or {"year", "end"} <= words

    def _off_base(self, date: Span, timex: str | None) -> str | None:
        """A month named without its year that was read in an index's base year ("index (base
        1985) fell 0.4 pct to 99.7 in January"): the last such month up to the story's date."""
        published = str(self.doc._.nk_published or "")
        if not timex or not re.fullmatch(r"\d{4}-\d{2}", timex) or re.search(r"\d{4}", date.text) \
                or not re.match(r"\d{4}-\d{2}", published):
            return timex
        if not any(d._.nk_timex == timex[:4] and self._index_base(d) for d in self.of("dates", date)):
            return timex
        year, month = int(published[:4]), int(published[5:7])
        return f"{year if int(timex[5:]) <= month else year - 1}{timex[4:]}"

    def _index_base(self, date: Span) -> bool:
        """Is the date an index's base year ("consumer price index (base 1985)", "the 1980
        base"), not the period of a figure?"""
        before = [t for t in self.doc[max(0, date.start - 3):date.start] if not (t.is_space or t.is_punct)]
        after = [t for t in self.doc[date.end:date.end + 2] if not (t.is_space or t.is_punct)]
        return any(t.lower_ in self.lex.index_base_words for t in before[-1:] + after[:1])

    def _maturity(self, date: Span) -> bool:
        """Is the date when a bond or loan falls due ("notes due 1992", "maturing April 15,
        1993"): a term of the issue, not the period of its figures?"""
        before = [t for t in self.doc[max(0, date.start - 3):date.start] if not t.is_space]
        return bool(before) and before[-1].lower_ in self.lex.maturity

    def _bounded(self, date: Span) -> bool:
        if date.root.head.lower_ in self.lex.bounding:
            return True
        return any(c.dep_ == "mark" and c.lower_ in self.lex.bounding
                   for anc in date.root.ancestors for c in anc.children)


def joins(between) -> bool:
    """Do the tokens between two items only join them into one list ("and", ",")?"""
    words = [t.lower_ for t in between if not t.is_space]
    return bool(words) and set(words) <= {"and", ","}


def joined_runs(doc: Doc, items: list, together=lambda a, b: True) -> list[list]:
    """Items in text order (spans or matches) grouped into runs of items joined only by
    "and" or commas ("M-2 and M-3", "18.2 and 20.8 billion dlrs"); together says whether
    two neighbours may share a run at all."""
    runs: list[list] = []
    for item in items:
        if runs and together(runs[-1][-1], item) and joins(doc[runs[-1][-1].end:item.start]):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def months_of_period(period: str) -> int:
    """How many months a period of whole months spans (0 when it cannot be told)."""
    days = parse_period(period)
    if days is None:
        return 0
    first, last = date.fromordinal(days[0]), date.fromordinal(days[1])
    return (last.year - first.year) * 12 + last.month - first.month + 1
