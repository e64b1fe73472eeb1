"""``nk_quantities``: every MONEY and PERCENT mention, with its number, range and unit.

PhraseMatchers built from ``models/patterns/quantities.jsonl`` and the lexicons find the
anchors: currency symbols, codes and names, percent words; a cached regex finds numbers
with a unit written onto them ("HK$5", "23.5pct", "USD25m"). Around each anchor a few
tokens are read (``reading``): the number phrase ("15.6 mln", "5-6 million", "between 5
and 6"), a country word that fixes the currency ("Canadian dlrs", "US $") and the
qualifier words before ("more than"). The mentions found are then joined and marked
(``forms``): ranges over two figures, signs, per-unit prices, vague amounts.
spaCy's own MONEY/PERCENT entities are not used: they drop "$" and miss "US $ 75 thousand".
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache, partial
from typing import Callable

import numpy
from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, LOWER, ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ...extensions import MENTIONS
from ...text.numbers import Amount, NumberParser, scaled, times
from ..base import LexiconComponent
from . import forms
from .reading import Phrase, PhraseReader
from .state import ContextRule, DocState, Found

logger = logging.getLogger(__name__)

CURRENCIES = "lexicons/currencies.json"
SCALES = "lexicons/scales.json"
QUALIFIERS = "lexicons/qualifiers.json"
FORMS = "lexicons/quantity_forms.json"
PATTERNS = "patterns/quantities.jsonl"
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
#: the errors a reader may meet on garbled text; a document never fails for them
_READ_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError)


class QuantityFinder(LexiconComponent):
    """Find MONEY and PERCENT spans and append them to ``doc.spans["nk_mentions"]``."""

    lexicon_files = (CURRENCIES, SCALES, QUALIFIERS, FORMS, PATTERNS)

    # -- building --------------------------------------------------------------------
    def _build(self) -> None:
        currencies = self.lexicons[CURRENCIES]
        scales = self.lexicons[SCALES]
        self.numbers = NumberParser.from_lexicon(scales)
        self.indian_numbers = NumberParser.from_lexicon(scales, indian=True)
        self.indian_cues = numpy.array(
            [self.nlp.vocab.strings.add(w.lower()) for w in scales.get("indian_grouping_cues", ())],
            dtype="uint64")
        self.reader = PhraseReader(self.numbers, currencies, scales, self.lexicons[QUALIFIERS],
                                   self.lexicons[FORMS])
        self.forms = forms.Forms(self.reader, self.lexicons[FORMS])
        self.codes: dict[str, str] = dict(currencies["codes"])
        self.lower_codes = {c: self.codes[c.upper()] for c in currencies["lowercase_codes"]}
        self.direct: dict[str, str] = dict(currencies["direct"])
        self.subunits: dict[str, float] = dict(currencies.get("subunit_factors", {}))
        self.after_dollar: dict[str, str] = dict(currencies.get("after_dollar", {}))
        self.glued_subunits: dict[str, list] = dict(currencies.get("glued_subunits", {}))
        self.after_name: dict[str, list] = dict(currencies.get("after_name", {}))
        self.singular_subunits = frozenset(currencies.get("singular_subunits", ()))
        self.context = {k: ContextRule.from_lexicon(v)
                        for k, v in currencies.get("context_symbols", {}).items()}
        self.glued = self._glued_regex(scales)
        self.glued_percent = frozenset(scales.get("glued_percent", ()))
        self._glued_kind = lru_cache(maxsize=65536)(self._glued_kind_of)
        self._readers: dict[str, Callable[[DocState, int, int], Found | None]] = {
            "percent": self._read_percent, "pp": partial(self._read_percent, unit="pp"),
            "word": self._read_word, "code": self._read_code,
            "glued": self._read_glued, "dollar": self._read_dollar,
        }
        self._build_matchers()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_glued_kind", None)  # a cache: made again after unpickling
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        if "glued" in state:
            self._glued_kind = lru_cache(maxsize=65536)(self._glued_kind_of)

    def _build_matchers(self) -> None:
        """One PhraseMatcher per token attribute: LOWER for words, ORTH for capital codes."""
        r = self.reader
        words = set(r.symbols) | set(r.names) | set(self.direct) | set(self.lower_codes)
        words |= set(self.context)
        values = {"@codes": sorted(self.codes), "@money_words": sorted(words)}
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
        symbols = set(self.reader.symbols) | set(self.context)
        prefix = alternatives(symbols | codes)
        suffix = alternatives(set(scales.get("glued_percent", ())) | symbols | codes
                              | set(self.glued_subunits))
        scale = alternatives(scales.get("glued", ()))
        letters = alternatives(self.after_dollar)
        return re.compile(
            rf"(?i)^(?:(?P<pre>[a-z]{{1,3}}\$|{prefix})(?P<num>{_NUM})(?P<scale>{scale})?"
            rf"|(?P<num2>{_NUM})(?P<scale2>{scale})?(?P<suf>{suffix})"
            rf"|(?P<dollar>[a-z]{{1,4}}\$)"
            rf"|(?P<letters>{letters})(?P<num3>{_NUM})(?P<scale3>{scale})?"
            rf"|(?P<low>{_NUM})(?P<lowscale>{scale})?[/\-–](?P<sym>[^\d\s]{{0,3}})"
            rf"(?P<high>{_NUM})(?P<scale4>{scale})?)$"
        )

    def _glued_kind_of(self, text: str) -> str | None:
        """ "glued" ("HK$5", "23.5pct"), "dollar" ("nzd$") or None for one token text.

        Cached per distinct text: a Matcher REGEX pattern would run the regex on every
        token and cost more than the rest of this component.
        """
        if not any(c in text for c in "0123456789$"):
            return None
        match = self.glued.match(text)
        if not match:
            return None
        return "dollar" if match.group("dollar") else "glued"

    def _glued_tokens(self, doc: Doc) -> list[tuple[str, int]]:
        """(kind, index) of tokens with a number and a unit in one.

        Words, punctuation and spaces are passed over in numpy before any text is read.
        """
        table = doc.to_array([ORTH, IS_ALPHA, IS_PUNCT, IS_SPACE])
        orths = table[:, 0]
        candidates = orths[(table[:, 1:] == 0).all(axis=1)]
        found = []
        for orth in numpy.unique(candidates).tolist():
            kind = self._glued_kind(doc.vocab.strings[orth])
            if kind:
                found.extend((kind, int(i)) for i in numpy.nonzero(orths == orth)[0])
        return found

    # -- running ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self._require()
        state = self._state(doc)
        found: list[Found] = []
        anchors = [
            (self._kinds[key], start, end)
            for matcher in self.matchers.values()
            for key, start, end in matcher(doc)
        ]
        anchors += [(kind, i, i + 1) for kind, i in self._glued_tokens(doc)]
        for kind, start, end in anchors:
            mention = self._read(state, kind, start, end)
            if mention is not None and None not in (mention.amount.low, mention.amount.high):
                found.append(mention)
                if kind in ("percent", "pp", "word"):
                    found.append(self.forms.partner(state, mention))
        kept = forms.without_overlaps([f for f in found if f])
        kept = sorted(kept + self.forms.elliptical(state, kept), key=lambda m: m.start)
        kept = self.forms.finish(state, kept)
        spans = [self._span(doc, m) for m in kept]
        if MENTIONS not in doc.spans:
            doc.spans[MENTIONS] = []
        doc.spans[MENTIONS].extend(spans)
        return doc

    def _state(self, doc: Doc) -> DocState:
        """The document's working state; Indian digit grouping where rupees or lakh stand."""
        indian = bool(numpy.isin(doc.to_array(LOWER), self.indian_cues).any())
        return DocState(doc, self.indian_numbers if indian else self.numbers)

    def _read(self, state: DocState, kind: str, start: int, end: int) -> Found | None:
        try:
            return self._readers[kind](state, start, end)
        except _READ_ERRORS as err:
            logger.debug("skipped %r: %s", state.doc[start:end].text, err)  # never fail a doc
            return None

    def _span(self, doc: Doc, found: Found) -> Span:
        span = Span(doc, found.start, found.end, label=found.label)
        span._.nk_value = found.amount.value
        span._.nk_low = found.amount.low
        span._.nk_high = found.amount.high
        span._.nk_unit = found.unit
        span._.nk_per = found.per
        first, qualifier = self.reader.qualifier_span(doc, found.start)
        kinds = [q for q in (qualifier, found.qualifier) if q]
        span._.nk_qualifier = "+".join(dict.fromkeys("+".join(kinds).split("+"))) if kinds else None
        if qualifier:
            span._.nk_qualifier_start = doc[first].idx
        return span

    def qualifier_span(self, doc: Doc, start: int) -> tuple[int, str | None]:
        """Where the qualifier words before ``start`` begin, and what they say."""
        return self.reader.qualifier_span(doc, start)

    # -- one reader per kind of anchor --------------------------------------------------
    def _read_percent(self, state: DocState, start: int, end: int, unit: str = "%") -> Found | None:
        """ "23 pct", "99 per cent", "5-6%"; "3.5 percentage points" with unit "pp"."""
        number = self.reader.left_number(state, start)
        return Found(number.edge, end, "PERCENT", number.amount, unit) if number else None

    def _read_word(self, state: DocState, start: int, end: int) -> Found | None:
        """A currency symbol, name or lower-case code (one PhraseMatcher key for all)."""
        word = state.doc[start].lower_
        if word in self.context:
            unit = state.context_unit(word, self.context[word])
            return self._prefixed(state, start, end, unit) if unit else None
        if word in self.reader.symbols:
            return self._prefixed(state, start, end, self.reader.symbols[word])
        found = None
        if word in self.reader.names or word in self.direct:
            found = self._read_name(state, start, end)
        if found is None and word in self.lower_codes:  # "rmb 10"
            found = self._read_code(state, start, end)
        return found

    def _read_code(self, state: DocState, start: int, end: int) -> Found | None:
        text = state.doc[start].text
        unit = self.codes.get(text) or self.lower_codes.get(text.lower())
        if text.lower() in self.context:
            unit = state.context_unit(text.lower(), self.context[text.lower()])
        return self._prefixed(state, start, end, unit) if unit else None

    def _prefixed(self, state: DocState, start: int, end: int, unit: str | None) -> Found | None:
        """ "$ 4.5 million", "US $ 75 thousand", "USD 5bn"; else "10 $", "75 USD million"."""
        doc, r = state.doc, self.reader
        first = start
        if unit in r.families:
            first, unit = r.adjective(doc, start, unit)
            end, unit = self._letters_after_dollar(doc, end, unit)
        number = r.right_number(state, end)
        if number is not None and self._claimed_after(doc, number.edge, start):
            number = None  # "10 $ 30 $": the 30 is the next symbol's
        if number is not None:
            last = number.edge
            if last < len(doc) and doc[last].lower_ in r.names and (
                r.family_of(doc[last]) == r.family_of(doc[start]) is not None
            ):
                last += 1  # "$ 10 dollars"
            return Found(first, last, "MONEY", number.amount, unit)
        number = r.left_number(state, start)
        if number is None:
            return None
        amount, last = number.amount, end
        scales = state.numbers.scales
        while last < len(doc) and doc[last].lower_ in scales and amount.value is not None:
            amount = scaled(amount, scales[doc[last].lower_])
            last += 1
        return Found(number.edge, last, "MONEY", amount, unit)

    def _claimed_after(self, doc: Doc, edge: int, start: int) -> bool:
        """Is the number before ``edge`` followed by the symbol at ``start`` again, with a
        number before ``start`` that this symbol ends ("10 $ 30 $")?"""
        return (edge < len(doc) and doc[edge].lower_ == doc[start].lower_ and start > 0
                and doc[start - 1].like_num)

    def _letters_after_dollar(self, doc: Doc, end: int, unit: str | None) -> tuple[int, str | None]:
        """ "$US 48 billion", "$A 5m": letters after a dollar sign give the code."""
        if end < len(doc) and doc[end - 1].text == "$" and not doc[end - 1].whitespace_:
            letters = doc[end].text.lower()
            if letters in self.after_dollar and doc[end].text.isupper():
                return end + 1, self.after_dollar[letters]
        return end, unit

    def _read_dollar(self, state: DocState, start: int, end: int) -> Found | None:
        """ "usd$ 15", "mxn$ 15": letters written onto a dollar sign, number apart."""
        unit = self._dollar(state.doc[start].text.lower())
        return self._prefixed(state, start, end, unit) if unit else None

    def _read_name(self, state: DocState, start: int, end: int) -> Found | None:
        """ "15.6 mln dlrs", "10 Swiss francs", "2.5 billion Canadian dlrs", "25 cts"."""
        doc, r = state.doc, self.reader
        word = doc[start].lower_
        first, unit = r.adjective(doc, start, r.names.get(word) or self.direct[word])
        number, last, qualifier = r.left_number(state, first), end, None
        if number is None:
            number = self.forms.vague_before(state, first)
            qualifier = "approx" if number is not None else None
        if number is None and first > 0 and doc[first - 1].lower_ == "a" and word in self.singular_subunits:
            number = Phrase(first - 1, Amount(1.0, 1.0, 1.0))  # "a penny", "a cent"
        if number is None:  # "Hong Kong dollars 5 mln": only with a scale word
            after = r.right_number(state, end)
            if after is None or not state.numbers.has_scale([t.text for t in doc[end:after.edge]]):
                return None
            number, last = (first, after.amount), after.edge
        if not r.plausible(doc, start, word, number[1]):
            return None
        if last < len(doc) and doc[last].lower_ in self.after_name.get(word, ()):
            last += 1  # "50,000 pounds sterling"
        amount = number[1]
        family = r.families.get(r.names.get(word, ""), {})
        factor = self.subunits.get(word) or family.get("factor")
        if factor:
            amount = scaled(amount, factor)
        return Found(number[0], last, "MONEY", amount, unit, factor or 1.0, qualifier)

    def _read_glued(self, state: DocState, start: int, end: int) -> Found | None:
        """ "HK$5", "US$5m", "23.5pct", "DM5", "115USD", "$US48", "$11/$14": one token."""
        doc = state.doc
        match = self.glued.match(doc[start].text)
        if not match:
            return None
        if match.group("letters") or match.group("low"):
            return self._read_after_symbol(state, start, match)
        number = match.group("num") or match.group("num2")
        scale = match.group("scale") or match.group("scale2") or ""
        value = state.numbers.number(number + scale)
        if value is None:
            return None
        marker = (match.group("pre") or match.group("suf")).lower()
        if marker in self.glued_percent:
            return Found(start, end, "PERCENT", Amount(value, value, value), "%")
        if match.group("suf") and marker in self.glued_subunits:  # "245p"
            unit, factor = self.glued_subunits[marker]
            return Found(start, end, "MONEY", scaled(Amount(value, value, value), factor), unit, factor)
        first, unit = start, self._marker_unit(state, marker)
        if unit in self.reader.families:
            first, unit = self.reader.adjective(doc, start, unit)
        value, end = self._scale_after(state, value, end, bool(scale))
        if value is None or unit is None:
            return None
        return Found(first, end, "MONEY", Amount(value, value, value), unit)

    def _marker_unit(self, state: DocState, marker: str) -> str | None:
        if marker in self.context:
            return state.context_unit(marker, self.context[marker])
        return self.reader.symbols.get(marker) or self.codes.get(marker.upper()) or self._dollar(marker)

    def _scale_after(self, state: DocState, value: float | None, end: int,
                     scaled_already: bool) -> tuple[float | None, int]:
        """ "HK$5 mln", "EUR75 m.": a scale word after a glued number."""
        doc, scales = state.doc, state.numbers.scales
        while not scaled_already and end < len(doc) and value is not None:
            hyphen = doc[end].text in ("-", "–") and not doc[end - 1].whitespace_ and end + 1 < len(doc)
            end += hyphen  # "R2.3-billion", Canadian and South African style
            word = doc[end].lower_
            word = word[:-1] if word.endswith(".") and len(word) > 1 else word
            if word not in scales:
                end -= hyphen
                break
            value, scaled_already, end = times(value, scales[word]), True, end + 1
        return value, end

    def _read_after_symbol(self, state: DocState, start: int, match: re.Match) -> Found | None:
        """ "$US48 billion", "$A1,250,400" (tokens "$", "US48"), "$11/$14" (a range)."""
        doc = state.doc
        if start == 0 or doc[start - 1].whitespace_:
            return None
        symbol = doc[start - 1].lower_
        if match.group("letters"):
            if symbol != "$" or not match.group("letters").isupper():
                return None
            unit = self.after_dollar[match.group("letters").lower()]
            value = state.numbers.number(match.group("num3") + (match.group("scale3") or ""))
            value, end = self._scale_after(state, value, start + 1, bool(match.group("scale3")))
            if value is None:
                return None
            return Found(start - 1, end, "MONEY", Amount(value, value, value), unit)
        return self._slash_range(state, start, symbol, match)

    def _slash_range(self, state: DocState, start: int, symbol: str, match: re.Match) -> Found | None:
        """ "$11/$14", "£4bn-£5bn": two ends written as one token after a symbol."""
        unit = self.reader.symbols.get(symbol)
        if unit in self.reader.families:
            unit = self.reader.families[unit]["default"]
        if unit is None or match.group("sym").lower() not in ("", symbol):
            return None
        scale = match.group("scale4") or ""
        low = state.numbers.number(match.group("low") + (match.group("lowscale") or scale))
        high = state.numbers.number(match.group("high") + scale)
        if low is not None and high is not None and low > high and not match.group("lowscale"):
            low = state.numbers.number(match.group("low"))  # "$5-20bn" is not 5bn..20bn
        if low is None or high is None or low >= high:
            return None
        return Found(start - 1, start + 1, "MONEY", Amount(None, low, high), unit)

    # -- pieces ----------------------------------------------------------------------------
    def _dollar(self, marker: str) -> str | None:
        """ "nzd$", "mxn$", "c$": letters written onto a dollar sign."""
        letters = marker.rstrip("$")
        code = self.reader.families["dollar"]["adjectives"].get(letters)
        return code or self.codes.get(letters.upper())
