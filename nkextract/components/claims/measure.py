"""What a figure measures: its role and sign, metric, product and qualifier.

Small functions over a ``Figure`` (the span, the document's index and the story so far),
one decision each; the words they look for come from models/lexicons via ``ClaimLexicon``.
"""
from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from spacy.tokens import Span, Token

from ...claim import Claim
from ..clauses import governors, nearest, word_before
from .index import Match, joined_runs
from .lexicon import NOT_A_MEASURE, ClaimLexicon
from .story import Figure

_FIGURE_REFS = {"figure", "number", "amount", "total", "sum"}
_FORECAST_MODALS = {"will", "would", "could", "should", "might", "may"}
_LINKS = {"a", "an", "the", "of"}
_NOT_LISTED = {"to", "from", "than", "vs", "versus", "against", "compared", "or", "of", "after", "before"}


class Role(NamedTuple):
    """role ("level"/"change"/"share"), sign (+1/-1) and the word that decided it."""

    role: str
    sign: int
    cue: str | None


class Measure(NamedTuple):
    """The metric a figure measures and the words that named it."""

    metric: str | None
    cue: str | None


NO_MEASURE = Measure(None, None)


# -- role and sign -------------------------------------------------------------------
def direction(fig: Figure, word: Token) -> int:
    """+1 for a word of rising, -1 for one of falling, 0 otherwise."""
    key = {word.lower_, word.lemma_.lower()}
    if key & fig.lex.down:
        return -1
    if key & fig.lex.up:
        return 1
    return 0


def role_of(fig: Figure) -> Role:
    """Is the figure a level, a change or a share, and which way does a change go?"""
    span = fig.span
    before = word_before(span, fig.lex.skip)
    noun = change_noun_after(fig)
    if noun is not None:
        return Role("change", direction(fig, noun), noun.text)  # "a 19.7 pct January rise"
    companion = or_companion(fig, before) or list_companion(fig)
    if companion is not None:
        return companion
    if is_share(fig):
        return Role("share", 1, None)
    subject = revised_move(fig)
    if subject is not None:
        return Role("change", direction(fig, subject), subject.text)  # "March's gain was revised to 4.8 pct"
    if before is not None and before.lower_ in {"to", "at"}:
        return Role("level", 1, None)
    if before is not None and direction(fig, before) and not names_a_measure(fig, before):
        return Role("change", direction(fig, before), before.text)
    move = governing_move(fig)
    return Role("change", direction(fig, move), move.text) if move is not None else Role("level", 1, None)


def is_share(fig: Figure) -> bool:
    """Is a percentage a share: of something named after it, of the people asked, or the part
    of a group described?"""
    span = fig.span
    following = next_word(span.doc, span.end)
    after = span.doc[following] if following < len(span.doc) else None
    return span.label_ == "PERCENT" and (fig.index.share_near(span, fig.clause, after)
                                         or of_people_asked(span, fig.lex) or described_part(span))


def governing_move(fig: Figure) -> Token | None:
    """The move word that governs the figure as its object or its "by" ("rose 4.5 pct"), or,
    for a figure after "by" with none over it, the last move word before it in its sentence
    ("revenue is up at five casinos: Golden Nugget by 29 percent")."""
    span = fig.span
    root = span.root

    def moves(token: Token) -> bool:
        return bool(direction(fig, token)) and not names_a_measure(fig, token)
    if root.dep_ in {"dobj", "npadvmod", "advmod", "obj", "attr"} or root.head.lower_ == "by":
        for gov in governors(span, 2):
            if gov.pos_ in {"VERB", "NOUN"} and moves(gov):
                return gov
    if root.head.lower_ == "by":
        earlier = [t for t in span.doc[span.sent.start:span.start] if moves(t)]
        return earlier[-1] if earlier else None
    return None


def revised_move(fig: Figure) -> Token | None:
    """The change noun that is the subject of a revision the figure states ("March's gain was
    revised up to 4.8 percent from 3.5 percent"): the figure is the size of that move."""
    for gov in governors(fig.span, 2):
        if gov.pos_ in ("VERB", "AUX"):
            if gov.lower_ not in fig.lex.revised and gov.lemma_.lower() not in fig.lex.revised:
                return None
            subject = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.lemma_.lower() in fig.lex.change_nouns and direction(fig, subject):
                return subject
            return None
    return None


def of_people_asked(span: Span, lex: ClaimLexicon) -> bool:
    """Is the percentage the subject of a verb of opinion ("41 percent would choose Sanders",
    "Sixty-six percent said it made no difference"): a share of the people asked?"""
    root = span.root
    return root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_.lower() in lex.opinion_verbs


def described_part(span: Span) -> bool:
    """Is the percentage the subject of "be" and a plain adjective ("Seventy-eight percent
    were white", "54 percent of the electorate was 45 or older"): the part of a group so
    described, a share (not "15 pct were higher", a comparison)?"""
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return False
    return any(c.dep_ == "acomp" and c.tag_ == "JJ" for c in root.head.children)


def names_a_measure(fig: Figure, token: Token) -> bool:
    """Is the word a noun inside a measure's name ("ADVANCES TOTAL 4.8 BILLION": the
    advances, not a rise), or a verb of a measure that names what it does ("has raised 4.2 mln
    dlrs": money raised, not a rise)?"""
    noun = token.pos_ in ("NOUN", "PROPN") or token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr")
    return any(c.start <= token.i < c.end and (noun or fig.lex.has(c.label, "verb_names"))
               for c in measures(fig))


def role_as_compared(fig: Figure, role: Role, prior: Claim | None) -> Role:
    """A compared figure is of its anchor's kind: a percentage compared with a share is a
    share ("68.2 pct of the total compared with 71.3 pct"); a figure compared with a level,
    a change only through the verb that governs both, is a level ("dropped to 876 mln from
    1.70 billion a month earlier and 2.30 billion a year earlier")."""
    if prior is None:
        return role
    if prior.role == "share" and fig.kind == "percent" and role.role == "level":
        return Role("share", 1, role.cue)
    if prior.role == "level" and role.role == "change" and role.cue \
            and any(g.text == role.cue and g.pos_ == "VERB" for g in governors(fig.span, 3)):
        return Role("level", 1, None)
    return role


def change_noun_after(fig: Figure, reach: int = 3) -> Token | None:
    """The change noun the figure modifies: right after it ("a 0.6 pct rise") or after
    words that name its time or item ("a 19.7 pct January rise"), within its phrase; or a
    comparative before "than" ("4.0 billion stg lower than in 1985")."""
    doc, span = fig.span.doc, fig.span
    words = [t for t in doc[span.end:min(len(doc), span.end + 2 * reach)] if not t.is_space][:reach]
    for k, token in enumerate(words):  # a wrapped line is no break
        if token.lemma_.lower() in fig.lex.change_nouns and direction(fig, token):
            return token
        if words[k + 1:k + 2] and words[k + 1].lower_ == "than" and token.tag_ in ("JJR", "RBR") \
                and direction(fig, token):
            return token  # "was 4.0 billion stg lower than in 1985"
        if token.is_punct or token.pos_ in {"VERB", "AUX", "ADP", "CCONJ", "NUM"}:
            return None
    return None


def or_companion(fig: Figure, before: Token | None) -> Role | None:
    """The role of the figure it restates: "rose 4.77 billion dlrs, or 4.1 pct": a change
    in another unit is the same change."""
    last = fig.story.last
    if before is None or before.lower_ != "or" or last is None or last.role != "change":
        return None
    between = fig.index.text[last.end:fig.span.start_char]
    if between.replace(",", " ").split() != ["or"]:
        return None
    return Role("change", -1 if (last.value or 0) < 0 else 1, "or")


def list_companion(fig: Figure) -> Role | None:
    """A percentage listed after a change of its sentence, with no verb, number or comparison
    between ("fell by 17.7 pct at Taj Mahal, 5.5 pct at Bally's and 5.0 pct at Caesars"), is a
    change the same way."""
    last, span = fig.story.last, fig.span
    if last is None or last.role != "change" or last.kind != fig.kind or fig.kind != "percent" \
            or last.end < span.sent.start_char or last.end > span.start_char:
        return None
    between = fig.index.doc.char_span(last.end, span.start_char, alignment_mode="expand")
    if between is None or any(t.pos_ in ("VERB", "AUX") or t.lower_ in _NOT_LISTED
                              or (t.like_num and t.ent_type_ != "DATE") for t in between):
        return None
    return Role("change", -1 if (last.value or 0) < 0 else 1, "list")


def balance_sign(fig: Figure, metric_cue: str | None) -> int:
    """-1 when the nearest balance word is a deficit or loss, else +1."""
    span, lex = fig.span, fig.lex
    signed = lex.negative | lex.positive
    near = range(max(span.sent.start, span.start - 8), min(span.sent.end, span.end + 4))
    words = [Match(i, i + 1, span.doc[i].lower_, span.doc[i].text) for i in near
             if i in fig.clause and span.doc[i].lower_ in signed]
    found = nearest(span, words)
    word = found.label if found is not None else None
    if word is None and metric_cue:
        word = next((w for w in metric_cue.lower().split() if w in signed), None)
    return -1 if word in lex.negative else 1


# -- the metric ------------------------------------------------------------------------
def named_metric(fig: Figure, role: str) -> Measure:
    """The metric cue nearest the figure in its clause, else in its sentence. A per-share
    cue counts only for the figure it stands right after ("1.09 dlrs a share"), which takes
    the per-share metric of the item the sentence names (discontinued operations, net)."""
    cues = usable_cues(fig)
    early = respective(fig, cues) or share_of_what(fig, role, cues) or of_which(fig)
    if early is not None:
        return early
    found = naming_cue(fig, cues)
    if found is None:
        return people_asked(fig, role) if fig.kind == "percent" else quoted_price(fig, role)
    share = own_share_cue(fig, cues)
    if share is not None or (fig.lex.has(found.label, "per_share") and found.start >= fig.span.end):
        item = _per_share_item(fig, _items_of_share(fig, cues, share or found))
        if item is not None:
            return item
    return in_unit(fig, role, Measure(signed_item(fig, cues, found).label, found.text))


def share_of_what(fig: Figure, role: str, cues: list) -> Measure | None:
    """A share's measure: the first cue after it in its clause ("45 pct of the market")."""
    if role != "share":
        return None
    after = [c for c in fig.in_clause(cues) if c.start >= fig.span.end]
    if not after:
        return None
    first = min(after, key=lambda c: c.start)
    return in_unit(fig, role, Measure(first.label, first.text))


def of_which(fig: Figure) -> Measure | None:
    """"313 mln dlrs, 70 pct of which": a share of the figure before, of its measure."""
    span, last = fig.span, fig.story.last
    if fig.kind == "percent" and last is not None and last.metric \
            and [t.lower_ for t in span.doc[span.end:span.end + 2]] == ["of", "which"]:
        return Measure(last.metric, None)
    return None


def naming_cue(fig: Figure, cues: list):
    """The cue that names the figure: the noun it modifies, a cue right before it (a verb's
    only when it is no amount "of" a named thing: "bought 31 mln stg of bank bills" are the
    bills), right after it, what it is an amount of, else the nearest head of a phrase in its
    clause, then its sentence."""
    span = fig.span
    before = right_before(fig, cues)
    if before is not None and span.doc[before.end - 1].pos_ == "VERB":
        before = of_what(fig, cues) or before
    outer = heads_of_phrases(fig, cues)
    far = [c for c in outer if c.text.lower() not in fig.lex.near_only]
    return attached(fig, cues) or before or right_after(fig, cues) or of_what(fig, cues) \
        or nearest(span, fig.in_clause(outer)) or nearest(span, fig.in_sentence(far))


def people_asked(fig: Figure, role: str) -> Measure:
    """A share of the people asked ("Sixty-six percent said ...") that names no measure is
    of the metric of answers to a poll (metrics.json 'people_asked'); so is any percentage
    naming no measure in a story whose first sentence names a poll (a guess)."""
    metric = next((m for m, info in fig.lex.metric_info.items() if info.get("people_asked")), None)
    if metric is None or role == "change":
        return NO_MEASURE
    if role == "share" and of_people_asked(fig.span, fig.lex):
        return Measure(metric, None)
    if any(m.label == metric for m in fig.index.in_sentence_starting("metrics", 0)):
        fig.guessed.add("metric")  # "Trump received 37 percent" in a story headed "Poll: ..."
        return Measure(metric, None)
    return NO_MEASURE


def quoted_price(fig: Figure, role: str) -> Measure:
    """A move and a price in one phrase, "<move> at <price>" ("AT&T, which was down 3 cents
    at $34.68"), is a stock quote: the price and its move (metrics.json 'quoted')."""
    doc, span = fig.span.doc, fig.span
    money = [s for s in fig.index.figures_in_sentence(span) if s.label_ == "MONEY"]
    after = next((s for s in money if s.start == span.end + 1), None)
    before = next((s for s in money if s.end == span.start - 1), None)
    at_after = after is not None and doc[span.end].lower_ == "at" and role == "change"
    at_before = before is not None and doc[span.start - 1].lower_ == "at" and role == "level"
    if not (at_after or at_before):
        return NO_MEASURE
    metric = next((m for m, info in fig.lex.metric_info.items() if info.get("quoted")), None)
    return in_unit(fig, role, Measure(metric, None)) if metric else NO_MEASURE


def heads_of_phrases(fig: Figure, cues: list) -> list:
    """The cues that are not inside another cue's phrase: "gains from sale of investment"
    names gains, not investment; "a writedown of investment in X" a writedown. A bare loss
    or profit word heads no phrase ("losses from discontinued operations" are the item's)."""
    return [c for c in cues if not nested_in(fig, c, cues)]


def nested_in(fig: Figure, cue, cues: list) -> bool:
    """Is the cue the object of a preposition within another cue's phrase?"""
    doc, lex = fig.span.doc, fig.lex
    signs = lex.negative | lex.positive
    owners = {i: c for c in cues if c.text.lower() not in signs for i in range(c.start, c.end)}
    figures = fig.index.figures
    token = doc[cue.end - 1]
    while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in ("of", "from") \
            and token.head.head.i != token.head.i:
        token = token.head.head
        other = owners.get(token.i)
        if other is not None and other is not cue and token.pos_ in ("NOUN", "PROPN") \
                and not any(i in figures for i in range(other.end, cue.start)):
            return True  # a noun's phrase ("gains from sale of"), not a verb's ("sold bills at")
    return False  # nor one that states its own figure first ("profit of 48.6 mln on revenues of")


def attached(fig: Figure, cues: list):
    """The cue of the noun the figure modifies ("a 125 mln dlr writedown", "its 8.25 pct
    senior notes")."""
    root = fig.span.root
    if root.dep_ not in ("nummod", "compound", "amod", "quantmod", "nmod") or root.head.pos_ not in ("NOUN", "PROPN"):
        return None
    head = root.head.i
    return next((c for c in cues if c.start <= head < c.end and not fig.lex.has(c.label, "per_share")), None)


def of_what(fig: Figure, cues: list):
    """For an amount, the cue of what it is an amount of ("15 billion dlrs of bank and trade
    credit lines", "30 mln dlrs of its senior notes")."""
    doc, span = fig.span.doc, fig.span
    after = next_word(doc, span.end)
    if fig.kind != "money" or after >= len(doc) or doc[after].lower_ != "of":
        return None
    objects = [c for c in doc[after].children if c.dep_ == "pobj"]
    if not objects:
        return None
    head = objects[0]  # the noun and its modifiers, not the phrases after it ("costs from sale of")
    inside = range(head.left_edge.i, head.i + 1)
    return nearest(span, [c for c in measures(fig) if c.start in inside and not fig.lex.has(c.label, "per_share")])


def next_word(doc, i: int) -> int:
    """The index of the first token from i on that is not whitespace (a hard-wrapped line's
    break is no word): len(doc) when none is left."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def last_word_before(doc, i: int) -> int:
    """The index of the last token before i that is not whitespace (-1 when none)."""
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def about_a_company(story) -> bool:
    """Does the story's headline name a company (by name or ticker)?"""
    headline = story.headline
    return story.lead is not None or bool(headline is not None and headline.ticker)


def right_before(fig: Figure, cues: list):
    """The cue that names the figure right before it, nothing but an article or "of"
    between ("and imports 12.9 billion", "the trade account a 3.1 billion surplus"),
    whatever clause the parser put it in."""
    doc, span = fig.span.doc, fig.span
    for cue in cues:
        between = [t for t in doc[cue.end:span.start] if not t.is_space]
        if cue.end <= span.start and all(t.lower_ in _LINKS for t in between) \
                and not fig.lex.has(cue.label, "per_share") \
                and not (between and nested_in(fig, cue, cues)):  # "gains from sale of investment of"
            return cue
    return None


def right_after(fig: Figure, cues: list):
    """The noun cue the figure stands right before, as its modifier, with nothing but a line
    break or its per-share restatement between ("a 125 mln dlr or 1.90 dlr shr\nwritedown",
    "731,000 dlrs\nloss"), whatever the parser made of the wrapped line."""
    doc, span = fig.span.doc, fig.span
    after = next_word(doc, span.end)
    if after < len(doc) and doc[after].lower_ == "or":
        partner = next((s for s in fig.index.figures_in_sentence(span) if s.start == next_word(doc, after + 1)), None)
        share = own_share_cue(replace(fig, span=partner), measures(fig)) if partner is not None else None
        after = next_word(doc, share.end) if share is not None else after
    return next((c for c in cues if c.start == after and doc[c.end - 1].pos_ not in ("VERB", "AUX")
                 and not fig.lex.has(c.label, "per_share")), None)


def own_share_cue(fig: Figure, cues: list):
    """The per-share cue right after the figure ("34 dlrs a share"), the figure's own."""
    start = next_word(fig.span.doc, fig.span.end)
    return next((c for c in cues if c.start == start and fig.lex.has(c.label, "per_share")), None)


def signed_item(fig: Figure, cues: list, found):
    """A bare loss or profit word next to the figure ("vs loss 185,000 dlrs", "731,000 dlrs
    loss") is the sign of the item the sentence named before it ("losses from discontinued
    operations of ..."), not net income: that item's cue, else the word's own."""
    lex, span = fig.lex, fig.span
    word = found.text.lower()
    doc = span.doc
    if word not in lex.negative | lex.positive or not (last_word_before(doc, span.start) == found.end - 1
                                                          or found.start == next_word(doc, span.end)):
        return found
    items = [c for c in fig.in_sentence(cues) if c.end <= span.start and c.label != found.label
             and lex.has(c.label, "signed") and lex.scope(c.label) == lex.scope(found.label)
             and not lex.has(c.label, "per_share") and c.text.lower() not in lex.negative | lex.positive]
    return nearest(span, items) or found


def in_unit(fig: Figure, role: str, measure: Measure) -> Measure:
    """The metric of the figure's unit that its cue names: a percentage (not a change) of a
    bond is its coupon, of a purchase a stake; an amount named by a stake is the deal's value;
    a change of a metric with a change metric is that (a share price's move).
    In a story whose headline names a company, a cue's company metric (loans, not aid);
    in any other, its country metric (foreign debt)."""
    info = fig.lex.metric_info.get(measure.metric or "", {})
    if role == "change" and info.get("change_metric"):  # a share price's move is a statistic of its own
        return Measure(info["change_metric"], measure.cue)
    key = "percent_metric" if fig.kind == "percent" and role != "change" else \
        "money_metric" if fig.kind == "money" else None
    other = info.get(key) if key else None
    if other is None:  # a bank's loans to a country, not aid; a country's debt, its foreign debt
        last = fig.story.last.metric if fig.story.last is not None else None
        company, country = info.get("company_metric"), info.get("country_metric")
        other = company if about_a_company(fig.story) or (company and last == company) else country
        if other is None and last is not None and last in (company, country):
            other = last  # the form the story speaks of ("commercial and industrial loans ... loans")
    return Measure(other, measure.cue) if other else measure


def measures(fig: Figure, sent_start: int | None = None) -> list:
    """The metric cues of the figure's sentence (or of the sentence starting at sent_start),
    without the phrases that name no measure."""
    found = fig.index.of("metrics", fig.span) if sent_start is None \
        else fig.index.in_sentence_starting("metrics", sent_start)
    return [c for c in found if c.label != NOT_A_MEASURE]


def usable_cues(fig: Figure) -> list:
    """The metric cues of the figure's sentence that can name its measure: not inside the
    figure, not another figure's per-share cue, not in a clause of their own, not a basis,
    not a cue of a metric of another kind of figure (money raised, not a percentage)."""
    span, lex = fig.span, fig.lex
    doc = span.doc
    return [c for c in measures(fig)
            if not (c.start < span.end and span.start < c.end)
            and lex.metric_info.get(c.label, {}).get("kind", fig.kind) == fig.kind
            and not (lex.has(c.label, "noun") and doc[c.end - 1].pos_ in ("VERB", "AUX"))
            and not (lex.has(c.label, "per_share") and owned_by_other(fig, c))
            and not in_other_clause(fig, c) and not names_a_basis(fig, c) and not divides(fig, c)
            and not after_base_phrase(fig, c) and not modifies_other_noun(fig, c)
            and not across_paragraphs(fig, c)]


def across_paragraphs(fig: Figure, cue) -> bool:
    """Does a new paragraph or table row stand between the cue and the figure after it (the parser ran
    "Total assets 7.7 billion vs 6.4 billion\n    Notes - The company is 100 pct owned by
    ..." into one sentence)?"""
    doc, span = fig.span.doc, fig.span
    return cue.end <= span.start and any(t.is_space and _new_line(t.text_with_ws) for t in doc[cue.end:span.start])


def modifies_other_noun(fig: Figure, cue) -> bool:
    """Is a cue that names no measure as an adjective (metrics.json 'not_as_adjective') an
    adjective of another noun, which names the measure ("net borrowings", "net inflow": not
    net income)?"""
    token = fig.span.doc[cue.start]
    head = token.head
    return cue.text.lower() in fig.lex.not_as_adjective and token.dep_ == "amod" and head.pos_ == "NOUN" \
        and head.i > token.i and not any(c.start <= head.i < c.end for c in fig.index.of("metrics", token))


def after_base_phrase(fig: Figure, cue) -> bool:
    """Is the cue what a payment is reckoned from ("a bonus pool of 5 mln dlrs based on
    pretax earnings", "tied to profits"), not what the figure measures?"""
    span = fig.span
    if cue.start < span.end:
        return False
    window = f" {' '.join(t.lower_ for t in span.doc[max(span.end, cue.start - 5):cue.start] if not t.is_space)} "
    return any(f" {p} " in window for p in fig.lex.base_phrases)


def divides(fig: Figure, cue) -> bool:
    """Is the cue the measure a percentage is taken of, not the one it measures ("a budget
    deficit of seven pct of GNP": the deficit's)? Only for metrics that are such bases."""
    span = fig.span
    between = [t.lower_ for t in span.doc[span.end:cue.start] if not t.is_space]
    return fig.kind == "percent" and fig.lex.has(cue.label, "ratio_base") and between == ["of"]


def _items_of_share(fig: Figure, cues: list, share) -> list:
    """The cues that can name what a per-share figure is of: right after its share cue ("100
    dlrs a share cash tender offer": the offer's; "1.90 dlr shr\nwritedown"), else before the
    figure."""
    doc = fig.span.doc
    following = next_word(doc, share.end)
    if any(t.is_space and _new_line(t.text_with_ws) for t in doc[share.end:following]) \
            or (following < len(doc) and (doc[following].is_punct or doc[following].pos_ == "ADP")):
        following = -9  # a new row or paragraph, a parenthesis, "on sales of": not the share's item
    after = [c for c in fig.in_sentence(cues) if following <= c.start <= following + 1
             and not fig.lex.has(c.label, "per_share")]
    return after or [c for c in fig.in_sentence(cues) if c.end <= fig.span.start]


def respective(fig: Figure, cues: list) -> Measure | None:
    """A list of figures set against a list of as many measures, in order ("levels of M-2
    and M-3 left the aggregates 18.2 and 20.8 billion dlrs under their respective limits")."""
    members = fig.index.listed_with(fig.span)
    if not members:
        return None
    runs = joined_runs(fig.span.doc, sorted(fig.in_sentence(cues), key=lambda c: c.start))
    run = next((r for r in runs if len(r) == len(members) and len({c.label for c in r}) == len(r)), None)
    if run is None:
        return None
    found = run[[m.start for m in members].index(fig.span.start)]
    return Measure(found.label, found.text)


def _per_share_item(fig: Figure, before: list) -> Measure | None:
    """The measure of a figure followed by "a share": the per-share item named before it
    ("its quarterly dividend to 28 cts a share") or right after the share ("100 dlrs a share
    tender offer"), or the per-share form of that item ("discontinued operations of 65.0 mln
    dlrs, or 1.09 dlrs a share"; "offered to buy Caesars for 28 dlrs a share": the offer
    price)."""
    info = fig.lex.metric_info
    item = nearest(fig.span, before)
    if item is None:
        return None
    if info[item.label].get("per_share"):
        return Measure(item.label, item.text)
    variant = info[item.label].get("per_share_metric")
    return Measure(variant, item.text) if variant else None


def names_a_basis(fig: Figure, cue) -> bool:
    """Is the cue the name of how another measure is counted ("a trade deficit on a
    balance of payments basis")?"""
    doc = fig.span.doc
    return cue.end < len(doc) and doc[cue.end].lower_ == "basis"


def in_other_clause(fig: Figure, cue) -> bool:
    """Is the cue in a clause of its own that does not hold the figure: after an "and"
    that follows the figure, or a verb of a subordinate clause ("Backlog, which includes
    orders to be shipped within 12 mths, was 63.0 mln dlrs")?"""
    doc, span = fig.span.doc, fig.span
    figures = fig.index.figures
    between = doc[span.end:cue.start]
    if cue.start >= span.end and not any(t.is_space and _new_line(t.text_with_ws) for t in between) \
            and any((t.pos_ == "CCONJ" or t.text == ";") and t.i + 1 not in figures for t in between):
        return True  # "... to 5.50 billion dlrs and CIF imports rose ...": the next item's
    token = doc[cue.start]
    if cue.start >= span.end and any(a.dep_ in ("advcl", "relcl", "pcomp") and a.pos_ in ("VERB", "AUX")
                                     and not a.i <= span.start <= a.right_edge.i and a.left_edge.i >= span.end
                                     for a in token.ancestors):
        return True  # "... at around 10 billion yen, if the yen/dollar rate remains ..."
    if token.pos_ != "VERB" or token.dep_ not in {"acl", "relcl", "advcl", "xcomp", "ccomp"}:
        return False
    if span.start <= token.head.i < span.end:
        return False  # the figure's own modifier ("51 pct owned by the state")
    inside = {t.i for t in token.subtree}
    return span.start not in inside


def owned_by_other(fig: Figure, cue) -> bool:
    """Is a per-share cue the one of another figure ("one cent a share, vs 2.4 mln dlrs"),
    or too far after this one?"""
    span = fig.span
    if cue.start >= span.end:
        return cue.start > span.end + 2
    figures = fig.index.figures
    return any(i in figures for i in range(cue.start - 2, cue.start)) or \
        any(i in figures for i in range(cue.end, span.start))


def refers_back(span: Span) -> bool:
    """Does the figure's sentence point back at an earlier figure ("That figure fell ...")?"""
    for token in span.sent:
        if token.lower_ in _FIGURE_REFS and token.i < span.start:
            if any(c.lower_ in {"this", "that", "the"} and c.dep_ == "det" for c in token.children):
                return True
    return False


def carried_metric(fig: Figure) -> str | None:
    """The measure of the story's last figure, for a figure whose own sentence names none
    ("Growth was 2.5 pct last year. This year it will be under two pct"), as long as no
    sentence in between names another measure. Carried further than the sentence before,
    it is a guess."""
    last, story = fig.story.last, fig.story
    if last is None or last.metric is None:
        return None
    moved = fig.lex.metric_info.get(last.metric, {}).get("change_metric")
    if last.kind != fig.kind and not (moved and fig.kind == "percent"):
        return None
    buckets = fig.index.buckets["metrics"]
    named = {m.label for s in buckets if story.last_sentence < s < fig.sent.start for m in measures(fig, s)}
    if named - {last.metric}:
        return None  # a new measure was named in between (the same one named again carries)
    if fig.index.sentences_between(story.last_sentence, fig.sent.start) > 1:
        fig.guessed.add("metric")
    fig.carried = True
    return moved if moved and last.kind != fig.kind else last.metric  # a price's percentage is its move


def compared(fig: Figure) -> Claim | None:
    """The figure a compared figure is set against ("Shr 34 cts vs 1.19 dlrs", "rose to
    3.58 billion dlrs from 1.94 billion", "from 716 mln in January and 76 mln in February
    1986", "compared with a deficit of 98 mln"): the sentence's first, uncompared figure."""
    story, span = fig.story, fig.span
    anchor = story.anchor
    if anchor is None or anchor.sentence != span.sent.text.strip() or anchor.kind != fig.kind:
        return None
    if "\n " in fig.index.text[anchor.end:span.start_char] and not _table_row(fig):
        return None  # a new paragraph the parser ran into the anchor's sentence
    doc = span.doc
    after_last = doc.char_span(story.last.end, story.last.end, alignment_mode="expand")
    first = max(span.sent.start, span.start - 6, after_last.start if after_last is not None else 0)
    between = list(doc[first:span.start])
    row = _after_last(between, _new_line)      # a new table row starts a new comparison
    joined = f" {' '.join(t.lower_ for t in row if not t.is_space)} "
    if any(f" {w} " in joined for w in fig.lex.comparison):
        return None if other_measure_after(fig, row, anchor) else anchor
    new_measure = any(first <= m.start < span.start for m in measures(fig))
    if {t.lower_ for t in row} & {"and", ","} and story.last is not anchor and not new_measure:
        return anchor  # the next item of a list ("from 716 mln in January and 76 mln ...")
    return None


def other_measure_after(fig: Figure, row: list, anchor: Claim) -> bool:
    """Does another measure's name stand between the comparison word and the figure
    ("losses from discontinued operations of 190,000 dlrs": "from" compares nothing)? A loss
    or profit word is a sign ("vs loss 185,000")."""
    ends = {w.split()[-1] for w in fig.lex.comparison}
    last = max((t.i for t in row if t.lower_ in ends), default=None)
    signs = fig.lex.negative | fig.lex.positive
    info = fig.lex.metric_info
    same = {anchor.metric} | {m for m, v in info.items() if v.get("per_share_metric") == anchor.metric}
    return last is not None and any(last < c.start < fig.span.start and c.label not in same
                                    and c.text.lower() not in signs for c in measures(fig))


def _table_row(fig: Figure) -> bool:
    """Does the figure's line read as a table row (its comparison is within the row)?"""
    _, line = fig.index.line_of(fig.span)
    return " vs " in f" {line.lower()} "


def _after_last(tokens: list, breaks) -> list:
    """The tokens after the last whitespace token whose text satisfies breaks."""
    cut = [k for k, t in enumerate(tokens) if t.is_space and breaks(t.text_with_ws)]
    return tokens[cut[-1] + 1:] if cut else tokens


def _new_line(space: str) -> bool:
    """A line break that opens a new row or paragraph (indented, or a blank line), not the
    wrap of a hard-wrapped sentence."""
    return "\n\n" in space or "\n " in space or "\n\t" in space


# -- product and qualifier -----------------------------------------------------------------
def product_of(fig: Figure) -> str | None:
    """The goods or segment a figure is about ("$X of coffee", "soap at $19")."""
    span, index = fig.span, fig.index
    doc, root = span.doc, span.root
    after = doc[span.end] if span.end < len(doc) else None
    if span.label_ == "MONEY" and after is not None and after.lower_ == "of":
        for obj in after.children:
            if obj.dep_ == "pobj":
                return index.goods(obj)
    if root.head.lower_ == "at" and root.head.head.pos_ in {"NOUN", "PROPN"}:
        return index.goods(root.head.head)
    products = index.of("products", span)
    found = nearest(span, fig.in_clause(products)) or nearest(
        span, [p for p in fig.in_sentence(products) if p.start < span.start])
    return found.label if found is not None else None


def qualifier_of(fig: Figure) -> str | None:
    """The figure's bound words (from nk_quantities) and its vintage: forecast,
    provisional, revised, from the words of its clause."""
    span, lex = fig.span, fig.lex
    parts = [q for q in (span._.nk_qualifier or "").split("+") if q]
    words = [span.doc[i] for i in sorted(fig.clause)]
    lowers = {t.lower_ for t in words}
    if forecast_words(fig, words):
        parts.append("forecast")
    if lowers & lex.provisional:
        parts.append("provisional")
    if {t.lower_ for t in words if t.i < span.start} & lex.revised:
        parts.append("revised")  # "revised down to 1.9 billion"; not "2.6 billion against a revised 2.9"
    return "+".join(dict.fromkeys(parts)) or None


def forecast_governs(fig: Figure) -> bool:
    """Is the figure's clause what a verb of forecasting governs in the passive ("the jobless
    rate is seen rising to 9.5 pct", "sales are expected to reach 5 mln dlrs"), or what a
    verb says whose subject is a forecast ("the average forecast called for a rise of 1.5
    billion dlrs", "analysts' forecasts averaged 2.1 billion")?"""
    lex = fig.lex
    verbs = [a for a in fig.span.root.ancestors if a.pos_ in ("VERB", "AUX")]
    return any((a.lower_ in lex.forecast and any(c.dep_ == "auxpass" for c in a.children))
               or any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in lex.forecast_nouns for c in a.children)
               for a in verbs)


def forecast_words(fig: Figure, words: list[Token]) -> bool:
    """A modal, a forecasting verb, or a forecast noun governing the figure
    ("a target of 2.5 pct", "analysts' estimates of 1.2 billion")."""
    lex, span = fig.lex, fig.span
    if span.root.dep_ == "pobj" and span.root.head.lower_ in lex.basis_preps:
        return False  # the figure a forecast is set against: "to 2.1 pct next year from 3.4 pct"
    if any(t.tag_ == "MD" and t.lower_ in _FORECAST_MODALS for t in words) or forecast_governs(fig):
        return True
    if any(t.pos_ == "ADJ" and t.lower_ in lex.forecast_adjectives and t.i < span.start for t in words) \
            or any(g.lower_ in lex.forecast_adjectives for g in span.root.ancestors):
        return True  # "is likely to be between 0.5 and 1.5 pct"
    figures = fig.index.figures

    def after_another(i: int) -> bool:
        return any(j in figures and not span.start <= j < span.end for j in (i - 1, i - 2))
    if any(t.lemma_.lower() in lex.forecast and t.pos_ == "VERB" and t.i != span.start - 1
           and not after_another(t.i) for t in words):  # not "a 0.3 pct expected rise"'s
        return True
    return any(g.lower_ in lex.forecast_nouns for g in governors(span, 3))
