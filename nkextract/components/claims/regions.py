"""Whose turnout a figure is: the state or province it is counted in.

A country's own statistic keeps the country as its origin and has no subject; a figure
counted in a part of it (a state's primary turnout) is that region's: the region its
sentence names before the figure ("In Florida, about 46% of eligible voters cast ballots"),
the party of the voters it counts ("17% of eligible Republican voters"), else the region
the two sentences before it named last ("In Ohio, the turnout was the second highest ...
It was about 41%"), as a guess.
"""
from __future__ import annotations

from spacy.tokens import Span

from .company_names import subject_key
from .story import Figure, Subject

#: a key prefix that keeps regions apart from the companies among a story's subjects
_REGION = "region:"


def region_subject(fig: Figure) -> Subject | None:
    """The region a turnout is counted in (subjects.json region_metrics), or None."""
    party = _counted_party(fig)
    if party is not None:
        return _known(fig, party)
    sent = fig.span.sent
    before = [e for e in regions(fig, sent) if e.end <= fig.span.start]
    if before:
        return _known(fig, " ".join(before[-1].text.split()))
    # "In Ohio, the turnout was the second highest ... It was about 41%": a guess
    before = [e for s in _sentences_before(sent, 2) for e in regions(fig, s)]
    if before:
        fig.guessed.add("subject")
        return _known(fig, " ".join(before[-1].text.split()))
    return None


def regions(fig: Figure, sent: Span) -> list[Span]:
    """The places of a sentence that are no country ("Ohio", "North Carolina")."""
    countries = [p for p in fig.index.in_sentence_starting("places", sent.start) if p.iso]
    return [e for e in sent.ents if e.label_ == "GPE"
            and not any(p.start < e.end and e.start < p.end for p in countries)]


def _sentences_before(sent: Span, n: int) -> list[Span]:
    """Up to n sentences before one, in reading order."""
    found, doc, start = [], sent.doc, sent.start
    while len(found) < n and start > 0:
        found.insert(0, doc[start - 1].sent)
        start = found[0].start
    return found


def _known(fig: Figure, name: str) -> Subject:
    return fig.story.known.setdefault(_REGION + name, Subject(name, subject_key(name, fig.lex)))


def _counted_party(fig: Figure) -> str | None:
    """The party of the voters a figure counts ("Nearly 12% of eligible Democratic voters")."""
    parties = fig.lex.subjects.get("party_adjectives", {})
    return next((parties[t.lower_] for t in fig.span.root.subtree if t.lower_ in parties), None)
