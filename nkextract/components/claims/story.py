"""The per-document state of claim assembly: what a reader carries from one figure to the
next (``Story``), and everything known about the figure being read (``Figure``).

Both are created by the component for each document and passed to the field rules; the
component itself keeps only its lexicons.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Span

from ...claim import Claim
from .index import DocIndex
from .lexicon import ClaimLexicon


class Subject(NamedTuple):
    """Whose figure a claim is: a readable name and a stable key."""

    name: str | None
    key: str


@dataclass
class Story:
    """What a reader carries from one figure to the next within one article."""

    pair: tuple[str, str] | None = None          # the two countries the story is about
    periods: Counter = field(default_factory=Counter)
    last_flow: tuple[str | None, str | None] | None = None
    last: Claim | None = None
    last_period: str | None = None               # its period as read, before a stock's as-of day
    anchor: Claim | None = None                  # the last figure not stated as a comparison
    country: str | None = None                   # the country the story last spoke of
    balance: str | None = None                   # the balance metric it last spoke of
    subject: Subject | None = None               # the company the story last named
    known: dict[str, Subject] = field(default_factory=dict)  # every subject named so far
    relations: list[str] = field(default_factory=list)  # how the last anchor's compared
    current: list[str] = field(default_factory=list)    # figures stood to it, in order
    last_sentence: int = -1                      # start token of the last figure's sentence
    headline: object = None                      # tables.Headline of the story's first line
    dollar: str | None = None                    # the story's dollar when not the US one
    measure: str | None = None                   # the country measure its headline names
    lead: str | None = None                      # the key of the company its headline names

    def running_period(self) -> str | None:
        """The story's dominant period so far (ties go to the latest)."""
        if not self.periods:
            return None
        top = max(self.periods.values())
        return [p for p, n in self.periods.items() if n == top][-1]

    def other_partner(self, iso: str) -> str | None:
        if self.pair and iso in self.pair:
            return self.pair[1] if self.pair[0] == iso else self.pair[0]
        return None


@dataclass
class Figure:
    """One MONEY or PERCENT mention being read, with the document's index and story.

    ``guessed`` collects the key parts decided without a cue (``Claim.unsure``).
    """

    span: Span
    index: DocIndex
    lex: ClaimLexicon
    clause: set[int]
    story: Story
    guessed: set[str] = field(default_factory=set)
    carried: bool = False          # the measure came from the story's last figure
    earlier: bool = False          # dated as an earlier figure by a basis phrase ("a year ago")
    running: bool = False          # dated by the story's running period, no date of its own

    @property
    def kind(self) -> str:
        return "percent" if self.span.label_ == "PERCENT" else "money"

    @property
    def sent(self) -> Span:
        return self.span.sent

    def in_clause(self, items: list) -> list:
        """The matches whose first token lies in the figure's clause."""
        return [m for m in items if m.start in self.clause]

    def in_sentence(self, items: list) -> list:
        sent = self.span.sent
        return [m for m in items if sent.start <= m.start < sent.end]
