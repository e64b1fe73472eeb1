"""Whose index level or move a figure is: the stock index the sentence names.

"The Dow Jones industrial average fell 1.8 percent", "the blue-chip Dow had risen 3
percent", "In Tokyo, the Nikkei average ended down 0.6 percent": the index named nearest
before the figure in its sentence, else the first named after it, else the index the
story spoke of last (a guess). Every name of one index ('the Dow', 'Dow Jones industrial
average') is one subject, so two reports of one day's move meet.
"""
from __future__ import annotations

import re

from .company_names import subject_key
from .story import Figure, Subject

#: where a story keeps the index it spoke of last, among its subjects
_LAST = "index:"


def index_subject(fig: Figure, carry: bool = True) -> Subject | None:
    """The stock index of an index level or move, or None when the story names none; the
    index the story spoke of last is carried only when ``carry``. The index is kept apart
    from the story's company: a company's figure never takes it."""
    indexes = fig.lex.subjects.get("indexes", {})
    named = index_names(fig, indexes)
    before = [n for start, n in named if start < fig.span.start_char]
    after = [n for start, n in named if start >= fig.span.end_char]
    name = before[-1] if before else after[0] if after else None
    known = fig.story.known
    if name is None:
        last = known.get(_LAST) if carry else None
        if last is not None:
            fig.guessed.add("subject")  # the index the story spoke of last
        return last
    known[_LAST] = known.setdefault("index:" + name, Subject(name, subject_key(name, fig.lex)))
    return known[_LAST]


def index_names(fig: Figure, indexes: dict[str, str]) -> list[tuple[int, str]]:
    """(character offset, index name) of the indexes the figure's sentence names, the
    longest wording first where two overlap ("Dow Jones industrial average" over "Dow")."""
    sent = fig.span.sent
    text = fig.index.text[sent.start_char:sent.end_char].lower()
    found: list[tuple[int, int, str]] = []
    for wording in sorted(indexes, key=len, reverse=True):
        for m in re.finditer(r"(?<![\w&])" + re.escape(wording) + r"(?![\w&])", text):
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), indexes[wording]))
    return sorted((sent.start_char + s, name) for s, _, name in found)
