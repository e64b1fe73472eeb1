"""``nk_measurements``: the quantities that are neither money, nor percent, nor a date —
weights, volumes, areas, energy, counts ("180 pounds", "500 tonnes", "12,000 barrels",
"10 head of cattle", "4,500 people") — kept as QUANTITY mentions, the context that tells
a reader what the figures around them are not.

It runs after nk_dates and nk_quantities and reads only the number tokens they left: a
number phrase ("1.2 mln", "1000-1200", "two") followed by a unit of measure, as quantulum3's
unit tables name them (``quantities/units.py``: names, plurals by spaCy's lemma, symbols
as written), or by a word a price can be per (``quantity_forms.json`` per_unit nouns:
"head", "bales", "cwt"), or by a plural noun it counts. A year the date component took
that is followed by a unit of measure ("steers 1000-1200 lb", "1990 kilowatts") is a
quantity, not a date: its DATE mention becomes a QUANTITY one.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

import numpy
from spacy.attrs import LIKE_NUM
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import registry

from ..extensions import MENTIONS
from ..text.numbers import Amount, NumberParser
from .base import LexiconComponent, read_lexicons
from .quantities.units import LEFT_OUT, read_units

logger = logging.getLogger(__name__)

SCALES = "lexicons/scales.json"
FORMS = "lexicons/quantity_forms.json"
#: the key of quantulum3's unit table among the component's lexicons
UNITS = "quantulum3/units"
LABEL = "QUANTITY"
#: mentions whose tokens are not read again
TAKEN_LABELS = ("MONEY", "PERCENT", "DATE", "SOURCE")
_RANGE_WORDS = frozenset({"-", "–", "—", "to"})
#: the most tokens a unit's name takes ("cubic foot per second")
_LONGEST_UNIT = 4


@registry.readers("nkextract.quantulum_units.v1")
def quantulum_units(language: str = "en_US", left_out: list[str] = list(LEFT_OUT)) -> dict[str, Any]:
    """quantulum3's unit table for ``initialize(units=...)`` (``quantities/units.py``)."""
    return read_units(language, tuple(left_out)).as_lexicon()


class Measure(NamedTuple):
    """A quantity found: tokens start..end, its amount and unit."""

    start: int
    end: int
    amount: Amount
    unit: str


class Unit(NamedTuple):
    """A unit written from a token on: its name and the token after it."""

    name: str
    end: int
    measured: bool  # a unit of measure (quantulum3's), not a counted noun


class MeasurementFinder(LexiconComponent):
    """Find QUANTITY spans and append them to ``doc.spans["nk_mentions"]``."""

    lexicon_files = (SCALES, FORMS, UNITS)

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *,
                   nlp: Language | None = None, lexicons: dict[str, Any] | None = None,
                   models_dir: str | Path | None = None, units: dict[str, Any] | None = None) -> None:
        """Take the lexicons (scales, quantity forms) and quantulum3's unit table.

        units: the table (config.cfg's ``nkextract.quantulum_units.v1``); if None, read
            from the installed quantulum3 with the default kinds left out.
        """
        if lexicons is None:
            lexicons = read_lexicons(models_dir, [SCALES, FORMS])
        table = units if units is not None else quantulum_units()
        super().initialize(get_examples, nlp=nlp, lexicons={**lexicons, UNITS: table})

    def _build(self) -> None:
        units = self.lexicons[UNITS]
        self.numbers = NumberParser.from_lexicon(self.lexicons[SCALES])
        self.surfaces: dict[str, str] = dict(units["surfaces"])
        self.symbols: dict[str, str] = dict(units["symbols"])
        elsewhere = set(units["elsewhere"])
        nouns = self.lexicons[FORMS].get("per_unit", {}).get("nouns", {})
        # words a price is per that no other component reads ("head", "bales"; not "day")
        self.per_nouns = {w.lower(): n for w, n in nouns.items()
                          if w.lower() not in elsewhere and n not in elsewhere}

    # -- the component -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self._require()
        group = list(doc.spans[MENTIONS]) if MENTIONS in doc.spans else []
        kept, found = self._dates_measured(doc, group)
        taken = numpy.zeros(len(doc) + 1, dtype=bool)
        for span in kept:
            if span.label_ in TAKEN_LABELS:
                taken[span.start:span.end] = True
        for measure in found:
            taken[measure.start:measure.end] = True
        free = numpy.flatnonzero(doc.to_array(LIKE_NUM).astype(bool) & ~taken[:-1])
        after = 0
        for i in free.tolist():
            if i < after or self._continues_range(doc, i):
                continue
            measure = self._measure(doc, i, taken)
            if measure is not None:
                found.append(measure)
                after = measure.end
        doc.spans[MENTIONS] = kept + [self._span(doc, m) for m in found]
        return doc

    def _dates_measured(self, doc: Doc, group: list[Span]) -> tuple[list[Span], list[Measure]]:
        """The mentions kept, and the years that are measures: a DATE of numbers only
        followed by a unit of measure ("steers 1000-1200 lb") is a QUANTITY."""
        kept, found = [], []
        for span in group:
            measure = self._measured_date(doc, span) if span.label_ == "DATE" else None
            if measure is None:
                kept.append(span)
            else:
                found.append(measure)
        return kept, found

    def _measured_date(self, doc: Doc, span: Span) -> Measure | None:
        if not all(t.like_num or t.text in _RANGE_WORDS for t in span):
            return None
        taken = numpy.zeros(len(doc) + 1, dtype=bool)
        unit = self._unit(doc, span.end, False)
        if unit is None or not unit.measured:
            return None
        measure = self._measure(doc, span.start, taken)
        return measure if measure is not None and measure.end == unit.end else None

    # -- reading -------------------------------------------------------------------
    def _measure(self, doc: Doc, start: int, taken: numpy.ndarray) -> Measure | None:
        """The quantity whose number phrase starts at ``start``, or None."""
        end, words = self._number_phrase(doc, start, taken)
        try:
            amount = self.numbers.amount(words)
        except (ValueError, TypeError, OverflowError) as err:
            logger.debug("skipped %r: %s", doc[start:end].text, err)  # never fail a doc
            return None
        if amount is None or taken[end]:
            return None
        scaled = self.numbers.has_scale(words) or not any(c.isdigit() for c in words[-1])
        unit = self._unit(doc, end, scaled) or self._counted(doc, start, end)
        if unit is None or taken[unit.end - 1]:
            return None
        return Measure(start, unit.end, amount, unit.name)

    def _number_phrase(self, doc: Doc, start: int, taken: numpy.ndarray) -> tuple[int, list[str]]:
        """Where the number phrase from ``start`` ends, and its words: numbers, scale words
        ("mln") and the words joining a range ("5-6", "5 to 6")."""
        words = []
        i = start
        while i < len(doc) and not taken[i]:
            token = doc[i]
            joins = token.text in _RANGE_WORDS and i + 1 < len(doc) and doc[i + 1].like_num
            if not (token.like_num or self._scale_word(token, words) or (joins and words)):
                break
            words.append(token.text)
            i += 1
        return i, words

    def _scale_word(self, token: Token, words: list[str]) -> bool:
        """A scale word ("mln"); a letter that is also a unit's symbol is the unit after a
        number already in thousands ("278,000 t" is tonnes, not trillions)."""
        if not self.numbers.is_scale(token.lower_):
            return False
        if len(token.text) > 1 or token.text not in self.symbols or not words:
            return True
        number = self.numbers.quantity(words[-1:])
        return number is None or number < 1000

    def _continues_range(self, doc: Doc, i: int) -> bool:
        """A number after a range word and a number it was not read with ("$5-6"'s 6)."""
        return i >= 2 and doc[i - 1].text in _RANGE_WORDS and doc[i - 2].like_num

    def _unit(self, doc: Doc, start: int, scaled: bool) -> Unit | None:
        """The unit written from token ``start`` on ("tonnes", "metric tons", "-tonne",
        "kg"), longest first; a one-letter symbol only right after digits ("278,000 t")."""
        if start < len(doc) and doc[start].text in ("-", "–") and start + 1 < len(doc):
            start += 1  # "a 500-tonne cargo"
        for end in range(min(len(doc), start + _LONGEST_UNIT), start, -1):
            span = doc[start:end]
            if "\n" in span.text or not span[-1].is_alpha and span[-1].text.rstrip(".") not in self.symbols:
                continue
            unit = self._unit_named(span, scaled)
            if unit is not None:
                return unit
        return None

    def _unit_named(self, span: Span, scaled: bool) -> Unit | None:
        """The unit a span names: quantulum3's by name or symbol, else a per-unit noun."""
        written = span.text.rstrip(".")  # "278,000 t." ends a sentence: one token
        lower = " ".join(written.lower().split())
        lemmas = [(t.lemma_ or t.text).lower() for t in span if not t.is_space]  # none on a blank nlp
        last = "".join(t.text_with_ws for t in span[:-1]).lower() + lemmas[-1]  # "kilowatt-hour"
        forms = (lower, " ".join(last.split()), " ".join(lemmas), _singular(lower))
        name = next((self.surfaces[key] for key in forms if key in self.surfaces), None)
        name = name or self._symbol(span, written, scaled)
        if name is not None:
            return Unit(name, span.end, True)
        name = next((self.per_nouns[key] for key in forms if key in self.per_nouns), None)
        return Unit(name, span.end, False) if name is not None else None

    def _symbol(self, span: Span, written: str, scaled: bool) -> str | None:
        """The unit of a symbol as written ("kg", "MW"); a letter only after digits with
        no scale word ("278,000 t"), and never a word ("in", "at")."""
        if written not in self.symbols or (len(written) == 1 and scaled):
            return None
        return None if len(span) == 1 and span[0].is_stop else self.symbols[written]

    def _counted(self, doc: Doc, start: int, end: int) -> Unit | None:
        """A plural noun the number counts ("4,500 people", "12 plants"); not a number
        that is part of a name before it ("the Fortune 500 companies")."""
        if end >= len(doc):
            return None
        noun = doc[end]
        counts = any(t.head.i == noun.i for t in doc[start:end])
        named = start > 0 and doc[start - 1].pos_ == "PROPN"  # "Fortune 500 companies"
        if noun.pos_ != "NOUN" or noun.tag_ != "NNS" or not counts or named:
            return None
        return Unit(noun.lemma_.lower(), end + 1, False)

    def _span(self, doc: Doc, measure: Measure) -> Span:
        span = Span(doc, measure.start, measure.end, label=LABEL)
        span._.nk_value = measure.amount.value
        span._.nk_low = measure.amount.low
        span._.nk_high = measure.amount.high
        span._.nk_unit = measure.unit
        return span


def _singular(word: str) -> str:
    """A written plural of a symbol or abbreviation ("bbls"), as spaCy's lemmas leave it."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word

