"""What is read from the mentions found, as a story writes figures together: a figure
that shares the unit of the next ("from 5 to 6 pct", "six or seven euros"), ranges over
two figures ("between 3% and 4%", "$20 to $25 billion"), amounts named by order of size
("tens of millions of pounds"), figures that repeat the currency just named ("rose to
3.58 billion dlrs from 1.94 billion"), signs ("-2.1%", "minus 3%", "(4.5%)" in a table),
lower bounds ("a $1bn-plus deal") and prices per unit ("$71 a barrel").

The word lists come from ``models/lexicons/quantity_forms.json``.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from spacy.tokens import Doc

from ...text.numbers import Amount, scaled, times
from .reading import HYPHENS, Phrase, PhraseReader
from .state import DocState, Found

_MINUS_SIGNS = ("-", "−", "–")


class Forms:
    """Joins and marks on found mentions; holds only word lists."""

    def __init__(self, reader: PhraseReader, lexicon: Mapping[str, Any]) -> None:
        self.reader = reader
        self.minus = frozenset(lexicon.get("minus", ()))
        table = lexicon.get("table_row", {})
        self.table_figures = int(table.get("min_figures", 3))
        self.table_words = int(table.get("max_words_per_figure", 2))
        self.plus_after = frozenset(lexicon.get("plus_after", ()))
        self.range_cues = frozenset(lexicon.get("range_cues", ()))
        self.range_nouns = frozenset(lexicon.get("range_nouns", ()))
        self.movements = frozenset(lexicon.get("movement_lemmas", ()))
        self.disjunction = frozenset(lexicon.get("disjunction", ()))
        self.comparison = frozenset(lexicon.get("comparison_words", ()))
        self.sign_before = frozenset(lexicon.get("sign_before", ()))
        self.lookback = int(lexicon.get("movement_lookback", 5))
        vague = lexicon.get("vague", {})
        self.vague_counts: dict[str, list[float]] = dict(vague.get("counts", {}))
        self.vague_few = {tuple(k.split()): v for k, v in vague.get("few", {}).items()}
        self.plural_scale: list[float] = list(vague.get("plural_scale", (1, 1000)))
        per = lexicon.get("per_unit", {})
        self.per_markers = frozenset(per.get("markers", ()))
        self.per_nouns: dict[str, str] = dict(per.get("nouns", {}))

    # -- a figure that shares the unit of the next ------------------------------------
    def partner(self, state: DocState, found: Found) -> Found | None:
        """ "from 5 to 6 pct", "to 7.0 from 7.5 pct", "six or seven euros", "12 or $13"."""
        doc, r = state.doc, self.reader
        link = self._link_before(doc, found.start)
        if link is None:
            return None
        number = r.left_number(state, link)
        if number is None or number.amount.value is None:
            return None
        if doc[link].lower_ in ("to", "from"):
            opener = "from" if doc[link].lower_ == "to" else "to"
            if number.edge == 0 or doc[number.edge - 1].lower_ != opener:
                return None
        elif not self._alternatives(state, number.amount, found):
            return None  # "credits of 2,227,000 or four cts": the same sum per share
        words = [t.text for t in doc[number.edge:link]]
        if _year_like(words) or any(t.ent_type_ in ("DATE", "TIME") for t in doc[number.edge:link]):
            return None  # "from 1986 to 5 pct"
        amount = number.amount
        if not state.numbers.has_scale(words) and (amount.value or 0) < 1000:
            factor = state.numbers.trailing_scale(self._stated(state, found))
            amount = scaled(amount, factor)  # "to 5.5 from 6.0 mln"
        return Found(number.edge, link, found.label, scaled(amount, found.factor), found.unit)

    def _link_before(self, doc: Doc, start: int) -> int | None:
        """The linking word before a figure ("to", "from", "or", "and"), across a wrapped
        line ("18.2 and\n19.6 billion dlrs"); None when there is none."""
        link = start - 1
        while link > 0 and doc[link].is_space and "\n\n" not in doc[link].text:
            link -= 1
        if link < 1 or not (doc[link].lower_ in ("to", "from") or doc[link].lower_ in self.disjunction):
            return None
        return link

    def _alternatives(self, state: DocState, left: Amount, found: Found) -> bool:
        """ "six or seven", "1.6 or 1.7 billion": two close guesses, the smaller first."""
        words = [w for w in self._stated(state, found) if not state.numbers.is_scale(w)]
        right = state.numbers.quantity(words) if words else None
        return right is not None and left.value is not None and 0 < left.value < right <= 10 * left.value

    def _stated(self, state: DocState, found: Found) -> list[str]:
        """The number words of a mention: "$13 million" -> ["13", "million"]."""
        words: list[str] = []
        for token in state.doc[found.start:found.end]:
            if self.reader.is_run_token(token, state.numbers):
                words.append(token.lower_)
            elif words:
                break
        return words

    # -- amounts named by order of size -----------------------------------------------
    def vague_before(self, state: DocState, end: int) -> Phrase | None:
        """ "tens of millions (of)", "a few million", "billions of" just before ``end``."""
        doc, scales = state.doc, state.numbers.scales
        words = [t for t in reversed(doc[max(0, end - 8):end]) if not t.is_space][:5]
        lowers = [t.lower_ for t in words]  # nearest first: "of", "millions", "of", "tens"
        of_before = lowers[:1] == ["of"]
        k = int(of_before)
        if len(words) <= k or scales.get(lowers[k], 0) < 1000:
            return None
        word, factor = lowers[k], scales[lowers[k]]
        bounds, edge = None, words[k].i
        if lowers[k + 1:k + 2] == ["of"] and len(lowers) > k + 2 and lowers[k + 2] in self.vague_counts:
            bounds, edge = self.vague_counts[lowers[k + 2]], words[k + 2].i
        for phrase, few in self.vague_few.items():
            size = len(phrase)
            if bounds is None and tuple(reversed(lowers[k + 1:k + 1 + size])) == phrase:
                bounds, edge = few, words[k + size].i
        if bounds is None and of_before and word.endswith("s"):
            bounds = self.plural_scale  # "billions of dollars"
        if bounds is None:
            return None
        low, high = times(bounds[0], factor), times(bounds[1], factor)
        return Phrase(edge, Amount(None, low, high)) if low and high else None

    # -- figures that repeat the currency just named ------------------------------------
    def elliptical(self, state: DocState, found: list[Found]) -> list[Found]:
        """ "rose to 3.58 billion dlrs from 1.94 billion", "Net 53.5 mln vs 180.9 mln": a
        scaled number after a comparison word, or standing alone (no noun after it), takes
        the currency of the money just named (in the same or the previous sentence)."""
        money = [m for m in found if m.label == "MONEY" and m.unit]
        if not money:
            return []
        taken = {i for m in found for i in range(m.start, m.end)}
        extra: list[Found] = []
        k, last = 0, None
        for token in state.doc:
            while k < len(money) and money[k].end <= token.i:
                last, k = money[k], k + 1
            if last is None or token.i in taken or not token.like_num:
                continue
            mention = self._elliptical_at(state, token.i, last, taken)
            if mention is not None:
                extra.append(mention)
                taken.update(range(mention.start, mention.end))
        return extra

    def _elliptical_at(self, state: DocState, i: int, last: Found, taken: set[int]) -> Found | None:
        doc, r = state.doc, self.reader
        before = i - 1
        while before > 0 and doc[before].is_space:
            before -= 1
        if before < 0 or doc[before].like_num or state.sentence_of(i) - state.sentence_of(last.start) > 1:
            return None
        number = r.right_number(state, i)
        if number is None:
            return None
        words = [t.text for t in doc[i:number.edge]]
        # a written scale word ("mln", "billion"), not a letter ("278,000 t" is tonnes)
        if not state.numbers.has_scale([w for w in words if len(w) > 1]):
            return None
        if any(j in taken for j in range(i, number.edge)):
            return None
        if doc[before].lower_ not in self.comparison and not r.stands_alone(doc, number.edge):
            return None  # "1.5 mln shares": a count of something, not money
        if r.counts(doc, i):
            return None  # "Avg shrs 72.4 mln vs 64.0 mln"
        return Found(i, number.edge, "MONEY", number.amount, last.unit)

    # -- the last pass: ranges, signs, bounds, prices ------------------------------------
    def finish(self, state: DocState, found: list[Found]) -> list[Found]:
        """Join two-figure ranges, then read signs, "-plus" bounds and per-unit prices."""
        joined: list[Found] = []
        for mention in (m for m in found if not self._garbled(state.doc, m)):
            both = self._range(state, joined[-1], mention) if joined else None
            if both is not None:
                joined[-1] = both
            else:
                if joined:
                    joined[-1] = self._moved_with_scale(state, joined[-1], mention)
                joined.append(mention)
        marked = [self._per_unit(state, self._plus(state, self._signed(state, m))) for m in joined]
        return [_trimmed(state.doc, m) for m in marked]

    def _garbled(self, doc: Doc, found: Found) -> bool:
        """ "$$5", "5%%": a symbol doubled onto the figure is a typing slip, not a figure."""
        before = doc[found.start - 1] if found.start > 0 else None
        after = doc[found.end] if found.end < len(doc) else None
        first, last = doc[found.start], doc[found.end - 1]
        return (before is not None and not before.whitespace_ and before.text in self.reader.symbols
                and (first.text[:1] == before.text or first.lower_ == before.lower_)) or \
            (after is not None and not last.whitespace_ and after.text == last.text[-1:] == "%")

    def _range(self, state: DocState, a: Found, b: Found) -> Found | None:
        """ "between 3% and 4%", "6% to 9%", "$20 to $25 billion": one range, not two."""
        if not self._same_unit(a, b):
            return None
        doc = state.doc
        between = [t.lower_ for t in doc[a.end:b.start] if not t.is_space]
        opener = doc[a.start - 1].lower_ if a.start > 0 else ""
        if between == ["and"] and opener in state.numbers.between:
            start = a.start - 1
        elif len(between) == 1 and between[0] in state.numbers.ranges and \
                not self._movement(doc, a.start, self._shares_unit(state, a, b)):
            start = a.start
        else:
            return None
        low, high = self._distributed(state, a, b), b.amount.value
        if low is None or high is None or low >= high:
            return None
        return Found(start, b.end, a.label, Amount(None, low, high), a.unit, a.factor)

    @staticmethod
    def _same_unit(a: Found, b: Found) -> bool:
        return (a.label, a.unit, a.per) == (b.label, b.unit, b.per) and None not in (a.amount.value, b.amount.value)

    def _shares_unit(self, state: DocState, a: Found, b: Found) -> bool:
        """Is the low end written without the scale word or the unit that the high end
        carries for both ("from $20 to $25 billion", "from 3 to 4 billion euros")?"""
        if len(self._stated(state, a)) == a.end - a.start:
            return True  # a bare number: its unit is written once, after the high end
        return self._distributed(state, a, b) != a.amount.value

    def _moved_with_scale(self, state: DocState, a: Found, b: Found) -> Found:
        """The first of two figures of a movement with the scale word of the second
        ("rose from $20 to $25 billion" -> $20 billion and $25 billion).

        Written here, not left to quantulum3: it reads "from $20 to $25 billion" as one
        range of $20 to $25,000,000,000. A number of 1000 or more ("$450,000 to $3.2 million")
        or one that the scale would put more than a hundredfold from the other keeps its value.
        """
        doc = state.doc
        between = [t.lower_ for t in doc[a.end:b.start] if not t.is_space]
        if not self._same_unit(a, b) or between != ["to"] or abs(a.amount.value) >= 1000 \
                or state.numbers.has_scale(self._stated(state, a)):
            return a
        factor = state.numbers.trailing_scale(self._stated(state, b))
        wider = times(a.amount.value, factor)
        if factor == 1.0 or not wider or not b.amount.value or not 0.01 <= wider / b.amount.value <= 100:
            return a
        return replace(a, amount=scaled(a.amount, factor))

    def _movement(self, doc: Doc, start: int, shared: bool = False) -> bool:
        """Does "A to B" at ``start`` follow a change ("rose 5% to 6%", "lowered its
        postings 50 cts to 1.50 dlrs", "fell from $3 to $2") rather than a range cue
        ("ranging from", "in the range of", "between")?

        A word for a schedule of amounts before "from" makes a range ("priced from $45 to
        $120", "fines from $500 to $2,000") unless a word of change governs it ("raised
        prices from $5 to $6"); quantulum3 reads every "from A to B" as a range.

        ``shared``: A is written without the scale word or currency B carries for both;
        then "from A to B" is a range ("could fetch from $20 to $25 billion") unless a word
        of change governs the "from" further back ("raised its forecast for the euro zone
        from 1 to 2 percent").
        """
        opener = None
        for token in self._words_before(doc, self.reader.qualifier_span(doc, start)[0]):
            word, lemma = token.lower_, token.lemma_.lower()
            if word in self.range_cues or lemma in self.range_cues or word in ("between", "range"):
                return False
            if self._is_change(token):
                # "could grow 6% to 9%": a forecast's range, not a movement
                return not (token.pos_ == "VERB" and token.tag_ in ("VB", "VBG")) or opener is not None
            if opener is not None and (word in self.range_nouns or lemma in self.range_nouns):
                return self._governed_by_change(token)  # "fines from", not "raised fines from"
            opener = token if opener is None and word == "from" else opener
        if opener is None:
            return False
        return not shared or self._governed_by_change(opener)

    def _is_change(self, token) -> bool:
        return token.lower_ in self.movements or token.lemma_.lower() in self.movements

    def _governed_by_change(self, token) -> bool:
        """Is ``token`` governed by a word of change, up the dependency arcs through noun
        phrases and the verbs that modify them ("raised its targets resulting from the
        merger from 465 to 500 million euros"), within its clause? False without a parse."""
        for _ in range(8):
            if token.head is token:
                return False
            token = token.head
            if self._is_change(token):
                return True
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("acl", "relcl", "amod"):
                return False
        return False

    def _words_before(self, doc: Doc, start: int) -> list:
        """Up to ``lookback`` words before ``start``, nearest first, within the clause."""
        words = []
        i = start - 1
        while i >= 0 and len(words) < self.lookback:
            token = doc[i]
            if token.is_punct and token.text not in HYPHENS:
                break
            if not token.is_space:
                words.append(token)
            i -= 1
        return words

    def _distributed(self, state: DocState, a: Found, b: Found) -> float | None:
        """The low end, with the high end's scale when only that one states it."""
        low = a.amount.value
        a_words = self._stated(state, a)
        if low is None or state.numbers.has_scale(a_words):
            return low
        factor = state.numbers.trailing_scale(self._stated(state, b))
        wider = times(low, factor)
        return wider if wider is not None and b.amount.value is not None and wider <= b.amount.value else low

    def _signed(self, state: DocState, found: Found) -> Found:
        """ "-2.1%", "$-12.4bn", "minus 3%", "(4.5%)" in a table: a negative figure."""
        value = found.amount.value
        if value is None or value < 0:
            return found
        start = self._minus_start(state, found)
        if start is None:
            return found
        return replace(found, start=start, amount=Amount(-value, -value, -value))

    def _minus_start(self, state: DocState, found: Found) -> int | None:
        """Where a negative figure's mention begins (with "minus"), or None if positive."""
        doc, start = state.doc, found.start
        digits = next((t for t in doc[start:found.end] if any(c.isdigit() for c in t.text)), None)
        if digits is not None and digits.text[:1] in _MINUS_SIGNS:
            return start
        if start == 0:
            return None
        before = doc[start - 1]
        if before.lower_ in self.minus and self._sign_position(doc, start - 1):
            return start - 1
        if before.text in _MINUS_SIGNS and not before.whitespace_ and (
                start == 1 or doc[start - 2].whitespace_):
            return start - 1  # " -5%" where the tokenizer splits the sign off
        if before.text == "(" and self._bracketed_in_table(state, found):
            return start
        return None

    def _sign_position(self, doc: Doc, i: int) -> bool:
        """Is "minus" at ``i`` a sign ("growth of minus 3%") and not a subtraction
        ("LIBOR minus 6-1/2 pct", "allocations minus 15 pct")?"""
        j = i - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        return j < 0 or (doc[j].pos_ in self.sign_before and doc[j].text not in (",", ")"))

    def _bracketed_in_table(self, state: DocState, found: Found) -> bool:
        doc = state.doc
        return found.end < len(doc) and doc[found.end].text == ")" and \
            state.line_is_table_row(found.start, self.table_figures, self.table_words)

    def _plus(self, state: DocState, found: Found) -> Found:
        """ "a $1bn-plus deal", "$5m+": a lower bound."""
        doc, end = state.doc, found.end
        if end + 1 < len(doc) and doc[end].text in HYPHENS and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].lower_ in self.plus_after:
            end += 2
        elif end < len(doc) and doc[end].text == "+" and not doc[end - 1].whitespace_:
            end += 1
        if end == found.end and not doc[end - 1].text.endswith("+"):  # "$2.1bn+" is one token
            return found
        qualifier = "+".join(q for q in (found.qualifier, "more_than") if q)
        return replace(found, end=end, qualifier=qualifier)

    def _per_unit(self, state: DocState, found: Found) -> Found:
        """ "$3.15 a share", "$71 per barrel", "50 cts a dozen": money per unit."""
        doc, j = state.doc, found.end
        if found.label != "MONEY" or j + 1 >= len(doc) or doc[j].lower_ not in self.per_markers:
            return found
        noun = doc[j + 1]
        two = f"{noun.lower_} {doc[j + 2].lower_}" if j + 2 < len(doc) else ""
        per = self.per_nouns.get(two) or self.per_nouns.get(noun.lower_)
        if per is None and doc[j].lower_ in ("per", "/") and noun.pos_ == "NOUN":
            per = noun.lemma_.lower()
        if per is None or _followed_by_of(doc, j + 2):
            return found
        return replace(found, per=per)


def _trimmed(doc: Doc, found: Found) -> Found:
    """Without line breaks at its edges ("10\n or 15 pct" gives "10")."""
    start, end = found.start, found.end
    while end > start + 1 and doc[end - 1].is_space:
        end -= 1
    while start < end - 1 and doc[start].is_space:
        start += 1
    return found if (start, end) == (found.start, found.end) else replace(found, start=start, end=end)


def _followed_by_of(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].lower_ == "of"  # "$5 a share of the profit" is not a price


def _year_like(words: list[str]) -> bool:
    return len(words) == 1 and words[0].isdigit() and 1800 <= int(words[0]) <= 2100


def without_overlaps(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping mentions, in document order."""
    kept: list[Found] = []
    taken: set[int] = set()
    for mention in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        tokens = set(range(mention.start, mention.end))
        if not tokens & taken:
            kept.append(mention)
            taken |= tokens
    return sorted(kept, key=lambda m: m.start)
