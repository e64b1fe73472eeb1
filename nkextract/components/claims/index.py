"""Every lexicon match of one document, found once and kept by sentence, for the claim
assembler (``nkextract.components.claims.assembler``): countries, metric cues, basis phrases,
products, shares, dates that can be a figure's period.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

if TYPE_CHECKING:
    from .assembler import ClaimAssembler

# A TIMEX3 calendar value: 2020, 2020-11, 2020-11-25, 2020-Q3, 2020-H1, XXXX-11 (or a range).
_CALENDAR = re.compile(r"^(\d{4}|XXXX)(-(\d{2}|Q[1-4]|H[12]|W\d{2}))?(-\d{2})?$")


def _calendar(timex: str | None) -> bool:
    if not timex:
        return False
    return all(_CALENDAR.match(part) for part in timex.split("/"))


@dataclass
class Place:
    """A country named in the text: where it is, which one, and the word before it."""

    start: int
    end: int
    iso: str | None          # None for a partner word ("the neighbor")
    prep: str | None


class DocIndex:
    """Every lexicon match in one doc, found once and shared by all its figures."""

    def __init__(self, assembler: "ClaimAssembler", doc: Doc, mentions: list[Span]) -> None:
        self.a = assembler
        self.doc = doc
        self.text = doc.text  # built once: Doc.text joins every token on each call
        self._words: tuple[Doc, list[int]] | None = None
        taken = [s for s in mentions if s.label_ in ("MONEY", "PERCENT", "SOURCE")]
        self.taken = {i for s in taken for i in range(s.start, s.end)}
        self.figures = {i for s in taken if s.label_ != "SOURCE" for i in range(s.start, s.end)}
        # Every match is kept in its sentence's bucket, so that each figure looks only at
        # its own sentence: the work stays linear in the length of the document.
        self.sent_of = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sent_of[i] = sent.start
        self.buckets: dict[str, dict[int, list]] = {}
        self._bucket("dates", [(s.start, s) for s in mentions if s.label_ == "DATE"])
        self._bucket("places", [(p.start, p) for p in self._places()])
        for name, matcher, keep_text in (("metrics", assembler.metrics, True), ("basis", assembler.basis, False),
                                         ("products", assembler.products, False), ("shares", assembler.shares, False),
                                         ("adjusted", assembler.adjusted, False)):
            self._bucket(name, [(m[0], m) for m in self._labelled(matcher, keep_text)])
        self.basis_tokens = {i for group in self.buckets["basis"].values() for s, e, _ in group
                             for i in range(s, e)}

    def _compact(self) -> tuple[Doc, list[int]]:
        """The doc without its whitespace tokens, and where each word stands in the doc.

        Hard-wrapped wire copy breaks phrases across lines ("visible\ntrade deficit"),
        and a PhraseMatcher cannot step over the newline token between them.
        """
        keep = [t.i for t in self.doc if not t.is_space]
        return Doc(self.doc.vocab, words=[self.doc[i].text for i in keep]), keep

    def match(self, matcher: PhraseMatcher) -> list[Span]:
        """Matches of a PhraseMatcher as spans of the doc, phrases across line breaks included."""
        if self._words is None:
            self._words = self._compact()
        words, keep = self._words
        return [Span(self.doc, keep[s], keep[e - 1] + 1, label=m) for m, s, e in matcher(words)]

    def _bucket(self, name: str, items: list[tuple[int, object]]) -> None:
        table: dict[int, list] = {}
        for start, item in items:
            table.setdefault(self.sent_of[start], []).append(item)
        self.buckets[name] = table

    def of(self, name: str, where) -> list:
        """The matches of one kind in the sentence of ``where`` (a Span or a Token)."""
        start = where.start if isinstance(where, Span) else where.i
        return self.buckets[name].get(self.sent_of[start], [])

    def _labelled(self, matcher: PhraseMatcher, keep_text: bool = False) -> list[tuple]:
        spans = filter_spans(self.match(matcher))
        out = []
        for s in spans:
            if any(i in self.figures for i in range(s.start, s.end)):
                continue
            payload = (s.label_, s.text) if keep_text else s.label_
            out.append((s.start, s.end, payload))
        return out

    def _places(self) -> list[Place]:
        direct = [s for s in filter_spans(self.match(self.a.countries))
                  if not (s.text.lower() in self.a.ambiguous and s.root.ent_type_ not in {"GPE", "NORP", "LOC"})]
        named = {s.label_ for s in direct}
        spans = direct + [s for s in self.match(self.a.contextual) if s.label_ in named]
        spans += self.match(self.a.partners)
        places = []
        for s in filter_spans(spans):
            if any(i in self.taken for i in range(s.start, s.end)):
                continue
            prep = self._prep_before(s)
            iso = None if s.label_ == "PARTNER" else s.label_
            places.append(Place(s.start, s.end, iso, prep))
        return places

    def _prep_before(self, span: Span) -> str | None:
        i = span.start - 1
        while i >= 0 and self.doc[i].lower_ in {"the", "its", "their", "his", "her", "a", "an", "largest", "biggest", "main", "closest", "neighbouring", "neighboring", "two"}:
            i -= 1
        return self.doc[i].lower_ if i >= 0 and self.doc[i].pos_ == "ADP" else None

    # -- queries --------------------------------------------------------------------
    def places_in(self, span: Span, clause: set[int] | None) -> list[Place]:
        return [p for p in self.of("places", span) if clause is None or p.start in clause]

    def share_near(self, span: Span, clause: set[int], after) -> bool:
        if after is not None and after.lower_ == "of":
            nxt = self.doc[after.i + 1] if after.i + 1 < len(self.doc) else None
            if nxt is not None and nxt.lower_ not in {"the", "a"} | self.a.generic or (
                    nxt is not None and any(p.start == nxt.i + 1 or p.start == nxt.i for p in self.of("places", span))):
                return True
            if nxt is not None and nxt.lower_ == "the":
                return True
        return any(s < span.start and span.start - e <= 4 and s in clause for s, e, _ in self.of("shares", span))

    def under_section(self, span: Span) -> bool:
        """Does a table section line ("Nine mths", "Year") stand above the figure's row?"""
        before = self.text[span.sent.start_char:span.start_char].split("\n")[1:-1]
        return any(line.strip().lower().rstrip(":") in self.a.sections for line in before)

    def row_label(self, span: Span) -> tuple[str, str] | None:
        """The metric a table row names before its figures ("Revs 1.05 billion vs ..."):
        a cue that opens the figure's line, at most four words before the figure."""
        doc = self.doc
        i = span.start - 1
        while i >= span.sent.start and not (doc[i].is_space and "\n" in doc[i].text):
            i -= 1
        line_start = i + 1
        if i < span.sent.start and span.sent.start > 0 and "\n" not in doc[span.sent.start - 1].text_with_ws:
            return None
        if span.start - line_start > 4 or line_start >= span.start:
            return None
        for start, end, payload in self.of("metrics", span):
            if start == line_start and end <= span.start:
                return payload
        return None

    def date_after(self, span: Span) -> str | None:
        """The period written right after a figure ("679 mln in January")."""
        for start, _, (date, timex) in self.period_dates(span):
            if 0 <= start - span.end <= 3:
                return timex
        return None

    def first_country(self) -> str | None:
        """The first country the story names (its headline's or lead's, usually)."""
        return next((p.iso for group in sorted(self.buckets["places"].items())
                     for p in group[1] if p.iso), None)

    def bare_balance_near(self, span: Span) -> bool:
        """Is a bare balance word ("a 965 mln dlr surplus") right beside the figure?"""
        doc = self.doc
        window = range(max(span.sent.start, span.start - 3), min(span.sent.end, span.end + 2))
        return any(doc[i].lower_ in self.a.bare_balance for i in window if i not in self.figures)

    def comparison_basis(self, span: Span) -> str | None:
        """The basis phrase of the sentence ("a year earlier"), if any."""
        return next((b[2] for b in self.of("basis", span)), None)

    def seasonally_adjusted(self, span: Span, clause: set[int]) -> bool:
        return any(s in clause for s, _, _ in self.of("adjusted", span))

    def goods(self, token) -> str | None:
        """The goods a noun names ("miscellaneous items", "ferro-alloy"), or None when it is
        a generic word alone ("goods"), a metric word, or a country."""
        for start, end, label in self.of("products", token):
            if start <= token.i < end:
                return label
        words = [t for t in token.subtree if t.i <= token.i and not t.is_punct
                 and t.pos_ in {"NOUN", "ADJ", "PROPN"}
                 and not any(c[0] <= t.i < c[1] for c in self.of("metrics", token))
                 and not any(p.start <= t.i < p.end for p in self.of("places", token))]
        if not any(t.lower_ not in self.a.generic for t in words):
            return None
        return " ".join(t.text for t in words).lower()

    def period_dates(self, span: Span) -> list[tuple[Span, str]]:
        """DATE mentions of the sentence that can be a figure's period."""
        out = []
        for date in self.of("dates", span):
            if not _calendar(date._.nk_timex):
                continue
            if any(i in self.basis_tokens for i in range(date.start, date.end)):
                continue
            if "same" in date.text.lower():  # "on the same 1986 period": what it is compared with
                continue
            if self._bounded(date) or self._reporting(date):
                continue
            if self._of_compared_figure(date, span):
                continue
            out.append((date.start, date.end, (date, date._.nk_timex)))
        return out

    def _of_compared_figure(self, date: Span, span: Span) -> bool:
        """Is the date the own date of another, compared figure ("compared with 11.4 billion
        euros last year", "from 3.8% in September")?"""
        doc = self.doc
        i = date.start - 1
        while i >= 0 and (doc[i].is_space or doc[i].lower_ in {"in", "on", "for", "during"}):
            i -= 1
        if i < 0 or i not in self.figures or span.start <= i < span.end:
            return False
        j = i
        while j > 0 and j - 1 in self.figures:
            j -= 1
        k = j - 1
        while k >= 0 and (doc[k].is_space or doc[k].lower_ in {"a", "an", "the", "of"}
                          or doc[k].lower_ in self.a.bare_balance):
            k -= 1
        return k >= 0 and (doc[k].lower_ in self.a.comparison or doc[k].lower_ == "with")

    def _reporting(self, date: Span) -> bool:
        head = date.root.head
        return head.lemma_.lower() in self.a.reporting or head.lower_ in self.a.reporting

    def _bounded(self, date: Span) -> bool:
        if date.root.head.lower_ in self.a.bounding:
            return True
        for anc in date.root.ancestors:
            if any(c.dep_ == "mark" and c.lower_ in self.a.bounding for c in anc.children):
                return True
        return False
