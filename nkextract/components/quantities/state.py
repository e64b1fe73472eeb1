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
    _lines: dict[int, bool] = field(default_factory=dict)

    @property
    def lower_text(self) -> str:
        if self._lower is None:
            self._lower = self.doc.text.lower()
        return self._lower

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
        doc = self.doc
        start = i
        while start > 0 and "\n" not in doc[start - 1].text:
            start -= 1
        if start not in self._lines:
            end = i
            while end < len(doc) and "\n" not in doc[end].text:
                end += 1
            figures = sum(1 for t in doc[start:end] if t.text[:1].isdigit() or t.like_num)
            words = sum(1 for t in doc[start:end] if t.is_alpha)
            self._lines[start] = figures >= min_figures and words <= words_per_figure * figures
        return self._lines[start]
