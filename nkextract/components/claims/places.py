"""Where a figure is from and to: origin and destination of a country's statistic.

A country's own figure has it as origin; a flow (exports, imports) has a sending and a
receiving side read from prepositions ("to", "from"); two-way trade lists both partners
alphabetically. A country not named in the figure's sentence is carried from the story,
which is a guess (``unsure``).
"""
from __future__ import annotations

from typing import NamedTuple

from .index import Place
from ...extensions import MENTIONS
from .story import Figure
from .subject import company_possessive, is_source_body


class Partners(NamedTuple):
    """Origin and destination (ISO 3166 alpha-3) and the metric they were read for."""

    origin: str | None
    destination: str | None
    metric: str | None


def partners_of(fig: Figure, metric: str | None, back: bool) -> Partners:
    """The countries of a figure's statistic (a bilateral import becomes an export)."""
    story, index = fig.story, fig.index
    if metric is None and not back:
        return Partners(None, None, metric)
    if back and story.last is not None and not index.places_in(fig.span, fig.clause):
        return Partners(story.last.origin, story.last.destination, metric or story.last.metric)
    if fig.lex.scope(metric) == "market" or (fig.lex.scope(metric) == "company" and not office_figure(fig)):
        return Partners(None, None, metric)
    if company_possessive(fig):
        return Partners(None, None, metric)  # "its total production": the company's, no country's
    places = index.places_in(fig.span, fig.clause) or index.places_in(fig.span, None)
    flow = fig.lex.flow(metric)
    if flow == "both":
        return two_way(fig, places, metric)
    owner = owner_of(fig, places, flow)
    if flow == "out":
        return outflow(fig, places, owner, metric)
    if flow == "in":
        return inflow(fig, places, owner, metric)
    return Partners(owner, partner_of(fig, places, owner), metric)


def office_figure(fig: Figure) -> bool:
    """Is a company measure the country's here: a central bank or statistics office
    gives it in a story about no company ("The central bank said cumulative assets fell
    to 20.02 billion ringgit")?"""
    if fig.story.subject is not None or fig.story.lead is not None:
        return False
    sent = fig.span.sent
    named = [s.text for s in fig.span.doc.spans.get(MENTIONS, [])
             if s.label_ == "SOURCE" and sent.start <= s.start < sent.end]
    named.append(fig.index.attribution(fig.span)[0])
    return any(name is not None and is_source_body(name, fig.lex) for name in named)


def partner_of(fig: Figure, places: list[Place], owner: str | None) -> str | None:
    """The other side of a country's balance, named after a partner word ("a surplus with
    the U.S."): without it the figure is the country's total."""
    found = [p.iso for p in places if p.prep in fig.lex.partner_preps and p.iso and p.iso != owner]
    return found[0] if owner and len(set(found)) == 1 else None


def resolve(fig: Figure, place: Place, anchor: str | None) -> str | None:
    """A named country, or for a partner word ("the neighbour") the story's other country."""
    if place.iso:
        return place.iso
    return fig.story.other_partner(anchor) if anchor else None


def owner_of(fig: Figure, places: list[Place], flow: str | None) -> str | None:
    """The country whose statistic it is: one named without a flow preposition, else the
    story's country (a guess) when the sentence names none."""
    lex = fig.lex
    sided = lex.to_preps | lex.from_preps | lex.partner_preps
    # "4.4 pct in Italy, 2.1 pct in Britain and minus 1.5 pct in Japan": each its own country
    owner = next((p.iso for p in places if p.iso and right_after_in(fig, p)), None) \
        or next((p.iso for p in places if p.prep not in sided and p.iso), None)
    if owner is None and not places and fig.story.country:
        fig.guessed.add("origin")
        owner = fig.story.country
    if owner is None and flow in {"out", "in"}:
        # "its exports to the neighbor": the owner is the sentence's first country
        owner = next((p.iso for p in fig.index.places_in(fig.span, None)
                      if p.iso and p.prep not in sided), None)
    return owner


def right_after_in(fig: Figure, place: Place) -> bool:
    """Is the place named right after the figure ("1.5 pct in Japan", "6.7 pct in the
    United States")?"""
    between = [t.lower_ for t in fig.span.doc[fig.span.end:place.start]]
    return between in (["in"], ["in", "the"])


def two_way(fig: Figure, places: list[Place], metric: str | None) -> Partners:
    pair = fig.story.pair
    isos = {p.iso for p in places if p.iso}
    if not isos and not pair and fig.story.country:
        fig.guessed.add("origin")  # "foreign trade totalled 9.3 billion": the story's country's
        return Partners(fig.story.country, None, metric)
    if len(isos) < 2 and pair and (not isos or isos & set(pair)):
        isos |= set(pair)
        fig.guessed.add("destination")
    partners = sorted(isos)[:2]
    if len(partners) == 2:
        return Partners(partners[0], partners[1], metric)
    return Partners(partners[0] if partners else None, None, metric)


def outflow(fig: Figure, places: list[Place], owner: str | None, metric: str | None) -> Partners:
    lex, story = fig.lex, fig.story
    to = [p for p in places if p.prep in lex.to_preps]
    frm = [p for p in places if p.prep in lex.from_preps]
    origin = owner or (resolve(fig, frm[0], None) if frm else None)
    dest = resolve(fig, to[0], origin) if to else None
    if origin and not dest:
        dest = story.other_partner(origin)
        if dest:
            fig.guessed.add("destination")
    if dest and not origin:
        origin = story.other_partner(dest)
    if not origin and not dest and story.last_flow:
        origin, dest = story.last_flow
        fig.guessed.update(("origin", "destination"))
    return Partners(origin, dest, metric)


def inflow(fig: Figure, places: list[Place], owner: str | None, metric: str) -> Partners:
    lex = fig.lex
    to = [p for p in places if p.prep in lex.to_preps]
    frm = [p for p in places if p.prep in lex.from_preps]
    importer = owner or (resolve(fig, to[0], None) if to else None)
    partner = resolve(fig, frm[0], importer) if frm else None
    if importer and partner:
        # a bilateral flow is one statistic whichever side reports it:
        # A's imports from B are B's exports to A.
        return Partners(partner, importer, "exports")
    return Partners(importer, partner, metric)  # a country's imports: origin is the importer
