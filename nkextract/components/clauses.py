"""Small functions over tokens and dependency arcs: which words belong with a figure.

Following textacy's triples module: each function answers one question about the parse
(the clause a figure stands in, the word just before it, the verbs that govern it), so
the claim assembler reads as a list of decisions.
"""
from __future__ import annotations

from typing import Iterable, Protocol, TypeVar

from spacy.tokens import Span, Token

#: dependency labels of children that open a clause of their own
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "conj", "relcl", "parataxis", "acl", "csubj", "xcomp"})
VERBAL = frozenset({"VERB", "AUX"})


def clause_head(token: Token) -> Token:
    """The nearest verb governing token (itself if a verb), else the sentence root."""
    for candidate in [token, *token.ancestors]:
        if candidate.pos_ in VERBAL:
            return candidate
    return token.sent.root


def _opens_clause(token: Token) -> bool:
    if token.dep_ not in CLAUSE_DEPS:
        return False
    return token.pos_ in VERBAL or any(t.pos_ in VERBAL for t in token.subtree)


def clause_indices(span: Span) -> set[int]:
    """Token indices of the clause a figure stands in: its governing verb's subtree,
    without the subordinate and coordinated clauses that do not contain the figure."""
    head = clause_head(span.root)
    inside = {t.i for t in span}
    keep: set[int] = set()
    stack = [head]
    while stack:
        token = stack.pop()
        keep.add(token.i)
        for child in token.children:
            if _opens_clause(child) and not inside & {t.i for t in child.subtree}:
                continue
            stack.append(child)
    return keep | inside


def word_before(span: Span, skip: Iterable[str]) -> Token | None:
    """The first word before span that is not a qualifier or filler word."""
    skip = set(skip)
    i = span.start - 1
    sent_start = span.sent.start
    while i >= sent_start:
        token = span.doc[i]
        nxt = span.doc[i + 1] if i + 1 < len(span.doc) else None
        if token.is_punct and token.text not in "-–":
            i -= 1
            if token.text in {",", ";", ":", "(", ")"}:
                return None
            continue
        if token.lower_ in skip:
            i -= 1
            continue
        if token.lower_ == "at" and nxt is not None and nxt.lower_ in {"least", "most"}:
            i -= 1
            continue
        return token
    return None


def governors(span: Span, depth: int = 3) -> list[Token]:
    """The figure's head chain, nearest first, up to depth steps and within its sentence."""
    chain = []
    token = span.root
    for _ in range(depth):
        if token.head is token:
            break
        token = token.head
        chain.append(token)
    return chain


def distance(span: Span, start: int, end: int) -> float:
    """Token distance from a figure to another stretch, words after it counting triple:
    wire copy names what a figure is before the figure more often than after."""
    if end <= span.start:
        return span.start - end
    if start >= span.end:
        return 3 * (start - span.end) + 0.5
    return 0.0


class Stretch(Protocol):
    """Anything with token offsets: a lexicon match, a date, a place."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=Stretch)


def nearest(span: Span, candidates: Iterable[T]) -> T | None:
    """The candidate (anything with ``start`` and ``end`` token offsets) nearest to span."""
    return min(candidates, key=lambda c: distance(span, c.start, c.end), default=None)
