"""When a figure is for: its period and, for a change, the basis it is measured against.

A date in the figure's clause wins over one elsewhere in its sentence; a month, quarter or
year wins over a single day (statistics are stated for periods, and a day named beside them
is usually when the figure was released). A figure whose sentence names no period takes the
story's running period, which is a guess (``unsure``).
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import NamedTuple

from spacy.tokens import Span

from ...text.periods import as_of, parse_period, previous_period, prior_period, shift_months
from ..clauses import clause_indices, nearest
from ...claim import Claim
from .index import DateMatch
from .story import Figure

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_DAYS = re.compile(r"\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}")
_WEEK_OR_MONTH = re.compile(r"\d{4}-(?:W\d{2}|\d{2})")


class Timing(NamedTuple):
    """The period a figure is for and the basis of a change."""

    period: str | None
    basis: str | None


def basis_phrase(fig: Figure, role: str) -> str | None:
    """A change's basis phrase ("from a year earlier"): in its clause, else its sentence."""
    if role != "change":
        return None
    phrases = fig.index.of("basis", fig.span)
    found = nearest(fig.span, fig.in_clause(phrases)) or nearest(fig.span, fig.in_sentence(phrases))
    return found.label if found is not None else None


def chosen_date(fig: Figure, dates: list[DateMatch]) -> DateMatch | None:
    """The date that gives the figure its period: one right after it ("1.01 billion in
    1984"), else a period in its clause, any date in its clause, any period of the sentence."""
    span = fig.span
    dates = _not_anothers(fig, dates)
    in_clause = fig.in_clause(dates)
    periods = [d for d in dates if not _DAY.match(d.timex)]
    right_after = [d for d in in_clause if 0 <= d.start - span.end <= 2]
    return (nearest(span, right_after) or nearest(span, fig.in_clause(periods))
            or nearest(span, in_clause) or nearest(span, periods) or forecast_day(fig, dates)
            or nearest(span, [d for d in dates if d.end <= span.start]))


def forecast_day(fig: Figure, dates: list[DateMatch]) -> DateMatch | None:
    """The day ahead a forecast of the sentence names, when the sentence names no period
    ("From April 1, they predict the call rate will fall to 3.5000 pct"): its target."""
    sent = fig.span.sent
    published = str(fig.span.doc._.nk_published or "")[:10]
    if not _DAY.match(published) or not any(t.lower_ in fig.lex.forecast or t.lemma_.lower() in fig.lex.forecast
                                            for t in sent):
        return None
    return nearest(fig.span, [d for d in dates if _DAY.match(d.timex) and d.timex > published])  # ahead


def list_date(fig: Figure, dates: list[DateMatch]) -> DateMatch | None:
    """The date written before a list of figures, for each of them ("February levels ...
    18.2 and 20.8 billion dlrs under their limits for 1987"), unless a figure has a date
    right after it ("716 mln in January and 76 mln in February")."""
    members = fig.index.listed_with(fig.span)
    if not members or any(0 <= d.start - fig.span.end <= 2 for d in dates):
        return None
    first = members[0]
    found = chosen_date(replace(fig, span=first, clause=clause_indices(first)), dates)
    return found if found is not None and found.end <= first.start else None


def _gap(start: int, end: int, i: int) -> int:
    """Tokens between token i and the run [start, end)."""
    return start - i if i < start else (i - end + 1 if i >= end else 0)


def _not_anothers(fig: Figure, dates: list[DateMatch]) -> list[DateMatch]:
    """The dates nearer this figure than any other figure of the sentence ("his 2.5 pct
    target for 1987 after ... a 3.4 pct rise in retail prices for February": 1987 is the
    target's). A figure nearer no date takes none that names another figure's change
    ("gasoline rose 5.5 pct after a 15.7 pct January increase": January is the 15.7's)."""
    span = fig.span
    theirs = [s for s in fig.index.figures_in_sentence(span) if s.start != span.start]
    others = [i for s in theirs for i in range(s.start, s.end)]
    if not others:
        return dates
    own = [d for d in dates
           if 0 <= d.start - span.end <= 2  # right after it: "a 0.9 pct rise in January"
           or min(_gap(span.start, span.end, i) for i in (d.start, d.end - 1))
           <= min(_gap(d.start, d.end, i) for i in others)]
    if own:
        return own
    doc = span.doc
    return [d for d in dates if not (d.end < len(doc) and doc[d.end].lemma_.lower() in fig.lex.change_nouns
                                     and any(0 <= d.start - s.end <= 1 for s in theirs))]


def _starts_from(found: DateMatch, preps: set[str]) -> bool:
    """Does a comparison word open the date ("from September", "10.9 pct over 1985", "lower
    than in 1985")?"""
    date = found.date
    doc = date.doc
    words = [t.lower_ for t in doc[max(0, date.start - 4):date.start] if not t.is_space]
    if words and words[-1] == "in":
        words = words[:-1]  # "than in 1985"
    return date[0].lower_ in preps or (bool(words) and words[-1] in preps)


def from_period(found: DateMatch, dates: list[DateMatch]) -> Timing:
    """A change "from September to October": the named period is the basis."""
    parts = found.timex.split("/")
    if len(parts) == 2:
        return Timing(parts[1], parts[0])
    others = [d.timex for d in dates if d.timex != found.timex]
    return Timing(others[0] if others else None, found.timex)


def period_and_basis(fig: Figure, role: str, back: bool, metric: str | None = None) -> Timing:
    """The figure's period and basis from the dates of its sentence, else the story's."""
    dates, basis = set_against(fig, role, fig.index.period_dates(fig.span), basis_phrase(fig, role))
    period, basis = dated(fig, role, dates, basis)
    named = same_period_named(fig, fig.story.running_period() or last_period_named(fig)) \
        if role == "level" else None
    if named is not None:
        period = named  # "This compared with 4.2 mln dlrs in the same 1986 period"
        fig.earlier = True
    if period is None and role != "share":
        period = trading_day(fig, metric) or carried_period(fig, back)
    if role == "level" and named is None:
        period = as_earlier_level(fig, period)
    if role == "level" and _compared_with_words(fig):
        fig.earlier = True  # "These rates compared with averages of 5.47 pct ... last week"
    fig.story.last_period = period
    if role == "change" and basis is None and period:
        basis = default_change_basis(fig, period, metric)
    return Timing(period, basis)


def dated(fig: Figure, role: str, dates: list[DateMatch], basis: str | None) -> tuple[str | None, str | None]:
    """The period (and a change's basis) the sentence's dates give the figure: a change
    "from September to October" is October's, on September."""
    found = list_date(fig, dates) or chosen_date(fig, dates)
    if found is None:
        return None, basis
    if found.timex in fig.index.year_guessed:
        fig.guessed.add("period")  # "the quarter ended January 31": the year is the story's
    if role == "change" and basis is None and _starts_from(found, fig.lex.basis_preps or {"from"}):
        return from_period(found, dates)
    return found.timex, basis


def as_earlier_level(fig: Figure, period: str | None) -> str | None:
    """A level a basis phrase dates as an earlier one ("above the year-ago level of 117.09
    billion dlrs"): its period moved back, and not the story's running one."""
    earlier = fig.index.basis_of_level(fig.span) or fig.index.basis_after_level(fig.span)
    if not (earlier and period):
        return period
    fig.earlier = True
    return moved_back(period, earlier)


def set_against(fig: Figure, role: str, dates: list[DateMatch],
                basis: str | None) -> tuple[list[DateMatch], str | None]:
    """The sentence's dates without those a figure is set against, and the basis they give a
    change with none of its own: a date after a comparison word ("1986's surplus was 4.0
    billion lower than in 1985, while the deficit increased by 2.1 billion"; "unchanged from
    January at 507 mln"). A range opened by "from" and a sentence's opening "From April 1"
    are periods."""
    preps = fig.lex.basis_preps or {"from"}
    against = [d for d in dates if "/" not in d.timex and d.start > fig.span.sent.start + 1
               and _starts_from(d, preps)]
    if not against or (len(against) == len(dates) and role != "level"):
        return dates, basis
    if role == "change" and basis is None:
        basis = nearest(fig.span, against).timex
    return [d for d in dates if d not in against], basis


def default_change_basis(fig: Figure, period: str, metric: str | None) -> str | None:
    """The basis of a change no phrase states, a guess: the period before for a change in a
    week, the year before for a change over a year or a run of months. A country's rate for a
    month is left without one: wire copy gives it on the month before and on the year before
    alike ("inflation 0.9 pct in January"), and a guess there keeps two reports of one figure
    from meeting (the cross-check compares figures with an unstated basis on their own)."""
    if _DAYS.fullmatch(period):
        fig.guessed.add("basis")
        return "previous_period"
    if "/" in period or _YEAR.fullmatch(period):
        fig.guessed.add("basis")
        return "year_ago"
    return None


def trading_day(fig: Figure, metric: str | None) -> str | None:
    """A share or index quote or move that names no date is of the trading day the story
    reports, its publication day, as a guess ("BellSouth shares were down 3 cents at $45.56
    in late trade"; subjects.json market_moves): not a period the story ran before."""
    published = fig.span.doc._.nk_published
    if metric not in fig.lex.subjects.get("market_moves", ()) or not published or len(published) < 10:
        return None
    fig.guessed.add("period")
    return published[:10]


def carried_period(fig: Figure, back: bool) -> str | None:
    """The period of the figure a sentence points back at, else the story's running one."""
    story = fig.story
    if (back or fig.carried) and story.last is not None:
        # the figure pointed back at, or whose measure it carries: its period as read ("fell
        # 195 mln dlrs to 65.06 billion in the week ended February 18. Including acceptances,
        # loans declined 114 mln dlrs": the week, not the day the level stands at)
        if story.anchor is not None and story.last is not story.anchor and story.anchor.period:
            return story.anchor.period  # the last was a compared figure: the current one's period
        if story.last_period and as_of(story.last_period) == story.last.period:
            return story.last_period
        return story.last.period
    period = continued_period(fig)
    if period is not None:
        return period
    period = story.running_period()
    if period is not None:
        fig.guessed.add("period")
        fig.running = True
        if story.last_period and period != story.last_period and as_of(story.last_period) == period:
            period = story.last_period  # the week a level stands at the end of, as read
    return period


def same_period_named(fig: Figure, base: str | None) -> str | None:
    """The period of a figure followed by "in the same February period", "the same 1986
    period": its base period (the story's or its anchor's) moved to the month or year named;
    a year earlier when none is named ("in the same period last year")."""
    found = same_period_phrase(fig)
    days = parse_period(base)
    own = parse_period(found._.nk_timex) if found is not None and "same" in found.text.lower() else None
    if own is not None and (days is None or own[1] - own[0] == days[1] - days[0] or
                            abs((own[1] - own[0]) - (days[1] - days[0])) <= 3):
        return found._.nk_timex  # "the same quarter last year", resolved against the last one named
    if found is None or days is None:
        return None
    return moved_to_named(fig, base, date.fromordinal(days[1]), [t.lower_ for t in found])


def same_period_phrase(fig: Figure) -> Span | None:
    """The date with "same" a few words after the figure, no comparison word between ("14.2
    mln dlrs in the same 1986 period")."""
    span = fig.span
    doc = span.doc
    return next((d for d in fig.index.of("dates", span) if 0 <= d.start - span.end <= 4
                 and "same" in doc[max(span.end, d.start - 2):d.end].text.lower()
                 and not any(t.lower_ in fig.lex.compared_openers for t in doc[span.end:d.start])), None)


def moved_to_named(fig: Figure, base: str | None, last: date, words: list[str]) -> str | None:
    """A base period ending on day last moved back to the year or month its phrase names ("the
    same 1986 period", "the same February period"), else by a year."""
    year = next((int(w) for w in words if _YEAR.fullmatch(w)), None)
    month = next((fig.lex.tables["months"][w] for w in words if w in fig.lex.tables["months"]), None)
    if year is not None:
        return shift_months(base, (year - last.year) * 12) if year < last.year else None
    if month is not None:
        return shift_months(base, -((last.month - month) % 12)) if month != last.month else None
    return moved_back(base, "year_ago")


def _compared_with_words(fig: Figure) -> bool:
    """Do the sentence's figures all stand after a comparison word that sets them against
    something it names in words ("These rates compared with averages of 5.47 pct for the
    three- and 5.51 pct for the six-month bills sold last week")? Their period is then not
    the story's."""
    span = fig.span
    first = min((s.start for s in fig.index.figures_in_sentence(span)), default=span.start)
    words = " " + " ".join(t.lower_ for t in span.doc[span.sent.start:first] if not t.is_space) + " "
    return any(f" {w} " in words for w in fig.lex.comparison_after)


def last_period_named(fig: Figure) -> str | None:
    """The last period (not a day) the story names before the figure ("its third fiscal
    quarter which ends March 31. Wang earned 21 cts a share in the same quarter last year")."""
    doc = fig.span.doc
    dates = [d for group in fig.index.buckets["dates"].values() for d in group if d.end <= fig.span.start]
    for date in sorted(dates, key=lambda d: d.start, reverse=True):
        value = date._.nk_timex
        if value and "same" not in date.text.lower() and parse_period(value) and not _DAY.match(value):
            return value
    return None


def continued_period(fig: Figure) -> str | None:
    """The multi-month period of the sentence before ("In the first three months, the
    surplus was 1.2 billion dlrs. Imports were 3.8 billion"), which the next sentence
    continues: the period of its last figure not stated as a comparison."""
    story, anchor = fig.story, fig.story.anchor
    if anchor is None or not anchor.period or story.last_sentence < 0 or "period" in anchor.unsure:
        return None  # only a period the sentence before states carries on
    if fig.index.sentences_between(story.last_sentence, fig.sent.start) != 1:
        return None
    days = parse_period(anchor.period)
    return anchor.period if days is not None and 31 < days[1] - days[0] + 1 < 365 else None


def compared_period(fig: Figure, anchor: Claim, own: str | None) -> str | None:
    """The period of a compared figure: its own date ("from 679 mln in January"); else the
    sentence's basis phrase ("a year ago"); else the place it takes in a list read like the
    story's last one ("X against Y and Z": January, then a year earlier); else a year
    earlier, which is a guess."""
    story, anchor_period = fig.story, anchor.period
    if story.last is anchor and story.last_period and as_of(story.last_period) == anchor_period:
        anchor_period = story.last_period  # the statement week a level stands at the end of
    position = len(story.current)
    revision = any(t.lower_ in fig.lex.revised for t in fig.span.doc[fig.span.sent.start:fig.span.start])
    if ("revised" in (anchor.qualifier or "") or revision) and not own:
        story.current.append("")
        # "revised down to 1.9 billion from 2.25 billion", "7.6 pct, a slight upward revision
        # from the 7.5 pct provisionally posted": the same period
        return anchor_period
    if own:
        own = same_part_of_year(anchor_period, not_after(anchor_period, own))
        story.current.append(relation(anchor_period, own))
        return own
    named = same_period_named(fig, anchor_period)
    if named is not None:
        story.current.append(relation(anchor_period, named))
        return named  # "from 494 mln in the same 1986 period", "the same February period"
    return compared_by_basis(fig, anchor, anchor_period, position)


def compared_by_basis(fig: Figure, anchor: Claim, anchor_period: str | None, position: int) -> str | None:
    """A compared figure with no date of its own: where a forecast's figure stands now, else
    the anchor's period moved back by the sentence's basis phrase, the basis of the same place
    in the story's last list, or the likeliest one (a guess)."""
    story = fig.story
    basis = "year_ago" if fig.index.same_period_after(fig.span) else fig.index.comparison_basis(fig.span)
    published = str(fig.span.doc._.nk_published or "")[:10]
    today = parse_period(published) if _DAY.match(published) else None
    if basis is None and today and (parse_period(anchor_period) or (0, 0))[0] > today[1]:
        # "will drop to 3.75 pct (in April) from 4.0635 pct": where it stands now, the day when
        # the sentence says "today"
        story.current.append("")
        said_today = any(d._.nk_timex == published for d in fig.index.of("dates", fig.span))
        return published if said_today else "PRESENT_REF"
    if basis is None and position < len(story.relations) and story.relations[position]:
        basis = story.relations[position]
    if basis is None:
        basis = default_basis(fig, anchor)
        fig.guessed.add("period")
    story.current.append(basis)
    return moved_back(anchor_period, basis)


def not_after(anchor_period: str | None, own: str) -> str:
    """A compared figure's own period read as a later one than its anchor's ("7.3 billion in
    the fourth quarter of 1986 ... against 3.88 billion in the third quarter", the quarter
    resolved from a story of 1987): the same part of the year before, which is what a
    comparison sets a figure against."""
    anchor, days = parse_period(anchor_period), parse_period(own)
    if anchor is None or days is None or days[0] <= anchor[1]:
        return own
    earlier = shift_months(own, -12)
    moved = parse_period(earlier)
    return earlier if earlier and moved and moved[1] <= anchor[1] else own


def same_part_of_year(anchor_period: str | None, own: str) -> str:
    """A compared figure dated only by the year before ("93.92 billion dlrs for the fiscal
    year to date, compared with 106.2 billion in the previous fiscal year"; "5.1 billion in
    January against 4.2 billion last year") is the same part of that year as its anchor."""
    anchor = parse_period(anchor_period)
    if anchor is None or not _YEAR.fullmatch(own) or anchor[1] - anchor[0] + 1 >= 365:
        return own
    earlier = previous_period(anchor_period, "year_ago") or prior_period(anchor_period, "year_ago")
    days = parse_period(earlier)
    return earlier if earlier and days and str(date.fromordinal(days[1]).year) == own else own


def default_basis(fig: Figure, anchor: Claim) -> str:
    """What a compared figure with no date or basis phrase is most likely set against: a
    country's weekly or monthly figure against the period before ("M-1 rose to 738.5
    billion dlrs from 736.6 billion"), anything else (a company's results, a year) against
    a year earlier."""
    period = (fig.story.last_period if fig.story.last is anchor else None) or anchor.period or ""
    if fig.lex.scope(anchor.metric) is None and (_WEEK_OR_MONTH.fullmatch(period) or _DAYS.fullmatch(period)):
        return "previous_period"
    return "year_ago"


def moved_back(period: str | None, basis: str) -> str | None:
    """A period moved back by a basis, in its own spelling; day ranges a year back too."""
    return previous_period(period, basis) or (prior_period(period, basis) if period else None)


def relation(anchor_period: str | None, own: str) -> str:
    """How a compared figure's own period stands to its anchor's: "year_ago" (a year's
    previous period is a year ago too), "previous_period", or "" when neither."""
    for basis in ("year_ago", "previous_period"):
        if anchor_period and previous_period(anchor_period, basis) == own:
            return basis
    return ""


def restate_headline(claims: list[Claim], headline_end: int) -> None:
    """A headline figure with no date of its own restates a figure of the story's body: it
    takes the period (and, for a change, the basis) of the body's first figure of the same
    value and unit ("U.K. MONEY MARKET GIVEN 24 MLN STG ASSISTANCE" is the 24 mln stg "in the
    morning session")."""
    if headline_end < 0:
        return
    for claim in claims:
        if claim.start >= headline_end or claim.period is not None or claim.role == "share":
            continue
        body = next((b for b in claims if b.start >= headline_end and b.period and b.value == claim.value
                     and b.unit == claim.unit), None)
        if body is None:
            continue
        claim.period = body.period
        if claim.basis is None and body.role == claim.role:
            claim.basis = body.basis
        if "period" not in body.unsure:
            claim.unsure = [p for p in claim.unsure if p != "period"]
