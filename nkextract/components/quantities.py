"""``nk_quantities``: every MONEY and PERCENT mention, with its number, range and unit.

PhraseMatchers built from ``models/patterns/quantities.jsonl`` and the lexicons find the
anchors: currency symbols, codes and names, percent words; a cached regex finds numbers
with a unit written onto them ("HK$5", "23.5pct"). Around each anchor a few tokens are
read: the number phrase ("15.6 mln", "5-6 million", "between 5 and 6"), a country word that
fixes the currency ("Canadian dlrs", "US $") and the qualifier words before ("more than").
spaCy's own MONEY/PERCENT entities are not used: they drop "$" and miss "US $ 75 thousand".
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import partial

import numpy
from spacy.attrs import ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..extensions import MENTIONS
from ..text.numbers import FRACTION_WORDS, Amount, NumberParser, times
from .base import LexiconComponent

logger = logging.getLogger(__name__)

CURRENCIES = "lexicons/currencies.json"
SCALES = "lexicons/scales.json"
QUALIFIERS = "lexicons/qualifiers.json"
PATTERNS = "patterns/quantities.jsonl"

#: how far a number phrase may reach from its anchor, in tokens
MAX_RUN = 8
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_HYPHENS = frozenset({"-", "–", "—"})
_LINKS = frozenset({"-", "–", "—", "to", "and", "between", ".", "/"})
_SKIP_RUN_START = _LINKS - {"between"}
#: words after which a bare scaled number repeats the currency just named
_COMPARISON = frozenset({"from", "to", "at", "vs", "vs.", "versus", "against", "with", "of"})


@dataclass
class Found:
    """A mention before it becomes a Span."""

    start: int
    end: int
    label: str
    amount: Amount
    unit: str | None
    factor: float = 1.0  # a sub-unit's: 25 cts -> 0.25 USD


class QuantityFinder(LexiconComponent):
    """Find MONEY and PERCENT spans and append them to ``doc.spans["nk_mentions"]``."""

    lexicon_files = (CURRENCIES, SCALES, QUALIFIERS, PATTERNS)

    # -- building --------------------------------------------------------------------
    def _build(self) -> None:
        currencies = self.lexicons[CURRENCIES]
        scales = self.lexicons[SCALES]
        self.numbers = NumberParser.from_lexicon(scales)
        self.symbols: dict[str, str] = {k.lower(): v for k, v in currencies["symbols"].items()}
        self.codes: dict[str, str] = dict(currencies["codes"])
        self.lower_codes = {c: self.codes[c.upper()] for c in currencies["lowercase_codes"]}
        self.families: dict[str, dict] = currencies["families"]
        self.names: dict[str, str] = dict(currencies["names"])
        self.direct: dict[str, str] = dict(currencies["direct"])
        self.subunits: dict[str, float] = dict(currencies.get("subunit_factors", {}))
        self.adjectives = {a for f in self.families.values() for a in f["adjectives"]}
        self.adjectives.update(currencies.get("nationalities", ()))
        self.symbol_scales = frozenset(scales.get("symbol_only", ()))
        self.count_nouns = frozenset(scales.get("count_nouns", ()))
        self.money_nouns = frozenset(scales.get("money_nouns", ()))
        self.run_words = (set(self.numbers.scales) - self.symbol_scales) | _LINKS
        self.run_words |= set(FRACTION_WORDS) | {"a", "an"}  # "half a million"
        self.qualifiers: dict[tuple[str, ...], str] = {}
        for kind in ("more_than", "less_than", "approx"):
            for phrase in self.lexicons[QUALIFIERS][kind]:
                self.qualifiers[tuple(phrase.lower().split())] = kind
        self.qualifier_skip = {tuple(p.split()) for p in self.lexicons[QUALIFIERS].get("skip", ())}
        self.glued = self._glued_regex(scales)
        words = set(self.symbols) | set(self.names) | set(self.direct) | set(self.lower_codes)
        values = {"@codes": sorted(self.codes), "@money_words": sorted(words)}
        self._readers = {
            "percent": self._read_percent, "pp": partial(self._read_percent, unit="pp"),
            "word": self._read_word, "code": self._read_code,
            "glued": self._read_glued, "dollar": self._read_dollar,
        }
        self._glued_kinds: dict[int, str] = {}  # token text hash -> "glued" / "dollar"
        self._seen: set[int] = set()
        # one PhraseMatcher per token attribute: LOWER for words, ORTH for capital codes
        self.matchers: dict[str, PhraseMatcher] = {}
        self._kinds: dict[int, str] = {}  # match key -> the pattern line's id
        for line in self.lexicons[PATTERNS]:
            phrases = line["phrases"]
            phrases = values[phrases] if isinstance(phrases, str) else phrases
            attr = line.get("attr", "LOWER")
            matcher = self.matchers.setdefault(attr, PhraseMatcher(self.nlp.vocab, attr=attr))
            docs = [d for d in self.nlp.tokenizer.pipe(phrases) if len(d) == 1 or d[-1].text != "."]
            key = f"{line['label']}:{line['id']}"
            self._kinds[self.nlp.vocab.strings.add(key)] = line["id"]
            matcher.add(key, docs)  # phrases ending in "." are left out: "dlrs." ends a sentence

    def _glued_regex(self, scales: dict) -> re.Pattern:
        def alternatives(words):
            return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

        codes = {c.lower() for c in self.codes}
        prefix = alternatives(set(self.symbols) | codes)
        suffix = alternatives({"pct", "pc", "%"} | set(self.symbols) | codes)
        scale = alternatives(scales.get("glued", ()))
        return re.compile(
            rf"(?i)^(?:(?P<pre>[a-z]{{1,3}}\$|{prefix})(?P<num>{_NUM})(?P<scale>{scale})?"
            rf"|(?P<num2>{_NUM})(?P<scale2>{scale})?(?P<suf>{suffix})|(?P<dollar>[a-z]{{1,4}}\$))$"
        )

    def _glued_tokens(self, doc: Doc) -> list[tuple[str, int]]:
        """Tokens with number and unit in one ("HK$5", "23.5pct") or letters on a "$" ("nzd$").

        The regex runs once per distinct token text (set operations on hashes find the new
        ones); a Matcher REGEX pattern would run it on every token and cost more than the
        rest of this component.
        """
        orths = doc.to_array(ORTH)
        present = set(numpy.unique(orths).tolist())
        for orth in present - self._seen:
            text = doc.vocab.strings[orth]
            match = self.glued.match(text) if any(c in text for c in "0123456789$") else None
            if match:
                self._glued_kinds[orth] = "dollar" if match.group("dollar") else "glued"
        self._seen |= present
        if len(self._seen) > 500_000:  # bounded memory on endless streams
            self._seen = set(self._glued_kinds)
        hits = present & self._glued_kinds.keys()
        return [
            (self._glued_kinds[orth], int(i))
            for orth in hits
            for i in numpy.nonzero(orths == orth)[0]
        ]

    # -- running ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self._require()
        found: list[Found] = []
        anchors = [
            (self._kinds[key], start, end)
            for matcher in self.matchers.values()
            for key, start, end in matcher(doc)
        ]
        anchors += [(kind, i, i + 1) for kind, i in self._glued_tokens(doc)]
        for kind, start, end in anchors:
            try:
                mention = self._readers[kind](doc, start, end)
            except (ValueError, TypeError, KeyError, IndexError, OverflowError) as err:
                logger.debug("skipped %r: %s", doc[start:end].text, err)  # never fail a doc
                mention = None
            if mention is not None and None not in (mention.amount.low, mention.amount.high):
                found.append(mention)
                if kind in ("percent", "pp", "word"):
                    found.append(self._partner(doc, mention))
        kept = _without_overlaps([f for f in found if f])
        kept = sorted(kept + self._elliptical(doc, kept), key=lambda m: m.start)
        spans = [self._span(doc, m) for m in kept]
        if MENTIONS not in doc.spans:
            doc.spans[MENTIONS] = []
        doc.spans[MENTIONS].extend(spans)
        return doc

    def _span(self, doc: Doc, found: Found) -> Span:
        span = Span(doc, found.start, found.end, label=found.label)
        span._.nk_value = found.amount.value
        span._.nk_low = found.amount.low
        span._.nk_high = found.amount.high
        span._.nk_unit = found.unit
        first, span._.nk_qualifier = self.qualifier_span(doc, found.start)
        if span._.nk_qualifier:
            span._.nk_qualifier_start = doc[first].idx
        return span

    # -- one reader per kind of anchor --------------------------------------------------
    def _read_percent(self, doc: Doc, start: int, end: int, unit: str = "%") -> Found | None:
        """ "23 pct", "99 per cent", "5-6%"; "3.5 percentage points" with unit "pp"."""
        number = self._left_number(doc, start)
        return Found(number[0], end, "PERCENT", number[1], unit) if number else None

    def _read_word(self, doc: Doc, start: int, end: int) -> Found | None:
        """A currency symbol, name or lower-case code (one PhraseMatcher key for all)."""
        word = doc[start].lower_
        if word in self.symbols:
            return self._prefixed(doc, start, end, self.symbols[word])
        found = None
        if word in self.names or word in self.direct:
            found = self._read_name(doc, start, end)
        if found is None and word in self.lower_codes:  # "rmb 10"
            found = self._read_code(doc, start, end)
        return found

    def _read_code(self, doc: Doc, start: int, end: int) -> Found | None:
        text = doc[start].text
        unit = self.codes.get(text) or self.lower_codes.get(text.lower())
        return self._prefixed(doc, start, end, unit)

    def _prefixed(self, doc: Doc, start: int, end: int, unit: str | None) -> Found | None:
        """ "$ 4.5 million", "US $ 75 thousand", "USD 5bn"; else "10 $", "75 USD million"."""
        first = start
        if unit in self.families:
            first, unit = self._adjective(doc, start, unit)
        number = self._right_number(doc, end)
        if number is not None:
            last = number[0]
            if last < len(doc) and doc[last].lower_ in self.names and (
                self._family_of(doc[last]) == self._family_of(doc[start]) is not None
            ):
                last += 1  # "$ 10 dollars"
            return Found(first, last, "MONEY", number[1], unit)
        number = self._left_number(doc, start)
        if number is None:
            return None
        amount, last = number[1], end
        scales = self.numbers.scales
        while last < len(doc) and doc[last].lower_ in scales and amount.value is not None:
            amount = _scaled(amount, scales[doc[last].lower_])
            last += 1
        return Found(number[0], last, "MONEY", amount, unit)

    def _read_dollar(self, doc: Doc, start: int, end: int) -> Found | None:
        """ "usd$ 15", "mxn$ 15": letters written onto a dollar sign, number apart."""
        unit = self._dollar(doc[start].text.lower())
        return self._prefixed(doc, start, end, unit) if unit else None

    def _read_name(self, doc: Doc, start: int, end: int) -> Found | None:
        """ "15.6 mln dlrs", "10 Swiss francs", "2.5 billion Canadian dlrs", "25 cts"."""
        word = doc[start].lower_
        first, unit = self._adjective(doc, start, self.names.get(word) or self.direct[word])
        number = self._left_number(doc, first)
        last = end
        if number is None:  # "Hong Kong dollars 5 mln": only with a scale word
            after = self._right_number(doc, end)
            if after is None or not self.numbers.has_scale([t.text for t in doc[end:after[0]]]):
                return None
            number, last = (first, after[1]), after[0]
        if not self._plausible(doc, start, word, number[1]):
            return None
        amount = number[1]
        family = self.families.get(self.names.get(word, ""), {})
        factor = self.subunits.get(word) or family.get("factor")
        if factor:
            amount = _scaled(amount, factor)
        return Found(number[0], last, "MONEY", amount, unit, factor or 1.0)

    def _read_glued(self, doc: Doc, start: int, end: int) -> Found | None:
        """ "HK$5", "US$5m", "23.5pct", "DM5", "115USD": one token with number and unit."""
        match = self.glued.match(doc[start].text)
        if not match:
            return None
        number = match.group("num") or match.group("num2")
        scale = match.group("scale") or match.group("scale2") or ""
        value = self.numbers.number(number + scale)
        if value is None:
            return None
        first, last = start, end
        marker = (match.group("pre") or match.group("suf")).lower()
        if marker in ("pct", "pc", "%"):
            return Found(first, last, "PERCENT", Amount(value, value, value), "%")
        unit = self.symbols.get(marker) or self.codes.get(marker.upper()) or self._dollar(marker)
        if unit in self.families:
            first, unit = self._adjective(doc, start, unit)
        while not scale and last < len(doc) and doc[last].lower_ in self.numbers.scales:
            value = times(value, self.numbers.scales[doc[last].lower_])  # "HK$5 mln"
            scale, last = doc[last].lower_, last + 1
        if value is None:
            return None
        return Found(first, last, "MONEY", Amount(value, value, value), unit)

    def _partner(self, doc: Doc, found: Found) -> Found | None:
        """ "from 5 to 6 pct", "to 7.0 from 7.5 pct": the first figure shares the unit."""
        link = found.start - 1
        if link < 2 or doc[link].lower_ not in ("to", "from"):
            return None
        number = self._left_number(doc, link)
        opener = "from" if doc[link].lower_ == "to" else "to"
        if number is None or number[1].value is None or number[0] == 0:
            return None
        if doc[number[0] - 1].lower_ != opener:
            return None
        amount, words = number[1], [t.text for t in doc[number[0]:link]]
        if _year_like(words) or any(t.ent_type_ in ("DATE", "TIME") for t in doc[number[0]:link]):
            return None  # "from 1986 to 5 pct"
        stated = []
        for token in doc[found.start:found.end]:
            if not self._is_run_token(token):
                break
            stated.append(token.lower_)
        if not self.numbers.has_scale(words) and amount.value < 1000:
            amount = _scaled(amount, self.numbers.trailing_scale(stated))  # "to 5.5 from 6.0 mln"
        return Found(number[0], link, found.label, _scaled(amount, found.factor), found.unit)

    def _elliptical(self, doc: Doc, found: list[Found]) -> list[Found]:
        """ "rose to 3.58 billion dlrs from 1.94 billion", "Net 53.5 mln vs 180.9 mln": a
        scaled number after a comparison word, or standing alone (no noun after it), takes
        the currency of the money just named (in the same or the previous sentence)."""
        money = [m for m in found if m.label == "MONEY" and m.unit]
        if not money:
            return []
        taken = {i for m in found for i in range(m.start, m.end)}
        sent_no: dict[int, int] = {}
        if doc.has_annotation("SENT_START"):  # without a parser, the doc is one sentence
            for n, sent in enumerate(doc.sents):
                sent_no.update((i, n) for i in range(sent.start, sent.end))
        extra: list[Found] = []
        k, last = 0, None
        for token in doc:
            while k < len(money) and money[k].end <= token.i:
                last, k = money[k], k + 1
            before = token.i - 1
            while before > 0 and doc[before].is_space:
                before -= 1
            if (last is None or token.i in taken or not token.like_num or before < 0
                    or (before >= 0 and doc[before].like_num)
                    or sent_no.get(token.i, 0) - sent_no.get(last.start, 0) > 1):
                continue
            number = self._right_number(doc, token.i)
            words = [t.text for t in doc[token.i:number[0]]] if number else []
            # a written scale word ("mln", "billion"), not a letter ("278,000 t" is tonnes)
            if number is None or not self.numbers.has_scale([w for w in words if len(w) > 1]):
                continue
            if any(i in taken for i in range(token.i, number[0])):
                continue
            if doc[before].lower_ not in _COMPARISON and not self._stands_alone(doc, number[0]):
                continue  # "1.5 mln shares": a count of something, not money
            if self._counts(doc, token.i):
                continue  # "Avg shrs 72.4 mln vs 64.0 mln"
            extra.append(Found(token.i, number[0], "MONEY", number[1], last.unit))
            taken.update(range(token.i, number[0]))
        return extra

    def _counts(self, doc: Doc, start: int) -> bool:
        """Does a count noun ("shrs", "tonnes") stand shortly before ``start`` on its line?"""
        for token in reversed(doc[max(0, start - 4):start]):
            if token.is_space and "\n" in token.text:
                return False
            if token.lower_ in self.count_nouns:
                return True
        return False

    def _stands_alone(self, doc: Doc, end: int) -> bool:
        """Is the number phrase ending at ``end`` followed by no noun it would count?"""
        i = end
        while i < len(doc) and doc[i].is_space:
            i += 1
        return (i >= len(doc) or doc[i].lower_ in self.money_nouns
                or doc[i].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "SYM"))

    # -- pieces ----------------------------------------------------------------------------
    def _dollar(self, marker: str) -> str | None:
        """ "nzd$", "mxn$", "c$": letters written onto a dollar sign."""
        letters = marker.rstrip("$")
        code = self.families["dollar"]["adjectives"].get(letters)
        return code or self.codes.get(letters.upper())

    def _family_of(self, token: Token) -> str | None:
        word = token.lower_
        family = self.names.get(word) or self.symbols.get(word)
        return family if family in self.families else None

    def _adjective(self, doc: Doc, start: int, unit: str) -> tuple[int, str | None]:
        """Widen to a country word before a currency: ("Hong Kong" dollars) -> HKD."""
        if start > 1 and doc[start - 1].is_space:
            found, code = self._adjective(doc, start - 1, unit)
            return (found, code) if found < start - 1 else (start, code)
        family = self.families.get(unit) or {"default": unit, "adjectives": {}}
        for size in (2, 1):
            if start - size < 0:
                continue
            words = " ".join(t.lower_ for t in doc[start - size:start])
            quoted = start > 1 and doc[start - 2].text in "'’`"
            pronoun = doc[start - 1].pos_ == "PRON"
            if size == 1 and len(words) <= 3 and (pronoun or words == "a" or quoted):
                continue  # "give us $5", "a $5 loan", "music ' s $ 5"
            if words in family["adjectives"]:
                return start - size, family["adjectives"][words]
            if words in self.adjectives and doc[start].text != "$":
                return start - size, family["default"]
        return start, family["default"]

    def _plausible(self, doc: Doc, start: int, word: str, amount: Amount) -> bool:
        after = doc[start + 1] if start + 1 < len(doc) else None
        if word == "won":  # "Smith, 45, won the race": read as money only when large
            big = (amount.high or 0) >= 1000
            return big and (after is None or after.pos_ not in ("DET", "PRON", "PROPN"))
        if word in ("pound", "pounds") and after is not None and after.lower_ in ("of", "per"):
            return False  # a weight
        return True

    def _is_run_token(self, token: Token) -> bool:
        return token.like_num or token.lower_ in self.run_words or (
            token.text[:1].isdigit() and self.numbers.number(token.text) is not None
        )

    def _left_number(self, doc: Doc, end: int) -> tuple[int, Amount] | None:
        """The longest number phrase ending just before ``end``: (start, Amount)."""
        tokens: list[Token] = []  # right to left; line breaks inside are passed over
        position = end
        while position > 0 and len(tokens) < MAX_RUN:
            token = doc[position - 1]
            if token.is_space and "\n\n" not in token.text:  # a wrapped line, not a new paragraph
                position -= 1
                continue
            if not self._is_run_token(token):
                break
            if token.text == "." and not token.whitespace_:
                break  # "1986. 2 pct" is two sentences; "6 . 2 %" is one number
            tokens.append(token)
            position -= 1
        tokens.reverse()
        while tokens and tokens[-1].text in _HYPHENS:
            tokens.pop()  # "1.5-billion-dollar"
        words = [t.text for t in tokens]
        for i, token in enumerate(tokens):
            if token.lower_ in _SKIP_RUN_START:
                continue
            amount = self.numbers.amount(words[i:])
            if amount is None:
                continue
            if amount.value is None and token.i > 0 and doc[token.i - 1].lower_ == "from":
                continue  # "from 5 to 6 pct" is a change, not a range
            return token.i, amount
        return None

    def _right_number(self, doc: Doc, start: int) -> tuple[int, Amount] | None:
        """The longest number phrase starting at ``start``: (end, Amount)."""
        tokens: list[Token] = []
        position = start
        while position < len(doc) and len(tokens) < MAX_RUN:
            token = doc[position]
            if token.is_space and "\n\n" not in token.text:  # a wrapped line, not a new paragraph
                position += 1
                continue
            if not (
                self._is_run_token(token)
                or (tokens and token.lower_ in self.symbol_scales and tokens[-1].like_num)
            ):
                break
            tokens.append(token)
            position += 1
        if not tokens or tokens[0].lower_ in _SKIP_RUN_START:
            return None
        words = [t.text for t in tokens]
        for size in range(len(tokens), 0, -1):
            if tokens[size - 1].lower_ in _SKIP_RUN_START:
                continue
            amount = self.numbers.amount(words[:size])
            if amount is not None:
                return tokens[size - 1].i + 1, amount
        return None

    def qualifier(self, doc: Doc, start: int) -> str | None:
        """ "more_than", "less_than", "approx" from the words just before ``start``."""
        return self.qualifier_span(doc, start)[1]

    def qualifier_span(self, doc: Doc, start: int) -> tuple[int, str | None]:
        """Where the qualifier words before ``start`` begin, and what they say.

        RETURNS: (token index, "more_than" / "less_than" / "approx" joined with "+", or None);
            the index is ``start`` when there are none ("more than 90%" -> index of "more").
        """
        kinds: list[str] = []
        first = start
        offset = max(0, start - 12)
        lowers = [t.lower_ for t in doc[offset:start]]
        position = start
        while position > offset:
            if not lowers[position - 1 - offset].strip():
                position -= 1
                continue
            for size in (4, 3, 2, 1):
                if position - size < offset:
                    continue
                words = tuple(lowers[position - size - offset:position - offset])
                if words in self.qualifiers:
                    kinds.insert(0, self.qualifiers[words])
                    first = position - size
                    break
                if words in self.qualifier_skip:
                    first = position - size if kinds else first  # "just under"
                    break
            else:
                break
            position -= size
        unique = list(dict.fromkeys(kinds))
        return first, ("+".join(unique) if unique else None)


def _year_like(words: list[str]) -> bool:
    return len(words) == 1 and words[0].isdigit() and 1800 <= int(words[0]) <= 2100


def _scaled(amount: Amount, factor: float) -> Amount:
    value = None if amount.value is None else times(amount.value, factor)
    return Amount(value, times(amount.low, factor), times(amount.high, factor))


def _without_overlaps(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping mentions, in document order."""
    kept: list[Found] = []
    taken: set[int] = set()
    for mention in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        tokens = set(range(mention.start, mention.end))
        if not tokens & taken:
            kept.append(mention)
            taken |= tokens
    return sorted(kept, key=lambda m: m.start)
