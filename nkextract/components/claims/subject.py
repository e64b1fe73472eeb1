"""Whose figure a claim is: the company, organisation, index or market (``subject``).

Read the way a wire reader reads it: the company a results headline names; an
organisation named as the owner of the figure ("Microsoft's revenue") or as the subject
of its clause ("Acme said its net profit ..."); the story's company again when the
sentence points back at it ("the company", "the group", "its") or names it by a short
name. A figure with no such cue keeps the story's company only as a guess (``unsure``),
and two companies in one sentence with nothing to choose between them give no subject.
A central bank or statistics office is a source, never a subject; a country's statistic
has no subject (its origin says whose it is).
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .company_names import (NAME_ENTS as _NAME_ENTS, full_name, is_source_body, is_suffix, joins_name,
                            lead_company, named_companies, proper_run_from, subject_key, suffixed_entity, ticker_after)
from .lexicon import ClaimLexicon
from .markets import index_subject
from .people import person_subject
from .regions import region_subject
from .story import Figure, Story, Subject

__all__ = ["full_name", "is_source_body", "known_subject", "lead_company", "subject_key",
           "subject_of", "ticker_after"]


def known_subject(story: Story, name: str, lex: ClaimLexicon, ticker: str | None = None) -> Subject:
    """The story's subject for a name: the same company when the key or a short name
    matches one named before ("Oak" for "Oak Industries Inc", "H.J. Heinz Co" for the
    headline's "Heinz"), else a new one."""
    name = " ".join(name.split()).strip("<> ") or name  # "<Acme Ltd>" named without a ticker
    key = subject_key(name, lex)
    if ticker:
        story.known[key] = Subject(name, ticker)
        return story.known[key]
    if key in story.known:
        return story.known[key]
    for other, subject in story.known.items():
        if short_name_of(key, other) or key.endswith(" " + other) or acronym_of(key, other):  # "H.J. Heinz" for "Heinz"
            return subject
    story.known[key] = Subject(name, key)
    return story.known[key]


def candidates(fig: Figure) -> list[Span]:
    """The organisations of the figure's sentence that can own a figure."""
    span = fig.span
    figures = fig.index.figures
    headline_end = fig.index.headline_end
    found = [e for e in span.sent.ents if _organisation(e, fig.lex)
             and e.text[:1].isupper()
             and e.start_char > headline_end  # the tagger reads capitals as names
             and not any(i in figures for i in range(e.start, e.end))
             and not is_source_body(e.text, fig.lex) and subject_key(e.text, fig.lex)
             and company_like(fig, e)]
    lead = _lead_mention(fig)
    if lead is not None and not any(e.start <= lead.start < e.end for e in found):
        found = sorted(found + [lead], key=lambda e: e.start)
    return found


def _organisation(ent: Span, lex: ClaimLexicon) -> bool:
    """Is an entity an organisation's name: tagged so, ending in a corporate suffix, or
    whatever the tagger made of it, named with its shares or beside a company noun
    ("shares of Madison Square Garden", "Lepu Medical, a medical equipment maker")?"""
    if ent.label_ in _NAME_ENTS or suffixed_entity(ent, lex):
        return True
    return ent.label_ in _ANY_NAME and (listed(ent, lex) or described(ent, lex))


def _lead_mention(fig: Figure) -> Span | None:
    """The story's company where its sentence names it but the tagger found no name
    ("Norsk Hydro A/S <NHY.O> is issuing ..., said Hambros Bank Ltd")."""
    story, sent = fig.story, fig.span.sent
    subject = story.known.get(story.lead) if story.lead else None
    if subject is None or not subject.name:
        return None
    first = subject.name.split()[0]
    at = sent.text.find(first)
    if len(first) < 3 or at < 0 or sent.start_char + at <= fig.index.headline_end:
        return None
    token = fig.span.doc.char_span(sent.start_char + at, sent.start_char + at + len(first),
                                   alignment_mode="expand")
    return proper_run_from(token[0]) if token is not None and token[0].pos_ == "PROPN" else None


def company_like(fig: Figure, ent: Span) -> bool:
    """Is an ORG entity surely a company: a ticker follows it, it ends in a corporate
    suffix, it is (a short name of) a company the story named before, or its words make
    it one ("Amylin shares", "Lepu Medical, a medical equipment maker")?"""
    lex = fig.lex
    if ticker_after(fig.index.text, ent.end_char):
        return True
    words = ent.text.lower().replace(".", "").split()
    if words and words[-1] in lex.subjects["corporate_suffixes"]:
        return True
    key = subject_key(ent.text, lex)
    if any(k == key or k.startswith(key + " ") or acronym_of(key, k) for k in fig.story.known):
        return True
    return listed(ent, lex) or described(ent, lex) or named_before(fig, ent) is not None


def listed(ent: Span, lex: ClaimLexicon) -> bool:
    """Is the name a listed company's: it names shares or stock ("Amylin shares",
    "shares of Madison Square Garden"; "Trump's shares" are a holder's)?"""
    shares = set(lex.subjects.get("share_nouns", ()))
    root = ent.root
    if root.dep_ in {"compound", "nmod"} and root.head.lower_ in shares:
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in shares


def described(ent: Span, lex: ClaimLexicon) -> bool:
    """Is the name set beside a company noun ("Lepu Medical, a medical equipment maker")?"""
    nouns = set(lex.subjects.get("company_nouns", ()))
    return any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in ent.root.children)


def named_before(fig: Figure, ent: Span) -> Span | None:
    """The fuller name the story gave a company before, with its ticker or corporate
    suffix, of which a name is the initials ("General Motors Co GM.UL" for "GM")."""
    key = subject_key(ent.text, fig.lex)
    if not key or " " in key or not ent.text.isupper():
        return None  # initials are written in capitals
    return next((other for other in named_companies(fig.span.doc, -1, fig.lex)
                 if other.end <= ent.start and acronym_of(key, subject_key(other.text, fig.lex))), None)


def acronym_of(key: str, other: str) -> bool:
    """Is a one-word key the initials of a longer name ("gm" of "general motors")?"""
    words = other.split()
    return " " not in key and len(key) >= 2 and len(words) >= 2 and "".join(w[0] for w in words) == key


def owner_entity(fig: Figure, ents: list[Span]) -> Span | None:
    """The organisation that owns the figure: a possessive in its clause ("Acme's net
    profit"), else the subject of its clause or of the verb that reports it."""
    possessive = [e for e in ents if e.start in fig.clause and
                  any(t.dep_ == "poss" or t.tag_ == "POS" or (t.i + 1 < len(t.doc) and t.doc[t.i + 1].tag_ == "POS")
                      for t in e)]
    if possessive:
        return possessive[-1]
    heads = [fig.span.root] + [t for t in fig.span.root.ancestors][:4]
    subjects = [e for e in ents if (t := _phrase_head(e)).dep_ in {"nsubj", "nsubjpass"} and t.head in heads]
    # the subject of the nearest verb over the figure ("..., while Keystone Inc shares slid 2 percent")
    return min(subjects, key=lambda e: heads.index(_phrase_head(e).head)) if subjects else None


def described_owner(fig: Figure) -> bool:
    """Is the subject of the figure's clause, or of the verb that reports it, a definite
    description of a company ("The telecommunications carrier, which has agreed to be
    bought by AT&T Inc., said profit ... rose 26 percent", "the largest U.S. chemical maker
    said")? It speaks of the company the story last named."""
    nouns = set(fig.lex.subjects.get("company_nouns", ()))
    heads = list(fig.span.root.ancestors)[:4]
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in nouns and _definite(c)
               for head in heads for c in head.children)


def _definite(noun: Token) -> bool:
    """A noun with "the" and no name before it but a place's ("the Midland, Michigan-based company")."""
    lefts = list(noun.subtree)[:noun.i - noun.left_edge.i]
    return any(t.dep_ == "det" and t.lower_ == "the" for t in noun.children) and not any(
        t.pos_ == "PROPN" and t.ent_type_ not in {"GPE", "LOC", "NORP"} for t in lefts)


def _phrase_head(ent: Span):
    """The token that carries the entity's role in its clause: "Acme Corp <ACM>" is parsed
    as a compound of the ticker, whose own arc says it is the subject; "shares of Acme
    Corp" are the company's shares, whose arc says so."""
    token = ent.root
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in {"shares", "stock"}:
            token = token.head.head  # "Shares of Granite Telecom Corp rose 4.1 percent"
            continue
        if token.dep_ not in {"compound", "appos", "punct", "nmod"} or token.head is token:
            break
        token = token.head
    return token


def named_subject(fig: Figure) -> Subject | None | bool:
    """The subject the figure's sentence names; False when it names two with no way to
    choose; None when it names none."""
    ents = [e for e in candidates(fig) if not _counterparty(e, fig.lex)]
    if not ents:
        return None
    owner = owner_entity(fig, ents)
    # a company named in an adverbial clause the figure is not in ("GM is expected to post a 10
    # percent increase, while Ford Motor Co is seen ...") is no rival to the owner
    keys = {subject_key(e.text, fig.lex) for e in ents if owner is None or not _aside(fig, e)}
    if len(keys) > 1 and not (owner is not None and _decisive(fig, owner)):
        lead = [e for e in ents if _is_lead(fig.story, subject_key(e.text, fig.lex))]
        if len(lead) == 1:  # "... Xerox Credit Corp notes ..., Salomon Brothers Inc said"
            fig.guessed.add("subject")
            return entity_subject(fig, lead[0])
        if owner is None and fig.story.subject is not None and described_owner(fig):
            return fig.story.subject  # "the carrier, to be bought by AT&T Inc., said profit rose ..."
        return False  # two companies and no possessive to choose between them
    return entity_subject(fig, owner or ents[0])


def _decisive(fig: Figure, owner: Span) -> bool:
    """Does the owner win over the other companies of the sentence: a possessive ("Acme's
    net profit"), the company of the shares that move ("Shares of Acme Corp rose 4.1
    percent, while Keystone Inc shares slid"), the subject of the very verb of the figure
    ("..., and Broadcom Corp, a maker of chips, fell 2.1 percent")?"""
    doc, head = owner.doc, _phrase_head(owner)
    if owner.end < len(doc) and doc[owner.end].tag_ == "POS":
        return True
    if head.lower_ in fig.lex.subjects.get("share_nouns", ()):
        return True
    verb = fig.span.root.head
    return head.head == verb and verb.pos_ == "VERB"


def _aside(fig: Figure, ent: Span) -> bool:
    """Is the entity inside an adverbial clause that does not hold the figure?"""
    over = set(fig.span.root.ancestors)
    return any(a.dep_ == "advcl" and a not in over for a in ent.root.ancestors)


def _counterparty(ent: Span, lex: ClaimLexicon) -> bool:
    """Is a company named only as the other side of a deal ("bought the park for 113.2 mln
    dlrs from Marriott Corp", "sold to X")? It owns no figure of the sentence."""
    head = _phrase_head(ent)
    return head.dep_ == "pobj" and head.head.lower_ in lex.subjects.get("counterparty_preps", ())


def short_name_of(key: str, other: str) -> bool:
    """Are two keys one company's, one the other or a short name of it ("oak" and "oak
    industries")?"""
    return key == other or other.startswith(key + " ") or key.startswith(other + " ")


def _is_lead(story: Story, key: str) -> bool:
    """Is the name (a key) the company the story's headline names?"""
    return story.lead is not None and short_name_of(key, story.lead)


def in_headline(fig: Figure) -> bool:
    """Is the figure in the story's capitalised first line?"""
    return fig.span.end_char <= fig.index.headline_end


def entity_subject(fig: Figure, ent: Span) -> Subject:
    """The story's subject for a named entity, with the ticker that follows it if any; a
    short name the story gave in full before is the full name's ("AT&T" for "AT&T Inc.")."""
    ticker = ticker_after(fig.index.text, ent.end_char)
    key = subject_key(ent.text, fig.lex)
    if ticker is None and not any(short_name_of(key, k) or acronym_of(key, k) for k in fig.story.known):
        ent = named_before(fig, ent) or ent
        ticker = ticker_after(fig.index.text, ent.end_char)
    return known_subject(fig.story, " ".join(ent.text.split()), fig.lex, ticker)


def unit_word(fig: Figure) -> Token | None:
    """The unit word before the figure in its clause ("its principal subsidiary, Pan
    American World Airways, had a net loss of ..."): the figure is the unit's."""
    units = set(fig.lex.subjects["unit_words"]) - {"parent"}
    return next((fig.span.doc[i] for i in sorted(fig.clause)
                 if i < fig.span.start and fig.span.doc[i].lower_ in units), None)


def unit_subject(fig: Figure, unit: Token) -> Subject | None:
    """The unit's own name when the text gives it beside the unit word (an apposition:
    "its subsidiary, Pan American World Airways,"), as a subject of its own."""
    named = [c for c in unit.children if c.dep_ == "appos" and c.ent_type_ in _NAME_ENTS]
    if not named:
        return None
    ent = next((e for e in fig.span.doc.ents if e.start <= named[0].i < e.end), None)
    return entity_subject(fig, ent) if ent is not None else None


def company_possessive(fig: Figure) -> bool:
    """Does the figure's clause make it the story company's by a possessive that points
    back at it ("Overseas production will account for 35 pct of its total production")
    with no country named before it to bind to instead ("Brazil said its debt ...")?"""
    if fig.story.subject is None:
        return False
    owners = [m for m in fig.index.of("anaphors", fig.span)
              if m.text.lower() == "its" or m.text.lower().endswith("'s")]
    owners = [m for m in owners if m.start in fig.clause]
    places = fig.index.places_in(fig.span, None)
    return any(not any(p.start < m.start for p in places) for m in owners)


def points_back(fig: Figure) -> bool:
    """Does the figure's sentence point back at the story's company ("the company", "its")?"""
    return any(m.start < fig.span.start for m in fig.index.of("anaphors", fig.span))


def target_of(fig: Figure, metric: str | None) -> Span | None:
    """The takeover target of a stake, price or deal figure: the company named right after
    it ("16 pct of <Nippon Lace Co Ltd>", "34 dlrs a share for Harper and Row"), else the
    one a figure listed before it named ("... of <Nippon Lace Co Ltd> for 3.28 dlrs a
    share, or 16.5 mln dlrs"), else what the deal's verb sells or buys ("sell KHJ-TV to
    Walt Disney Co for 217 mln dlrs")."""
    lex, doc, span = fig.lex, fig.span.doc, fig.span
    if metric not in lex.subjects.get("target_metrics", ()):
        return None
    preps = set(lex.subjects.get("target_preps", ()))
    for token in doc[span.end:min(span.sent.end, span.end + 6)]:
        if token.lower_ in preps:
            return _company_at(fig, token.i + 1)
        if _breaks(token):
            break
    for token in reversed(doc[span.sent.start:span.start]):
        if _breaks(token) and token.text not in (",",):
            break
        if token.lower_ in preps and (named := _company_at(fig, token.i + 1)) is not None \
                and named.end <= span.start:
            return named
    return _object_sold(fig)


def _breaks(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.text in (",", ";", ".")


def _object_sold(fig: Figure) -> Span | None:
    """The named object of the verb a figure's "for" hangs from ("sell KHJ-TV ... for
    217 mln dlrs")."""
    prep = next((a for a in fig.span.root.ancestors if a.dep_ == "prep"), None)
    if prep is None or prep.lower_ != "for" or prep.head.pos_ != "VERB":
        return None
    obj = next((c for c in prep.head.children if c.dep_ == "dobj"
                and (c.pos_ == "PROPN" or c.ent_type_ == "ORG")), None)
    return _company_at(fig, obj.left_edge.i) if obj is not None else None


#: the possessive ending as the wire writes it
_POSSESSIVES = {"'s", "\u2019s"}
#: entity types a company's name may be tagged with ("Harper and Row" as a work of art)
_ANY_NAME = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "NORP", "GPE"}


def _company_at(fig: Figure, i: int) -> Span | None:
    """The company whose name starts at token i: in angle brackets, an organisation, a
    name ending in a corporate suffix, or one the story named before."""
    doc = fig.span.doc
    while i < len(doc) and (doc[i].is_space or doc[i].lower_ == "the"):
        i += 1
    if i >= len(doc):
        return None
    if doc[i].text == "<":
        return _bracketed_at(doc, i)
    names = [e for e in doc.ents if e.start == i and e.label_ in _ANY_NAME]
    if doc[i].pos_ == "PROPN":  # the proper nouns from i, joined ("Harwood and Pell Inc")
        names.append(_joined_run(doc, i))
    return next((n for n in names if _company_name(fig, n)), None)


def _bracketed_at(doc, i: int) -> Span | None:
    """The name in angle brackets opened at token i ("<Nippon Lace Co Ltd>"), not a ticker."""
    close = next((t.i for t in doc[i + 1:i + 14] if t.text == ">"), None)
    name = doc[i + 1:close] if close else None
    return name if name is not None and len(name) and any(c.islower() for c in name.text) else None


def _joined_run(doc, i: int) -> Span:
    """The proper nouns from token i and the words that join a name, ending on a proper noun."""
    run = doc[i:i + 1]
    while run.end < len(doc) and run.end - i < 8 and (doc[run.end].pos_ == "PROPN" or joins_name(doc[run.end])):
        run = doc[i:run.end + 1]
    while len(run) > 1 and run[-1].pos_ != "PROPN":
        run = run[:-1]
    return run


def _company_name(fig: Figure, name: Span) -> bool:
    """Is a name in the body a company's: an organisation, a name ending in a corporate
    suffix, or (a short name of) one the story named before?"""
    lex = fig.lex
    if is_source_body(name.text, lex) or any(t.i in fig.index.figures for t in name) \
            or name.start_char <= fig.index.headline_end:  # the tagger reads capitals as names
        return False
    key = subject_key(name.text, lex)
    suffixed = is_suffix(name[-1].text, lex)
    known = any(short_name_of(key, k) for k in fig.story.known)
    return bool(key) and (name.label_ == "ORG" or suffixed or known)


def read_lead(fig: Figure) -> None:
    """The company of a story whose first line is no wire headline in capitals (today's
    copy: "-- BellSouth profit up"): the first company its body names with a ticker or a
    corporate suffix ("BellSouth Corp. BLS.N posted ...") when the first line holds one of
    its words. It becomes the story's lead, and its subject until another is named."""
    story, index = fig.story, fig.index
    if story.lead is not None or index.headline_end >= 0 or story.last is not None:
        return  # read once, at the story's first figure
    first = index.text.split("\n", 1)[0]
    named = lead_company(index.doc, first, len(first), fig.lex) or _described_lead(fig, first)
    if named is None:
        return
    text = " ".join(named.text.split()).strip("<> ")
    subject = known_subject(story, text, fig.lex, ticker_after(index.text, named.end_char))
    story.lead = subject_key(text, fig.lex) or None
    if story.subject is None:
        story.subject = subject


def _described_lead(fig: Figure, first: str) -> Span | None:
    """The first name of the body that the first line holds and that the body sets beside a
    company noun or names with its shares ("Nestle, the world's largest food company, beat
    forecasts" under "-- Nestle Q1 sales surge"), whatever the tagger made of it."""
    doc, lex = fig.span.doc, fig.lex
    head_words = set(re.findall(r"\w+", first.lower()))
    names = [e for e in doc.ents if e.label_ in _ANY_NAME - {"PERSON"} and (described(e, lex) or listed(e, lex))]
    names += [_compound_run(t) for t in doc if t.pos_ == "PROPN" and not t.ent_type_ and described(doc[t.i:t.i + 1], lex)]
    return next((n for n in sorted(names, key=lambda n: n.start) if n.start_char > len(first)
                 and not is_source_body(n.text, lex)
                 and any(len(w) > 2 and w in head_words for w in subject_key(n.text, lex).split())), None)


def _compound_run(token: Token) -> Span:
    """A proper noun with the proper nouns compounded before it ("Alpen Dairy")."""
    start = token.i
    while start > 0 and token.doc[start - 1].dep_ == "compound" and token.doc[start - 1].pos_ == "PROPN":
        start -= 1
    return token.doc[start:token.i + 1]


def subject_of(fig: Figure, metric: str | None, table_row: bool) -> Subject | None:
    """The subject of a figure, and ``subject`` in ``fig.guessed`` when it is carried
    without a cue or cannot be told."""
    story, subjects = fig.story, fig.lex.subjects
    read_lead(fig)
    if table_row:
        if story.subject is None:
            fig.guessed.add("subject")
        return story.subject
    if metric in subjects.get("person_metrics", ()):
        return person_subject(fig)  # "Trump received 37 percent"
    if metric in subjects.get("index_metrics", ()):
        return market_subject(fig)  # "the Dow fell 1.8 percent"
    if metric in subjects.get("region_metrics", ()):
        return region_subject(fig)  # "In Ohio, the turnout was about 41%"
    scope = fig.lex.scope(metric)
    if metric is not None and scope not in subjects["company_scopes"]:
        # "35 pct of its total production": the company's; else a country's statistic
        return story.subject if company_possessive(fig) else None
    return company_subject(fig, metric, scope)


def market_subject(fig: Figure) -> Subject | None:
    """The index of an index level or move, unless a company named as the subject of the
    figure's verb owns it ("Amgen Inc, the world's largest biotechnology company, rose 2.1
    percent": a share's move read as the market's); no index is carried to such a figure."""
    ents = [e for e in candidates(fig) if not _counterparty(e, fig.lex)]
    owner = owner_entity(fig, ents) if ents else None
    if owner is not None:
        return entity_subject(fig, owner)
    return index_subject(fig, carry=not any(e.label_ == "ORG" for e in fig.span.sent.ents))


def company_subject(fig: Figure, metric: str | None, scope: str | None) -> Subject | None:
    """The company, index or market of a company or market figure: a takeover target, the
    headline's company, the one its sentence names, a named unit, else the story's."""
    story = fig.story
    target = target_of(fig, metric)
    if target is not None:  # the takeover target is its own subject
        return known_subject(story, " ".join(target.text.split()), fig.lex,
                             ticker_after(fig.index.text, target.end_char))
    if in_headline(fig) and story.lead is not None and not story.headline.unit:
        return story.subject  # "XEROX CREDIT <XRX> NOTES YIELD 8.061 PCT"
    item = listed_item(fig) if scope == "company" else None
    if item is not None:  # "up at five casinos: Golden Nugget by 29 percent; Resorts by 17.6 percent"
        return entity_subject(fig, item)
    named = named_subject(fig)
    unit = unit_word(fig)
    if unit is not None:  # "its principal subsidiary had a net loss of ...": the unit's
        own = unit_subject(fig, unit)
        if own is not None:
            return own
        fig.guessed.add("subject")
    if named is False:
        fig.guessed.add("subject")
        return None
    if named is not None:
        story.subject = named
        return named
    if scope == "market":
        return None  # a rate or price is carried to no company without a name
    return carried_subject(fig, scope)


def listed_item(fig: Figure) -> Span | None:
    """The name a figure of a list is given to: right before "by" ("Golden Nugget by 29
    percent; Resorts by 17.6 percent") or right after "at" ("17.7 percent at Trump Taj
    Mahal, 5.5 percent at Bally's"), the name standing alone between the list's marks."""
    return _item_before_by(fig) or _item_after_at(fig)


def _item_before_by(fig: Figure) -> Span | None:
    doc, span = fig.span.doc, fig.span
    if span.start < 2 or doc[span.start - 1].lower_ != "by":
        return None
    end = start = span.start - 1
    while start > span.sent.start and _in_name(doc[start - 1]):
        start -= 1
    opens = start == span.sent.start or doc[start - 1].text in {",", ";", ":", "and"}
    return doc[start:end] if start < end and opens and _in_name(doc[start]) and doc[start].text[:1].isupper() else None


def _item_after_at(fig: Figure) -> Span | None:
    doc, span = fig.span.doc, fig.span
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "at" or doc[span.end + 1].pos_ != "PROPN":
        return None
    run = proper_run_from(doc[span.end + 1])
    after = doc[run.end] if run.end < len(doc) else None
    closes = after is None or after.text in {",", ";", ".", "and"} or after.text in _POSSESSIVES
    return run if closes and run.root.ent_type_ not in {"GPE", "LOC", "DATE"} else None


def _in_name(token: Token) -> bool:
    """A word of a listed name: a proper noun, a word tagged as an organisation's, "'s"."""
    return token.pos_ == "PROPN" or token.ent_type_ == "ORG" or token.text in _POSSESSIVES


def carried_subject(fig: Figure, scope: str | None) -> Subject | None:
    """The story's company for a figure whose sentence names none: a guess unless the
    sentence points back at it ("the company said"), in a story not about a unit."""
    story = fig.story
    unit_story = story.headline is not None and story.headline.unit
    if story.subject is not None and (unit_story or not points_back(fig)):
        fig.guessed.add("subject")
    elif story.subject is None and scope == "company":
        fig.guessed.add("subject")
    return story.subject
