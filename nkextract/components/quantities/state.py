"""What one document's reading of figures carries: the mentions found so far (``Found``)
and the per-document facts several readers ask for (``DocState``): sentence numbers,
the country context of symbols such as "kr", and whether the text is Indian.

The component holds its lexicons; everything that belongs to one document lives here,
created in ``__call__`` and passed on explicitly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from spacy.tokens import Doc

from ...extensions import MENTIONS
from ...text.numbers import Amount, NumberParser


@dataclass
class Found:
    """A mention before it becomes a Span."""

    start: int
    end: int
    label: str
    amount: Amount
    unit: str | None
    factor: float = 1.0  # a sub-unit's: 25 cts -> 0.25 USD
    qualifier: str | None = None  # set by the form itself: "$1bn-plus", "tens of millions"
    per: str | None = None  # the unit of a price: "$71 a barrel" -> "barrel"


@dataclass(frozen=True)
class ContextRule:
    """How a symbol such as "kr" gets its code: cue words per code, else a default."""

    default: str | None
    cues: Mapping[str, re.Pattern]

    @classmethod
    def from_lexicon(cls, entry: Mapping[str, object]) -> "ContextRule":
        cues = {
            code: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
            for code, words in entry.items() if code != "default" and words
        }
        return cls(entry.get("default"), cues)  # type: ignore[arg-type]


@dataclass
class DocState:
    """One document's working state while nk_quantities reads it."""

    doc: Doc
    numbers: NumberParser
    _lower: str | None = None
    _sentences: dict[int, int] | None = None
    _context_units: dict[str, str | None] = field(default_factory=dict)
    _line_of: list[int] | None = None
    _table_lines: set[int] = field(default_factory=set)
    _date_tokens: set[int] | None = None

    @property
    def lower_text(self) -> str:
        if self._lower is None:
            self._lower = self.doc.text.lower()
        return self._lower

    def in_date(self, i: int) -> bool:
        """Is token ``i`` inside a DATE mention (nk_dates runs before nk_quantities)?"""
        if self._date_tokens is None:
            mentions = self.doc.spans[MENTIONS] if MENTIONS in self.doc.spans else ()
            self._date_tokens = {k for span in mentions if span.label_ == "DATE" for k in range(span.start, span.end)}
        return i in self._date_tokens

    def sentence_of(self, i: int) -> int:
        """The number of the sentence token ``i`` stands in (0 without a parser)."""
        if self._sentences is None:
            self._sentences = {}
            if self.doc.has_annotation("SENT_START"):
                for n, sent in enumerate(self.doc.sents):
                    self._sentences.update((k, n) for k in range(sent.start, sent.end))
        return self._sentences.get(i, 0)

    def context_unit(self, symbol: str, rule: ContextRule) -> str | None:
        """The code a context symbol ("kr") stands for in this text, or its default."""
        if symbol not in self._context_units:
            hits = {code: len(cue.findall(self.lower_text)) for code, cue in rule.cues.items()}
            best = max(hits.values(), default=0)
            winners = [code for code, n in hits.items() if n == best]
            self._context_units[symbol] = winners[0] if best and len(winners) == 1 else rule.default
        return self._context_units[symbol]

    def line_is_table_row(self, i: int, min_figures: int, words_per_figure: int) -> bool:
        """Does token ``i`` stand on a line of figures with few words (a table row)?"""
        if self._line_of is None:
            self._read_lines(min_figures, words_per_figure)
        return self._line_of[i] in self._table_lines

    def _read_lines(self, min_figures: int, words_per_figure: int) -> None:
        """Number the lines once, and note those that hold a table row."""
        self._line_of, figures, words = [], [0], [0]
        for token in self.doc:
            self._line_of.append(len(figures) - 1)
            figures[-1] += token.text[:1].isdigit() or token.like_num
            words[-1] += token.is_alpha
            if "\n" in token.text:
                figures.append(0)
                words.append(0)
        self._table_lines = {n for n, (f, w) in enumerate(zip(figures, words))
                             if f >= min_figures and w <= words_per_figure * f}
