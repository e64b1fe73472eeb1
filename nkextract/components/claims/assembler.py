"""The ``nk_claims`` component: assemble each MONEY/PERCENT mention into a claim record.

It reads what the earlier components left on the Doc (``doc.spans["nk_mentions"]`` with
values, dates and their TIMEX3 values, SOURCE spans, and ``doc._.nk_attribution``) and the
parse, and decides for every figure, one small function per field: role and sign, metric,
subject, countries, product, period and basis, qualifier, and which of them are guesses
(``unsure``). The words the rules look for come from the lexicons in models/.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import date
from typing import NamedTuple

from spacy.tokens import Doc, Span

from ...claim import KEY_PARTS, Claim
from ...extensions import MENTIONS
from ...text.periods import as_of, parse_period
from ..base import LexiconComponent
from ..clauses import clause_indices
from .currency import company_dollar, story_dollar, written_us
from .index import DocIndex
from .lexicon import ClaimLexicon, build_lexicon
from .measure import (NO_MEASURE, Measure, Role, balance_sign, carried_metric, compared,
                      named_metric, product_of, qualifier_of, refers_back, role_as_compared, role_of)
from .places import Partners, partners_of
from .story import Figure, Story, Subject
from .subject import full_name, known_subject, lead_company, subject_key, subject_of, ticker_after
from .tables import (Row, bare_amounts, note_opening, note_period, note_relative_year, note_year_shift, read_headline,
                     reported_recently, row_of, section_above, table_period, undated_label, vs_row, year_ago)
from .timing import Timing, compared_period, period_and_basis, restate_headline


class TableRow(NamedTuple):
    """A figure of an earnings table: its row (None for a figure of the table's notes)
    and the period of its column or note."""

    row: Row | None
    period: str | None


class ClaimAssembler(LexiconComponent):
    """Turn every MONEY and PERCENT mention into a Claim, stored in doc._.nk_claim_rows."""

    lexicon_files = ("countries.json", "metrics.json", "cues.json", "products.json",
                     "subjects.json", "tables.json", "currencies.json", "dates.json")

    def _build(self) -> None:
        self.lexicon: ClaimLexicon = build_lexicon(self.nlp, self.lexicons)

    def __call__(self, doc: Doc) -> Doc:
        self._require()
        mentions = list(doc.spans[MENTIONS]) if MENTIONS in doc.spans else []
        figures = sorted((s for s in mentions if s.label_ in ("MONEY", "PERCENT")),
                         key=lambda s: s.start_char)
        figures = sorted(figures + table_amounts(doc, mentions, self.lexicon),
                         key=lambda s: s.start_char)
        claims = []
        if figures:
            index = DocIndex(self.lexicon, doc, mentions)
            story = start_story(index, self.lexicon)
            for span in figures:
                claim = assemble(Figure(span, index, self.lexicon, clause_indices(span), story))
                if claim is not None:
                    claims.append(claim)
            restate_headline(claims, index.headline_end)
        doc._.nk_claim_rows = [asdict(claim) for claim in claims]
        return doc


def table_amounts(doc: Doc, mentions: list[Span], lex: ClaimLexicon) -> list[Span]:
    """MONEY spans for the bare amounts of earnings-table rows ("Net 316,000 vs 298,000")
    that no mention covers, in the story's currency: the one its money mentions name most
    (US dollars, the wire's own, when none does)."""
    taken = {i for s in mentions for i in range(s.start_char, s.end_char)}
    units = Counter(s._.nk_unit for s in mentions if s.label_ == "MONEY" and s._.nk_unit)
    unit = units.most_common(1)[0][0] if units else lex.tables.get("default_currency")
    spans = []
    for amount in bare_amounts(doc.text, lex):
        if taken & set(range(amount.start, amount.end)):
            continue
        span = doc.char_span(amount.start, amount.end, label="MONEY", alignment_mode="expand")
        if span is None:
            continue
        span._.nk_value = span._.nk_low = span._.nk_high = amount.value
        span._.nk_unit = unit
        spans.append(span)
    return spans


def start_story(index: DocIndex, lex: ClaimLexicon) -> Story:
    """The story before its first figure: its first country and its headline's company."""
    story = Story(country=index.first_country(), measure=index.headline_measure())
    story.headline = read_headline(index.text, lex)
    name, ticker = story.headline.name, story.headline.ticker
    if name:  # the body's fuller name for it ("Continental Illinois Corp" for "CONT'L ILLINOIS")
        full = None if story.headline.unit else full_name(index.doc, index.headline_end, name, lex)
        story.subject = known_subject(story, full or name, lex, ticker)
        story.lead = subject_key(full or name, lex) or None
        if full:
            story.known.setdefault(subject_key(name, lex), story.subject)
    elif ticker:
        story.subject = Subject(None, ticker)  # a ticker with no name: its key, no name
    elif index.headline_end > 0:  # "HUTCHISON SEES ...": the lead's "Hutchison Whampoa Ltd <HWHH.HK>"
        named = lead_company(index.doc, index.text[:index.headline_end], index.headline_end, lex)
        if named is not None:
            text = " ".join(named.text.split()).strip("<> ")
            story.subject = known_subject(story, text, lex, ticker_after(index.text, named.end_char))
            story.lead = subject_key(text, lex) or None
    # the company's own dollar, by the headline's name or else the lead company's in full
    story.dollar = story_dollar(index.text, name, lex) or (
        company_dollar(story.subject.name, lex) if story.subject is not None else None)
    return story


# -- one figure ---------------------------------------------------------------------------
def assemble(fig: Figure) -> Claim | None:
    """The claim of one figure, or None for a figure that is no claim (a share count)."""
    table = table_row_of(fig) or table_note_of(fig)
    if table is not None and table.row is not None and table.row.metric is None:
        return None
    back = refers_back(fig.span)
    prior = None if table is not None else compared(fig)
    role = role_of(fig)
    measure = measure_of(fig, role, table, back, prior)
    role = rate_role(fig, role, measure.metric)
    role = role_as_compared(fig, role, prior)
    sign = signed(fig, role, measure, table)
    timing = timing_of(fig, role, back, table, prior, measure.metric)
    partners = partners_of(fig, measure.metric, back)
    if prior is not None and partners.metric == prior.metric:
        partners = Partners(partners.origin or prior.origin,
                            partners.destination or prior.destination, partners.metric)
    subject = subject_of(fig, partners.metric, table is not None)
    claim = build_claim(fig, role, sign, measure, partners, timing, subject, table)
    if prior is not None and "revised" in (prior.qualifier or "").split("+"):
        claim.qualifier = superseded(claim.qualifier)
    claim.unsure = unsure_parts(fig, claim)
    remember(fig, claim, back, prior)
    return claim


def superseded(qualifier: str | None) -> str | None:
    """The qualifier of the value a revision replaced ("revised to 2.5 pct from two pct"):
    the revision is the new figure's, not the old one's."""
    parts = [p for p in (qualifier or "").split("+") if p and p != "revised"]
    return "+".join(parts) or None


def table_row_of(fig: Figure) -> TableRow | None:
    """The earnings-table row of a figure, with its column's period."""
    start, line = fig.index.line_of(fig.span)
    row = row_of(line, fig.span.start_char - start, fig.lex)
    if row is None:
        return None
    headline = fig.story.headline
    section = section_above(fig.index.text, start, fig.lex)
    published = fig.span.doc._.nk_published
    period = table_period(headline.period if headline else None, section, published, fig.index.note_end)
    if period is not None and not (headline and headline.period and reported_recently(period, published)):
        fig.guessed.add("period")  # the year comes from the story's date, unconfirmed
    if fig.index.note_redefines:
        fig.guessed.add("metric")  # "net is before extraordinary items": not the label's measure
    if not row.dated:
        return TableRow(row, None)  # "Qtly div 18 cts vs 22 cts prior": a payment declared, not the period's
    return TableRow(row, year_ago(period) if row.year_ago else period)


def table_note_of(fig: Figure) -> TableRow | None:
    """A figure in the notes under an earnings table, with the period its note gives."""
    headline = fig.story.headline
    if headline is None or headline.period is None or not (headline.name or headline.ticker) \
            or not fig.index.has_table:
        return None
    span, text = fig.span, fig.index.text
    start, line = fig.index.line_of(span)
    opens = line[:1].isspace() or text[max(0, start - 2):start] == "\n\n"  # a row opens its line
    column = vs_row(line, span.start_char - start, fig.lex) if opens else None
    if column is not None:  # "Other income 52.75 mln vs 15.22 mln": a row of the table
        if undated_label(line, fig.lex):
            return TableRow(None, None)  # "Div 1.5p vs 1.08p": a payment declared
        period = table_period(headline.period, section_above(text, start, fig.lex), span.doc._.nk_published,
                              fig.index.note_end)
        return TableRow(None, year_ago(period) if column else period)
    sent = span.sent
    # a note is its own paragraph: the parser runs the table's rows into its sentence
    first = max(sent.start_char, text.rfind("\n ", 0, span.start_char) + 1)
    last = text.find("\n ", span.end_char)
    last = sent.end_char if last < 0 else min(last, sent.end_char)
    published = span.doc._.nk_published
    before = text[first:span.start_char]
    period = note_period(text[span.end_char:last], before, headline.period, published, fig.lex,
                         fig.index.note_end)
    # the note's sentence opens with its year ("1985 operating net ... 2.85 mln dlrs in the
    # quarter"), else its paragraph (the parser may cut "1987 1st | qtr net excludes")
    for opening in (before, text[text.rfind("\n ", 0, span.start_char) + 1:span.start_char]):
        shift = note_year_shift(opening, headline.period, published, fig.lex, fig.index.note_end)
        named = note_opening(opening, headline.period, text, published, fig.lex, fig.index.note_end)
        if shift is not None or named is not None:
            period = (year_ago(period) if shift else period) if period is not None else named
            break
    if period is None:
        period = relative_note_period(fig, before, headline)
    if period is None:
        return None
    fig.guessed.add("period")  # the year comes from the story's date
    return TableRow(None, period)


def relative_note_period(fig: Figure, before: str, headline) -> str | None:
    """The period of a note that names its year relative to the table's ("Current year loss
    includes 11.8 mln dlr writedown"): the table's period, or the year before's."""
    text = fig.index.text
    paragraph = text[text.rfind("\n ", 0, fig.span.start_char) + 1:fig.span.start_char]
    shift = note_relative_year(before, fig.lex)
    shift = note_relative_year(paragraph, fig.lex) if shift is None else shift
    if shift is None:
        return None
    period = table_period(headline.period, None, fig.span.doc._.nk_published, fig.index.note_end)
    return year_ago(period) if shift else period


def measure_of(fig: Figure, role: Role, table: TableRow | None, back: bool,
               prior: Claim | None) -> Measure:
    """The metric: a table row's label, a compared figure's anchor, a cue near the figure,
    the measure a pointing-back sentence or the last sentence named, the story's balance."""
    if table is not None and table.row is not None:
        return Measure(table.row.metric, table.row.label)
    if prior is not None:
        own = named_metric(fig, role.role)
        per_share = fig.lex.has(prior.metric, "per_share")
        if own.metric and fig.lex.has(own.metric, "per_share") != per_share:
            return own  # "74.7 mln, or 55 cts a share, up from 63.2 mln, or 46 cts a share"
        return Measure(prior.metric, prior.cue)
    measure = story_measure(fig, named_metric(fig, role.role))
    if measure.metric is None and back and fig.story.last is not None:
        measure = Measure(fig.story.last.metric, None)
    if fig.index.bare_balance_near(fig.span) or (fig.lex.flow(measure.metric) == "both"
                                                 and fig.index.balance_of(fig.span, measure.metric)):
        if measure.metric is None:
            measure = Measure(fig.story.balance, None)
        elif fig.lex.flow(measure.metric) == "both":
            measure = Measure("trade_balance", measure.cue)  # "visible trade was in deficit by 8.3 billion"
    if measure.metric is None:
        measure = Measure(carried_metric(fig), None)
    if measure.metric is None and fig.story.measure and fig.index.of("products", fig.span):
        fig.guessed.add("metric")  # "gasoline rose 5.5 pct" in a story about producer prices
        measure = Measure(fig.story.measure, None)
    return measure if measure.metric else NO_MEASURE


def story_measure(fig: Figure, measure: Measure) -> Measure:
    """A generic word read as the country measure the story speaks of (its last figure's,
    else its headline's): "sales" in a story about retail sales, "prices" in one about
    producer prices (the last word of one of that measure's names), not a company's revenue
    or a market's price; "the index for energy products" in a story about producer prices.
    An item named with the word ("gasoline prices") is the measure's product when it is a
    product of the lexicon, else a measure of its own."""
    last, lex = fig.story.last, fig.lex
    story_metric = last.metric if last is not None and last.metric else fig.story.measure
    if story_metric is None or story_metric == measure.metric:
        return measure
    story_metric = story_metric.removesuffix("_sa")
    if lex.scope(story_metric) is not None:
        return measure
    names_last = {name.split()[-1] for name in lex.metric_info.get(story_metric, {}).get("cues", ())
                  if len(name.split()) > 1}
    last_words = {_singular(w) for w in names_last}
    if measure.metric is None:
        word = next((fig.span.doc[i] for i in sorted(fig.clause) if _singular(fig.span.doc[i].lower_) in last_words),
                    None)
        return Measure(story_metric, word.text) if word is not None else measure
    if lex.scope(measure.metric) is None or lex.metric_info[story_metric].get("percent_metric") == measure.metric:
        return measure  # a country's own measure, or the story measure's rate ("advances at 5.3 pct")
    if not measure.cue:
        return measure  # a measure carried or implied, with no word of its own to read
    word = measure.cue.lower().split()[-1]
    if (word in names_last or _singular(word) in last_words and _change_of(fig, word)) \
            and not _named_item(fig, word):
        return Measure(story_metric, measure.cue)
    return measure


def _change_of(fig: Figure, word: str) -> bool:
    """Is the word, in its singular, the measure a change noun names ("price rises" in a
    story about consumer prices; not "the price of gold")?"""
    return any(t.lower_ == word and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lemma_.lower() in fig.lex.change_nouns
               for t in fig.span.sent)


def _singular(word: str) -> str:
    """"prices" and "price" as one word (a name's last word against the cue found)."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _named_item(fig: Figure, word: str) -> bool:
    """Does the generic word nearest the figure name an item of its own ("Treasury bill
    prices", not "January sales")? Then it is that item's measure, not the story's. A
    product of the lexicon ("gasoline prices") is the story measure's item."""
    tokens = [t for t in fig.span.sent if t.lower_ == word]
    if not tokens:
        return False
    token = min(tokens, key=lambda t: abs(t.i - fig.span.start))
    return any(c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("NOUN", "PROPN") and not c.ent_type_ == "DATE"
               and c.lower_ not in fig.lex.generic and c.i not in fig.index.product_tokens for c in token.children)


def rate_role(fig: Figure, role: Role, metric: str | None) -> Role:
    """A percentage level of a rate metric is a change ("inflation of 0.9 pct"); a fall in
    money of a metric that is itself a fall is its size ("will cut taxes by 44 billion
    marks": a tax cut of 44 billion)."""
    if fig.kind == "percent" and role.role == "level" and fig.lex.has(metric, "rate"):
        return Role("change", role.sign, role.cue)
    if fig.kind == "percent" and role.role == "level" and fig.lex.has(metric, "share"):
        return Role("share", 1, role.cue)  # "a 12 pct stake": a share of the company
    if fig.kind == "money" and role.role == "change" and role.sign < 0 and fig.lex.has(metric, "names_fall"):
        return Role("level", 1, role.cue)
    return role


def signed(fig: Figure, role: Role, measure: Measure, table: TableRow | None) -> int:
    """The sign of the figure: a table column's, a change's direction, a balance's side (a
    change of a deficit or a loss in money moves the balance the other way)."""
    if table is not None and table.row is not None:
        return table.row.sign if fig.lex.has(measure.metric, "signed") else 1
    if measure.metric and fig.kind == "money" and fig.lex.has(measure.metric, "signed"):
        if role.role == "level":
            return balance_sign(fig, measure.cue)
        if role.role == "change" and balance_sign(fig, measure.cue) < 0:
            return -role.sign  # "the deficit increased by 2.1 billion": the balance fell 2.1 billion
    return role.sign


def timing_of(fig: Figure, role: Role, back: bool, table: TableRow | None,
              prior: Claim | None, metric: str | None = None) -> Timing:
    """Period and basis: a table column's, a compared figure's own, else its sentence's."""
    if table is not None:
        return Timing(table.period, None)
    timing = period_and_basis(fig, role.role, back, metric)
    if prior is not None:
        own = fig.index.date_after(fig.span)
        return Timing(compared_period(fig, prior, own), timing.basis)
    return timing


def values(span: Span, sign: int) -> tuple[float | None, float | None, float | None]:
    """value, low, high signed; a range's value is its midpoint."""
    value, low, high = span._.nk_value, span._.nk_low, span._.nk_high
    if value is None and low is not None and high is not None:
        value = (low + high) / 2
    if sign < 0 and not (value is not None and value < 0):  # "fell -2.1%" is already signed
        value = -value if value is not None else None
        low, high = (-high if high is not None else None), (-low if low is not None else None)
    return value, low, high


def build_claim(fig: Figure, role: Role, sign: int, measure: Measure, partners: Partners,
                timing: Timing, subject: Subject | None, table: TableRow | None) -> Claim:
    span, index = fig.span, fig.index
    value, low, high = values(span, sign)
    # A percentage is stated with its bound ("more than 90%"), a sum of money without
    # it ("over $1,854" is "$1,854"): the annotation convention of the gold claims.
    start = span.start_char
    if fig.kind == "percent" and span._.nk_qualifier_start is not None:
        start = span._.nk_qualifier_start
    source, via = source_of(fig, subject, table)
    return Claim(
        start=start, end=span.end_char, text=index.text[start:span.end_char], kind=fig.kind,
        value=value, unit=unit_of(fig), per=span._.nk_per, low=low, high=high, qualifier=qualifier_of(fig),
        role=role.role, metric=partners.metric,
        seasonally_adjusted=bool(partners.metric) and index.seasonally_adjusted(span, fig.clause),
        subject=subject.name if subject else None, subject_id=subject.key if subject else None,
        origin=partners.origin, destination=partners.destination, product=product_of(fig),
        # a level of a stock stands at a date; its change (a rise in money supply) is a flow
        period=as_of(timing.period) if role.role == "level" and fig.lex.has(partners.metric, "stock")
        else timing.period,
        basis=timing.basis, source=source, via=via,
        cue=role.cue or measure.cue, sentence=span.sent.text.strip(),
        article=span.doc._.nk_article, published=span.doc._.nk_published,
    )


def unit_of(fig: Figure) -> str | None:
    """The figure's unit; "dlrs" of a story whose dollar is not the US one is that dollar."""
    span = fig.span
    unit = span._.nk_unit
    if unit == "USD" and fig.story.dollar and not written_us(span.text):
        unit = fig.story.dollar  # "dlrs" of a Canadian company
        fig.guessed.add("unit")
    return unit


def source_of(fig: Figure, subject: Subject | None, table: TableRow | None) -> tuple[str | None, str | None]:
    """(source, via) of the figure: nk_sources', else, in a table or a results story, its
    company's (a results story is its company's own statement)."""
    source, via = fig.index.attribution(fig.span)
    headline = fig.story.headline
    results = headline is not None and headline.period is not None and bool(headline.name or headline.ticker)
    speaker = subject or (fig.story.known.get(fig.story.lead) if fig.story.lead else None)
    if (table is not None or results) and source is None and speaker is not None:
        source = speaker.name
    return source, via


def unsure_parts(fig: Figure, claim: Claim) -> list[str]:
    """The key parts of a claim that were guessed or could not be told."""
    parts = set(fig.guessed) | missing_parts(fig, claim)
    if "origin" in parts and fig.lex.scope(claim.metric) is None and one_country(fig):
        parts.discard("origin")  # the story names one country: a reader carries it
    if claim.origin and claim.destination and story_countries(fig) <= {claim.origin, claim.destination}:
        parts -= {"origin", "destination"}  # a story about two countries' trade: the pair carries
    if claim.period and "forecast" not in (claim.qualifier or "") and _after(claim):
        parts.add("vintage")  # a figure for a period not over yet, not said to be a forecast
    return [p for p in KEY_PARTS if p in parts]


def missing_parts(fig: Figure, claim: Claim) -> set[str]:
    """The key parts a claim needs and does not have."""
    needed = {"metric": claim.metric, "unit": claim.unit}
    if claim.role != "share":
        needed["period"] = claim.period
    if claim.role == "change":
        needed["basis"] = claim.basis
    if claim.metric is not None and fig.lex.scope(claim.metric) is None:
        needed["origin"] = claim.origin
    return {part for part, value in needed.items() if value is None}


def story_countries(fig: Figure) -> set[str]:
    """Every country the story names."""
    return {p.iso for group in fig.index.buckets["places"].values() for p in group if p.iso}


def one_country(fig: Figure) -> bool:
    return len(story_countries(fig)) <= 1


def _after(claim: Claim) -> bool:
    days = parse_period(claim.period)
    try:
        published = date.fromisoformat(str(claim.published)[:10]) if claim.published else None
    except ValueError:
        return False
    return days is not None and published is not None and days[1] > published.toordinal()


def remember(fig: Figure, claim: Claim, back: bool, prior: Claim | None) -> None:
    """Carry what a reader carries from this figure to the next ones."""
    story, lex = fig.story, fig.lex
    metric = claim.metric
    if claim.period and claim.role in ("level", "change") and not back and prior is None and not fig.earlier \
            and not fig.running:
        story.periods[claim.period] += 1  # a period stated, not one carried from the running one
    if claim.origin and claim.destination:
        story.pair = (claim.origin, claim.destination)
    if metric and metric.startswith("exports"):
        story.last_flow = (claim.origin, claim.destination)
    if claim.origin and lex.scope(metric) is None:
        story.country = claim.origin if lex.flow(metric) != "in" else (claim.destination or claim.origin)
    if metric and lex.has(metric, "signed") and lex.scope(metric) is None:
        story.balance = metric
    story.last = claim
    story.last_sentence = fig.sent.start
    if prior is None:
        story.anchor = claim
        if story.current:
            story.relations, story.current = story.current, []
